"""The article layout the document exporters share: sections, tables, rank groups, dates.

A results article (like the published 1968 one) shows a timed round as one ranking table,
a knockout round as one table per heat under the heat's title, and gathers the closing
single-heat rounds (bronze medal match, final) under one "Finals" heading. Markdown and
wikitext both render this layout, so they always agree on what goes where.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pursuit.views.results import HeatView, PlaceView, ResultsView, RoundView, RowView

FINALS = "Finals"
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, slots=True)
class Table:
    title: str | None  # a heat heading; None when the section is the table
    rows: tuple[RowView, ...]
    notes: bool  # whether the table has a Notes column


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    tables: tuple[Table, ...]


def sections(view: ResultsView) -> tuple[Section, ...]:
    """The round sections of the article, in running order."""
    nations = _nations(view)
    out: list[Section] = []
    finals: list[Table] = []

    def close_finals() -> None:
        if len(finals) == 1:
            out.append(Section(finals[0].title or FINALS, (_untitled(finals[0]),)))
        elif finals:
            out.append(Section(FINALS, tuple(finals)))
        finals.clear()

    for rnd in view.rounds:
        if _is_final(rnd):
            rows = _heat_rows(rnd.heats[0], nations)
            finals.append(Table(rnd.heats[0].title, rows, any(r.note for r in rows)))
            continue
        close_finals()
        if rnd.kind == "knockout":
            tables = tuple(Table(h.title, _heat_rows(h, nations), True) for h in rnd.heats)
        else:
            tables = (Table(None, rnd.ranking, True),)
        out.append(Section(rnd.name, tables))
    close_finals()
    return tuple(out)


def rank_groups(places: Sequence[PlaceView]) -> list[list[PlaceView]]:
    """Consecutive places with the same non-empty rank label, e.g. the shared 5th or 'AC'."""
    groups: list[list[PlaceView]] = []
    for place in places:
        if groups and place.rank and groups[-1][0].rank == place.rank:
            groups[-1].append(place)
        else:
            groups.append([place])
    return groups


def format_dates(dates: Sequence[str]) -> str:
    """ISO dates as prose: '17–18 October 1968'; anything unparsable is shown as given."""
    try:
        days = sorted(date.fromisoformat(d) for d in dates)
    except ValueError:
        return ", ".join(dates)
    if not days:
        return ""
    first, last = days[0], days[-1]
    if first == last:
        return _day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{_day(last)}"
    if first.year == last.year:
        return f"{first.day} {_MONTHS[first.month - 1]} – {_day(last)}"
    return f"{_day(first)} – {_day(last)}"


def metres(value: float) -> str:
    """A length in metres without a needless '.0': 4000 m, 333.33 m."""
    return f"{value:g} m"


def games(view: ResultsView) -> str:
    """The Olympic Games a competition belongs to ('1968 Summer'), or '' when not Olympic."""
    title = view.competition.title
    season = re.search(r"\b(Summer|Winter) Olympics\b", title)
    if season is None:
        return ""
    year = re.search(r"\b(\d{4}) (?:Summer|Winter) Olympics\b", title)
    if year is not None:
        return f"{year.group(1)} {season.group(1)}"
    dates = view.competition.dates
    if dates and re.match(r"\d{4}-", dates[0]):
        return f"{dates[0][:4]} {season.group(1)}"
    return ""


def _is_final(rnd: RoundView) -> bool:
    """A knockout round that is its own single heat: a medal final."""
    return rnd.kind == "knockout" and len(rnd.heats) == 1 and rnd.heats[0].title == rnd.name


def _untitled(table: Table) -> Table:
    return Table(None, table.rows, table.notes)


def _heat_rows(heat: HeatView, nations: dict[str, str]) -> tuple[RowView, ...]:
    """The heat's rides, or, before it is ridden, who the format puts there."""
    if heat.rides:
        return heat.rides
    return tuple(
        RowView("", name, nations.get(name, ""), "", heat=heat.number) for name in heat.expected
    )


def _nations(view: ResultsView) -> dict[str, str]:
    known = {p.name: p.nation for p in view.classification if p.name}
    known.update({r.name: r.nation for rnd in view.rounds for r in rnd.ranking})
    return known


def _day(day: date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def record_notes(view: ResultsView) -> list[tuple[str, str, str]]:
    """(round name, rider, the mark in words) of each ride marked with a recognised record:
    to be ratified, and the record it beat. Typed records have none."""
    return [
        (rnd.name, row.name, row.record_note)
        for rnd in view.rounds
        for row in rnd.ranking
        if row.record_note
    ]
