"""`pursuit show` writes plain text itself when the output takes no colour: the very
characters Rich would print, or Rich prints them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from pursuit.app.file_results import compute_file
from pursuit.cli.plain_text import plain_text
from pursuit.cli.terminal import print_results, renderable
from pursuit.cli.text_blocks import Grid, Line, cell, results_blocks

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
WIDTHS = (30, 60, 80, 100, 160)


def by_rich(blocks: list, width: int) -> str:
    out = io.StringIO()
    console = Console(file=out, width=width, highlight=False)
    for block in blocks:
        console.print(renderable(block))
    return out.getvalue()


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_plain_text_is_what_rich_prints_or_nothing(example: Path) -> None:
    blocks = results_blocks(compute_file(example).view)
    for width in WIDTHS:
        plain = plain_text(blocks, width)
        if plain is not None:
            assert plain == by_rich(blocks, width), width


def test_the_1968_results_are_written_plain_at_the_width_show_uses() -> None:
    view = compute_file(ROOT / "examples" / "mexico-1968-men-individual-pursuit.toml").view
    plain = plain_text(results_blocks(view), 100)
    assert plain is not None
    shown = io.StringIO()
    print_results(Console(file=shown, width=100, highlight=False), view)
    assert shown.getvalue() == plain


@pytest.mark.parametrize(
    "text",
    [
        "a [bold]name[/bold]",
        "two :smile: colons",
        "a\ttab",
        "wide 東京",
        "e\u0301 combined",
        "two\nlines",
    ],
)
def test_text_rich_would_read_or_measure_otherwise_is_left_to_rich(text: str) -> None:
    grid = Grid("Title", (("Name", False), ("Time", True)), ((cell(text), cell("4:40.41")),))
    assert plain_text([grid], 100) is None
    if "\n" not in text:  # a line of text may hold several: they are wrapped one by one
        assert plain_text([(Line(text),)], 100) is None


def test_a_table_wider_than_the_page_is_left_to_rich_and_a_long_title_wraps_as_rich_does() -> None:
    row = (cell("1"), (Line("Team"), Line("A, B, C, D", "dim")), cell("4:40.41"))
    grid = Grid(
        "A title longer than the table is wide",
        (("R", True), ("N", False), ("T", True)),
        (row,),
        "decided by a catch",
    )
    assert plain_text([grid], 20) is None
    plain = plain_text([grid], 40)
    assert plain is not None
    assert plain == by_rich([grid], 40)


@pytest.mark.parametrize("width", [10, 12, 14, 23, 40])
def test_lines_of_text_wrap_at_word_ends_as_rich_wraps_them(width: int) -> None:
    lines = (Line("Mexico City · 1968-10-17 to 1968-10-18 · 4,000 m"), Line("two\nparagraphs here"))
    plain = plain_text([lines], width)
    assert plain is not None
    assert plain == by_rich([lines], width)
