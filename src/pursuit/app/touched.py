"""Which heats an event touches, for live pages to know what to refresh: "Q/3"."""

from __future__ import annotations

from collections.abc import Iterable

from pursuit.core import events as ev


def heat_key(round_id: str, number: int) -> str:
    return f"{round_id}/{number}"


def heats_touched(events: Iterable[ev.Event]) -> frozenset[str]:
    """Every heat an event names; a draw touches all the heats of its round."""
    touched: set[str] = set()
    for e in events:
        if isinstance(e, ev.RoundDrawn):
            touched.update(heat_key(e.round, h.number) for h in e.heats)
            continue
        round_id, heat = getattr(e, "round", None), getattr(e, "heat", None)
        if isinstance(round_id, str) and isinstance(heat, int):
            touched.add(heat_key(round_id, heat))
    return frozenset(touched)
