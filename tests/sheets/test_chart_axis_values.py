"""The chart models' axis values are the ones matplotlib's `MaxNLocator` picks for the same range,
so the sheets (drawn by typst from the models) and the web (drawn by matplotlib) mark their axes
alike. A contract with matplotlib, kept out of the unit layer, which imports no plotting library."""

from __future__ import annotations

import random

import pytest
from matplotlib.ticker import MaxNLocator

from pursuit.charts.nice import nice_values


@pytest.mark.parametrize(
    ("bins", "steps", "integer"),
    [(6, [1, 2, 2.5, 5, 10], False), (5, [1, 2, 5, 10], False), (10, [1, 2, 2.5, 5, 10], True)],
)
def test_axis_values_are_the_ones_matplotlib_picks(
    bins: int, steps: list[float], integer: bool
) -> None:
    chance = random.Random(14)
    for _ in range(2000):
        low = chance.uniform(-50, 80) * 10 ** chance.randint(-2, 3)
        high = low + chance.uniform(0.001, 100) * 10 ** chance.randint(-2, 3)
        ours = nice_values(low, high, bins, steps, integer)
        theirs = MaxNLocator(bins, steps=steps, integer=integer).tick_values(low, high)
        assert ours == pytest.approx(list(theirs), rel=1e-9, abs=1e-12), (low, high)
