"""Feeds for other systems: the results as ODF-style XML, and the current heat as JSON, over
HTTP and as server-sent events (docs/feeds.md)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from pursuit.core.live_state import CompetitionState
from pursuit.core.results import Results
from pursuit.export import odf
from pursuit.views.current_heat import current_heat
from pursuit.views.errors import NothingToShow
from pursuit.views.feed_facts import feed_facts
from pursuit.views.results import ResultsView
from pursuit.web.limiting.addresses import address_of
from pursuit.web.live.feed_stream import FeedStream
from pursuit.web.page_response import JSON_TYPE, to_json
from pursuit.web.parts import web
from pursuit.web.routes.live import competition_head

router = APIRouter(include_in_schema=False)

XML_TYPE = "application/xml"


@router.get("/c/{cid}/odf.xml")
def odf_feed(request: Request, cid: str) -> Response:
    """Every ODF message of the competition as it stands: DT_RESULT per phase or heat,
    DT_BRACKETS, DT_RANKING, DT_RECORD (schemas/odf-cycling-track.xsd)."""
    hub = web(request).hub

    def build(state: CompetitionState, results: Results, view: ResultsView) -> str:
        return odf.render(view, feed_facts(results, state))

    position, text = hub.model_of(cid, "odf", build)
    headers = {"Cache-Control": "no-cache", "X-Log-Position": str(position)}
    return Response(text, media_type=XML_TYPE, headers=headers)


def feed_text(request: Request, cid: str) -> tuple[int, str, str] | None:
    """The current-heat feed as JSON text with its log position, and the text without the
    position (what the feed says); None before any heat is drawn."""
    w = web(request)
    try:
        position, model = w.hub.model(cid, "current-heat", current_heat(cid))
    except NothingToShow:
        return None
    key = (cid, position, "current-heat", "json")
    texts: tuple[str, str] | None = w.hub.rendered.get(key)
    if texts is None:
        texts = (to_json(position, model), to_json(None, model))
        w.hub.rendered.put(key, texts)
    return position, *texts


@router.get("/c/{cid}/current-heat")  # and, through JsonSuffix, /c/{cid}/current-heat.json
def current_heat_feed(request: Request, cid: str) -> Response:
    """The heat on the track now (else the last ridden, else the first to come) as JSON
    (schemas/current-heat.schema.json)."""
    found = feed_text(request, cid)
    if found is None:
        raise NothingToShow(f"no heat drawn yet in {cid}")
    position, text, _ = found
    headers = {"Cache-Control": "no-cache", "X-Log-Position": str(position)}
    return Response(text, media_type=JSON_TYPE, headers=headers)


@router.get("/c/{cid}/current-heat/events", response_class=FeedStream)
async def current_heat_events(
    request: Request, cid: str, head: int = Depends(competition_head)
) -> FeedStream:
    """`event: current-heat`, `data:` the feed, at once and whenever it changes."""
    w = web(request)
    release = w.limits.streams.admit(address_of(request))
    return FeedStream(w.broadcaster, cid, lambda: feed_text(request, cid), release=release)
