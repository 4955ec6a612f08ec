"""Which representation a request wants: HTML, or JSON (by a `.json` suffix or the Accept header).

`JsonSuffix` is ASGI middleware: `/c/x/results/Q.json` is served by the route of
`/c/x/results/Q`, marked as wanting JSON, so every page has its JSON twin with no extra routes.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

JSON_FLAG = "pursuit.json"
_SKIP = ("/api/", "/static/", "/openapi.json")


class JsonSuffix:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            if path.endswith(".json") and not path.startswith(_SKIP):
                scope = dict(scope)
                scope["path"] = path.removesuffix(".json") or "/"
                raw = scope.get("raw_path")
                if isinstance(raw, bytes):
                    scope["raw_path"] = raw.removesuffix(b".json") or b"/"
                scope[JSON_FLAG] = True
        await self.app(scope, receive, send)


def wants_json(request: Request) -> bool:
    if request.scope.get(JSON_FLAG) or request.url.path.startswith("/api/"):
        return True
    accept = request.headers.get("accept", "")
    if "application/json" not in accept:
        return False
    html_at = accept.find("text/html")
    return html_at == -1 or accept.find("application/json") < html_at
