"""The knockout bracket: rounds as columns, each heat a box with both riders and their times,
lines carrying each winner to the heat the format sends him to.

The layout comes from the format's references, never from a fixed bracket: a round's column
is one more than the furthest round that feeds it; the first column is ordered so that heats
whose winners meet sit next to each other; a heat fed only by losers (a bronze race) goes
below the rest of its column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from pursuit.charts.bracket_layout import (
    BOX_H,
    BOX_W,
    _Box,
    _fit,
    _layout,
    _lines,
    _winner_feeders,
    column_titles,
    frame,
)
from pursuit.charts.style import ACCENT, INK, MUTED, Chart, ImageFormat, T, new_figure, styled
from pursuit.core.formats import Format
from pursuit.views.results import HeatView, ResultsView

__all__ = ["BracketChart", "_Box", "_layout", "_lines", "bracket_chart"]


def bracket_chart(view: ResultsView, fmt_spec: Format, fmt: ImageFormat = "svg") -> bytes:
    """The bracket as SVG, PNG or PDF bytes (see `BracketChart`)."""
    return BracketChart(view, fmt_spec).draw(fmt)


@dataclass(frozen=True, eq=False)
class BracketChart(Chart):
    """The knockout rounds of `view` laid out from the references of `fmt_spec`."""

    view: ResultsView
    fmt_spec: Format

    @property
    def weight(self) -> float:
        return 6.0  # about four texts per knockout heat

    def render(self, save: Callable[[Figure], T]) -> T:
        with styled():
            return save(self._figure())

    def _figure(self) -> Figure:
        view, fmt_spec = self.view, self.fmt_spec
        boxes, heats, columns, low, high, width, height = frame(view, fmt_spec)
        figure = new_figure(width, height)
        ax = figure.add_axes((0.1 / width, 0.0, 1 - 0.2 / width, 1.0))
        ax.set_xlim(0, columns)
        ax.set_ylim(low, high)
        ax.axis("off")
        for box in boxes.values():
            for source in _winner_feeders(box, boxes):
                _connect(ax, source, box)
        for key, box in boxes.items():
            _draw_box(ax, box, heats.get(key))
        for column, title in enumerate(column_titles(boxes, columns)):
            ax.text(
                column + 0.03,
                high - 0.12,
                title,
                fontsize=8.5,
                weight="bold",
                color=ACCENT,
                va="top",
            )
        if not boxes:
            ax.text(0.5, 0.0, "no knockout rounds", ha="center", color=MUTED)
        return figure


def _connect(ax: Axes, source: _Box, target: _Box) -> None:
    x0, x1 = source.column + BOX_W, target.column
    middle = (x0 + x1) / 2
    ax.plot(
        [x0, middle, middle, x1],
        [source.y, source.y, target.y, target.y],
        color=MUTED,
        linewidth=0.8,
        solid_joinstyle="miter",
    )


def _draw_box(ax: Axes, box: _Box, heat: HeatView | None) -> None:
    x, y = float(box.column), box.y
    ax.add_patch(
        Rectangle((x, y - BOX_H / 2), BOX_W, BOX_H, facecolor="white", edgecolor=INK, linewidth=0.7)
    )
    ax.plot([x, x + BOX_W], [y, y], color="#e0e0e0", linewidth=0.5)
    title = heat.title if heat is not None else box.spec.heat_title(box.number)
    ax.text(x, y + BOX_H / 2 + 0.04, title, fontsize=6.5, color=MUTED, va="bottom")
    lines = _lines(heat)
    for i, (name, time, won) in enumerate(lines):
        line_y = y + BOX_H / 4 - i * BOX_H / 2
        weight = "bold" if won else "normal"
        ax.text(x + 0.025, line_y, _fit(name), fontsize=7, va="center", weight=weight, color=INK)
        ax.text(
            x + BOX_W - 0.025,
            line_y,
            time,
            fontsize=7,
            va="center",
            ha="right",
            weight=weight,
            color=INK,
        )
