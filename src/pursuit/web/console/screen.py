"""Rendering a console screen: the operator, a fresh CSRF token and the session cookie."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from pursuit.operators.roles import Role
from pursuit.web.auth.guards import keep_session, logged_in
from pursuit.web.auth.sessions import Session
from pursuit.web.parts import web


def screen(
    request: Request,
    session: Session,
    template: str,
    context: dict[str, Any],
    status: int = 200,
) -> Response:
    w = web(request)
    user = logged_in(request, session)
    full = {
        "user": user,
        "csrf": w.sessions.csrf_token(session),
        "command_id": lambda: uuid.uuid4().hex,
        "can": lambda role: user is not None and user.role.allows(Role(role)),
        "errors": {},
        "values": {},
        "flash": [],
        "form": "",
        **context,
    }
    html = w.renderer.page(template, full)
    response = Response(
        html,
        status_code=status,
        media_type="text/html; charset=utf-8",
        headers={"Cache-Control": "no-store"},
    )
    return keep_session(request, response, session)
