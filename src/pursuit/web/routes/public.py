"""Public pages, each also as JSON (`.json` or Accept) and its live part as `/fragment`."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pursuit.app.service import UnknownCompetition, UnreadableLog
from pursuit.views.bracket import bracket
from pursuit.views.classification import classification
from pursuit.views.live_heat import live_heat
from pursuit.views.now import now
from pursuit.views.overview import Summary, overview, summary
from pursuit.views.round import round_results
from pursuit.views.scoreboard import scoreboard
from pursuit.views.start_list import start_list
from pursuit.web.demo import superseded_replays
from pursuit.web.negotiation import wants_json
from pursuit.web.page_response import HTML_TYPE, JSON_TYPE, page, to_json
from pursuit.web.parts import web

router = APIRouter(include_in_schema=False)


def summaries(request: Request) -> list[Summary]:
    parts = web(request)
    hub = parts.hub
    ids = hub.competitions()
    demo = parts.settings.demo
    hidden = superseded_replays(ids, demo.live_id) if demo is not None else set()
    found = []
    for cid in ids:
        if cid in hidden:
            continue  # an earlier loop of the demo's replay: still there, by its address
        try:
            found.append(hub.model(cid, "summary", summary(cid))[1])
        except (UnknownCompetition, UnreadableLog):
            continue  # a log without a CompetitionCreated yet, or one this version cannot read
    return found


@router.get("/")
@router.get("/competitions")
def competition_list(request: Request) -> Response:
    items = summaries(request)
    if wants_json(request):
        return Response(to_json(None, {"competitions": items}), media_type=JSON_TYPE)
    html = web(request).renderer.page("list.html", {"competitions": items})
    return Response(html, media_type=HTML_TYPE)


@router.get("/c/{cid}")
@router.get("/c/{cid}/fragment")
def competition_overview(request: Request, cid: str) -> Response:
    return page(request, cid, "overview", "overview.html", overview(cid), _is_fragment(request))


@router.get("/c/{cid}/now")
@router.get("/c/{cid}/now/fragment")
def on_the_track(request: Request, cid: str) -> Response:
    return page(request, cid, "now", "now.html", now(cid), _is_fragment(request))


@router.get("/c/{cid}/start/{round_id}")
@router.get("/c/{cid}/start/{round_id}/fragment")
def round_start_list(request: Request, cid: str, round_id: str) -> Response:
    build = start_list(cid, round_id)
    return page(request, cid, ("start", round_id), "startlist.html", build, _is_fragment(request))


@router.get("/c/{cid}/heat/{round_id}/{number}")
@router.get("/c/{cid}/heat/{round_id}/{number}/fragment")
def heat(request: Request, cid: str, round_id: str, number: int) -> Response:
    build = live_heat(cid, round_id, number)
    key = ("heat", round_id, number)
    return page(request, cid, key, "heat.html", build, _is_fragment(request))


@router.get("/c/{cid}/results/{round_id}")
@router.get("/c/{cid}/results/{round_id}/fragment")
def results(request: Request, cid: str, round_id: str) -> Response:
    build = round_results(cid, round_id)
    return page(request, cid, ("results", round_id), "results.html", build, _is_fragment(request))


@router.get("/c/{cid}/bracket")
@router.get("/c/{cid}/bracket/fragment")
def knockout_bracket(request: Request, cid: str) -> Response:
    return page(request, cid, "bracket", "bracket.html", bracket(cid), _is_fragment(request))


@router.get("/c/{cid}/classification")
@router.get("/c/{cid}/classification/fragment")
def final_classification(request: Request, cid: str) -> Response:
    build = classification(cid)
    return page(request, cid, "classification", "classification.html", build, _is_fragment(request))


@router.get("/c/{cid}/scoreboard")
@router.get("/c/{cid}/scoreboard/fragment")
def big_screen(request: Request, cid: str) -> Response:
    build = scoreboard(cid)
    return page(request, cid, "scoreboard", "scoreboard.html", build, _is_fragment(request))


def _is_fragment(request: Request) -> bool:
    return request.url.path.endswith("/fragment")
