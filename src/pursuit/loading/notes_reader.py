"""The notes of a competition file: `note`, `aka` and `basis` of each entrant, the `note` of
each round and the `source` of the published classification. The entrant and round readers
already report a value of the wrong type; here only the well-typed ones are kept."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pursuit.core.notes import EntrantNotes, Notes


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _names(value: object) -> tuple[str, ...]:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return ()


_NOTE_KEYS = {"note", "aka", "basis"}


def read_notes(data: Mapping[str, Any], entrants: set[str], rounds: set[str]) -> Notes:
    by_entrant: dict[str, EntrantNotes] = {}
    table = data.get("entrants")
    for kind in ("riders", "teams"):
        items = table.get(kind, []) if isinstance(table, dict) else []
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                continue
            if _NOTE_KEYS.isdisjoint(item):  # most entrants: nothing said about them
                continue
            name = item["name"].strip()
            said = EntrantNotes(
                _text(item.get("note")), _names(item.get("aka")), _text(item.get("basis"))
            )
            if name in entrants and said and name not in by_entrant:
                by_entrant[name] = said
    by_round: dict[str, str] = {}
    round_tables = data.get("rounds")
    for round_id, round_table in (round_tables if isinstance(round_tables, dict) else {}).items():
        note = _text(round_table.get("note")) if isinstance(round_table, dict) else None
        if note is not None and round_id in rounds:
            by_round[round_id] = note
    published = data.get("published")
    source = _text(published.get("source")) if isinstance(published, dict) else None
    return Notes(by_entrant, by_round, source)
