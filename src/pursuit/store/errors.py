"""What the event store refuses or cannot do, as PursuitError subclasses carrying their data."""

from __future__ import annotations

from pursuit.errors import PursuitError


class StoreError(PursuitError):
    """Base of every error raised by an event store."""


class ConcurrencyConflict(StoreError):
    """The competition's head moved on since the caller read it: reload, decide again, retry."""

    def __init__(self, competition: str, expected: int, actual: int) -> None:
        super().__init__(
            f"competition {competition!r}: expected head {expected}, but the log is at {actual}"
        )
        self.competition = competition
        self.expected = expected
        self.actual = actual


class StoreUnavailable(StoreError):
    """The store cannot be opened or reached; `url` never contains a password."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"event store {url} is unavailable: {reason}")
        self.url = url
        self.reason = reason


class StorageFull(StoreUnavailable):
    """The disk, or the size the database may grow to, is full: nothing was written, and trying
    again will not help until space is freed."""

    def __init__(self, url: str, reason: str) -> None:
        PursuitError.__init__(
            self,
            f"the disk is full: event store {url} could not write ({reason}); nothing was "
            "recorded — free some disk space first",
        )
        self.url = url
        self.reason = reason


class ReadOnlyStore(StoreUnavailable):
    """The store can be read but not written: opened read-only, or a file or database that
    refuses writes. Nothing was written."""

    def __init__(self, url: str, reason: str) -> None:
        PursuitError.__init__(
            self, f"the database is read-only: event store {url} {reason}; nothing was recorded"
        )
        self.url = url
        self.reason = reason


class InvalidAppend(StoreError, ValueError):
    """An append the store will not even try: bad head, mixed command ids, data not JSON."""
