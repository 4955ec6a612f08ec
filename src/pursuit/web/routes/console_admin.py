"""Admin screens: users (add, change role, issue or revoke API tokens, disable or enable) and
new competitions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from pursuit.errors import PursuitError
from pursuit.loading.format_files import preset_names
from pursuit.operators.roles import Role
from pursuit.web.auth.guards import Operator, check_csrf, console_operator, session_of
from pursuit.web.auth.sessions import Session
from pursuit.web.console.screen import screen
from pursuit.web.creation import NewCompetition, create_competition
from pursuit.web.errors import problem_of
from pursuit.web.parts import web

router = APIRouter(include_in_schema=False)


def _users_screen(
    request: Request, session: Session, extra: dict[str, Any], status: int = 200
) -> Response:
    directory = web(request).users
    everyone = directory.all()
    context = {
        "users": everyone,
        "tokens": {u.name: directory.tokens_in_force(u.name) for u in everyone},
        "roles": [r.value for r in Role],
        "token": None,
        **extra,
    }
    return screen(request, session, "console/users.html", context, status)


@router.get("/console/users")
def users(request: Request) -> Response:
    session = session_of(request)
    console_operator(request, session, Role.ADMIN)
    return _users_screen(request, session, {})


def _admin_post(request: Request, form: dict[str, str]) -> tuple[Session, Operator]:
    session = session_of(request)
    check_csrf(request, session, form.get("csrf"))
    return session, console_operator(request, session, Role.ADMIN)


def _user_action(request: Request, action: str, form: dict[str, str]) -> Response:
    session, operator = _admin_post(request, form)
    directory = web(request).users
    name, actor = form.get("name", "").strip(), operator.user.name
    try:
        if action == "add":
            directory.add(name, form.get("role", ""), form.get("password", ""), actor)
            done = f"user {name} added as {form.get('role')}"
        elif action == "role":
            directory.set_role(name, form.get("role", ""), actor)
            done = f"{name} is now {form.get('role')}"
        elif action == "token":
            issued = directory.grant_token(name, actor)
            shown = {"token": issued.token, "token_user": name, "expires": issued.expires_at}
            return _users_screen(request, session, shown)
        elif action == "revoke":
            count = directory.revoke_tokens(name, actor)
            done = f"{count} token{'' if count == 1 else 's'} of {name} revoked"
        elif action == "disable":
            directory.disable(name, actor)
            done = f"{name} is disabled: their sessions ended and their tokens were revoked"
        elif action == "enable":
            directory.enable(name, actor)
            done = f"{name} may log in again"
        else:
            done = ""
    except PursuitError as e:
        problem = problem_of(e)
        context = {"errors": {action: problem.message}, "values": form, "form": action}
        return _users_screen(request, session, context, problem.status)
    return _users_screen(request, session, {"flash": [done]})


@router.post("/console/users/{action}")
async def user_action(request: Request, action: str) -> Response:
    received = await request.form()
    form = {k: v for k, v in received.items() if isinstance(v, str)}
    return await run_in_threadpool(_user_action, request, action, form)


@router.get("/console/new")
def new_form(request: Request) -> Response:
    session = session_of(request)
    console_operator(request, session, Role.ADMIN)
    context = {"formats": preset_names()}
    return screen(request, session, "console/new.html", context)


def _create(request: Request, form: dict[str, str]) -> Response:
    session, operator = _admin_post(request, form)
    try:
        wanted = NewCompetition.from_form(form)
        create_competition(web(request).hub, wanted, operator.user.name)
    except (PursuitError, ValueError) as e:
        problem = problem_of(e) if isinstance(e, PursuitError) else None
        message = problem.message if problem else str(e)
        context = {
            "formats": preset_names(),
            "errors": {"new": message},
            "values": form,
            "form": "new",
        }
        return screen(request, session, "console/new.html", context, 400)
    return RedirectResponse(f"/console/c/{wanted.id}?done=1", status_code=303)


@router.post("/console/new")
async def create(request: Request) -> Response:
    received = await request.form()
    form = {k: v for k, v in received.items() if isinstance(v, str)}
    return await run_in_threadpool(_create, request, form)
