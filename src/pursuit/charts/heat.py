"""Pictures of one heat: the gap between the riders over the distance, and each rider's laps.

Both share one layout: the title top left, "synthetic splits" top right when the splits were
made up by a replay, the plot below; nothing is placed where the data can run.

A full set of sheets draws these two charts for every heat, so the figure of each kind is kept
and reused (`Canvas`): its frame (axes, labels, title) is made once per size and only the
heat's own artists are replaced, which saves about a third of what a new figure costs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import AutoLocator, FuncFormatter, MaxNLocator, NullLocator

from pursuit.charts.style import (
    GRID,
    INK,
    MUTED,
    Canvas,
    Chart,
    ImageFormat,
    T,
    kept_canvas,
    new_figure,
    side_colour,
    styled,
)
from pursuit.views.heat_sheet import HeatSheet

WIDTH_IN = 3.5
HEIGHT_IN = 2.2
PLOT = (0.14, 0.17, 0.78, 0.6)  # left, bottom, width, height of the axes, as figure fractions


@dataclass(frozen=True, eq=False)
class GapChart(Chart):
    """The lead of rider A over rider B (seconds) at each half lap, shaded in the colour of
    whoever is ahead; a dotted line where the splits show a catch."""

    sheet: HeatSheet
    width: float = WIDTH_IN
    height: float = HEIGHT_IN

    def render(self, save: Callable[[Figure], T]) -> T:
        canvas = kept_canvas(("gap", self.width, self.height), self._canvas)
        with canvas.lock, styled():
            canvas.clear()
            self._draw(canvas)
            return save(canvas.figure)

    def _canvas(self) -> Canvas:
        title = "Gap between the riders"
        return _heat_canvas(self.width, self.height, title, "distance (m)", "lead (s)")

    def _draw(self, canvas: Canvas) -> None:
        sheet, figure, ax = self.sheet, canvas.figure, canvas.ax
        canvas.texts["synthetic"].set_visible(sheet.synthetic)
        points = [(r.distance_m, -r.gap_s) for r in sheet.rows if r.gap_s is not None]
        if not points or len(sheet.riders) != 2:
            _empty(canvas, "a solo ride" if points else "no splits recorded for both riders")
            return
        a, b = sheet.riders
        xs = [0.0] + [float(x) for x, _ in points]
        ys = [0.0] + [y for _, y in points]
        ahead = [max(y, 0.0) for y in ys]
        behind = [min(y, 0.0) for y in ys]
        colour_a, colour_b = side_colour(a.side, 0), side_colour(b.side, 1)
        add = canvas.drawn.append
        add(ax.fill_between(xs, ahead, 0, color=colour_a, alpha=0.25, linewidth=0))
        add(ax.fill_between(xs, behind, 0, color=colour_b, alpha=0.25, linewidth=0))
        add(ax.plot(xs, ys, color=INK, linewidth=1.0, marker="o", markersize=2)[0])
        add(ax.axhline(0, color=INK, linewidth=0.6))
        top = max(max(abs(y) for y in ys), 0.05) * 1.15
        ax.set_ylim(-top, top)
        ax.set_xlim(0, sheet.distance_m)
        right = PLOT[0] + PLOT[2]
        add(figure.text(PLOT[0], 0.86, f"▲ {a.short} ahead", color=colour_a, fontsize=7))
        add(figure.text(right, 0.86, f"▼ {b.short} ahead", color=colour_b, fontsize=7, ha="right"))
        if sheet.caught_at is not None:
            at = sheet.distance_m * sheet.caught_at / sheet.half_laps
            add(ax.axvline(at, color=INK, linestyle=":", linewidth=0.8))
            add(ax.text(at, top * 0.95, " catch", fontsize=6.5, va="top", color=INK))
        ax.xaxis.set_major_locator(MaxNLocator(5, steps=[1, 2, 5, 10]))
        ax.yaxis.set_major_locator(AutoLocator())
        ax.yaxis.set_major_formatter(FuncFormatter(_size))
        ax.grid(True, color=GRID, linewidth=0.4)


@dataclass(frozen=True, eq=False)
class LapChart(Chart):
    """Each rider's lap times, lap by lap. The first lap (a standing start) is left out of the
    scale and given in the legend."""

    sheet: HeatSheet
    width: float = WIDTH_IN
    height: float = HEIGHT_IN

    def render(self, save: Callable[[Figure], T]) -> T:
        canvas = kept_canvas(("laps", self.width, self.height), self._canvas)
        with canvas.lock, styled():
            canvas.clear()
            self._draw(canvas)
            return save(canvas.figure)

    def _canvas(self) -> Canvas:
        return _heat_canvas(self.width, self.height, "Lap times", "lap", "lap time (s)")

    def _draw(self, canvas: Canvas) -> None:
        sheet, figure, ax = self.sheet, canvas.figure, canvas.ax
        canvas.texts["synthetic"].set_visible(sheet.synthetic)
        lines = []
        for i, rider in enumerate(sheet.riders):
            laps = list(rider.laps)
            if len(laps) < 2:
                continue
            xs = [end / 2 for end, _ in laps[1:]]
            ys = [s for _, s in laps[1:]]
            label = f"{rider.short} (lap 1: {laps[0][1]:.2f})"
            colour = side_colour(rider.side, i)
            lines += ax.plot(
                xs, ys, color=colour, linewidth=1.0, marker="o", markersize=2.5, label=label
            )
        if not lines:
            _empty(canvas, "no lap times recorded")
            return
        canvas.drawn += lines
        canvas.drawn.append(
            figure.legend(
                handles=lines,
                loc="upper left",
                bbox_to_anchor=(PLOT[0] - 0.02, 0.9),
                ncols=2,
                handlelength=1.5,
                columnspacing=1.0,
            )
        )
        ax.relim()
        ax.autoscale()
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_locator(AutoLocator())
        ax.grid(True, color=GRID, linewidth=0.4)


def gap_chart(
    sheet: HeatSheet, fmt: ImageFormat = "svg", width: float = WIDTH_IN, height: float = HEIGHT_IN
) -> bytes:
    """The gap chart of one heat as SVG, PNG or PDF bytes (see `GapChart`)."""
    return GapChart(sheet, width, height).draw(fmt)


def lap_chart(
    sheet: HeatSheet, fmt: ImageFormat = "svg", width: float = WIDTH_IN, height: float = HEIGHT_IN
) -> bytes:
    """The lap-time chart of one heat as SVG, PNG or PDF bytes (see `LapChart`)."""
    return LapChart(sheet, width, height).draw(fmt)


def _heat_canvas(width: float, height: float, title: str, xlabel: str, ylabel: str) -> Canvas:
    """The frame both heat charts share; "synthetic splits" is shown per heat."""
    figure = new_figure(width, height)
    ax = figure.add_axes(PLOT)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    texts: dict[str, Text] = {
        "title": figure.text(0.02, 0.97, title, fontsize=9, va="top", ha="left", color=INK),
        "synthetic": figure.text(
            0.98,
            0.97,
            "synthetic splits",
            fontsize=6.5,
            va="top",
            ha="right",
            color=MUTED,
            style="italic",
        ),
    }
    return Canvas(figure, ax, texts)


def _empty(canvas: Canvas, message: str) -> None:
    """No data: no ticks, the message in the middle (the next chart sets its ticks again)."""
    ax = canvas.ax
    ax.xaxis.set_major_locator(NullLocator())
    ax.yaxis.set_major_locator(NullLocator())
    ax.grid(False)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    canvas.drawn.append(
        ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", color=MUTED)
    )


def _size(value: float, _: object) -> str:
    return f"{abs(value):g}"
