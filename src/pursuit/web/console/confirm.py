"""Events as the console confirms them: "event 512: SplitRecorded round=Q, heat=3, …"."""

from __future__ import annotations

from typing import Any

from pursuit.store.events import StoredEvent

_HIDDEN = {"format_definition", "password_hash", "token_sha256"}


def _shown(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_shown(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={_shown(v)}" for k, v in value.items()) + "}"
    return str(value)


def describe(event: StoredEvent) -> str:
    fields = ", ".join(
        f"{k}={_shown(v)}"
        for k, v in event.data.items()
        if v not in (None, (), [], False, {}, "") and k not in _HIDDEN
    )
    return f"event {event.position}: {event.type} {fields}".rstrip()


def positions(text: str | None) -> list[int]:
    """`12,13` from a confirmation link; anything else is ignored."""
    if not text:
        return []
    return [int(p) for p in text.split(",") if p.strip().isdigit()][:50]
