"""An event log as a file: one JSON object per line, with who and when — the whole history."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from pursuit.core.engine import compute
from pursuit.core.event_wire import from_wire
from pursuit.core.evolve import evolve
from pursuit.core.live_state import CompetitionState
from pursuit.errors import CompetitionFileError, PursuitError
from pursuit.store.events import NewEvent, StoredEvent
from pursuit.views.results import build_view

# What a malformed event can make the fold or the engine raise; each becomes a refusal.
_BROKEN = (
    PursuitError,
    ValueError,
    KeyError,
    TypeError,
    AttributeError,
    IndexError,
    AssertionError,
)

_FIELDS = ("type", "version", "data", "command_id", "actor", "recorded_at")


def write_jsonl(events: Iterable[StoredEvent]) -> str:
    lines = [
        json.dumps(
            {"position": e.position, **{f: getattr(e, f) for f in _FIELDS}},
            ensure_ascii=False,
            separators=(",", ":"),  # compact: a log is read back by programs, not by eye
        )
        for e in events
    ]
    return "\n".join(lines) + ("\n" if lines else "")


def read_jsonl(path: Path) -> list[NewEvent]:
    """Read a log written by `write_jsonl`, all or nothing: every line must be an event this
    version reads (positions 1, 2, …), and the whole log must fold into a competition whose
    results can be computed and shown — the same decoding and folding a replay does — before
    anything is written anywhere. The first problem is refused with its line."""
    out: list[NewEvent] = []
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise CompetitionFileError(f"cannot read {path}: {e}") from e
    state = CompetitionState()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if row["position"] != len(out) + 1:
                raise ValueError(f"position {row['position']}, expected {len(out) + 1}")
            event = NewEvent(*(row[f] for f in _FIELDS))
        except (ValueError, KeyError, TypeError, RecursionError) as e:
            raise CompetitionFileError(f"{path}:{number}: not an event log line ({e})") from e
        try:
            evolve(state, from_wire(event.type, event.version, event.data))
        except _BROKEN as e:
            raise CompetitionFileError(
                f"{path}:{number}: event {event.type} cannot be applied ({e}); nothing imported"
            ) from e
        out.append(event)
    _check_complete(path, state)
    return out


def _check_complete(path: Path, state: CompetitionState) -> None:
    """The folded log is a competition whose results compute and render."""
    if not state.created:
        raise CompetitionFileError(f"{path}: the log never creates its competition")
    try:
        build_view(compute(state.competition()))
    except _BROKEN as e:
        raise CompetitionFileError(
            f"{path}: the log's results cannot be computed ({e}); nothing imported"
        ) from e


def by_command(events: list[NewEvent]) -> list[list[NewEvent]]:
    """Consecutive events of one command, as they were appended together."""
    groups: list[list[NewEvent]] = []
    for event in events:
        if groups and groups[-1][-1].command_id == event.command_id:
            groups[-1].append(event)
        else:
            groups.append([event])
    return groups
