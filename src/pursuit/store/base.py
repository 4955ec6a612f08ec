"""The one interface every event store implements, and the checks they all share."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from types import TracebackType

from pursuit.store.errors import InvalidAppend
from pursuit.store.events import NewEvent, StoredEvent, encode_data


class EventStore(ABC):
    """An append-only log of events per competition.

    Positions start at 1 and are contiguous per competition; the head is the last position
    (0 for an empty or unknown competition). Nothing is ever updated or deleted.
    """

    read_only: bool = False
    """Opened for reading only: `append` raises ReadOnlyStore and writes nothing."""

    @abstractmethod
    def append(
        self, competition: str, expected_head: int, events: Sequence[NewEvent]
    ) -> list[StoredEvent]:
        """Write `events` atomically at positions expected_head+1, expected_head+2, ...

        Raises ConcurrencyConflict if the head is not `expected_head` (the database's unique key
        on (competition, position) settles races between writers). If the events' command id
        is already in this competition's log, nothing is written and the events stored for that
        command are returned instead: a retried command is applied once. An empty `events`
        writes nothing and returns [].
        """

    @abstractmethod
    def read(
        self, competition: str, after: int = 0, upto: int | None = None
    ) -> Iterator[StoredEvent]:
        """Events at positions after < position <= upto (no upper bound if None), in order."""

    @abstractmethod
    def head(self, competition: str) -> int:
        """The last position of `competition`, 0 if it has no events."""

    @abstractmethod
    def competitions(self) -> list[str]:
        """Every competition with at least one event, sorted."""

    @abstractmethod
    def close(self) -> None:
        """Release connections and files; the store must not be used afterwards."""

    def __enter__(self) -> EventStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def check_append(
    competition: str, expected_head: int, events: Sequence[NewEvent]
) -> tuple[str, list[str]]:
    """The command id shared by `events` and each event's data as JSON; raises InvalidAppend.

    Call only with a non-empty `events`.
    """
    if not competition:
        raise InvalidAppend("a competition id must not be empty")
    if isinstance(expected_head, bool) or not isinstance(expected_head, int) or expected_head < 0:
        raise InvalidAppend(f"expected head must be an integer >= 0, not {expected_head!r}")
    command_id = events[0].command_id
    if not isinstance(command_id, str) or not command_id:
        raise InvalidAppend(f"an event's command id must be a non-empty string, not {command_id!r}")
    encoded: list[str] = []
    for event in events:
        if event.command_id != command_id:
            raise InvalidAppend(
                f"one append is one command: command ids {command_id!r} and "
                f"{event.command_id!r} are mixed"
            )
        _check_fields(event)
        try:
            encoded.append(encode_data(event.data))
        except (TypeError, ValueError) as e:
            raise InvalidAppend(f"{event.type} data is not plain JSON: {e}") from e
    return command_id, encoded


def _check_fields(event: NewEvent) -> None:
    for name in ("type", "actor", "recorded_at"):
        value = getattr(event, name)
        if not isinstance(value, str) or not value:
            raise InvalidAppend(f"an event's {name} must be a non-empty string, not {value!r}")
    if isinstance(event.version, bool) or not isinstance(event.version, int):
        raise InvalidAppend(f"an event's version must be an integer, not {event.version!r}")
