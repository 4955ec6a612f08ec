"""Answering a page request: the page model at the current position, as HTML, as the live
fragment, or as JSON — each rendered once per position and then served from the cache."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Hashable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from pursuit.core.live_state import CompetitionState
from pursuit.views.document import document
from pursuit.views.results import ResultsView
from pursuit.web.negotiation import wants_json
from pursuit.web.parts import web

JSON_TYPE = "application/json"
HTML_TYPE = "text/html; charset=utf-8"


def _plain(value: object) -> object:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return document(value)
    if isinstance(value, frozenset | set):
        return sorted(value)
    raise TypeError(f"{type(value).__name__} is not JSON")


def to_json(position: int | None, model: Any) -> str:
    """A page model as JSON, with the log position it was built at first."""
    doc = _plain(model) if dataclasses.is_dataclass(model) else model
    if position is not None and isinstance(doc, dict):
        doc = {"position": position, **doc}
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":"), default=_plain)


def page(
    request: Request,
    competition: str,
    key: Hashable,
    template: str,
    build: Callable[[CompetitionState, ResultsView], Any],
    fragment: bool = False,
) -> Response:
    """The page `key` of `competition`: `build` makes its model, `template` renders it; the
    template's `live` block alone is the fragment viewers refresh."""
    w = web(request)
    position, model = w.hub.model(competition, key, build)
    kind = "json" if wants_json(request) else "fragment" if fragment else "html"
    cache_key = (competition, position, key, kind)
    text = w.hub.rendered.get(cache_key)
    if text is None:
        if kind == "json":
            text = to_json(position, model)
        else:
            base = request.url.path.removesuffix("/fragment")
            context = {
                "page": model,
                "position": position,
                "competition": competition,
                "fragment_url": base + "/fragment",
                "events_url": f"/c/{competition}/events",
                "retry_refused_ms": w.settings.limits.stream_retry_s * 1000,
                "json_url": base + ".json",
            }
            renderer = w.renderer
            text = (
                renderer.block(template, "live", context)
                if fragment
                else renderer.page(template, context)
            )
        w.hub.rendered.put(cache_key, text)
    headers = {"Cache-Control": "no-cache", "X-Log-Position": str(position)}
    return Response(text, media_type=JSON_TYPE if kind == "json" else HTML_TYPE, headers=headers)
