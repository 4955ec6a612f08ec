"""The charts' colours (plain values, no drawing library): the disc colours of the two start
sides, ink, muted text, the accent and the grid."""

from __future__ import annotations

RED = "#c0392b"  # red disc: home straight
GREEN = "#1e8449"  # green disc: back straight
INK = "#222222"
MUTED = "#8a8a8a"
ACCENT = "#1f4e79"
GRID = "#d9d9d9"


def side_colour(side: str, index: int) -> str:
    """The disc colour of a start side; without a side, red for the first rider."""
    if side in ("red", "green"):
        return RED if side == "red" else GREEN
    return (RED, GREEN)[index % 2]
