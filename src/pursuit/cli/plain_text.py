"""The blocks of `pursuit show` as plain text, character for character as Rich lays them out
without colour (tables in box SIMPLE_HEAD, one space of padding, titles and captions on the
left, lines wrapped at word ends) — for what Rich's layout engine would spend tens of
milliseconds on. Only the plain case is written here: a table wider than the page, a word
longer than a line, text Rich would read as markup or emoji, or a character that is not one
cell wide gives None, and Rich draws it all."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pursuit.cli.text_blocks import Block, Grid, Line

_WORD = re.compile(r"\s*\S+\s*")
_NOT_PLAIN = re.compile(r"[\[\]\\\t]|:\S*:")  # markup, escapes, tabs, a possible :emoji:
_ONE_CELL = "".join(
    f"{chr(a)}-{chr(b)}"
    for a, b in ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x2010, 0x2027))
)
_ONE_CELL_ONLY = re.compile(f"[{_ONE_CELL}\n]*")


class _Unplain(Exception):
    """Something only Rich lays out right."""


def plain_text(blocks: list[Block], width: int) -> str | None:
    """The blocks as Rich prints them at `width` columns without colour, or None."""
    out: list[str] = []
    try:
        for block in blocks:
            if isinstance(block, Grid):
                out.extend(_grid(block, width))
            else:
                for line in block:
                    out.extend(_wrap(_checked(line.text), width))
    except _Unplain:
        return None
    return "".join(f"{line}\n" for line in out)


def _checked(text: str) -> str:
    if _NOT_PLAIN.search(text) or not _ONE_CELL_ONLY.fullmatch(text):
        raise _Unplain
    return text


def _wrap(text: str, width: int, pad: bool = False) -> Iterator[str]:
    """Rich's word wrap (`rich._wrap.divide_line`) for words that fit on a line; `pad`
    fills each line to `width` (justified left)."""
    for paragraph in text.split("\n"):
        lines: list[str] = []
        current = ""
        for match in _WORD.finditer(paragraph):
            word = match.group(0)
            if len(word.rstrip()) > width:
                raise _Unplain
            if current and len(current) + len(word.rstrip()) > width:
                lines.append(current)
                current = word
            else:
                current += word
        lines.append(current)
        for line in lines:
            if len(line) > width:  # only spaces past the edge: Rich drops them
                line = line[:width]
            yield line.ljust(width) if pad else line


def _grid(grid: Grid, width: int) -> Iterator[str]:
    header = tuple((Line(name),) for name, _ in grid.columns)
    rows = [header, *grid.rows]
    for row in rows:
        for cell in row:
            for line in cell:
                if "\n" in _checked(line.text):  # lines within a cell: Rich measures them
                    raise _Unplain
    widths = [max(len(line.text) for row in rows for line in row[i]) for i in range(len(header))]
    total = sum(widths) + 3 * len(widths) + 1  # one space of padding each side, a rule between
    if total > width:
        raise _Unplain
    right = [r for _, r in grid.columns]
    yield from _wrap(_checked(grid.title), total, pad=True)
    yield " " * total
    yield from _row(header, widths, right)
    yield " " + "─".join("─" * (w + 2) for w in widths) + " "
    for row in grid.rows:
        yield from _row(row, widths, right)
    yield " " * total
    if grid.caption:
        yield from _wrap(_checked(grid.caption), total, pad=True)


def _row(row: tuple[tuple[Line, ...], ...], widths: list[int], right: list[bool]) -> Iterator[str]:
    for i in range(max(len(cell) for cell in row)):
        parts = []
        for cell, w, r in zip(row, widths, right, strict=True):
            text = cell[i].text if i < len(cell) else ""
            parts.append(f" {text.rjust(w) if r else text.ljust(w)} ")
        yield " " + " ".join(parts) + " "
