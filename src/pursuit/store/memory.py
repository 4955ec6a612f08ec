"""An event store in a dict, for tests and throwaway runs: same contract, nothing kept on close.

Data goes through JSON on the way in, exactly as in the database stores, so what a reader gets
back is what SQLite or PostgreSQL would give (lists, not tuples; non-JSON data refused). Reads hand
out the stored objects themselves, not copies, for replay speed: event data is read-only by
convention everywhere in the project (`evolve` never mutates an event).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence

from pursuit.store.base import EventStore, check_append
from pursuit.store.errors import ConcurrencyConflict, StoreUnavailable
from pursuit.store.events import NewEvent, StoredEvent, decode_data


class MemoryEventStore(EventStore):
    """Thread-safe in-process store; `memory://` opens a fresh, empty one each time."""

    url = "memory://"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._logs: dict[str, list[StoredEvent]] = {}
        self._commands: dict[tuple[str, str], range] = {}
        self._closed = False

    def append(
        self, competition: str, expected_head: int, events: Sequence[NewEvent]
    ) -> list[StoredEvent]:
        if not events:
            return []
        command_id, encoded = check_append(competition, expected_head, events)
        with self._lock:
            self._check_open()
            log = self._logs.setdefault(competition, [])
            done = self._commands.get((competition, command_id))
            if done is not None:
                return log[done.start - 1 : done.stop - 1]
            if len(log) != expected_head:
                raise ConcurrencyConflict(competition, expected_head, len(log))
            for position, (event, data) in enumerate(
                zip(events, encoded, strict=True), len(log) + 1
            ):
                log.append(
                    StoredEvent(
                        competition,
                        position,
                        event.type,
                        event.version,
                        decode_data(data),
                        command_id,
                        event.actor,
                        event.recorded_at,
                    )
                )
            self._commands[(competition, command_id)] = range(expected_head + 1, len(log) + 1)
            return log[expected_head:]

    def read(
        self, competition: str, after: int = 0, upto: int | None = None
    ) -> Iterator[StoredEvent]:
        with self._lock:
            log = self._log(competition)
            end = len(log) if upto is None else max(0, upto)
            return iter(log[max(after, 0) : end])

    def head(self, competition: str) -> int:
        with self._lock:
            return len(self._log(competition))

    def competitions(self) -> list[str]:
        with self._lock:
            self._check_open()
            return sorted(name for name, log in self._logs.items() if log)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._logs.clear()
            self._commands.clear()

    def _check_open(self) -> None:
        if self._closed:
            raise StoreUnavailable(self.url, "the store is closed")

    def _log(self, competition: str) -> list[StoredEvent]:
        """The competition's log; a new empty list is only kept once something is appended."""
        self._check_open()
        return self._logs.get(competition) or []
