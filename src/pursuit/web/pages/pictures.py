"""The charts on the public pages: the same pictures as the PDF sheets (`pursuit.charts`, drawn
with matplotlib), served as SVG from `/c/{id}/charts/…`.

A page names its pictures (`Picture`: address and alternative text) and the chart route makes
the chart from the competition at the current log position. The address carries the position,
so a live page that swaps in its new fragment after a split also loads the new picture.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pursuit.core.live_state import CompetitionState
from pursuit.core.results import Results
from pursuit.views.heat_sheet import build_heat_sheet
from pursuit.views.results import ResultsView
from pursuit.web.errors import NotFound
from pursuit.web.pages.status import find_round, heat_rides

if TYPE_CHECKING:
    from pursuit.charts.style import Chart

HEAT_CHARTS = ("gap", "laps")


@dataclass(frozen=True)
class Picture:
    src: str
    alt: str


def heat_pictures(
    competition: str, round_id: str, number: int, position: int, riders: tuple[str, str]
) -> tuple[Picture, ...]:
    base = f"/c/{competition}/charts/heat/{round_id}/{number}"
    a, b = riders
    return (
        Picture(
            f"{base}/gap.svg?at={position}",
            f"Chart: the gap between {a} and {b} at each half lap over the distance.",
        ),
        Picture(
            f"{base}/laps.svg?at={position}",
            f"Chart: the lap times of {a} and {b}, lap by lap.",
        ),
    )


def round_picture(competition: str, round_id: str, name: str, position: int) -> Picture:
    return Picture(
        f"/c/{competition}/charts/results/{round_id}.svg?at={position}",
        f"Chart: the times of the {name.lower()} as bars in ranking order, with the "
        "qualification line and the overtaken riders below it.",
    )


def bracket_picture(competition: str, position: int) -> Picture:
    return Picture(
        f"/c/{competition}/charts/bracket.svg?at={position}",
        "Chart: the knockout rounds as a bracket, each heat with both riders and the winner.",
    )


ChartBuilder = Callable[[CompetitionState, Results, ResultsView], "Chart"]


def heat_chart(competition: str, round_id: str, number: int, kind: str) -> ChartBuilder:
    """The gap or lap chart of a heat as it stands, a rider still on the track included."""

    def build(state: CompetitionState, results: Results, view: ResultsView) -> Chart:
        from pursuit.charts.heat import GapChart, LapChart  # matplotlib only when drawn

        if kind not in HEAT_CHARTS or find_round(view, round_id) is None:
            raise NotFound(f"no {kind} chart for heat {number} of {round_id!r} in {competition}")
        riding = None
        if state.heat(round_id, number) is not None:  # drawn live, not imported whole
            riding = [r.to_ride() for r in heat_rides(state, round_id, number)]
        try:
            sheet = build_heat_sheet(results, round_id, number, riding)
        except KeyError:
            raise NotFound(f"no heat {number} in round {round_id!r} of {competition}") from None
        return GapChart(sheet) if kind == "gap" else LapChart(sheet)

    return build


def round_chart(competition: str, round_id: str) -> ChartBuilder:
    def build(state: CompetitionState, results: Results, view: ResultsView) -> Chart:
        from pursuit.charts.qualifying import QualifyingChart

        rnd = find_round(view, round_id)
        if rnd is None or rnd.kind != "timed":
            raise NotFound(f"no timed round {round_id!r} in {competition}")
        return QualifyingChart(rnd)

    return build


def bracket_chart(competition: str) -> ChartBuilder:
    def build(state: CompetitionState, results: Results, view: ResultsView) -> Chart:
        from pursuit.charts.bracket import BracketChart

        if not any(r.kind == "knockout" for r in view.rounds):
            raise NotFound(f"{competition} has no knockout rounds")
        return BracketChart(view, results.competition.format)

    return build
