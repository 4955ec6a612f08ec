"""The in-process broadcaster: "competition X moved to position N", fanned out to subscribers.

Publishing is safe from any thread (the service runs in worker threads, watchers in their own);
delivery happens on the event loop, in one loop over the viewers that writes the shared message
to each stream's `send` (no task per viewer wakes). A viewer whose write has to wait keeps only
the latest update, merged, and catches up by itself: a slow viewer never makes memory grow or
holds up the others, and since a viewer re-reads its page at the newest position, skipping
intermediate positions loses nothing. One stalled for `STALLED_S` is dropped. Positions already
published are ignored, so an append seen twice (after our own write and again from
PostgreSQL's NOTIFY) goes out once.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from pursuit.web.live.direct import DirectBody, chunk_of
from pursuit.web.live.writes import Message, Send, write_now

KEEPALIVE_S = 15.0
STALLED_S = 60.0  # a viewer whose write has waited this long is dropped (at a keep-alive round)
DELIVERY_SLICE = 64  # viewers written to per turn of the event loop
DELIVERY_PAUSE_S = 0.001  # between slices while a write runs: its thread gets the GIL
PING: Message = {"type": "http.response.body", "body": b": ping\n\n", "more_body": True}

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Update:
    """The log of `competition` reached `position`; `heats` ("Q/3") it touched, if known."""

    competition: str
    position: int
    heats: frozenset[str] = frozenset()

    def merged(self, later: Update) -> Update:
        return Update(
            self.competition, max(self.position, later.position), self.heats | later.heats
        )

    def to_json(self) -> str:
        return json.dumps(
            {
                "competition": self.competition,
                "position": self.position,
                "heats": sorted(self.heats),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @cached_property
    def frame(self) -> bytes:
        """The server-sent event, encoded once however many viewers receive it."""
        return f"event: update\nid: {self.position}\ndata: {self.to_json()}\n\n".encode()

    @cached_property
    def message(self) -> Message:
        """The ASGI message carrying `frame`, shared by every stream (nobody changes it)."""
        return {"type": "http.response.body", "body": self.frame, "more_body": True}


class Channel:
    """What a kind of stream needs worked out once per update, whatever its number of viewers
    (the current-heat feed reads its model in the thread pool); `prepare` gives it."""

    def __init__(self, prepare: Callable[[Update], Awaitable[object]]) -> None:
        self.prepare = prepare
        self.delivered = 0  # the newest position fanned out (preparations may finish unordered)


# What a stream writes for an update, given its channel's preparation; None: nothing
Frame = Callable[[Update, object], Message | None]


class Subscription:
    """One stream's place in the fan-out (loop thread only): where its frames go, and the one
    update (merged) it has yet to get while a write to it waits or its opening is not sent
    yet. A viewer behind is never waited for: it catches up by itself when its write is done,
    with the newest update only, so a stuck viewer holds one update, never a queue."""

    def __init__(
        self,
        competition: str,
        send: Send,
        frame: Frame,
        channel: Channel | None = None,
        direct: DirectBody | None = None,
    ) -> None:
        self.competition = competition
        self.send = send
        self.frame = frame
        self.channel = channel
        self.direct = direct  # the viewer's transport, when the server gives it (`live.direct`)
        self.closed = False
        self.reason = ""  # why the fan-out ended the stream, if it did
        self.behind_since: float | None = None  # when a write began to wait
        self._opened = False
        self._pending: tuple[Update, object] | None = None
        self._ping = False
        self._write: asyncio.Task[None] | None = None
        self._ended: asyncio.Future[None] | None = None

    def open(self) -> None:
        """The stream's opening is sent: from now on updates are written to it."""
        self._opened = True
        if self.direct is not None:
            if self.direct.usable:
                self.direct.on_writable = self._drained
            else:  # a HEAD request, a body not chunked: ASGI `send` knows what to do
                self.direct = None
        self._flush()

    def offer(self, update: Update, prepared: object = None) -> None:
        direct = self.direct
        if (
            self._write is None
            and self._opened
            and not self.closed
            and self._pending is None
            and (direct is None or not direct.paused)
        ):
            self._ping = False  # the usual case, kept short: a thousand viewers pass here
            message = self.frame(update, prepared)
            if message is not None:
                self._start(message)
            return
        if self.closed:
            return
        if self._pending is not None:
            update = self._pending[0].merged(update)
        self._pending = (update, prepared)
        self._flush()

    def ping(self) -> None:
        if not self.closed:
            self._ping = True
            self._flush()

    def close(self, reason: str = "") -> None:
        if self.closed:
            return
        self.closed, self.reason = True, reason
        self._pending = None
        if self._write is not None:
            self._write.cancel()
        if self._ended is not None and not self._ended.done():
            self._ended.set_result(None)

    async def ended(self) -> None:
        """Until the subscription is closed (by the stream, the fan-out or `stop`)."""
        if self.closed:
            return
        if self._ended is None:
            self._ended = asyncio.get_running_loop().create_future()
        await self._ended

    @property
    def behind(self) -> bool:
        return self._write is not None or (self.direct is not None and self.direct.paused)

    def _drained(self) -> None:
        """The viewer's transport buffer drained below its mark: catch up (direct path)."""
        self.behind_since = None
        self._flush()

    def _flush(self) -> None:
        """Write what is due unless a write still waits (its end flushes again)."""
        while self._opened and not self.closed and self._write is None:
            if self.direct is not None and self.direct.paused:
                if self.behind_since is None:
                    self.behind_since = time.monotonic()
                return  # `_drained` flushes again
            if self._pending is not None:
                (update, prepared), self._pending = self._pending, None
                self._ping = False
                message = self.frame(update, prepared)
            elif self._ping:
                self._ping, message = False, PING
            else:
                return
            if message is not None:
                self._start(message)

    def _start(self, message: Message) -> None:
        if self.direct is not None:
            if not self.direct.write(chunk_of(message["body"])):  # type: ignore[arg-type]
                self.close("the viewer went away")
            return
        try:
            self._write = write_now(self.send, message)
        except Exception as e:  # whatever the server raises, the viewer is gone
            self.close(f"write failed: {e!r}")
            return
        if self._write is not None:
            self.behind_since = time.monotonic()
            self._write.add_done_callback(self._written)

    def _written(self, write: asyncio.Task[None]) -> None:
        self._write, self.behind_since = None, None
        if write.cancelled():
            return
        error = write.exception()
        if error is not None:
            self.close(f"write failed: {error!r}")
            return
        self._flush()


class Broadcaster:
    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._keepalive: asyncio.TimerHandle | None = None
        self._lock = threading.Lock()
        self._heads: dict[str, int] = {}
        self._subscribers: dict[str, set[Subscription]] = {}
        self._channels: dict[tuple[str, str], Channel] = {}
        self._writing = 0  # writes running in worker threads
        self._preparing: set[asyncio.Future[None]] = set()  # channels' fan-outs under way

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._keepalive = loop.call_later(KEEPALIVE_S, self._ping_all)

    def stop(self) -> None:
        """Close every subscription (their streams end); call on the loop thread."""
        if self._keepalive is not None:
            self._keepalive.cancel()
        self._loop = None
        for subs in list(self._subscribers.values()):
            for sub in list(subs):
                sub.close()
        self._subscribers.clear()

    def publish(self, update: Update) -> bool:
        """Announce `update` unless its position was already announced; from any thread."""
        with self._lock:
            if update.position <= self._heads.get(update.competition, 0):
                return False
            self._heads[update.competition] = update.position
            loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._deliver, update)
        return True

    def head(self, competition: str) -> int | None:
        """The last position announced for `competition`, None if nothing was."""
        with self._lock:
            return self._heads.get(competition)

    def watched(self) -> list[str]:
        """Competitions somebody is subscribed to (a snapshot, safe from any thread)."""
        with self._lock:
            return [c for c, subs in self._subscribers.items() if subs]

    def viewers(self, competition: str) -> int:
        with self._lock:
            return len(self._subscribers.get(competition, ()))

    def subscribe(
        self,
        competition: str,
        send: Send,
        frame: Frame,
        channel: Channel | None = None,
        direct: DirectBody | None = None,
    ) -> Subscription:
        """A new viewer of `competition`: updates reach `send` as `frame` makes them (or its
        transport, by `direct`), once the subscription is `open`ed (what comes before is kept,
        merged)."""
        sub = Subscription(competition, send, frame, channel, direct)
        with self._lock:
            self._subscribers.setdefault(competition, set()).add(sub)
        return sub

    def channel(
        self, competition: str, kind: str, prepare: Callable[[Update], Awaitable[object]]
    ) -> Channel:
        """The one `kind` channel of `competition`, made with `prepare` by its first viewer."""
        with self._lock:
            return self._channels.setdefault((competition, kind), Channel(prepare))

    def unsubscribe(self, sub: Subscription) -> None:
        with self._lock:
            subs = self._subscribers.get(sub.competition)
            if subs is not None:
                subs.discard(sub)
                if not subs:
                    del self._subscribers[sub.competition]
                    for key in [k for k in self._channels if k[0] == sub.competition]:
                        del self._channels[key]
        sub.close()

    def _ping_all(self) -> None:
        """Every KEEPALIVE_S, a comment line down every stream (proxies drop silent ones)."""
        with self._lock:
            subs = [s for group in self._subscribers.values() for s in group]
        now = time.monotonic()
        for sub in subs:
            if sub.behind_since is not None and now - sub.behind_since > STALLED_S:
                log.info(
                    "dropping a viewer of %s: no write got through for %.0f s",
                    sub.competition,
                    now - sub.behind_since,
                )
                sub.close(f"stalled: no write got through for {STALLED_S:.0f} s")
            else:
                sub.ping()
        if self._loop is not None:
            self._keepalive = self._loop.call_later(KEEPALIVE_S, self._ping_all)

    def _deliver(self, update: Update) -> None:
        """Fan `update` out: straight away to the streams that need nothing but the update,
        after one preparation per channel to the others."""
        with self._lock:
            subs = list(self._subscribers.get(update.competition, ()))
        plain = [s for s in subs if s.channel is None]
        by_channel: dict[Channel, list[Subscription]] = {}
        for sub in subs:
            if sub.channel is not None:
                by_channel.setdefault(sub.channel, []).append(sub)
        self._deliver_slice(update, None, plain, 0)
        for channel, group in by_channel.items():
            task = asyncio.ensure_future(self._deliver_prepared(channel, update, group))
            self._preparing.add(task)
            task.add_done_callback(self._preparing.discard)

    async def _deliver_prepared(
        self, channel: Channel, update: Update, subs: list[Subscription]
    ) -> None:
        try:
            prepared = await channel.prepare(update)
        except Exception:
            log.exception("preparing an update of %s", update.competition)
            return
        if update.position <= channel.delivered:
            return  # a later update's preparation finished first: this one is stale
        channel.delivered = update.position
        self._deliver_slice(update, prepared, subs, 0)

    def _deliver_slice(
        self, update: Update, prepared: object, subs: list[Subscription], start: int
    ) -> None:
        """Write to `DELIVERY_SLICE` viewers, then let the loop run before the next ones: the
        write that caused the update (its answer is already queued) and other requests go
        between slices instead of waiting behind thousands of streams. A write that would
        wait does not hold the slice up (`Subscription`)."""
        end = start + DELIVERY_SLICE
        for sub in subs[start:end]:
            sub.offer(update, prepared)
        if end < len(subs) and self._loop is not None:
            again = (update, prepared, subs, end)
            if self._writing:  # let the loop sleep a moment: a busy loop starves that thread
                self._loop.call_later(DELIVERY_PAUSE_S, self._deliver_slice, *again)
            else:
                self._loop.call_soon(self._deliver_slice, *again)

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Around a write in a worker thread: deliveries meanwhile pause between slices."""
        with self._lock:
            self._writing += 1
        try:
            yield
        finally:
            with self._lock:
                self._writing -= 1
