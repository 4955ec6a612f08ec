"""Signed session cookies and the CSRF tokens derived from them.

A session is a small JSON document (a random nonce, the user or none, the credentials version
and when it was issued) signed with HMAC-SHA256 under the settings' secret key. An anonymous
session (the login form's CSRF) is kept only in its cookie; a logged-in one is also recorded in
the operators' log when it begins and when it ends (`Operators.start_session`, `end_session`),
so logging out, a password change or disabling the operator ends it at once, in every process.
A CSRF token is the HMAC of the session's nonce, so it is valid for exactly one session;
logging in starts a new session (new nonce), which voids tokens handed out before.

A cookie or token is compared as bytes: whatever a visitor sends, it is refused, never an error.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

COOKIE = "pursuit_session"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _same(given: str, expected: str) -> bool:
    """A constant-time comparison that takes any text (`compare_digest` refuses non-ASCII
    str)."""
    return hmac.compare_digest(
        given.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass")
    )


@dataclass(frozen=True)
class Session:
    nonce: str
    user: str | None
    credentials: int  # the user's credentials version when the session began
    issued: float
    fresh: bool = False  # made on this request: the response must set the cookie


class Sessions:
    def __init__(
        self, secret_key: str, max_age_s: float, clock: Callable[[], float] = time.time
    ) -> None:
        self._key = hashlib.sha256(("pursuit-session:" + secret_key).encode()).digest()
        self.max_age_s = max_age_s
        self._clock = clock

    def new(self, user: str | None = None, credentials: int = 0) -> Session:
        return Session(secrets.token_urlsafe(16), user, credentials, self._clock(), fresh=True)

    def encode(self, session: Session) -> str:
        body = _b64(
            json.dumps(
                [session.nonce, session.user, session.credentials, session.issued],
                separators=(",", ":"),
            ).encode()
        )
        return f"{body}.{self._mac(body)}"

    def decode(self, cookie: str | None) -> Session | None:
        """The session in a cookie, or None if it is missing, forged or expired."""
        if not cookie or "." not in cookie:
            return None
        body, mac = cookie.rsplit(".", 1)
        if not _same(mac, self._mac(body)):
            return None
        try:
            nonce, user, credentials, issued = json.loads(_unb64(body))
        except (ValueError, TypeError):
            return None
        if not isinstance(issued, int | float) or self._clock() - issued > self.max_age_s:
            return None
        return Session(
            str(nonce), user if isinstance(user, str) else None, int(credentials), issued
        )

    def csrf_token(self, session: Session) -> str:
        return self._mac("csrf:" + session.nonce)

    def csrf_ok(self, session: Session | None, token: str | None) -> bool:
        if session is None or not token:
            return False
        return _same(token, self.csrf_token(session))

    def _mac(self, text: str) -> str:
        return _b64(hmac.new(self._key, text.encode(), hashlib.sha256).digest())
