"""Rendering a console screen: the operator, a fresh CSRF token and the session cookie; or one
block of it (the desk's and the timing panel's live part) for a page to swap in."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from pursuit.operators.roles import Role
from pursuit.web.auth.guards import keep_session, logged_in
from pursuit.web.auth.sessions import Session
from pursuit.web.parts import web


def _context(request: Request, session: Session, context: dict[str, Any]) -> dict[str, Any]:
    user = logged_in(request, session)
    return {
        "user": user,
        "csrf": web(request).sessions.csrf_token(session),
        "command_id": lambda: uuid.uuid4().hex,
        "can": lambda role: user is not None and user.role.allows(Role(role)),
        "errors": {},
        "values": {},
        "flash": [],
        "form": "",
        **context,
    }


def _response(
    request: Request, session: Session, html: str, status: int, headers: dict[str, str]
) -> Response:
    response = Response(
        html,
        status_code=status,
        media_type="text/html; charset=utf-8",
        headers={"Cache-Control": "no-store", **headers},
    )
    return keep_session(request, response, session)


def screen(
    request: Request,
    session: Session,
    template: str,
    context: dict[str, Any],
    status: int = 200,
) -> Response:
    html = web(request).renderer.page(template, _context(request, session, context))
    return _response(request, session, html, status, {})


def part(
    request: Request,
    session: Session,
    template: str,
    context: dict[str, Any],
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> Response:
    """The `live` block of `template` alone, with what a whole screen has."""
    html = web(request).renderer.block(template, "live", _context(request, session, context))
    return _response(request, session, html, status, headers or {})
