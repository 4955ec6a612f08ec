"""The final classification: every place with shared ranks ('=5'), unranked blocks (AC, DNF, …)
and vacant places; for each rider the last round ridden and the time there; the knockout
bracket; any inconsistency the checker found; the chief commissaire's signature."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pursuit.charts.bracket_model import bracket_plot
from pursuit.charts.model import Plot
from pursuit.core.formats import Format
from pursuit.sheets.sheet import LazyCharts, Sheet, prune, status_data
from pursuit.sheets.source import SheetSource
from pursuit.views.classification import Place, places_of
from pursuit.views.results import ResultsView

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
    plots: dict[str, Plot] = {}
    fmt_spec = source.computed.results.competition.format
    knockout = [r for r in view.rounds if r.kind == "knockout"]
    if charts and knockout:  # typst draws it in the PDF; matplotlib for the web, if asked
        plots["classification-bracket"] = bracket_plot(view, fmt_spec)
    pictures = LazyCharts({key: _web_chart(view, fmt_spec) for key in plots})
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
    return Sheet("classification", "classification", data, pictures, plots)


def _web_chart(view: ResultsView, fmt_spec: Format) -> Callable[[], Chart]:
    """The matplotlib bracket, made when asked for (the web's SVG)."""

    def make() -> Chart:
        from pursuit.charts.bracket import BracketChart  # matplotlib only for the web

        return BracketChart(view, fmt_spec)

    return make


def _row(place: Place) -> list[str]:
    if place.vacant:
        return [place.rank, "(vacant)", "", "", ""]
    rank = ("=" + place.rank) if place.shared else place.rank
    ride = place.ride
    time = (ride.time or ride.note) if ride is not None else ""
    return [rank, place.name, place.nation, place.round, time]
