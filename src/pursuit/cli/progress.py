"""A progress bar for long commands (`pursuit replay`): on standard error, only when it is a
terminal, so pipes and logs get the summary line alone. Drawn by Rich, already used for the
tables."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from pursuit.core.commands import Command


def where(command: Command) -> str:
    """What a step is about, for the bar: "QF heat 2", "Q" or the command's name."""
    round_id = getattr(command, "round", None)
    heat = getattr(command, "heat", None)
    if isinstance(round_id, str) and isinstance(heat, int):
        return f"{round_id} heat {heat}"
    if isinstance(round_id, str):
        return round_id
    return type(command).__name__


@contextmanager
def progress_bar(total: int, shown: bool = True) -> Iterator[Callable[[str], None]]:
    """Yield `advance(label)`, to be called once per step of `total`."""
    if not shown or not sys.stderr.isatty():
        yield lambda label: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("{task.description:<12}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("replaying", total=total)

        def advance(label: str) -> None:
            bar.update(task, advance=1, description=label)

        yield advance
