"""Round axis values without matplotlib: the values `MaxNLocator` picks for a range, worked out
in plain Python (the same steps, the same choice), so a chart drawn by typst has the axis a
matplotlib chart of the same data has, and the PDF sheets need not import matplotlib.

`tests/unit/test_chart_ticks.py` checks these values against matplotlib's own for many ranges.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

STEPS = (1.0, 2.0, 2.5, 5.0, 10.0)  # as matplotlib's AutoLocator
MIN_TICKS = 2


def nice_values(
    low: float, high: float, bins: int, steps: Sequence[float] = STEPS, integer: bool = False
) -> list[float]:
    """The values `MaxNLocator(bins, steps=steps, integer=integer).tick_values(low, high)`
    gives: at most `bins` equal steps of a round size covering `low`–`high` (one value may lie
    just outside at each end)."""
    low, high = _nonsingular(low, high)
    scale, offset = _scale_range(low, high, bins)
    lo, hi = low - offset, high - offset
    ladder = [0.1 * s for s in steps[:-1]] + list(steps) + [10 * steps[1]]
    sizes = [s * scale for s in ladder]
    if integer:
        sizes = [s for s in sizes if s < 1 or abs(s - round(s)) < 0.001]
    raw = (hi - lo) / bins
    large = [i for i, s in enumerate(sizes) if s >= raw]
    first = large[0] if large else len(sizes) - 1
    values: list[float] = []
    for size in reversed(sizes[: first + 1]):
        step = (
            max(1.0, size) if integer and math.floor(hi) - math.ceil(lo) >= MIN_TICKS - 1 else size
        )
        base = (lo // step) * step
        start = _edge_le(lo - base, step, offset)
        stop = _edge_ge(hi - base, step, offset)
        values = [k * step + base for k in range(int(start), int(stop) + 1)]
        if sum(1 for v in values if lo <= v <= hi) >= MIN_TICKS:
            break
    return [v + offset for v in values]


def axis_values(low: float, high: float, bins: int, **options: object) -> list[float]:
    """`nice_values` that lie on the axis from `low` to `high` (as an axis shows them)."""
    span = high - low
    return [
        v
        for v in nice_values(low, high, bins, **options)  # type: ignore[arg-type]
        if low - span * 1e-9 <= v <= high + span * 1e-9
    ]


def decimals(values: Sequence[float], most: int = 4) -> int:
    """The fewest decimals that write every one of `values` exactly (as a scalar axis does)."""
    for places in range(most + 1):
        if all(abs(round(v, places) - v) < 1e-9 for v in values):
            return places
    return most


def _nonsingular(low: float, high: float) -> tuple[float, float]:
    """A range with some width (matplotlib's `nonsingular`, for the ranges charts have)."""
    if low > high:
        low, high = high, low
    largest = max(abs(low), abs(high))
    if largest < 1e-30 or high - low <= largest * 1e-13:
        if high == 0 and low == 0:
            return -0.001, 0.001
        return low - abs(low) * 0.001, high + abs(high) * 0.001
    return low, high


def _scale_range(low: float, high: float, bins: int) -> tuple[float, float]:
    span = abs(high - low)
    middle = (high + low) / 2
    offset = 0.0
    if abs(middle) / span >= 100:
        offset = math.copysign(10 ** (math.log10(abs(middle)) // 1), middle)
    return 10 ** (math.log10(span / bins) // 1), offset


def _close(fraction: float, edge: float, step: float, offset: float) -> bool:
    tolerance = 1e-10
    if offset:
        tolerance = min(0.4999, max(1e-10, 10 ** (math.log10(abs(offset) / step) - 12)))
    return abs(fraction - edge) < tolerance


def _edge_le(x: float, step: float, offset: float) -> float:
    whole, rest = divmod(x, step)
    return whole + 1 if _close(rest / step, 1, step, offset) else whole


def _edge_ge(x: float, step: float, offset: float) -> float:
    whole, rest = divmod(x, step)
    return whole if _close(rest / step, 0, step, offset) else whole + 1
