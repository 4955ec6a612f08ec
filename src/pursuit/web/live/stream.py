"""One viewer's event stream as a bare ASGI response: the leanest path from an update to the
socket, because with a thousand viewers every microsecond per viewer per event counts.

The frame of an update is encoded once (`Update.frame`) and written to every stream as is, by
the broadcaster's fan-out (`live.broadcast`), one loop for all viewers: no stream's task wakes
for an update. A stream's task sends the headers and the opening, then only waits for its end;
one small task per stream waits for the client to go away and closes its subscription.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from pursuit.web.live.broadcast import Broadcaster, Channel, Update
from pursuit.web.live.direct import EXTENSION, DirectBody
from pursuit.web.live.writes import Message
from pursuit.web.security_headers import SERVER_SEND

RETRY_MS = 2000
SHUTDOWN = "the server is shutting down"
GONE_WAIT_S = 5.0  # after dropping a stalled viewer, how long its disconnect may take to come
END: Message = {"type": "http.response.body", "body": b"", "more_body": False}
HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-cache"),
    (b"x-accel-buffering", b"no"),  # nginx: do not buffer the stream
]


class BroadcastStream(Response):
    """A stream of one competition's updates to one client: the subscription, the task that
    notices the client leave, and the clean-up, whatever the frames (`opening`, `on_update`)."""

    media_type = "text/event-stream"

    def __init__(
        self,
        broadcaster: Broadcaster,
        competition: str,
        status_code: int = 200,
        release: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(status_code=status_code)  # (FastAPI's OpenAPI reads that default)
        self.broadcaster = broadcaster
        self.competition = competition
        self.release = release  # the stream's place under the cap, given back when it ends

    async def opening(self, send: Send) -> None:
        """What the client gets first, after the headers."""

    def frame(self, update: Update, prepared: object) -> Message | None:
        """What the client gets when the log moves (None: nothing); `prepared` is what the
        stream's `channel` worked out once for every viewer."""
        return None

    def channel(self) -> Channel | None:
        """The stream's shared preparation of each update, if it needs one."""
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            direct = scope.get("extensions", {}).get(EXTENSION)
            direct = direct if isinstance(direct, DirectBody) else None
            await self._stream(receive, send, scope.get(SERVER_SEND, send), direct)
        finally:
            if self.release is not None:
                self.release()

    async def _stream(
        self, receive: Receive, send: Send, send_body: Send, direct: DirectBody | None = None
    ) -> None:
        """`send_body`: where the fan-out writes the bodies, once the headers went by `send`
        (the server's own send: a thousand viewers skip the middlewares' layers); `direct`:
        the transport to write them to instead, when the server gives it (`live.direct`)."""
        subscription = self.broadcaster.subscribe(
            self.competition, send_body, self.frame, self.channel(), direct
        )
        if direct is not None:
            direct.on_shutdown = lambda: subscription.close(SHUTDOWN)

        async def until_gone() -> None:
            while (await receive())["type"] != "http.disconnect":
                pass
            subscription.close()

        watcher = asyncio.ensure_future(until_gone())
        try:
            await send({"type": "http.response.start", "status": 200, "headers": HEADERS})
            await self.opening(send)
            subscription.open()  # what came during the opening goes now, then every update
            await subscription.ended()
            if subscription.reason == SHUTDOWN and not subscription.behind:
                await send(END)  # the last chunk: the response ends properly
            elif subscription.reason and subscription.direct is not None:
                # dropped by the fan-out (stalled, gone, too far behind for the last chunk):
                # the stream ends once the server has seen the client gone, so that it does
                # not log a response left unfinished
                subscription.direct.abort()
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(asyncio.shield(watcher), GONE_WAIT_S)
        except OSError:
            pass  # the client went away mid-write
        finally:
            if direct is not None:
                direct.on_shutdown = direct.on_writable = None
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
            self.broadcaster.unsubscribe(subscription)


class UpdateStream(BroadcastStream):
    """The live pages' stream: each frame only says the log moved (the page re-reads)."""

    def __init__(
        self,
        broadcaster: Broadcaster,
        competition: str,
        head: int,
        status_code: int = 200,
        release: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(broadcaster, competition, status_code, release)
        self.head = head

    async def opening(self, send: Send) -> None:
        head = max(self.head, self.broadcaster.head(self.competition) or 0)
        first = Update(self.competition, head)
        await send(_body(f"retry: {RETRY_MS}\n".encode() + first.frame))

    def frame(self, update: Update, prepared: object) -> Message | None:
        return update.message


def _body(data: bytes) -> Message:
    return {"type": "http.response.body", "body": data, "more_body": True}
