"""What `pursuit show` prints, laid out like a results article, before any terminal library
sees it: lines of text and tables, each with the style it is shown in on a terminal.
`cli/terminal.py` hands them to Rich; `cli/plain_text.py` writes them itself when the output
is not a terminal."""

from __future__ import annotations

from dataclasses import dataclass

from pursuit.views.known import decided_by_words, lineup_text, notes_cell, rank_mark
from pursuit.views.results import PlaceView, ResultsView, RoundView, RowView


@dataclass(frozen=True)
class Line:
    """A line of text in a table cell, with its style."""

    text: str
    style: str = ""  # Rich's style name: "bold", "dim", "yellow"


Cell = tuple[Line, ...]  # a cell of one line, or more (a team's line-up under its name)


@dataclass(frozen=True)
class Grid:
    """A table: a title above, columns (header, right-aligned?), rows of cells, a caption."""

    title: str
    columns: tuple[tuple[str, bool], ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""


Block = Grid | tuple[Line, ...]  # a table, or lines of text


def cell(text: str) -> Cell:
    return (Line(text),)


def header(view: ResultsView) -> tuple[Line, ...]:
    c = view.competition
    facts = [
        c.venue,
        " to ".join(c.dates) if len(c.dates) <= 2 else ", ".join(c.dates),
        f"{c.distance_m:,} m on a {c.track_length_m:g} m track"
        if c.track_length_m is not None
        else f"{c.distance_m:,} m, track length unknown",
        f"times to {c.precision} s",
    ]
    lines = [
        Line(c.title, "bold"),
        Line(" · ".join(f for f in facts if f), "dim"),
        Line(f"Format: {c.format_title}", "dim"),
    ]
    if not view.complete:
        lines.append(Line("Provisional: the competition is not complete.", "yellow"))
    return tuple(lines)


def round_blocks(view: ResultsView) -> list[Block]:
    out: list[Block] = []
    for rnd in view.rounds:
        if rnd.kind == "timed":
            if rnd.ranking:
                out.append(_rows_grid(rnd.name, rnd.ranking))
        else:
            out.extend(_heat_blocks(rnd))
    return out


def _heat_blocks(rnd: RoundView) -> list[Block]:
    blocks: list[Block] = []
    for heat in rnd.heats:
        if heat.rides:
            caption = f"decided {decided_by_words(heat.decided_by)}" if heat.decided_by else ""
            blocks.append(_rows_grid(heat.title, heat.rides, caption))
        elif any(heat.expected):
            pair = " v ".join(n or "to be decided" for n in heat.expected)
            blocks.append((Line(f"{heat.title}: {pair}", "dim"),))
    return blocks


ROW_COLUMNS = (("Rank", True), ("Cyclist", False), ("Nation", False), ("Time", True))


def _rows_grid(title: str, rows: tuple[RowView, ...], caption: str = "") -> Grid:
    body = tuple(
        (
            cell(rank_mark(r.rank, r.shared)),
            _name(r),
            cell(r.nation),
            cell(r.time),
            cell(notes_cell(r.note, r.basis_note, (), ())),  # the line-up: under the name
        )
        for r in rows
    )
    return Grid(title, (*ROW_COLUMNS, ("Notes", False)), body, caption)


def _name(row: RowView) -> Cell:
    """The name; a team's line-up below it, a rider who dropped said so."""
    if not row.lineup:
        return cell(row.name)
    return (Line(row.name), Line(lineup_text(row.lineup, row.dropped), "dim"))


def classification_grid(places: tuple[PlaceView, ...]) -> Grid:
    rows = []
    for p in places:  # a shared rank on every row ("=5"), no place "–": never a blank
        name = p.name if not p.vacant else "(vacant)"
        if p.awarded:
            name = f"{name} ({p.awarded})"
        rows.append((cell(rank_mark(p.rank, p.shared)), cell(name), cell(p.nation)))
    columns = (("Rank", True), ("Name", False), ("Nation", False))
    return Grid("Final classification", columns, tuple(rows))


def decisions_grid(view: ResultsView) -> Grid | None:
    """The rulings after the race, in the order taken: who, when, what, where and why."""
    if not view.decisions:
        return None
    rows = []
    for d in view.decisions:
        reason = f"{d.reason} ({d.reference})" if d.reference else d.reason
        date = f"{d.date} ({d.basis})" if d.date and d.basis else d.date
        rows.append((cell(date), cell(d.authority), cell(d.what), cell(reason)))
    columns = tuple((name, False) for name in ("Date", "Authority", "Decision", "Reason"))
    return Grid("Decisions", columns, tuple(rows))


def findings(view: ResultsView) -> tuple[Line, ...] | None:
    if not view.findings:
        return None
    count = len(view.findings)
    found = f"{count} inconsistenc{'y' if count == 1 else 'ies'} found:"
    lines = [Line(found, "yellow bold")]
    lines += [
        Line(f"  {f.place}: {f.message}" if f.place else f"  {f.message}") for f in view.findings
    ]
    return tuple(lines)


def results_blocks(view: ResultsView) -> list[Block]:
    """Everything `pursuit show` prints, in order."""
    blocks: list[Block] = [header(view), *round_blocks(view)]
    blocks.append(classification_grid(view.classification))
    for last in (decisions_grid(view), findings(view)):
        if last is not None:
            blocks.append(last)
    return blocks
