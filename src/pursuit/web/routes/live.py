"""Server-sent events: one stream per competition, an `update` each time its log moves.

The first event on every (re)connection carries the current position, so a viewer whose page is
older re-reads it at once: nothing is lost between rendering a page and subscribing.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from starlette.concurrency import run_in_threadpool

from pursuit.app.ids import is_reserved
from pursuit.web.errors import NotFound
from pursuit.web.limiting.addresses import address_of
from pursuit.web.live.stream import UpdateStream
from pursuit.web.parts import web

router = APIRouter()


async def competition_head(request: Request, cid: str) -> int:
    """The current position of `cid` (404 if there is no such competition)."""
    w = web(request)
    known = w.broadcaster.head(cid)
    if known is not None:
        return known
    head = await run_in_threadpool(w.hub.head, cid)
    if head == 0 or is_reserved(cid):
        raise NotFound(f"no competition {cid!r}")
    return head


@router.get(
    "/c/{cid}/events",
    response_class=UpdateStream,
    summary="Live updates of a competition (server-sent events)",
    tags=["live"],
    responses={
        200: {"content": {"text/event-stream": {}}, "description": "An endless stream"},
        503: {"description": "As many streams open as the server serves (Retry-After)"},
    },
)
async def events(request: Request, cid: str, head: int = Depends(competition_head)) -> UpdateStream:
    """`event: update`, `data: {"competition", "position", "heats": ["Q/3", …]}` whenever the
    competition's log moves, and `: ping` every 15 s; re-read the page (or its `/fragment`) at
    the new position. Streams are capped, in all and per address: beyond, 503 with
    Retry-After."""
    w = web(request)
    release = w.limits.streams.admit(address_of(request))
    return UpdateStream(w.broadcaster, cid, head, release=release)
