"""The console's timing panel: the timer's readers, its last impulses per channel, the impulses
nothing placed (assign or discard each, with a reason) and the half laps the timer missed.

The panel refreshes by itself as the log moves (its `/fragment`, like the public pages); it is
for operators only, as is its JSON (`GET /api/competitions/{id}/timing`): it names the readers
and shows the raw lines the timer sent.
"""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from pursuit.app.describe import narrate
from pursuit.operators.roles import Role
from pursuit.views.timing import TimingPanel, timing_panel
from pursuit.web.auth.guards import api_operator, console_operator, session_of
from pursuit.web.console.confirm import positions
from pursuit.web.console.screen import screen
from pursuit.web.errors import NotFound, Problem
from pursuit.web.page_response import HTML_TYPE, JSON_TYPE, to_json
from pursuit.web.parts import web
from pursuit.web.routes.console import done_query, perform
from pursuit.web.routes.schemas import ERRORS

router = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["read"], responses=ERRORS)
TEMPLATE = "console/timing.html"
FORMS = ("assign-impulse", "discard-impulse")


def _panel(request: Request, cid: str) -> tuple[int, TimingPanel]:
    return web(request).hub.model(cid, "timing", timing_panel(cid))


def _context(
    request: Request,
    cid: str,
    done: list[int],
    problem: Problem | None = None,
    form: str = "",
    values: dict[str, str] | None = None,
) -> dict[str, Any]:
    w = web(request)
    position, panel = _panel(request, cid)
    flash = (
        [
            f"{e.position}. {narrate(e.type, e.data, e.actor)}"
            for e in w.hub.events(cid, min(done) - 1, max(done))
        ]
        if done
        else []
    )
    return {
        "timing": panel,
        "position": position,
        "fragment_url": f"/console/c/{cid}/timing/fragment",
        "events_url": f"/c/{cid}/events",
        "retry_refused_ms": w.settings.limits.stream_retry_s * 1000,
        "flash": flash,
        "errors": {form or "top": problem.message} if problem else {},
        "problem": problem.message if problem else "",
        "form": form,
        "values": values or {},
    }


@router.get("/console/c/{cid}/timing")
def timing_page(request: Request, cid: str, done: str | None = None) -> Response:
    session = session_of(request)
    console_operator(request, session, Role.TIMEKEEPER)
    return screen(request, session, TEMPLATE, _context(request, cid, positions(done)))


@router.get("/console/c/{cid}/timing/fragment")
def timing_fragment(request: Request, cid: str) -> Response:
    """The panel's live part, for the page to swap in when the log moves."""
    session = session_of(request)
    console_operator(request, session, Role.TIMEKEEPER)
    w = web(request)
    context = _context(request, cid, [])
    full = {
        "csrf": w.sessions.csrf_token(session),
        "command_id": lambda: uuid.uuid4().hex,
        **context,
    }
    html = w.renderer.block(TEMPLATE, "live", full)
    headers = {"Cache-Control": "no-store", "X-Log-Position": str(context["position"])}
    return Response(html, media_type=HTML_TYPE, headers=headers)


def _placed(form: dict[str, str]) -> dict[str, str]:
    """The placement chosen in the panel's list (`round|heat|half_lap|entrant`) as the action's
    fields."""
    chosen = form.pop("placement", "")
    if chosen:
        round_id, heat, half_lap, entrant = [*chosen.split("|", 3), "", "", ""][:4]
        form.update({"round": round_id, "heat": heat, "half_lap": half_lap})
        if entrant:
            form["entrant"] = entrant
    return form


def _act(request: Request, cid: str, action: str, form: dict[str, str]) -> Response:
    if action not in FORMS:
        raise NotFound(f"no timing action {action!r}")
    typed = dict(form)
    outcome = perform(request, cid, action, _placed(form) if action == FORMS[0] else form)
    if outcome.done is not None:
        query = urlencode(done_query(outcome.done))
        return RedirectResponse(f"/console/c/{cid}/timing?{query}", status_code=303)
    typed.pop("csrf", None)
    context = _context(request, cid, [], outcome.problem, outcome.form_id, typed)
    status = outcome.problem.status if outcome.problem else 400
    return screen(request, outcome.session, TEMPLATE, context, status)


@router.post("/console/c/{cid}/timing/{action}")
async def timing_act(request: Request, cid: str, action: str) -> Response:
    received = await request.form()
    form = {k: v for k, v in received.items() if isinstance(v, str)}
    return await run_in_threadpool(_act, request, cid, action, form)


def _operator(request: Request) -> None:
    """A bearer token, else a console session: of a timekeeper or above."""
    if request.headers.get("authorization"):
        api_operator(request, Role.TIMEKEEPER)
    else:
        console_operator(request, session_of(request), Role.TIMEKEEPER)


@api.get(
    "/competitions/{cid}/timing",
    summary="The timer: readers, last impulses, unplaced impulses, missed half laps (operators)",
    description="For a timekeeper or above (a bearer token or a console session): it names the "
    "timer's readers and shows the raw lines it sent.",
)
def timing_json(request: Request, cid: str) -> Response:
    _operator(request)
    position, panel = _panel(request, cid)
    return Response(to_json(position, panel), media_type=JSON_TYPE)
