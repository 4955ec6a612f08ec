"""The positions of the events a console confirmation names."""

from __future__ import annotations

import re

from pursuit.store.events import LAST_POSITION

# A log position as a link writes it: ASCII digits (a longer number than a log reaches, or a
# digit of another script, is ignored like any other text).
_POSITION = re.compile(r"[0-9]{1,16}")


def positions(text: str | None) -> list[int]:
    """`12,13` from a confirmation link; anything else is ignored."""
    if not text:
        return []
    found = (int(p) for p in map(str.strip, text.split(",")) if _POSITION.fullmatch(p))
    return [p for p in found if p <= LAST_POSITION][:50]
