"""A results article in Markdown, laid out like the published Olympic results article.

A title, a short header, every round (the qualifying ranking as one table, one table per
knockout heat), then the final classification, where a shared rank (the four 5th places,
the 'AC' block) shows its label once, on the first row of the group.
"""

from __future__ import annotations

from collections.abc import Sequence

from pursuit.export.layout import (
    Table,
    format_dates,
    metres,
    record_notes,
    sections,
)
from pursuit.views.known import notes_cell, rank_mark
from pursuit.views.results import ResultsView

ROUND_HEADER = ("Rank", "Cyclist", "Nation", "Time", "Notes")
CLASSIFICATION_HEADER = ("Rank", "Name", "Nation")


def render(view: ResultsView) -> str:
    """The whole article, ending with one newline."""
    blocks: list[str] = [f"# {_text(view.competition.title or view.competition.event)}"]
    blocks.append(_header(view))
    if not view.complete:
        blocks.append("*Provisional: the competition is not complete.*")
    blocks.append("## Results")
    for section in sections(view):
        blocks.append(f"### {_text(section.title)}")
        for table in section.tables:
            if table.title is not None:
                blocks.append(f"#### {_text(table.title)}")
            blocks.append(_round_table(table))
    blocks.append("## Final classification")
    blocks.append(_classification(view))
    if notes := record_notes(view):
        blocks.append("## Records")
        blocks.append("\n".join(f"- {_text(r)}, {_text(n)}: {_text(said)}" for r, n, said in notes))
    if view.findings:
        blocks.append("## Findings")
        blocks.append(
            "\n".join(
                f"- `{f.code}`"
                + (f" ({_text(f.place)})" if f.place else "")
                + f": {_text(f.message)}"
                for f in view.findings
            )
        )
    return "\n\n".join(blocks) + "\n"


def _header(view: ResultsView) -> str:
    comp = view.competition
    facts = (
        ("Venue", comp.venue),
        ("Dates", format_dates(comp.dates)),
        ("Distance", metres(comp.distance_m) if comp.distance_m else ""),
        ("Track length", metres(comp.track_length_m) if comp.track_length_m else "unknown"),
        ("Format", comp.format_title or comp.format_name),
    )
    return "\n".join(f"- **{label}:** {_text(value)}" for label, value in facts if value)


def _round_table(table: Table) -> str:
    header = ROUND_HEADER if table.notes else ROUND_HEADER[:-1]
    lines = [_row(header), _row(["---"] * len(header))]
    for r in table.rows:
        note = notes_cell(r.note, "", r.lineup, r.dropped)  # basis: in show, JSON, web, sheets
        cells = [rank_mark(r.rank, r.shared), r.name, r.nation, r.time, note]
        lines.append(_row(cells[: len(header)]))
    return "\n".join(lines)


def _classification(view: ResultsView) -> str:
    lines = [_row(CLASSIFICATION_HEADER), _row(["---"] * len(CLASSIFICATION_HEADER))]
    for place in view.classification:  # a shared rank on every row: "=5", none "–"
        lines.append(_row([rank_mark(place.rank, place.shared), place.name, place.nation]))
    return "\n".join(lines)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


def _cell(text: str) -> str:
    """Text safe inside a table cell: no line breaks, '|' escaped."""
    return _text(text).replace("|", "\\|")


def _text(text: str) -> str:
    """Text on one line, backslashes escaped so they print as themselves."""
    return " ".join(text.replace("\\", "\\\\").split())
