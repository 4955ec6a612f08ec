"""Security headers on every response: a Content-Security-Policy with no inline script, no
framing, no MIME sniffing, a same-origin referrer.

The policies are built and checked with the `secure` package. Applying them is this module's own
small ASGI middleware rather than `secure`'s: a chart (an SVG document, which styles itself
inline) and the API docs (Swagger UI from its CDN) set a policy of their own, and `secure`'s
middleware would add the page policy beside it — two policies are both enforced, so the chart's
styles would be blocked. Pure ASGI, never `BaseHTTPMiddleware`: the live stream is not buffered,
and only the start of each response is touched.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from secure import (
    ContentSecurityPolicy,
    CrossOriginOpenerPolicy,
    PermissionsPolicy,
    ReferrerPolicy,
    Secure,
    XContentTypeOptions,
    XFrameOptions,
)
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = "content-security-policy"


def _policy(csp: ContentSecurityPolicy) -> str:
    return csp.frame_ancestors("'none'").header_value


# Pages: scripts and styles only from files of this site; the live stream and fragments only
# from this site; nothing framed, no plugins, forms post only here.
PAGE_POLICY = _policy(
    ContentSecurityPolicy()
    .default_src("'none'")
    .script_src("'self'")
    .style_src("'self'")
    .img_src("'self'")
    .connect_src("'self'")
    .base_uri("'self'")
    .form_action("'self'")
    .object_src("'none'")
)

# A chart opened on its own: matplotlib's SVG styles its shapes inline; no script at all.
PICTURE_POLICY = _policy(ContentSecurityPolicy().default_src("'none'").style_src("'unsafe-inline'"))

# The API docs: Swagger UI's script and styles served by this site (it works without internet);
# it sets element styles as it draws.
DOCS_POLICY = _policy(
    ContentSecurityPolicy()
    .default_src("'none'")
    .script_src("'self'")
    .style_src("'self'", "'unsafe-inline'")
    .img_src("'self'", "data:")
    .connect_src("'self'")
    .base_uri("'self'")
    .form_action("'self'")
    .object_src("'none'")
)

_COMMON = (
    Secure(
        xfo=XFrameOptions().deny(),
        xcto=XContentTypeOptions().nosniff(),
        referrer=ReferrerPolicy().same_origin(),
        coop=CrossOriginOpenerPolicy().same_origin(),
        permissions=PermissionsPolicy().camera().microphone().geolocation().payment().usb(),
    )
    .validate_and_normalize_headers(on_invalid="raise", strict=True)
    .headers
)


def _encoded(headers: Mapping[str, str]) -> list[tuple[bytes, bytes]]:
    return [
        (name.lower().encode("ascii"), value.encode("ascii")) for name, value in headers.items()
    ]


COMMON = _encoded(_COMMON)
_PAGE_CSP = (CSP.encode(), PAGE_POLICY.encode())
_OWN = {name for name, _ in COMMON}


class SecurityHeaders:
    """Adds the common headers to every HTTP response, and the page policy unless the response
    set a Content-Security-Policy of its own. Other header values a response set are replaced."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = _secured(message.get("headers", ()))
            await send(message)

        scope[SERVER_SEND] = send
        await self.app(scope, receive, with_headers)


# The server's own `send`, outside every middleware: a live stream writes its bodies there once
# its headers went through them all (a body passes every middleware unchanged; `live.stream`).
SERVER_SEND = "pursuit.server_send"


def _secured(headers: Any) -> list[tuple[bytes, bytes]]:
    kept = [(name, value) for name, value in headers if name.lower() not in _OWN]
    if not any(name.lower() == _PAGE_CSP[0] for name, _ in kept):
        kept.append(_PAGE_CSP)
    return kept + COMMON


def wrap_stack(build: Callable[[], ASGIApp]) -> Callable[[], ASGIApp]:
    """FastAPI's `build_middleware_stack` with the headers outside everything, the server-error
    handler included, so that a 500 carries them too."""
    return lambda: SecurityHeaders(build())
