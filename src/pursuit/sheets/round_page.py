"""The results of one round: a timed round as one ranking (with who advances and the
qualifying chart), a knockout round heat by heat with how each heat was decided."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pursuit.charts.model import Plot
from pursuit.charts.qualifying_model import qualifying_plot
from pursuit.core.formats import RoundKind
from pursuit.sheets.sheet import (
    LazyCharts,
    Sheet,
    prune,
    record_legend,
    record_tag,
    round_day,
    status_data,
)
from pursuit.sheets.source import SheetSource
from pursuit.views.known import basis_footnotes, lineup_text
from pursuit.views.results import RoundView
from pursuit.views.round import Row, heat_results, ranking_rows

if TYPE_CHECKING:
    from pursuit.charts.style import Chart

PAGE_HEIGHT_IN = 9.0  # the most a chart may take of an A4 page inside the header and footer
COLUMNS = [
    {"key": "rank", "head": "Rank", "align": "right", "style": "bold"},
    {"key": "name", "head": "Rider", "align": "left", "style": "wide"},
    {"key": "nation", "head": "Nation", "align": "left", "style": "plain"},
    {"key": "heat", "head": "Heat", "align": "right", "style": "plain"},
    {"key": "side", "head": "Side", "align": "left", "style": "side"},
    {"key": "time", "head": "Time", "align": "right", "style": "bold"},
    {"key": "record", "head": "Rec.", "align": "left", "style": "record"},
    {"key": "note", "head": "Note", "align": "left", "style": "note"},
    {"key": "q", "head": "", "align": "center", "style": "mark"},
]
DECIDED_BY = {
    "time": "on time",
    "last_lap": "on the last lap (level on time)",
    "catch": "by a catch",
    "outcome": "on the other rider's outcome",
    "published": "as published",
}


def round_page(source: SheetSource, round_id: str, charts: bool = True) -> Sheet:
    view = next(r for r in source.computed.view.rounds if r.id == round_id)
    ranking = ranking_rows(view)
    records = {r.name: r.record for r in ranking if r.record}
    recognised = {r.name: r.record_note for r in ranking if r.record_note}
    timed = view.kind == RoundKind.TIMED.value
    name = f"results-{round_id}"
    plots: dict[str, Plot] = {}
    if timed and charts and any(r.time for r in view.ranking):
        # typst draws it in the PDF; matplotlib for the web, if asked
        plots[f"{name}-chart"] = qualifying_plot(view, max_height=PAGE_HEIGHT_IN)
    pictures = LazyCharts({key: _web_chart(view) for key in plots})
    data: dict[str, Any] = {
        "kind": "round",
        "title": f"{view.name} · Results{round_day(source.computed.view, round_id)}",
        "status": status_data(source.official.of_round(round_id)),
        "timed": timed,
        "charts": list(pictures),
        "legend": _legend(view, records, timed, recognised),
        "footer": f"Results · {view.name}",
    }
    groups: list[dict[str, Any]]
    if timed:
        rows = [_row(r, r.advances) for r in ranking]
        groups = [{"title": "", "number": 0, "decided": "", "rows": rows}]
    else:
        groups = [
            {
                "title": h.title,
                "number": h.number,
                "decided": DECIDED_BY.get(h.decided_by, ""),
                "rows": [_row(r, qualified=False, heat=False) for r in h.rows]
                or [_expected(n) for n in h.expected],
            }
            for h in heat_results(view)
        ]
    data["columns"], data["groups"] = prune(COLUMNS, groups, keep={"rank", "name", "time"})
    return Sheet("round", name, data, pictures, plots)


def _web_chart(view: RoundView) -> Callable[[], Chart]:
    """The matplotlib chart of the round, made when asked for (the web's SVG)."""

    def make() -> Chart:
        from pursuit.charts.qualifying import QualifyingChart  # matplotlib only for the web

        return QualifyingChart(view, max_height=PAGE_HEIGHT_IN)

    return make


def _row(row: Row, qualified: bool, heat: bool = True) -> list[str]:
    record = row.record
    shown = {record, f"{record} to be ratified"}
    notes = [n.strip() for n in row.note.split(",") if n.strip() and n.strip() not in shown]
    notes += [row.basis_note] if row.basis_note else []
    riders = lineup_text(
        tuple(r.name for r in row.lineup), tuple(r.name for r in row.lineup if r.dropped)
    )
    notes += [f"line-up: {riders}"] if riders else []
    return [
        ("=" + row.rank) if row.shared else row.rank,
        row.name,
        row.nation,
        str(row.heat) if heat and row.heat is not None else "",
        row.side,
        row.time,
        record_tag(record, row.record_note),
        "; ".join(notes),
        "Q" if qualified else "",
    ]


def _expected(name: str) -> list[str]:
    return ["", name or "—", "", "", "", "", "", "not ridden yet", ""]


def _legend(
    view: RoundView, records: dict[str, str], timed: bool, recognised: dict[str, str]
) -> str:
    parts = [record_legend(set(records.values()), recognised)] if records else []
    if timed and view.advance:
        parts.append(f"Q advances to the next round ({view.advance} advance)")
    if any(r.rank == "–" for r in view.ranking):
        parts.append("– not ranked (overtaken riders are eliminated whatever their time)")
    if any(r.shared for r in view.ranking):
        parts.append("= shared rank")
    parts += basis_footnotes(r.basis for r in view.ranking)
    return " · ".join(p for p in parts if p)
