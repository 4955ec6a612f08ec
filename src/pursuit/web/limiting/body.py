"""A limit on request bodies, as ASGI middleware: a body declared larger is refused before a
byte of it is read, and a body streamed without a length (chunked) is refused as soon as it
passes the limit. Both answer 413 in the one error shape.

(Starlette's own `max_body_size` answers a declared length with a plain-text body, whatever
the route would have said, so it would break the one shape.)"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pursuit.web.errors import Problem
from pursuit.web.handlers import respond


class BodyTooLarge(HTTPException):
    """Raised while the body is read; the error handlers make it the one shape (413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit:,} bytes")


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > self.max_bytes:
            problem = Problem(413, "too_large", str(BodyTooLarge(self.max_bytes).detail))
            response = respond(Request(scope), problem)
            response.headers["Connection"] = "close"
            await response(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, limited, send)


def _declared_length(scope: Scope) -> int | None:
    for key, value in scope["headers"]:
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
