"""The final classification: every place with shared ranks ('=5'), unranked blocks (AC, DNF, …)
and vacant places; for each rider the last round ridden and the time there; the knockout
bracket; any inconsistency the checker found; the chief commissaire's signature."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pursuit.sheets.sheet import Sheet, prune, status_data
from pursuit.sheets.source import SheetSource
from pursuit.views.classification import Place, places_of

if TYPE_CHECKING:
    from pursuit.charts.style import Chart

COLUMNS = [
    {"key": "rank", "head": "Rank", "align": "right", "style": "bold"},
    {"key": "name", "head": "Rider", "align": "left", "style": "wide-bold"},
    {"key": "nation", "head": "Nation", "align": "left", "style": "plain"},
    {"key": "round", "head": "Last round", "align": "left", "style": "muted"},
    {"key": "time", "head": "Time", "align": "right", "style": "plain"},
]
UNRANKED = {
    "AC": "not classified (overtaken)",
    "DNF": "did not finish",
    "DNS": "did not start",
    "DSQ": "disqualified",
    "REL": "relegated",
}


def classification_page(source: SheetSource, charts: bool = True) -> Sheet:
    view = source.computed.view
    pictures: dict[str, Chart] = {}
    fmt_spec = source.computed.results.competition.format
    knockout = [r for r in view.rounds if r.kind == "knockout"]
    if charts and knockout:
        from pursuit.charts.bracket import BracketChart  # matplotlib only with charts

        pictures["classification-bracket"] = BracketChart(view, fmt_spec)
    places = places_of(view)
    rows = [_row(p) for p in places]
    columns, groups = prune(COLUMNS, [{"title": "", "decided": "", "rows": rows}], {"rank", "name"})
    labels = {p.rank for p in places}
    legend = [f"{k} {v}" for k, v in UNRANKED.items() if k in labels]
    if any(p.shared for p in places):
        legend.insert(0, "= shared place")
    if any(p.rank == "" and not p.vacant for p in places):
        legend.append("no rank: still in the competition")
    data: dict[str, Any] = {
        "kind": "classification",
        "title": "Final classification",
        "status": status_data(source.official.competition),
        "columns": columns,
        "groups": groups,
        "charts": list(pictures),
        "legend": " · ".join(legend),
        "findings": [f"{f.message} [{f.code}]" for f in view.findings],
        "format": view.competition.format_description,
        "footer": "Final classification",
    }
    return Sheet("classification", "classification", data, pictures)


def _row(place: Place) -> list[str]:
    if place.vacant:
        return [place.rank, "(vacant)", "", "", ""]
    rank = ("=" + place.rank) if place.shared else place.rank
    ride = place.ride
    time = (ride.time or ride.note) if ride is not None else ""
    return [rank, place.name, place.nation, place.round, time]
