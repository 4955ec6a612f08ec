"""Live notifications from the PostgreSQL store: which competition's head moved, and to where.

Every committed append sends NOTIFY on CHANNEL with payload `competition:position`. A viewer in
another process opens a Listener and re-reads the competition after the position it last saw.
Notifications are hints, not the log: one sent while nobody listened is not replayed, so a viewer
that (re)connects should read first, then listen.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import psycopg

from pursuit.store.errors import StoreUnavailable

CHANNEL = "pursuit_events"


@dataclass(frozen=True)
class HeadMoved:
    """The log of `competition` now reaches `position`."""

    competition: str
    position: int


def parse_payload(payload: str) -> HeadMoved | None:
    """`competition:position` as sent by the store; None for anything else on the channel."""
    competition, sep, position = payload.rpartition(":")
    if not sep or not competition or not position.isdigit():
        return None
    return HeadMoved(competition, int(position))


class Listener:
    """One connection LISTENing on CHANNEL; use it from one thread, `stop()` from any."""

    def __init__(self, conninfo: str, shown_url: str, poll_s: float = 0.5) -> None:
        self.url = shown_url
        self._poll_s = poll_s
        self._stop = threading.Event()
        self._lock = threading.Lock()
        try:
            self._conn: psycopg.Connection[tuple[Any, ...]] = psycopg.connect(
                conninfo, autocommit=True
            )
            self._conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as e:
            raise StoreUnavailable(shown_url, str(e).strip()) from e

    def wait(self, timeout: float) -> list[HeadMoved]:
        """Block until something arrives or `timeout` seconds pass; return what arrived."""
        received: list[psycopg.Notify] = []
        with self._lock:
            try:
                for first in self._conn.notifies(timeout=timeout, stop_after=1):
                    received.append(first)
                received.extend(self._conn.notifies(timeout=0))
            except psycopg.Error as e:
                raise StoreUnavailable(self.url, str(e).strip()) from e
        moved = (parse_payload(n.payload) for n in received if n.channel == CHANNEL)
        return [m for m in moved if m is not None]

    def __iter__(self) -> Iterator[HeadMoved]:
        """Every notification until `stop()` (which takes effect within `poll_s`)."""
        while not self._stop.is_set():
            yield from self.wait(self._poll_s)

    def stop(self) -> None:
        self._stop.set()

    def close(self) -> None:
        """Stop iterating and close the connection (waits for a `wait` in progress)."""
        self._stop.set()
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Listener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
