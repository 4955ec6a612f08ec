"""Noticing appends made by other processes, so their viewers here hear of them too.

Two watchers, both background threads that end on `stop()`:
- `HeadPoller` asks the store for the head of every competition someone watches, every
  `interval` seconds: works with any store (a CLI appending to the same SQLite file, say).
- `NotifyListener` (PostgreSQL) LISTENs on the store's channel and reacts within milliseconds;
  it reconnects after a broken connection.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol

from pursuit.errors import PursuitError

if TYPE_CHECKING:  # psycopg is loaded only when a PostgreSQL store is used
    from pursuit.store.notify import HeadMoved

log = logging.getLogger(__name__)


class Listening(Protocol):
    def wait(self, timeout: float) -> list[HeadMoved]: ...

    def close(self) -> None: ...


class _Worker:
    def __init__(self, name: str) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        raise NotImplementedError


class HeadPoller(_Worker):
    """Calls `catch_up(competition)` for each of `watched()` every `interval` seconds."""

    def __init__(
        self,
        watched: Callable[[], Iterable[str]],
        catch_up: Callable[[str], None],
        interval: float,
    ) -> None:
        super().__init__("pursuit-head-poller")
        self._watched = watched
        self._catch_up = catch_up
        self._interval = interval

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            for competition in self._watched():
                try:
                    self._catch_up(competition)
                except PursuitError as e:  # the store is away; try again next round
                    log.warning("polling %s: %s", competition, e)


class NotifyListener(_Worker):
    """Calls `catch_up(competition)` for every notification `connect()`'s listener receives."""

    def __init__(
        self,
        connect: Callable[[], Listening],
        catch_up: Callable[[str], None],
        poll_s: float = 0.25,
        retry_s: float = 1.0,
    ) -> None:
        super().__init__("pursuit-notify-listener")
        self._connect = connect
        self._catch_up = catch_up
        self._poll_s = poll_s
        self._retry_s = retry_s

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                listener = self._connect()
            except PursuitError as e:
                log.warning("cannot listen for notifications: %s", e)
                self._stop.wait(self._retry_s)
                continue
            try:
                self._drain(listener)
            except PursuitError as e:
                log.warning("notification listener lost: %s", e)
                self._stop.wait(self._retry_s)
            finally:
                listener.close()

    def _drain(self, listener: Listening) -> None:
        while not self._stop.is_set():
            moved = listener.wait(self._poll_s)
            for competition in dict.fromkeys(m.competition for m in moved):
                self._catch_up(competition)
