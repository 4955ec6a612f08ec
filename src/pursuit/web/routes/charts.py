"""The charts of the public pages as SVG: a heat's gap and lap charts, a timed round's times,
the knockout bracket. Each answers with an ETag, so a page that reloads a picture that has not
changed gets a 304."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from starlette.responses import Response

from pursuit.core.live_state import CompetitionState
from pursuit.core.results import Results
from pursuit.views.heat_sheet import build_heat_sheet
from pursuit.views.results import ResultsView
from pursuit.views.status import find_round, heat_rides
from pursuit.web.errors import NotFound
from pursuit.web.parts import web
from pursuit.web.security_headers import PICTURE_POLICY

if TYPE_CHECKING:
    from pursuit.charts.style import Chart

SVG_TYPE = "image/svg+xml"
HEAT_CHARTS = ("gap", "laps")

router = APIRouter(include_in_schema=False)


@router.get("/c/{cid}/charts/heat/{round_id}/{number}/{kind}.svg")
def heat_picture(request: Request, cid: str, round_id: str, number: int, kind: str) -> Response:
    key = ("chart", "heat", round_id, number, kind)
    return _svg(request, cid, key, heat_chart(cid, round_id, number, kind))


@router.get("/c/{cid}/charts/phone/heat/{round_id}/{number}/{kind}.svg")
def heat_phone_picture(
    request: Request, cid: str, round_id: str, number: int, kind: str
) -> Response:
    """A heat's gap or lap chart drawn for a phone (`pursuit.charts.heat_phone`)."""
    key = ("chart", "phone", "heat", round_id, number, kind)
    return _svg(request, cid, key, heat_chart(cid, round_id, number, kind, phone=True))


@router.get("/c/{cid}/charts/results/{round_id}.svg")
def round_picture(request: Request, cid: str, round_id: str) -> Response:
    return _svg(request, cid, ("chart", "results", round_id), round_chart(cid, round_id))


@router.get("/c/{cid}/charts/bracket.svg")
def bracket_picture(request: Request, cid: str) -> Response:
    return _svg(request, cid, ("chart", "bracket"), bracket_chart(cid))


@router.get("/c/{cid}/charts/phone/results/{round_id}.svg")
def round_phone_picture(request: Request, cid: str, round_id: str) -> Response:
    """The timed round's chart drawn for a phone (`pursuit.charts.qualifying_phone`)."""
    key = ("chart", "phone", "results", round_id)
    return _svg(request, cid, key, round_chart(cid, round_id, phone=True))


@router.get("/c/{cid}/charts/phone/bracket.svg")
def bracket_phone_picture(request: Request, cid: str) -> Response:
    """The bracket drawn for a phone, its rounds one under the other."""
    return _svg(request, cid, ("chart", "phone", "bracket"), bracket_chart(cid, phone=True))


def _svg(request: Request, cid: str, key: Hashable, build: ChartBuilder) -> Response:
    w = web(request)
    position, chart = w.hub.model_of(cid, key, build)
    svg = w.charts.svg((cid, position, key), chart)
    tag = '"' + hashlib.sha256(svg).hexdigest()[:20] + '"'
    headers = {
        "ETag": tag,
        "Cache-Control": "no-cache",
        "X-Log-Position": str(position),
        "Content-Security-Policy": PICTURE_POLICY,  # its own styles, no script
    }
    if tag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(svg, media_type=SVG_TYPE, headers=headers)


ChartBuilder = Callable[[CompetitionState, Results, ResultsView], "Chart"]


def heat_chart(
    competition: str, round_id: str, number: int, kind: str, phone: bool = False
) -> ChartBuilder:
    """The gap or lap chart of a heat as it stands, a rider still on the track included; the
    phone's (`pursuit.charts.heat_phone`) or the desktop's (`pursuit.charts.heat_web`)."""
    # matplotlib only when drawn, and imported here, not in `build`: that runs under the hub's
    # lock, and the first import takes seconds in which no operator could record anything
    from pursuit.charts.heat_phone import PhoneGapChart, PhoneLapChart
    from pursuit.charts.heat_web import WebGapChart, WebLapChart

    def build(state: CompetitionState, results: Results, view: ResultsView) -> Chart:
        if kind not in HEAT_CHARTS or find_round(view, round_id) is None:
            raise NotFound(f"no {kind} chart for heat {number} of {round_id!r} in {competition}")
        riding = None
        if state.heat(round_id, number) is not None:  # drawn live, not imported whole
            riding = [r.to_ride() for r in heat_rides(state, round_id, number)]
        try:
            sheet = build_heat_sheet(results, round_id, number, riding)
        except KeyError:
            raise NotFound(f"no heat {number} in round {round_id!r} of {competition}") from None
        if phone:
            return PhoneGapChart(sheet) if kind == "gap" else PhoneLapChart(sheet)
        return WebGapChart(sheet) if kind == "gap" else WebLapChart(sheet)

    return build


def round_chart(competition: str, round_id: str, phone: bool = False) -> ChartBuilder:
    from pursuit.charts.qualifying import (
        QualifyingChart,
    )  # here, not under the hub's lock (see above)

    def build(state: CompetitionState, results: Results, view: ResultsView) -> Chart:
        rnd = find_round(view, round_id)
        if rnd is None or rnd.kind != "timed":
            raise NotFound(f"no timed round {round_id!r} in {competition}")
        return QualifyingChart(rnd, phone=phone)

    return build


def bracket_chart(competition: str, phone: bool = False) -> ChartBuilder:
    from pursuit.charts.bracket import BracketChart  # here, not under the hub's lock (see above)
    from pursuit.charts.bracket_phone import PhoneBracketChart

    drawing = PhoneBracketChart if phone else BracketChart

    def build(state: CompetitionState, results: Results, view: ResultsView) -> Chart:
        if not any(r.kind == "knockout" for r in view.rounds):
            raise NotFound(f"{competition} has no knockout rounds")
        return drawing(view, results.competition.format)

    return build
