"""Who recorded a half lap and when: a refused second entry for a half lap names them.

The core refuses a split for a half lap already recorded (`HalfLapTaken`, with the time it has
now); the log's event that set that time has the actor and the moment, which the core never
sees. This finds that event and words the refusal with them:
"half lap 3 of Anna Aalto is already recorded: 1:02.35 by tk2 at 15:04:12; correct it with a
reason".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from pursuit.core.decide_timing import HalfLapTaken
from pursuit.store.events import StoredEvent

# The events that set a half lap's time (or mark it missed, to be estimated).
SETTERS = frozenset({"SplitRecorded", "SplitCorrected", "HalfLapMissed"})


def setter(events: Iterable[StoredEvent], error: HalfLapTaken) -> StoredEvent | None:
    """The last event of `events` that set the half lap `error` is about."""
    found: StoredEvent | None = None
    for e in events:
        if e.type not in SETTERS:
            continue
        d = e.data
        if (
            d.get("round") == error.round
            and d.get("entrant") == error.entrant
            and d.get("half_lap") == error.half_lap
            and (found is None or e.position > found.position)
        ):
            found = e
    return found


def clock_time(recorded_at: str) -> str:
    """An event's ISO-8601 UTC time as the time of day where the server runs: 15:04:12."""
    try:
        moment = datetime.fromisoformat(recorded_at)
    except ValueError:
        return recorded_at
    return moment.astimezone().strftime("%H:%M:%S")


def with_who(error: HalfLapTaken, event: StoredEvent | None) -> HalfLapTaken:
    """`error` worded with who set the half lap and when (as it was, if nothing did)."""
    if event is None:
        return error
    how = "marked missed and estimated" if event.type == "HalfLapMissed" else ""
    by = f"{how} by {event.actor}".strip()
    message = (
        f"half lap {error.half_lap} of {error.entrant} is already recorded: {error.recorded} "
        f"{by} at {clock_time(event.recorded_at)}; correct it with a reason"
    )
    return error.reworded(message)
