"""The charts of the public pages as SVG: a heat's gap and lap charts, a timed round's times,
the knockout bracket. Each answers with an ETag, so a page that reloads a picture that has not
changed gets a 304."""

from __future__ import annotations

import hashlib
from collections.abc import Hashable

from fastapi import APIRouter, Request
from starlette.responses import Response

from pursuit.web.context import web
from pursuit.web.pages.pictures import ChartBuilder, bracket_chart, heat_chart, round_chart

SVG_TYPE = "image/svg+xml"

router = APIRouter(include_in_schema=False)


@router.get("/c/{cid}/charts/heat/{round_id}/{number}/{kind}.svg")
def heat_picture(request: Request, cid: str, round_id: str, number: int, kind: str) -> Response:
    key = ("chart", "heat", round_id, number, kind)
    return _svg(request, cid, key, heat_chart(cid, round_id, number, kind))


@router.get("/c/{cid}/charts/results/{round_id}.svg")
def round_picture(request: Request, cid: str, round_id: str) -> Response:
    return _svg(request, cid, ("chart", "results", round_id), round_chart(cid, round_id))


@router.get("/c/{cid}/charts/bracket.svg")
def bracket_picture(request: Request, cid: str) -> Response:
    return _svg(request, cid, ("chart", "bracket"), bracket_chart(cid))


def _svg(request: Request, cid: str, key: Hashable, build: ChartBuilder) -> Response:
    w = web(request)
    position, chart = w.hub.model_of(cid, key, build)
    svg = w.drawing.svg((cid, position, key), chart)
    tag = '"' + hashlib.sha256(svg).hexdigest()[:20] + '"'
    headers = {"ETag": tag, "Cache-Control": "no-cache", "X-Log-Position": str(position)}
    if tag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(svg, media_type=SVG_TYPE, headers=headers)
