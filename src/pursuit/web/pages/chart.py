"""The gap chart of a heat: one bar per half lap, drawn as inline SVG from numbers.

Bars above the middle line show the rider on the red side ahead, bars below the green side.
The geometry is computed here so the template only places rectangles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 600
HEIGHT = 160
MARGIN = 4


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    side: str  # red | green
    label: str  # for the bar's <title>


@dataclass(frozen=True)
class GapChart:
    width: int
    height: int
    middle: float
    scale_label: str  # the gap a full-height bar stands for
    bars: tuple[Bar, ...]
    description: str


def gap_chart(gaps: Sequence[float | None], slots: int) -> GapChart:
    """Bars for `gaps` (seconds, positive: red ahead) in `slots` half-lap positions."""
    slots = max(slots, len(gaps), 1)
    middle = HEIGHT / 2
    known = [abs(g) for g in gaps if g is not None]
    top = max([*known, 0.5])
    step = (WIDTH - 2 * MARGIN) / slots
    bars = []
    for k, gap in enumerate(gaps, start=1):
        if gap is None:
            continue
        height = max(abs(gap) / top * (middle - MARGIN), 1.0)
        side = "red" if gap > 0 else "green"
        y = middle - height if gap > 0 else middle
        leader = "red" if gap > 0 else "green" if gap < 0 else "level"
        bars.append(
            Bar(
                round(MARGIN + (k - 1) * step + step * 0.1, 2),
                round(y, 2),
                round(step * 0.8, 2),
                round(height, 2),
                side,
                f"half lap {k}: {leader} {abs(gap):.2f} s",
            )
        )
    last = next((g for g in reversed(gaps) if g is not None), None)
    if last is None:
        description = "No gap yet: the chart fills as both riders pass each half lap."
    else:
        who = "red side" if last > 0 else "green side" if last < 0 else "nobody"
        description = (
            f"Gap at each half lap; above the line the red side leads, below the green side. "
            f"Latest: {who} ahead by {abs(last):.2f} s."
        )
    return GapChart(WIDTH, HEIGHT, middle, f"{top:.2f} s", tuple(bars), description)
