"""One sheet as data for the template, and the pieces every sheet shares: its status line,
the records of a round's rides, and the header describing the competition."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from pursuit.charts.model import Plot
from pursuit.sheets.official import SheetStatus
from pursuit.views.results import CompetitionView, ResultsView

if TYPE_CHECKING:
    from pursuit.charts.style import Chart

RECORDS = {"OR": "Olympic record", "WR": "world record"}
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class Sheet:
    """One sheet: `data` is what the template reads; `charts` maps the keys named in
    `data["charts"]` to the charts to draw, drawn only when an output needs them (their layers
    for the PDF sheets, `images` for the web); `plots`: the charts typst draws itself in the PDF
    sheets (`pursuit.charts.model`), by the same keys — those in `charts` too are drawn with
    matplotlib only for the web; `name` is its file stem (start-list-QF, heat-QF-2,
    results-QF, …)."""

    kind: str  # start-list | heat | round | classification
    name: str
    data: dict[str, Any]
    charts: Mapping[str, Chart] = field(default_factory=dict)
    plots: Mapping[str, Plot] = field(default_factory=dict)
    images: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "images", SvgImages(self.charts))


class LazyCharts(Mapping[str, "Chart"]):
    """Charts made the first time they are asked for (so a module drawing them with matplotlib
    is imported only by an output that draws them: the web's SVG, not the PDF sheets)."""

    def __init__(self, makers: Mapping[str, Callable[[], Chart]]) -> None:
        self._makers = makers
        self._made: dict[str, Chart] = {}

    def __getitem__(self, key: str) -> Chart:
        if key not in self._made:
            self._made[key] = self._makers[key]()
        return self._made[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


class SvgImages(Mapping[str, str]):
    """The charts as SVG text, each drawn the first time it is asked for."""

    def __init__(self, charts: Mapping[str, Chart]) -> None:
        self._charts = charts
        self._svg: dict[str, str] = {}

    def __getitem__(self, key: str) -> str:
        if key not in self._svg:
            self._svg[key] = self._charts[key].draw("svg").decode("utf-8")
        return self._svg[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._charts)

    def __len__(self) -> int:
        return len(self._charts)


def prune(
    columns: list[dict[str, str]], groups: list[dict[str, Any]], keep: set[str]
) -> tuple[list[dict[str, str]], list[dict[str, Any]]]:
    """Drop the columns no row fills (except those in `keep`), from the heads and the rows."""
    rows = [row for g in groups for row in g["rows"]]
    used = [
        i
        for i, column in enumerate(columns)
        if column["key"] in keep or any(row[i] for row in rows)
    ]
    pruned = [{**g, "rows": [[row[i] for i in used] for row in g["rows"]]} for g in groups]
    return [columns[i] for i in used], pruned


def status_data(status: SheetStatus) -> dict[str, Any]:
    return {"official": status.official, "label": status.label, "since": status.since}


def record_legend(tags: set[str], recognised: dict[str, str] | None = None) -> str:
    """The records' legend; `recognised` (name -> the mark in words), marked * beside the
    record, follow as footnotes: recognised from the times, to be ratified."""
    said = " · ".join(f"{tag} {RECORDS.get(tag, 'record')}" for tag in sorted(tags) if tag)
    notes = [f"* {name}: {note}" for name, note in (recognised or {}).items()]
    return " · ".join(p for p in (said, *notes) if p)


def record_tag(record: str, note: str) -> str:
    """The record as a sheet's column prints it: "WR", or "WR*" when recognised (a footnote)."""
    return f"{record}*" if record and note else record


def competition_data(view: CompetitionView) -> dict[str, Any]:
    """The header every page carries: title, venue, dates, distance, track, precision."""
    if view.track_length_m is not None:
        laps = view.distance_m / view.track_length_m
        lap_text = f"{laps:.0f} laps" if abs(laps - round(laps)) < 0.01 else f"{laps:.1f} laps"
        track = f"track {view.track_length_m:g} m ({lap_text})"
    else:
        track = "track length unknown"
    venue = view.venue
    if view.altitude_m:
        venue = f"{venue} ({view.altitude_m:,} m altitude)" if venue else ""
    facts = [
        dates_text(view.dates),
        f"{view.distance_m:,} m",
        track,
        f"times to {view.precision} s",
    ]
    return {
        "title": view.title,
        "venue": venue,
        "line": " · ".join(f for f in facts if f),
        "format": view.format_title,
    }


def round_day(view: ResultsView, round_id: str, with_time: bool = False) -> str:
    """' · 18 October 1968' (with the start time: ', 10:00') for a scheduled round, else ''."""
    found = next((r for r in view.rounds if r.id == round_id), None)
    if found is None or not found.date:
        return ""
    day = dates_text((found.date,))
    return f" · {day}, {found.time}" if with_time and found.time else f" · {day}"


def dates_text(dates: tuple[str, ...]) -> str:
    """'1968-10-17', '1968-10-18' -> '17–18 October 1968'; unreadable dates as given."""
    try:
        days = sorted(date.fromisoformat(d) for d in dates)
    except ValueError:
        return " – ".join(dates)
    if not days:
        return ""
    first, last = days[0], days[-1]
    month = MONTHS[first.month - 1]
    if first == last:
        return f"{first.day} {month} {first.year}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {month} {first.year}"
    end = f"{last.day} {MONTHS[last.month - 1]} {last.year}"
    if first.year == last.year:
        return f"{first.day} {month} – {end}"
    return f"{first.day} {month} {first.year} – {end}"
