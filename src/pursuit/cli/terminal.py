"""Render the results view for a terminal with Rich, laid out like a results article."""

from __future__ import annotations

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from pursuit.views.known import decided_by_words, lineup_text, notes_cell, rank_mark
from pursuit.views.results import PlaceView, ResultsView, RoundView, RowView


def header(view: ResultsView) -> RenderableType:
    c = view.competition
    lines = [Text(c.title, style="bold")]
    facts = [
        c.venue,
        " to ".join(c.dates) if len(c.dates) <= 2 else ", ".join(c.dates),
        f"{c.distance_m:,} m on a {c.track_length_m:g} m track"
        if c.track_length_m is not None
        else f"{c.distance_m:,} m, track length unknown",
        f"times to {c.precision} s",
    ]
    lines.append(Text(" · ".join(f for f in facts if f), style="dim"))
    lines.append(Text(f"Format: {c.format_title}", style="dim"))
    if not view.complete:
        lines.append(Text("Provisional: the competition is not complete.", style="yellow"))
    return Group(*lines)


def round_tables(view: ResultsView) -> list[RenderableType]:
    out: list[RenderableType] = []
    for rnd in view.rounds:
        if rnd.kind == "timed":
            if rnd.ranking:
                out.append(_rows_table(rnd.name, rnd.ranking, notes=True))
        else:
            out.extend(_heat_tables(rnd))
    return out


def _heat_tables(rnd: RoundView) -> list[RenderableType]:
    tables: list[RenderableType] = []
    for heat in rnd.heats:
        if heat.rides:
            table = _rows_table(heat.title, heat.rides, notes=True)
            if heat.decided_by:
                table.caption = f"decided {decided_by_words(heat.decided_by)}"
                table.caption_justify, table.caption_style = "left", "dim"
            tables.append(table)
        elif any(heat.expected):
            pair = " v ".join(n or "to be decided" for n in heat.expected)
            tables.append(Text(f"{heat.title}: {pair}", style="dim"))
    return tables


def _rows_table(title: str, rows: tuple[RowView, ...], *, notes: bool) -> Table:
    table = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD)
    table.add_column("Rank", justify="right")
    table.add_column("Cyclist")
    table.add_column("Nation")
    table.add_column("Time", justify="right")
    if notes:
        table.add_column("Notes")
    for r in rows:
        cells: list[RenderableType] = [rank_mark(r.rank, r.shared), _name(r), r.nation, r.time]
        if notes:
            cells.append(notes_cell(r.note, r.basis_note, (), ()))  # the line-up: under the name
        table.add_row(*cells)
    return table


def _name(row: RowView) -> RenderableType:
    """The name; a team's line-up below it, a rider who dropped said so."""
    if not row.lineup:
        return row.name
    riders = lineup_text(row.lineup, row.dropped)
    return Text.assemble(row.name, "\n", (riders, "dim"))


def classification_table(places: tuple[PlaceView, ...]) -> Table:
    table = Table(
        title="Final classification", title_justify="left", title_style="bold", box=box.SIMPLE_HEAD
    )
    table.add_column("Rank", justify="right")
    table.add_column("Name")
    table.add_column("Nation")
    for p in places:  # a shared rank on every row ("=5"), no place "–": never a blank
        name = p.name if not p.vacant else "(vacant)"
        if p.awarded:
            name = f"{name} ({p.awarded})"
        table.add_row(rank_mark(p.rank, p.shared), name, p.nation)
    return table


def decisions_table(view: ResultsView) -> Table | None:
    """The rulings after the race, in the order taken: who, when, what, where and why."""
    if not view.decisions:
        return None
    table = Table(title="Decisions", title_justify="left", title_style="bold", box=box.SIMPLE_HEAD)
    for column in ("Date", "Authority", "Decision", "Reason"):
        table.add_column(column)
    for d in view.decisions:
        reason = f"{d.reason} ({d.reference})" if d.reference else d.reason
        date = f"{d.date} ({d.basis})" if d.date and d.basis else d.date
        table.add_row(date, d.authority, d.what, reason)
    return table


def findings_summary(view: ResultsView) -> RenderableType | None:
    if not view.findings:
        return None
    count = len(view.findings)
    found = f"{count} inconsistenc{'y' if count == 1 else 'ies'} found:"
    lines = [Text(found, style="yellow bold")]
    lines += [
        Text(f"  {f.place}: {f.message}" if f.place else f"  {f.message}") for f in view.findings
    ]
    return Group(*lines)


def print_results(console: Console, view: ResultsView) -> None:
    console.print(header(view))
    for table in round_tables(view):
        console.print(table)
    console.print(classification_table(view.classification))
    decisions = decisions_table(view)
    if decisions is not None:
        console.print(decisions)
    summary = findings_summary(view)
    if summary is not None:
        console.print(summary)
