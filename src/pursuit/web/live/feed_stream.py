"""The current-heat feed as server-sent events: `event: current-heat` with the whole feed each
time the competition's log moves and the feed changed, the first one at once on connecting.

Unlike the page stream (`live.stream`), whose frame only says "re-read", each frame here is the
feed itself, so a scoreboard needs nothing but this one connection. A frame is built at most
once per log position (the hub caches the model and this module its text).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from pursuit.web.live.broadcast import Broadcaster, Update
from pursuit.web.live.stream import HEADERS, PING, RETRY_MS

EVENT = "current-heat"

# (position, feed JSON, what it says without the position), None while there is nothing to show
FeedText = Callable[[], tuple[int, str, str] | None]


def frame(position: int, text: str) -> bytes:
    """One server-sent event carrying the feed (JSON has no raw line breaks: one data line)."""
    return f"event: {EVENT}\nid: {position}\ndata: {text}\n\n".encode()


class FeedStream(Response):
    media_type = "text/event-stream"

    def __init__(
        self,
        broadcaster: Broadcaster,
        competition: str,
        feed: FeedText,
        release: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(status_code=200)
        self.broadcaster = broadcaster
        self.competition = competition
        self.feed = feed  # blocking: run in the thread pool
        self.release = release

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await self._stream(receive, send)
        finally:
            if self.release is not None:
                self.release()

    async def _stream(self, receive: Receive, send: Send) -> None:
        subscription = self.broadcaster.subscribe(self.competition)

        async def until_gone() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            subscription.close()

        watcher = asyncio.ensure_future(until_gone())
        last = ""
        try:
            await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
            await send(_body(f"retry: {RETRY_MS}\n\n".encode()))
            last = await self._send_if_new(send, last)
            while (item := await subscription.next()) is not None:
                if isinstance(item, Update):
                    last = await self._send_if_new(send, last)
                else:
                    await send(PING)
        except OSError:
            pass  # the client went away mid-write
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
            self.broadcaster.unsubscribe(subscription)

    async def _send_if_new(self, send: Send, last: str) -> str:
        found = await run_in_threadpool(self.feed)
        if found is None or found[2] == last:
            return last  # the log moved elsewhere (another heat, a line-up): nothing new here
        position, text, said = found
        await send(_body(frame(position, text)))
        return said


def _body(data: bytes) -> dict[str, object]:
    return {"type": "http.response.body", "body": data, "more_body": True}
