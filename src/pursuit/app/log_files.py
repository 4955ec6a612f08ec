"""An event log as a file: one JSON object per line, with who and when — the whole history."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from pursuit.errors import CompetitionFileError
from pursuit.store.events import NewEvent, StoredEvent

_FIELDS = ("type", "version", "data", "command_id", "actor", "recorded_at")


def write_jsonl(events: Iterable[StoredEvent]) -> str:
    lines = [
        json.dumps(
            {"position": e.position, **{f: getattr(e, f) for f in _FIELDS}}, ensure_ascii=False
        )
        for e in events
    ]
    return "\n".join(lines) + ("\n" if lines else "")


def read_jsonl(path: Path) -> list[NewEvent]:
    """Read a log written by `write_jsonl`, checking every line; positions must run 1, 2, …"""
    out: list[NewEvent] = []
    try:
        text = path.read_text("utf-8")
    except OSError as e:
        raise CompetitionFileError(f"cannot read {path}: {e}") from e
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            if row["position"] != len(out) + 1:
                raise ValueError(f"position {row['position']}, expected {len(out) + 1}")
            out.append(NewEvent(*(row[f] for f in _FIELDS)))
        except (ValueError, KeyError, TypeError) as e:
            raise CompetitionFileError(f"{path}:{number}: not an event log line ({e})") from e
    return out


def by_command(events: list[NewEvent]) -> list[list[NewEvent]]:
    """Consecutive events of one command, as they were appended together."""
    groups: list[list[NewEvent]] = []
    for event in events:
        if groups and groups[-1][-1].command_id == event.command_id:
            groups[-1].append(event)
        else:
            groups.append([event])
    return groups
