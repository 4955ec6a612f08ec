"""The two shapes an event takes at the store: new (from the core) and stored (with a position).

The store never invents anything: type, version, data, command id, actor and time all come from
the caller; the store adds only the competition and the position it was written at.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# The last position a log may reach: what every store's integer column and a JSON number hold
# exactly. A position asked for beyond it is refused at the edge, never sent to a database.
LAST_POSITION = 2**53 - 1


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event the core decided, not yet in the log.

    `type` is the stable wire name ("FinishRecorded"), never a class path; `version` is the
    schema version of `data`; `recorded_at` is an ISO-8601 UTC time chosen by the caller.
    All events of one append share one `command_id`: that is what makes a retry idempotent.
    """

    type: str
    version: int
    data: dict[str, Any]
    command_id: str
    actor: str
    recorded_at: str


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event as the log holds it: at `position` (1-based, contiguous) of `competition`."""

    competition: str
    position: int
    type: str
    version: int
    data: dict[str, Any]
    command_id: str
    actor: str
    recorded_at: str


def stored(event: NewEvent, competition: str, position: int) -> StoredEvent:
    """The stored form of `event` at `position`; `data` is kept as given (encode it first)."""
    return StoredEvent(
        competition,
        position,
        event.type,
        event.version,
        event.data,
        event.command_id,
        event.actor,
        event.recorded_at,
    )


def encode_data(data: dict[str, Any]) -> str:
    """Compact UTF-8 JSON for `data`; raises TypeError/ValueError if it is not plain JSON."""
    if not isinstance(data, dict):
        raise TypeError(f"event data must be a dict, not {type(data).__name__}")
    return json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def decode_data(text: str) -> dict[str, Any]:
    """The inverse of `encode_data`, the one way every store reads data back."""
    data: dict[str, Any] = json.loads(text)
    return data


def decode_many(texts: Sequence[str]) -> list[dict[str, Any]]:
    """`decode_data` of each text, read as one JSON array: one parser call for a page of
    events instead of one each (replay reads thousands)."""
    data: list[dict[str, Any]] = json.loads("[" + ",".join(texts) + "]")
    return data
