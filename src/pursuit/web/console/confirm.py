"""The positions of the events a console confirmation names."""

from __future__ import annotations


def positions(text: str | None) -> list[int]:
    """`12,13` from a confirmation link; anything else is ignored."""
    if not text:
        return []
    return [int(p) for p in text.split(",") if p.strip().isdigit()][:50]
