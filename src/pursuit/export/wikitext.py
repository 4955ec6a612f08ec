"""Wikitext in the conventions of Wikipedia's Olympic results pages.

`{| class="wikitable"` tables with a `!` header row, the cyclist linked as `[[Name]]`, the
nation as `{{flagIOC|SUI|1968 Summer}}` (the Games when the title names them), headings
`==Results==`, `===Qualifying round===`, `====Quarterfinal 1====` as on those pages. In the
final classification a shared rank is one `rowspan=N` cell; the medal places of a complete
competition carry the `{{gold medal}}`, `{{silver medal}}` and `{{bronze medal}}` icons.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from pursuit.export.layout import Table, games, rank_groups, record_notes, sections
from pursuit.views.known import NOT_PLACED, notes_cell, rank_mark
from pursuit.views.results import ResultsView

ROUND_HEADER = ("Rank", "Cyclist", "Nation", "Time", "Notes")
CLASSIFICATION_HEADER = ("Rank", "Name", "Nation")
MEDALS = {"1": "{{gold medal}}", "2": "{{silver medal}}", "3": "{{bronze medal}}"}

# Markup that would change the meaning of a cell: pipes, brackets, braces, bold/italic
# quotes, signatures, and characters that start a line of table or list syntax.
_MARKUP = re.compile(r"[|\[\]{}]|''|~~~|^[-+!*#:;=]")
_NOT_IN_TITLES = re.compile(r"[#<>\[\]|{}]")


def render(view: ResultsView) -> str:
    """The Results and Final classification sections, ending with one newline."""
    flag = _Flag(games(view))
    blocks: list[str] = ["==Results=="]
    for section in sections(view):
        blocks.append(f"==={_plain(section.title)}===")
        for table in section.tables:
            if table.title is not None:
                blocks.append(f"===={_plain(table.title)}====")
            blocks.append(_round_table(table, flag))
    blocks.append("==Final classification==")
    blocks.append(_classification(view, flag))
    if notes := record_notes(view):
        blocks.append("==Records==")
        blocks.append(
            "\n".join(f"* {_plain(r)}, {_plain(n)}: {_plain(said)}" for r, n, said in notes)
        )
    return "\n\n".join(blocks) + "\n"


class _Flag:
    """The nation cell: a flagIOC template, with the Games when known; '' when unknown."""

    def __init__(self, games: str) -> None:
        self.games = games

    def __call__(self, nation: str) -> str:
        if not nation:
            return ""
        code = _plain(nation)
        return f"{{{{flagIOC|{code}|{self.games}}}}}" if self.games else f"{{{{flagIOC|{code}}}}}"


def _round_table(table: Table, flag: _Flag) -> str:
    header = ROUND_HEADER if table.notes else ROUND_HEADER[:-1]
    lines = _open(header)
    for r in table.rows:
        note = notes_cell(r.note, "", r.lineup, r.dropped)  # basis: in show, JSON, web, sheets
        rank = rank_mark(r.rank, r.shared)
        cells = [_plain(rank), _link(r.name), flag(r.nation), _plain(r.time), _plain(note)]
        lines += ["|-", _cells(cells[: len(header)])]
    return "\n".join([*lines, "|}"])


def _classification(view: ResultsView, flag: _Flag) -> str:
    lines = _open(CLASSIFICATION_HEADER)
    for group in rank_groups(view.classification):
        rank = MEDALS.get(group[0].rank, "") if view.complete else ""
        rank = rank or _plain(group[0].rank or NOT_PLACED)  # a shared rank: one rowspan cell
        if len(group) > 1:
            rank = f"rowspan={len(group)} | {rank}"
        for i, place in enumerate(group):
            cells = [_link(place.name), flag(place.nation)]
            lines += ["|-", _cells([rank, *cells] if i == 0 else cells)]
    return "\n".join([*lines, "|}"])


def _open(header: Sequence[str]) -> list[str]:
    return ['{| class="wikitable"', "! " + " !! ".join(header)]


def _cells(cells: Sequence[str]) -> str:
    return ("|" + "||".join(f" {c} " if c else " " for c in cells)).rstrip()


def _link(name: str) -> str:
    """`[[Name]]`, or the plain name when it cannot be a page title; '' for a vacant place."""
    if not name:
        return ""
    if _NOT_IN_TITLES.search(name) or _MARKUP.search(name):
        return _plain(name)
    return f"[[{html.escape(' '.join(name.split()), quote=False)}]]"


def _plain(text: str) -> str:
    """Text that renders as itself: one line, HTML escaped, markup kept inert."""
    text = html.escape(" ".join(text.split()), quote=False)
    return f"<nowiki>{text}</nowiki>" if _MARKUP.search(text) else text
