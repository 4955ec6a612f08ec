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


class InvalidAppend(StoreError, ValueError):
    """An append the store will not even try: bad head, mixed command ids, data not JSON."""
