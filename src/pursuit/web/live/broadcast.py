"""The in-process broadcaster: "competition X moved to position N", fanned out to subscribers.

Publishing is safe from any thread (the service runs in worker threads, watchers in their own);
delivery happens on the event loop. Each subscriber keeps only the latest update, merged: a slow
viewer never makes memory grow, and since a viewer re-reads its page at the newest position,
skipping intermediate positions loses nothing. Positions already published are ignored, so an
append seen twice (after our own write and again from PostgreSQL's NOTIFY) goes out once.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

KEEPALIVE_S = 15.0
DELIVERY_SLICE = 64  # viewers woken per turn of the event loop
DELIVERY_PAUSE_S = 0.001  # between slices while a write runs: its thread gets the GIL
Ping = Literal["ping"]


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
    def message(self) -> dict[str, object]:
        """The ASGI message carrying `frame`, shared by every stream (nobody changes it)."""
        return {"type": "http.response.body", "body": self.frame, "more_body": True}


class Subscription:
    """One viewer's mailbox: at most one pending (merged) update. Loop-thread only."""

    def __init__(self, competition: str) -> None:
        self.competition = competition
        self._pending: Update | None = None
        self._ready = asyncio.Event()
        self._ping = False
        self.closed = False

    def offer(self, update: Update) -> None:
        self._pending = update if self._pending is None else self._pending.merged(update)
        self._ready.set()

    def ping(self) -> None:
        self._ping = True
        self._ready.set()

    def close(self) -> None:
        self.closed = True
        self._ready.set()

    async def next(self) -> Update | Ping | None:
        """The next update; "ping" when a keep-alive is due; None once closed."""
        await self._ready.wait()
        self._ready.clear()
        if self.closed:
            return None
        update, self._pending = self._pending, None
        if update is None:
            self._ping = False
            return "ping"
        self._ping = False
        return update


class Broadcaster:
    def __init__(self) -> None:
        self._loop: asyncio.AbstractEventLoop | None = None
        self._keepalive: asyncio.TimerHandle | None = None
        self._lock = threading.Lock()
        self._heads: dict[str, int] = {}
        self._subscribers: dict[str, set[Subscription]] = {}
        self._writing = 0  # writes running in worker threads

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

    def subscribe(self, competition: str) -> Subscription:
        sub = Subscription(competition)
        with self._lock:
            self._subscribers.setdefault(competition, set()).add(sub)
        return sub

    def unsubscribe(self, sub: Subscription) -> None:
        with self._lock:
            subs = self._subscribers.get(sub.competition)
            if subs is not None:
                subs.discard(sub)
                if not subs:
                    del self._subscribers[sub.competition]
        sub.close()

    def _ping_all(self) -> None:
        """Every KEEPALIVE_S, a comment line down every stream (proxies drop silent ones)."""
        with self._lock:
            subs = [s for group in self._subscribers.values() for s in group]
        for sub in subs:
            sub.ping()
        if self._loop is not None:
            self._keepalive = self._loop.call_later(KEEPALIVE_S, self._ping_all)

    def _deliver(self, update: Update) -> None:
        with self._lock:
            subs = list(self._subscribers.get(update.competition, ()))
        self._deliver_slice(update, subs, 0)

    def _deliver_slice(self, update: Update, subs: list[Subscription], start: int) -> None:
        """Wake `DELIVERY_SLICE` viewers, then let the loop run before the next ones: the
        write that caused the update (its answer is already queued) and other requests go
        between slices instead of waiting behind thousands of streams."""
        end = start + DELIVERY_SLICE
        for sub in subs[start:end]:
            sub.offer(update)
        if end < len(subs) and self._loop is not None:
            if self._writing:  # let the loop sleep a moment: a busy loop starves that thread
                self._loop.call_later(DELIVERY_PAUSE_S, self._deliver_slice, update, subs, end)
            else:
                self._loop.call_soon(self._deliver_slice, update, subs, end)

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
