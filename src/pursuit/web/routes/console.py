"""The operator console: pick a competition, run its heats, see every event confirmed.

A refused command (a bad time, a heat that is not running, a lower role) changes nothing: the
desk is shown again with the message next to the field and what was typed still in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from pursuit.app.actions import ACTIONS
from pursuit.app.describe import describe
from pursuit.app.service import Handled
from pursuit.errors import PursuitError
from pursuit.operators.roles import Role
from pursuit.store.events import StoredEvent
from pursuit.views.lineups import team_desk
from pursuit.web.auth.guards import check_csrf, console_operator, session_of
from pursuit.web.auth.sessions import Session
from pursuit.web.console.confirm import positions
from pursuit.web.console.desk import desk
from pursuit.web.console.screen import screen
from pursuit.web.errors import NotFound, Problem, problem_of, validation_problem
from pursuit.web.parts import web
from pursuit.web.routes.public import summaries

router = APIRouter(include_in_schema=False)
RECENT = 8


@router.get("/console")
def home(request: Request) -> Response:
    session = session_of(request)
    console_operator(request, session, Role.TIMEKEEPER)
    return screen(request, session, "console/home.html", {"competitions": summaries(request)})


def _desk_screen(
    request: Request,
    session: Session,
    cid: str,
    heat: str | None,
    done: list[int],
    problem: Problem | None = None,
    form: str = "",
    values: dict[str, str] | None = None,
) -> Response:
    hub = web(request).hub
    position, model = hub.model(cid, "desk", desk(cid))
    _, teams = hub.model(cid, "team-desk", lambda state, view: team_desk(state))
    recent = hub.events(cid, max(position - RECENT, 0))
    flash = [_line(e) for e in hub.events(cid, min(done) - 1, max(done))] if done else []
    errors = {form or "top": problem.message} if problem else {}
    context: dict[str, Any] = {
        "desk": model,
        "teams": teams,
        "position": position,
        "selected": model.selected(heat),
        "recent": [_line(e) for e in reversed(recent)],
        "flash": flash,
        "errors": errors,
        "error_field": problem.field if problem else None,
        "form": form,
        "values": values or {},
    }
    status = problem.status if problem else 200
    return screen(request, session, "console/desk.html", context, status)


def _line(event: StoredEvent) -> str:
    return f"event {event.position}: {describe(event.type, event.data)}"


@router.get("/console/c/{cid}")
def competition_desk(
    request: Request, cid: str, heat: str | None = None, done: str | None = None
) -> Response:
    session = session_of(request)
    console_operator(request, session, Role.TIMEKEEPER)
    return _desk_screen(request, session, cid, heat, positions(done))


def _fields(form: dict[str, str], action: str) -> dict[str, Any]:
    values: dict[str, Any] = {k: v for k, v in form.items() if v.strip() != ""}
    if action == "draw" and "pairs" in values:
        lines = [line for line in values["pairs"].splitlines() if line.strip()]
        values["pairs"] = [[n.strip() for n in line.split(" v ")] for line in lines]
    return values


@dataclass(frozen=True)
class Outcome:
    """What a console form did: the events it recorded, or the problem that refused it."""

    session: Session
    form_id: str
    done: Handled | None
    problem: Problem | None


def perform(request: Request, cid: str, action: str, form: dict[str, str]) -> Outcome:
    """Run the operator action `action` with a console form (CSRF and role checked first);
    `form` keeps what was typed, for a refused form to be shown again."""
    session = session_of(request)
    check_csrf(request, session, form.pop("csrf", None))
    spec = ACTIONS.get(action)
    if spec is None:
        raise NotFound(f"no console action {action!r}")
    operator = console_operator(request, session, spec.role)
    form_id = form.pop("form", action)
    command_id = form.pop("command_id", "") or None
    if "heat" not in spec.body.model_fields:
        form.pop("heat", None)  # only to come back to the same heat
    try:
        body = spec.body.model_validate(_fields(form, action))
        done = web(request).hub.handle(
            cid, lambda state: spec.build(state, body), operator.user.name, command_id
        )
    except ValidationError as e:
        problem = validation_problem(e.errors())
    except PursuitError as e:
        problem = problem_of(e)
        if problem.status >= 500:
            raise
    else:
        return Outcome(session, form_id, done, None)
    return Outcome(session, form_id, None, problem)


def done_query(done: Handled) -> dict[str, str]:
    return {"done": ",".join(str(e.position) for e in done.stored)}


def _act(request: Request, cid: str, action: str, form: dict[str, str]) -> Response:
    heat_key = f"{form['round']}/{form['heat']}" if form.get("round") and form.get("heat") else None
    outcome = perform(request, cid, action, form)
    if outcome.done is not None:
        query = done_query(outcome.done)
        if heat_key:
            query["heat"] = heat_key
        return RedirectResponse(f"/console/c/{cid}?{urlencode(query)}", status_code=303)
    return _desk_screen(
        request, outcome.session, cid, heat_key, [], outcome.problem, outcome.form_id, form
    )


@router.post("/console/c/{cid}/{action}")
async def act(request: Request, cid: str, action: str) -> Response:
    received = await request.form()
    form = {k: v for k, v in received.items() if isinstance(v, str)}
    return await run_in_threadpool(_act, request, cid, action, form)
