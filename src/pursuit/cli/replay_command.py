"""`pursuit replay`: feed a recorded competition through the live commands."""

from __future__ import annotations

import time
import tomllib
from pathlib import Path

import typer

from pursuit.app.describe import describe
from pursuit.app.replay import replay_script, run
from pursuit.cli.database import ACTOR, DB, actor, say, service
from pursuit.cli.errors import user_errors
from pursuit.cli.progress import progress_bar, where
from pursuit.core.commands import Command
from pursuit.errors import CompetitionFileError, PursuitError
from pursuit.loading.competition_file import load_competition
from pursuit.loading.format_files import format_definition, preset_names


@user_errors
def replay(
    file: Path = typer.Argument(..., help="A competition file to replay.", show_default=False),
    speed: float = typer.Option(
        60.0, "--speed", help="Times faster than real time; 0 runs without waiting."
    ),
    competition: str | None = typer.Option(
        None,
        "--competition",
        "-c",
        help="Id to replay into (default: from the file name, with -replay).",
        show_default=False,
    ),
    quiet: bool = typer.Option(
        False, "--quiet", "-q", help="Print only the summary line (no progress bar)."
    ),
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Print every event recorded, numbered as the log is."
    ),
    db: str | None = DB,
    who: str | None = ACTOR,
) -> None:
    """Replay a competition live: draws, starts, half-lap splits, catches and finishes,
    in accelerated time. Splits the file does not have are synthesized and marked synthetic.

    By default a progress bar on a terminal and one summary line at the end; --verbose prints
    every event as it is recorded."""
    loaded = load_competition(file)
    if loaded.findings:
        raise CompetitionFileError(f"{file} has inconsistencies; run pursuit check {file}")
    reference = tomllib.loads(file.read_text("utf-8"))["competition"]["format"]
    name = reference if reference in preset_names() else loaded.competition.format.name
    steps = replay_script(loaded.competition, name, format_definition(reference, file.parent))
    cid = competition or file.name.removesuffix(".toml") + "-replay"
    svc = service(db, create=True)
    if svc.store.head(cid):
        raise PursuitError(f"the database already holds {cid!r}; choose another --competition")
    who_ = actor(who)
    count = 0

    def execute(command: Command) -> None:
        nonlocal count
        done = svc.handle(cid, command, who_)
        count += len(done.stored)
        if verbose:
            for e in done.stored:
                say(f"event {e.position}: {describe(e.type, e.data)}")

    with progress_bar(len(steps), shown=not quiet and not verbose) as advance:
        for step in run(steps, execute, speed, time.sleep):
            advance(where(step.command))
    say(f"replayed {file} into {cid}: {count} events")


def register(app: typer.Typer) -> None:
    app.command()(replay)
