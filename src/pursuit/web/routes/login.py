"""Console log in and log out: a new session each time, so tokens of the old one are void. A
logged-in session is recorded in the operators' log when it begins and ends on logging out, so
its cookie is useless from then on."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import RedirectResponse, Response

from pursuit.web.auth.guards import check_csrf, keep_session, session_of
from pursuit.web.auth.password_login import authenticate
from pursuit.web.console.screen import screen
from pursuit.web.errors import Busy, TooManyRequests
from pursuit.web.parts import web

router = APIRouter(include_in_schema=False)


def _local(target: str | None) -> str:
    """Only paths inside the console: never redirect to another site."""
    if target and target.startswith("/console") and not target.startswith("//"):
        return target
    return "/console"


@router.get("/console/login")
def login_form(request: Request, next: str | None = None) -> Response:
    session = session_of(request)
    return screen(request, session, "console/login.html", {"next": _local(next)})


@router.post("/console/login")
async def login(request: Request) -> Response:
    form = await request.form()
    name, password = str(form.get("name", "")).strip(), str(form.get("password", ""))
    session = session_of(request)
    check_csrf(request, session, form.get("csrf"))
    w = web(request)
    target = _local(str(form.get("next", "")))
    try:
        user = await authenticate(request, name, password)
    except (TooManyRequests, Busy) as refused:  # throttled: said on the form, with Retry-After
        context = {"next": target, "values": {"name": name}, "errors": {"login": refused.message}}
        page = screen(request, session, "console/login.html", context, status=refused.status)
        page.headers["Retry-After"] = str(refused.retry_after_s)
        return page
    if user is None:
        context = {
            "next": target,
            "values": {"name": name},
            "errors": {"login": "Wrong name or password."},
        }
        return screen(request, session, "console/login.html", context, status=401)
    fresh = w.sessions.new(user.name, user.credentials)
    await run_in_threadpool(w.users.start_session, user.name, fresh.nonce, w.sessions.max_age_s)
    return keep_session(request, RedirectResponse(target, status_code=303), fresh)


@router.post("/console/logout")
async def logout(request: Request) -> Response:
    form = await request.form()
    session = session_of(request)
    check_csrf(request, session, form.get("csrf"))
    w = web(request)
    if session.user is not None:
        await run_in_threadpool(w.users.end_session, session.nonce, session.user)
    anonymous = w.sessions.new()
    redirect = RedirectResponse("/console/login", status_code=303)
    return keep_session(request, redirect, anonymous)
