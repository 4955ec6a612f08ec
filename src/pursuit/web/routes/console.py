"""The operator console: pick a competition, run its heats, see every event confirmed.

The desk is live: it listens to the competition's stream like the public pages and swaps in
its `/fragment` (the heat it shows, for the side a timekeeper times) when the log moves. Its
forms post as plain HTML forms (answered with a redirect to the desk), or, from the desk's
script, with `X-Desk: fragment` (answered with the desk's live part: no page load).

A refused command (a bad time, a heat that is not running, a lower role) changes nothing: the
desk is shown again with the message next to the field and what was typed still in it. A
weighty action (DNS, draw, catch, sanctions) is asked again first (`console/ask.py`).
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
from pursuit.app.describe import narrate
from pursuit.app.service import Handled
from pursuit.core.commands import Command
from pursuit.core.decide import decide
from pursuit.core.event_wire import to_wire
from pursuit.core.events import Event
from pursuit.core.live_state import CompetitionState
from pursuit.errors import PursuitError
from pursuit.operators.roles import Role
from pursuit.store.events import StoredEvent
from pursuit.views.lineups import team_desk
from pursuit.web.auth.guards import check_csrf, console_operator, session_of
from pursuit.web.auth.sessions import Session
from pursuit.web.console.ask import CONFIRMED, Question, asks, question
from pursuit.web.console.confirm import positions
from pursuit.web.console.desk import desk
from pursuit.web.console.screen import part, screen
from pursuit.web.errors import NotFound, Problem, problem_of, validation_problem
from pursuit.web.parts import web
from pursuit.web.routes.public import summaries

router = APIRouter(include_in_schema=False)
RECENT = 8
TEMPLATE = "console/desk.html"
SIDES = ("red", "green")
# fields of a desk form that steer the desk, not the action
VIEW_FIELDS = ("side", "view", "focus", CONFIRMED)


@router.get("/console")
def home(request: Request) -> Response:
    session = session_of(request)
    console_operator(request, session, Role.TIMEKEEPER)
    return screen(request, session, "console/home.html", {"competitions": summaries(request)})


@dataclass(frozen=True)
class View:
    """What a desk shows: the heat asked for, the side a timekeeper times, the events just
    recorded from this desk and the form whose field keeps the focus."""

    heat: str | None = None
    side: str = ""
    done: tuple[int, ...] = ()
    focus: str = ""

    def query(self, **changes: str) -> str:
        wanted = {"heat": self.heat or "", "side": self.side}
        wanted |= {"done": ",".join(map(str, self.done)), "focus": self.focus, **changes}
        return urlencode({k: v for k, v in wanted.items() if v})


def _view(heat: str | None, side: str | None, done: str | None, focus: str | None) -> View:
    chosen = side if side in (*SIDES, "both") else ""
    return View(heat or None, chosen, tuple(positions(done)), (focus or "")[:40])


def _context(
    request: Request,
    cid: str,
    view: View,
    problem: Problem | None = None,
    form: str = "",
    values: dict[str, str] | None = None,
    ask: Question | None = None,
) -> dict[str, Any]:
    w = web(request)
    hub = w.hub
    position, model = hub.model(cid, "desk", desk(cid))
    _, teams = hub.model(cid, "team-desk", lambda state, view: team_desk(state))
    recent = hub.events(cid, max(position - RECENT, 0))
    done = list(view.done)
    flash = [_line(e) for e in hub.events(cid, min(done) - 1, max(done))] if done else []
    selected = model.selected(view.heat)
    base = f"/console/c/{cid}"
    return {
        "desk": model,
        "teams": teams,
        "position": position,
        "selected": selected,
        "my_side": view.side,
        "focus": view.focus,
        "heat_key": selected.key if selected else "",
        "desk_url": lambda **changes: f"{base}?{view.query(done='', focus='', **changes)}",
        "fragment_url": f"{base}/fragment?{view.query()}",
        "events_url": f"/c/{cid}/events",
        "retry_refused_ms": w.settings.limits.stream_retry_s * 1000,
        "recent": [(e.position, _line(e)) for e in reversed(recent)],
        "flash": flash,
        "errors": {form or "top": problem.message} if problem else {},
        "error_field": problem.field if problem else None,
        "form": form,
        "values": values or {},
        "ask": ask,
    }


def _line(event: StoredEvent) -> str:
    return narrate(event.type, event.data, event.actor)


def _headers(context: dict[str, Any], view: View) -> dict[str, str]:
    return {"X-Log-Position": str(context["position"]), "X-Desk-Query": view.query()}


@router.get("/console/c/{cid}")
def competition_desk(
    request: Request,
    cid: str,
    heat: str | None = None,
    done: str | None = None,
    side: str | None = None,
    focus: str | None = None,
) -> Response:
    session = session_of(request)
    console_operator(request, session, Role.TIMEKEEPER)
    context = _context(request, cid, _view(heat, side, done, focus))
    return screen(request, session, TEMPLATE, context)


@router.get("/console/c/{cid}/fragment")
def desk_fragment(
    request: Request,
    cid: str,
    heat: str | None = None,
    done: str | None = None,
    side: str | None = None,
    focus: str | None = None,
) -> Response:
    """The desk's live part, for the page to swap in when the log moves (role-checked like
    the desk)."""
    session = session_of(request)
    console_operator(request, session, Role.TIMEKEEPER)
    view = _view(heat, side, done, focus)
    context = _context(request, cid, view)
    return part(request, session, TEMPLATE, context, headers=_headers(context, view))


def _fields(form: dict[str, str], action: str) -> dict[str, Any]:
    values: dict[str, Any] = {k: v for k, v in form.items() if v.strip() != ""}
    if action == "draw" and "pairs" in values:
        lines = [line for line in values["pairs"].splitlines() if line.strip()]
        values["pairs"] = [[n.strip() for n in line.split(" v ")] for line in lines]
    return values


@dataclass(frozen=True)
class Outcome:
    """What a console form did: the events it recorded, the problem that refused it, or the
    question it must be confirmed with first."""

    session: Session
    form_id: str
    done: Handled | None
    problem: Problem | None
    ask: Question | None = None


def perform(
    request: Request, cid: str, action: str, form: dict[str, str], ask: bool = False
) -> Outcome:
    """Run the operator action `action` with a console form (CSRF and role checked first);
    `form` keeps what was typed, for a refused form to be shown again. With `ask`, an action
    that needs a confirmation is only decided (nothing written) and its question returned."""
    session = session_of(request)
    check_csrf(request, session, form.pop("csrf", None))
    spec = ACTIONS.get(action)
    if spec is None:
        raise NotFound(f"no console action {action!r}")
    operator = console_operator(request, session, spec.role)
    form_id = form.pop("form", action)
    command_id = form.pop("command_id", "") or None
    asked = ask and asks(action, form)
    typed = {k: v for k, v in form.items() if k not in VIEW_FIELDS}
    # one form may post to several actions (split, finish, skip): each takes its own fields
    taken = {k: v for k, v in typed.items() if k in spec.body.model_fields}
    hub = web(request).hub
    try:
        body = spec.body.model_validate(_fields(taken, action))
        if asked:  # decided on the state now, nothing written: refused now, or asked
            command, events = hub.read(cid, lambda state: _dry_run(state, spec.build(state, body)))
            words = [narrate(kind, data) for kind, _, data in map(to_wire, events)]
            named = {
                k: v
                for k in ("entrant", "catcher")
                if isinstance(v := getattr(command, k, None), str)
            }
            return Outcome(
                session, form_id, None, None, question(action, {**typed, **named}, typed, words)
            )
        done = hub.handle(
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


def _dry_run(state: CompetitionState, command: Command) -> tuple[Command, list[Event]]:
    return command, decide(state, command)


def done_query(done: Handled) -> dict[str, str]:
    return {"done": ",".join(str(e.position) for e in done.stored)}


def _act(request: Request, cid: str, action: str, form: dict[str, str], swap: bool) -> Response:
    heat_key = f"{form['round']}/{form['heat']}" if form.get("round") and form.get("heat") else None
    heat_key = form.get("view") or heat_key
    typed = dict(form)
    outcome = perform(request, cid, action, form, ask=True)
    view = _view(heat_key, typed.get("side"), None, outcome.form_id)
    if outcome.done is not None:
        view = View(view.heat, view.side, tuple(outcome.done.positions), view.focus)
        if not swap:
            return RedirectResponse(f"/console/c/{cid}?{view.query()}", status_code=303)
    # what was typed comes back only to be fixed (refused) or confirmed (asked), not once done
    kept = outcome.done is None
    shown = {k: v for k, v in typed.items() if kept and k not in ("csrf", "command_id")}
    context = _context(request, cid, view, outcome.problem, outcome.form_id, shown, outcome.ask)
    status = outcome.problem.status if outcome.problem else 200
    if swap:
        headers = _headers(context, view)
        return part(request, outcome.session, TEMPLATE, context, status, headers)
    return screen(request, outcome.session, TEMPLATE, context, status)


@router.post("/console/c/{cid}/{action}")
async def act(request: Request, cid: str, action: str) -> Response:
    received = await request.form()
    form = {k: v for k, v in received.items() if isinstance(v, str)}
    swap = request.headers.get("x-desk") == "fragment"
    return await run_in_threadpool(_act, request, cid, action, form, swap)
