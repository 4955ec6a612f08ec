"""The JSON API, reading: everything the public pages show, as the same page models."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from pursuit.app.describe import describe
from pursuit.errors import PursuitError
from pursuit.export.json_export import results_document
from pursuit.operators.roles import Role
from pursuit.store.events import LAST_POSITION
from pursuit.views.bracket import bracket
from pursuit.views.classification import classification
from pursuit.views.live_heat import live_heat
from pursuit.views.overview import overview
from pursuit.views.round import round_results
from pursuit.views.start_list import start_list
from pursuit.web.auth.guards import api_operator, logged_in, session_of
from pursuit.web.page_response import JSON_TYPE, page, to_json
from pursuit.web.parts import web
from pursuit.web.routes.public import summaries
from pursuit.web.routes.schemas import ERRORS

router = APIRouter(prefix="/api", tags=["read"], responses=ERRORS)


@router.get("/competitions", summary="Every competition")
def competitions(request: Request) -> Response:
    return Response(to_json(None, {"competitions": summaries(request)}), media_type=JSON_TYPE)


@router.get("/competitions/{cid}", summary="Overview: format, dates, rounds, entrants")
def competition(request: Request, cid: str) -> Response:
    return page(request, cid, "overview", "overview.html", overview(cid))


@router.get("/competitions/{cid}/start-lists/{round_id}", summary="Start list of a round")
def start_list_of(request: Request, cid: str, round_id: str) -> Response:
    return page(request, cid, ("start", round_id), "startlist.html", start_list(cid, round_id))


@router.get(
    "/competitions/{cid}/heats/{round_id}/{number}",
    summary="A heat live: riders, sides, half-lap splits, gaps, projection, catch",
)
def heat(request: Request, cid: str, round_id: str, number: int) -> Response:
    build = live_heat(cid, round_id, number)
    return page(request, cid, ("heat", round_id, number), "heat.html", build)


@router.get("/competitions/{cid}/results/{round_id}", summary="Results of a round")
def results_of(request: Request, cid: str, round_id: str) -> Response:
    build = round_results(cid, round_id)
    return page(request, cid, ("results", round_id), "results.html", build)


@router.get("/competitions/{cid}/bracket", summary="Bracket of the knockout rounds")
def bracket_of(request: Request, cid: str) -> Response:
    return page(request, cid, "bracket", "bracket.html", bracket(cid))


@router.get("/competitions/{cid}/classification", summary="Final classification")
def classification_of(request: Request, cid: str) -> Response:
    return page(request, cid, "classification", "classification.html", classification(cid))


@router.get(
    "/competitions/{cid}/results",
    summary="All results in the export format (as `pursuit export --format json`)",
)
def all_results(request: Request, cid: str) -> Response:
    position, document = web(request).hub.model(
        cid, "export", lambda state, view: results_document(view)
    )
    return Response(to_json(position, document), media_type=JSON_TYPE)


def _is_operator(request: Request) -> bool:
    """Whether the caller is an operator (a bearer token, or a console session)."""
    if request.headers.get("authorization"):
        try:
            api_operator(request, Role.TIMEKEEPER)
            return True
        except PursuitError:
            return False
    return logged_in(request, session_of(request)) is not None


def _public_actor(request: Request) -> Callable[[str], str]:
    """Who recorded an event, as a visitor may see it: the operator's role ("operator" for
    one who is not a user, such as the command line's), never a login name."""
    users = web(request).users
    roles: dict[str, str] = {}

    def shown(actor: str) -> str:
        if actor not in roles:
            user = users.get(actor)
            roles[actor] = user.role.value if user is not None else "operator"
        return roles[actor]

    return shown


@router.get(
    "/competitions/{cid}/log",
    summary="The event log, from a position on",
    description="Each event's `actor` is the operator's login name for an operator (a bearer "
    "token or a console session), and the operator's role for anyone else.",
)
def log(
    request: Request,
    cid: str,
    after: int = Query(0, ge=0, le=LAST_POSITION),
    limit: int = Query(100, ge=1, le=1000),
) -> Response:
    hub = web(request).hub
    hub.model(cid, "exists", lambda state, view: True)  # 404 for an unknown competition
    events = hub.events(cid, after, after + limit)
    actor = (lambda name: name) if _is_operator(request) else _public_actor(request)
    document = {
        "events": [
            {
                "position": e.position,
                "type": e.type,
                "version": e.version,
                "data": e.data,
                "actor": actor(e.actor),
                "recorded_at": e.recorded_at,
                "description": f"event {e.position}: {describe(e.type, e.data)}",
            }
            for e in events
        ]
    }
    return Response(to_json(None, document), media_type=JSON_TYPE)
