"""Pictures of one heat: the gap between the riders over the distance, and each rider's laps.

Both share one layout: the title top left, "synthetic splits" top right when the splits were
made up by a replay, the plot below; nothing is placed where the data can run.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from pursuit.charts.style import (
    GRID,
    INK,
    MUTED,
    ImageFormat,
    encode,
    new_figure,
    side_colour,
    styled,
)
from pursuit.views.heat_sheet import HeatSheet

WIDTH_IN = 3.5
HEIGHT_IN = 2.2
PLOT = (0.14, 0.17, 0.78, 0.6)  # left, bottom, width, height of the axes, as figure fractions


def gap_chart(
    sheet: HeatSheet, fmt: ImageFormat = "svg", width: float = WIDTH_IN, height: float = HEIGHT_IN
) -> bytes:
    """The lead of rider A over rider B (seconds) at each half lap, shaded in the colour of
    whoever is ahead; a dotted line where the splits show a catch."""
    with styled():
        figure = new_figure(width, height)
        ax = figure.add_axes(PLOT)
        points = [(r.distance_m, -r.gap_s) for r in sheet.rows if r.gap_s is not None]
        if not points or len(sheet.riders) != 2:
            _empty(ax, "a solo ride" if points else "no splits recorded for both riders")
        else:
            a, b = sheet.riders
            xs = [0.0] + [float(x) for x, _ in points]
            ys = [0.0] + [y for _, y in points]
            ahead = [max(y, 0.0) for y in ys]
            behind = [min(y, 0.0) for y in ys]
            colour_a, colour_b = side_colour(a.side, 0), side_colour(b.side, 1)
            ax.fill_between(xs, ahead, 0, color=colour_a, alpha=0.25, linewidth=0)
            ax.fill_between(xs, behind, 0, color=colour_b, alpha=0.25, linewidth=0)
            ax.plot(xs, ys, color=INK, linewidth=1.0, marker="o", markersize=2)
            ax.axhline(0, color=INK, linewidth=0.6)
            top = max(max(abs(y) for y in ys), 0.05) * 1.15
            ax.set_ylim(-top, top)
            ax.set_xlim(0, sheet.distance_m)
            figure.text(PLOT[0], 0.86, f"▲ {a.short} ahead", color=colour_a, fontsize=7)
            figure.text(
                PLOT[0] + PLOT[2],
                0.86,
                f"▼ {b.short} ahead",
                color=colour_b,
                fontsize=7,
                ha="right",
            )
            if sheet.caught_at is not None:
                at = sheet.distance_m * sheet.caught_at / sheet.half_laps
                ax.axvline(at, color=INK, linestyle=":", linewidth=0.8)
                ax.text(at, top * 0.95, " catch", fontsize=6.5, va="top", color=INK)
            ax.xaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):g}"))
            ax.grid(True, color=GRID, linewidth=0.4)
        ax.set_xlabel("distance (m)")
        ax.set_ylabel("lead (s)")
        _frame(figure, "Gap between the riders", sheet.synthetic)
        return encode(figure, fmt)


def lap_chart(
    sheet: HeatSheet, fmt: ImageFormat = "svg", width: float = WIDTH_IN, height: float = HEIGHT_IN
) -> bytes:
    """Each rider's lap times, lap by lap. The first lap (a standing start) is left out of the
    scale and given in the legend."""
    with styled():
        figure = new_figure(width, height)
        ax = figure.add_axes(PLOT)
        drawn = False
        for i, rider in enumerate(sheet.riders):
            laps = list(rider.laps)
            if len(laps) < 2:
                continue
            xs = [end / 2 for end, _ in laps[1:]]
            ys = [s for _, s in laps[1:]]
            label = f"{rider.short} (lap 1: {laps[0][1]:.2f})"
            ax.plot(
                xs,
                ys,
                color=side_colour(rider.side, i),
                linewidth=1.0,
                marker="o",
                markersize=2.5,
                label=label,
            )
            drawn = True
        if drawn:
            figure.legend(
                loc="upper left",
                bbox_to_anchor=(PLOT[0] - 0.02, 0.9),
                ncols=2,
                handlelength=1.5,
                columnspacing=1.0,
            )
            ax.xaxis.set_major_locator(MaxNLocator(integer=True))
            ax.grid(True, color=GRID, linewidth=0.4)
        else:
            _empty(ax, "no lap times recorded")
        ax.set_xlabel("lap")
        ax.set_ylabel("lap time (s)")
        _frame(figure, "Lap times", sheet.synthetic)
        return encode(figure, fmt)


def _empty(ax: Axes, message: str) -> None:
    ax.set_xticks([])
    ax.set_yticks([])
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", color=MUTED)


def _frame(figure: Figure, title: str, synthetic: bool) -> None:
    figure.text(0.02, 0.97, title, fontsize=9, va="top", ha="left", color=INK)
    if synthetic:
        figure.text(
            0.98,
            0.97,
            "synthetic splits",
            fontsize=6.5,
            va="top",
            ha="right",
            color=MUTED,
            style="italic",
        )
