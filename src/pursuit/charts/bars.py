"""Bars of a qualifying chart, shared by the desktop and the phone drawing."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection

from pursuit.charts.style import ACCENT, MUTED


def add_bars(
    ax: Axes,
    bars: list[list[tuple[float, float]]],
    ranked: list[int],
    qualified: set[int],
    out: set[int],
    plain: str,
) -> None:
    """The bars as two collections, not one patch per rider: the ranked ones (the qualified
    in the accent colour, the others `plain`), and the overtaken ones hatched."""
    ax.add_collection(
        PolyCollection(
            [bars[i] for i in ranked],
            facecolors=[ACCENT if i in qualified else plain for i in ranked],
            linewidths=0,
        )
    )
    if out:
        ax.add_collection(
            PolyCollection(
                [bars[i] for i in sorted(out)],
                facecolors="white",
                edgecolors=MUTED,
                hatch="////",
                linewidths=0.5,
            )
        )
