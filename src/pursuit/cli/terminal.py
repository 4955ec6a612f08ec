"""Render the results view for a terminal with Rich, laid out like a results article
(`cli/text_blocks.py`). When the output is not a terminal and so takes no colour, the same
characters are written without Rich's layout engine (`cli/plain_text.py`) where it can."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, cast

from pursuit.cli.text_blocks import Block, Grid, Line, classification_grid, results_blocks
from pursuit.views.results import PlaceView, ResultsView

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.table import Table


def renderable(block: Block) -> RenderableType:
    """A block as Rich draws it: text cells as strings (Rich reads its markup in them), a
    cell of several lines as a Text."""
    from rich import box
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    if not isinstance(block, Grid):
        texts = [Text(line.text, style=line.style) for line in block]
        return texts[0] if len(texts) == 1 else Group(*texts)
    table = Table(title=block.title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD)
    for header, right in block.columns:
        if right:
            table.add_column(header, justify="right")
        else:
            table.add_column(header)
    for row in block.rows:
        table.add_row(*(_cell(c) for c in row))
    if block.caption:
        table.caption = block.caption
        table.caption_justify, table.caption_style = "left", "dim"
    return table


def _cell(lines: tuple[Line, ...]) -> RenderableType:
    from rich.text import Text

    if len(lines) == 1 and not lines[0].style:
        return lines[0].text
    parts: list[str | tuple[str, str]] = []
    for i, line in enumerate(lines):
        if i:
            parts.append("\n")
        parts.append((line.text, line.style) if line.style else line.text)
    return Text.assemble(*parts)


def classification_table(places: tuple[PlaceView, ...]) -> Table:
    return cast("Table", renderable(classification_grid(places)))  # a Grid makes a Table


PLAIN_WIDTH = 100  # the width Rich is given off a terminal (`results_commands._console`)


def takes_plain_text() -> bool:
    """Standard output is not a terminal and nothing asks Rich for one (`TTY_COMPATIBLE=1`,
    `FORCE_COLOR`): Rich would print no colour, so the plain writer may print without it."""
    if os.environ.get("TTY_COMPATIBLE") == "1" or os.environ.get("FORCE_COLOR"):
        return False
    try:
        return not sys.stdout.isatty()
    except ValueError:  # a closed stream: Rich decides
        return False


def print_plain(view: ResultsView) -> bool:
    """Write `view` as plain text without making a Rich console; False where Rich is needed."""
    from pursuit.cli.plain_text import plain_text

    text = plain_text(results_blocks(view), PLAIN_WIDTH)
    if text is None:
        return False
    sys.stdout.write(text)
    sys.stdout.flush()
    return True


def print_results(console: Console, view: ResultsView) -> None:
    blocks = results_blocks(view)
    if console.color_system is None and not console.is_terminal:
        from pursuit.cli.plain_text import plain_text

        text = plain_text(blocks, console.width)
        if text is not None:
            console.file.write(text)
            console.file.flush()
            return
    for block in blocks:
        console.print(renderable(block))
