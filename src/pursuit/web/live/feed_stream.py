"""The current-heat feed as server-sent events: `event: current-heat` with the whole feed each
time the competition's log moves and the feed changed, the first one at once on connecting.

Unlike the page stream (`live.stream`), whose frame only says "re-read", each frame here is the
feed itself, so a scoreboard needs nothing but this one connection. A frame is built at most
once per log position (the hub caches the model and this module its text).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from starlette.concurrency import run_in_threadpool
from starlette.types import Send

from pursuit.web.live.broadcast import Broadcaster, Channel, Update
from pursuit.web.live.stream import RETRY_MS, BroadcastStream
from pursuit.web.live.writes import Message

EVENT = "current-heat"

# (position, feed JSON, what it says without the position), None while there is nothing to show
FeedText = Callable[[], tuple[int, str, str] | None]


class Reading(NamedTuple):
    """The feed read once for every viewer: what it says, and its frame ready to write."""

    said: str
    message: Message


def frame(position: int, text: str) -> bytes:
    """One server-sent event carrying the feed (JSON has no raw line breaks: one data line)."""
    return f"event: {EVENT}\nid: {position}\ndata: {text}\n\n".encode()


class FeedStream(BroadcastStream):
    def __init__(
        self,
        broadcaster: Broadcaster,
        competition: str,
        feed: FeedText,
        release: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(broadcaster, competition, release=release)
        self.feed = feed  # blocking: run in the thread pool
        self.last = ""  # what the last frame said, without its position

    async def opening(self, send: Send) -> None:
        await send(_body(f"retry: {RETRY_MS}\n\n".encode()))
        await self._send_if_new(send)

    def channel(self) -> Channel:
        """One reading of the feed per update for all the competition's feed viewers."""
        return self.broadcaster.channel(self.competition, EVENT, self._prepare)

    async def _prepare(self, update: Update) -> Reading | None:
        found = await run_in_threadpool(self.feed)
        if found is None:
            return None
        position, text, said = found
        return Reading(said, _body(frame(position, text)))

    def frame(self, update: Update, prepared: object) -> Message | None:
        if not isinstance(prepared, Reading) or prepared.said == self.last:
            return None  # the log moved elsewhere (another heat, a line-up): nothing new here
        self.last = prepared.said
        return prepared.message

    async def _send_if_new(self, send: Send) -> None:
        found = await run_in_threadpool(self.feed)
        if found is None or found[2] == self.last:
            return
        position, text, said = found
        await send(_body(frame(position, text)))
        self.last = said


def _body(data: bytes) -> Message:
    return {"type": "http.response.body", "body": data, "more_body": True}
