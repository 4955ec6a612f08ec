"""Who is asking, and may they: sessions for the console, bearer tokens for the API.

Anything that changes a competition goes through `console_operator` (a session cookie plus a
CSRF token checked by the caller) or `api_operator` (an `Authorization: Bearer` token, no
cookies, so no CSRF); both refuse a lower role with 403.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import Response

from pursuit.operators.registry import AccessRefused
from pursuit.operators.roles import Role
from pursuit.operators.state import User
from pursuit.web.auth.sessions import COOKIE, Session
from pursuit.web.errors import Forbidden, NotAuthenticated
from pursuit.web.parts import web


@dataclass(frozen=True)
class Operator:
    user: User
    session: Session | None  # None when the request came with a token


def session_of(request: Request) -> Session:
    """The visitor's valid session, or a new anonymous one (`fresh`: set its cookie)."""
    sessions = web(request).sessions
    return sessions.decode(request.cookies.get(COOKIE)) or sessions.new()


def logged_in(request: Request, session: Session) -> User | None:
    """The session's user, unless the session is anonymous, has ended (logged out, password
    changed, user disabled: the operators' log says so) or is older than a password change."""
    if session.user is None:
        return None
    user = web(request).users.session_user(session.nonce, session.user)
    if user is None or user.credentials != session.credentials:
        return None
    return user


def _allowed(user: User, needed: Role) -> None:
    if not user.role.allows(needed):
        raise Forbidden(
            f"{user.name} is {_a(user.role.value)}; this needs {_a(needed.value)} or above"
        )


def _a(word: str) -> str:
    """ "an admin", "a timekeeper"."""
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def console_operator(request: Request, session: Session, needed: Role) -> Operator:
    user = logged_in(request, session)
    if user is None:
        raise NotAuthenticated("log in to the console first")
    _allowed(user, needed)
    return Operator(user, session)


def check_csrf(request: Request, session: Session, token: object) -> None:
    if not isinstance(token, str) or not web(request).sessions.csrf_ok(session, token):
        raise Forbidden("the form's CSRF token is missing or out of date; reload the page")


def api_operator(request: Request, needed: Role) -> Operator:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticated("send Authorization: Bearer <token> (POST /api/token issues one)")
    try:
        user = web(request).users.token_user(token.strip())
    except AccessRefused as refused:
        raise NotAuthenticated(str(refused)) from None
    _allowed(user, needed)
    return Operator(user, None)


def keep_session(request: Request, response: Response, session: Session) -> Response:
    """Set the session cookie when the session is new: HttpOnly, SameSite=Lax, Secure on https."""
    if session.fresh:
        w = web(request)
        response.set_cookie(
            COOKIE,
            w.sessions.encode(session),
            max_age=int(w.sessions.max_age_s),
            httponly=True,
            samesite="lax",
            secure=w.settings.secure_cookies or request.url.scheme == "https",
            path="/",
        )
    return response
