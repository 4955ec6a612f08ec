"""A value axis that changes from one chart to the next, drawn cheaply on a kept canvas: its
grid lines as one collection and its labels as plain texts where matplotlib puts y tick
labels, at the values a matplotlib locator picks.

matplotlib's own axis makes a tick object per value (a tick mark, a grid line and a label,
each an artist, and their extents measured to place the axis label): about twice what this
costs, for the same picture. The heat charts draw a time axis for every heat, so it pays.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from matplotlib import rcParams
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.text import Text
from matplotlib.transforms import ScaledTranslation

from pursuit.charts.nice import STEPS, axis_values, decimals

__all__ = ["STEPS", "ValueAxis", "decimals"]


@dataclass
class ValueAxis:
    """Grid lines and labels for the y axis of `ax`, at most `len(labels)` of them."""

    grid: LineCollection
    labels: list[Text]

    @classmethod
    def make(cls, ax: Axes, count: int, colour: str, width: float) -> ValueAxis:
        """Make the artists (hidden) on `ax`: labels where its y tick labels would be."""
        at_values = ax.get_yaxis_transform()  # x in axes fractions, y in data
        grid = LineCollection([], colors=colour, linewidths=width, transform=at_values)
        ax.add_collection(grid)
        pad = (rcParams["ytick.major.pad"] + rcParams["ytick.major.size"]) / 72
        at_labels = at_values + ScaledTranslation(-pad, 0, ax.figure.dpi_scale_trans)
        size = rcParams["ytick.labelsize"]
        labels = [
            ax.text(0, 0, "", transform=at_labels, ha="right", va="center_baseline", fontsize=size)
            for _ in range(count)
        ]
        for label in labels:
            label.set_visible(False)
        grid.set_visible(False)
        return cls(grid, labels)

    def show(self, low: float, high: float, bins: int, text: Callable[[float, int], str]) -> None:
        """Grid lines and labels at the round values between `low` and `high` (at most `bins`
        steps, as `MaxNLocator` picks them: `pursuit.charts.nice`), each labelled
        `text(value, decimals)`, decimals being the fewest that write every value exactly."""
        values = axis_values(low, high, bins)[: len(self.labels)]
        places = decimals(values)
        self.grid.set_segments([[(0.0, v), (1.0, v)] for v in values])
        self.grid.set_visible(True)
        for label, value in zip(self.labels, values, strict=False):
            label.set(position=(0.0, value), text=text(value, places), visible=True)
