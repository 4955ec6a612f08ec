"""The heat sheet: both riders, their half-lap splits and lap times, the gap at each half lap,
the outcome, the gap and lap-time charts, and the chief commissaire's signature."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pursuit.charts.heat_model import heat_plots
from pursuit.charts.model import Plot
from pursuit.sheets.sheet import (
    LazyCharts,
    Sheet,
    record_legend,
    record_tag,
    round_day,
    status_data,
)
from pursuit.sheets.source import SheetSource
from pursuit.views.heat_sheet import HalfLapRow, HeatSheet, RiderSheet, build_heat_sheet

if TYPE_CHECKING:
    from pursuit.charts.style import Chart


def heat_page(source: SheetSource, round_id: str, number: int, charts: bool = True) -> Sheet:
    sheet = build_heat_sheet(source.computed.results, round_id, number)
    name = f"heat-{round_id}-{number}"
    plots: dict[str, Plot] = {}
    drawn = heat_plots(sheet) if charts else None
    if drawn is not None:  # typst draws them in the PDF; matplotlib for the web, if asked
        plots = {f"{name}-gap": drawn[0], f"{name}-laps": drawn[1]}
    pictures = LazyCharts({key: _web_chart(sheet, key.rsplit("-", 1)[1]) for key in plots})
    data = {
        "kind": "heat",
        "title": f"{sheet.title} · Heat sheet{round_day(source.computed.view, round_id)}",
        "status": status_data(source.official.of_round(round_id)),
        "riders": [_rider(r, sheet.winner) for r in sheet.riders],
        "rows": [_row(r, {x.name: x.short for x in sheet.riders}) for r in sheet.rows],
        "outcome": sheet.outcome,
        "splits": sheet.has_splits,
        "synthetic": sheet.synthetic,
        "half_laps": sheet.half_laps,
        "track_unknown": sheet.half_laps == 0,  # a heat's half laps are 0 only then
        "half_lap_m": f"{sheet.half_lap_m:g}",
        "charts": list(pictures),
        "legend": record_legend(
            {r.record for r in sheet.riders},
            {r.name: r.record_note for r in sheet.riders if r.record_note},
        ),
        "footer": f"Heat sheet · {sheet.round_name} · {sheet.title}",
    }
    return Sheet("heat", name, data, pictures, plots)


def _web_chart(sheet: HeatSheet, kind: str) -> Callable[[], Chart]:
    """The matplotlib chart of `kind` (gap | laps), made when asked for (the web's SVG)."""

    def make() -> Chart:
        from pursuit.charts.heat import GapChart, LapChart  # matplotlib only for the web

        return GapChart(sheet) if kind == "gap" else LapChart(sheet)

    return make


def _rider(rider: RiderSheet, winner: str) -> dict[str, Any]:
    return {
        "name": rider.name,
        "short": rider.short,
        "nation": rider.nation,
        "side": rider.side,
        "rank": rider.rank,
        "time": rider.time,
        "status": rider.status,
        "record": record_tag(rider.record, rider.record_note),
        "last_lap": rider.last_lap,
        "winner": rider.name == winner,
    }


def _row(row: HalfLapRow, short: dict[str, str]) -> list[str]:
    return [
        "" if row.mark else str(row.half_lap),
        f"{row.distance_m:,}",
        row.elapsed[0],
        row.lap[0],
        row.elapsed[1],
        row.lap[1],
        row.gap,
        short.get(row.leader, row.leader),
    ]
