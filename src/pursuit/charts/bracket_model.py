"""The knockout bracket as plain data (`pursuit.charts.model.Plot`), for the PDF sheets to draw
with typst: the rounds as columns, each heat a box with both riders and their times (the winner
in bold), lines carrying winners on. Laid out by `pursuit.charts.bracket_layout`, the same as
the matplotlib drawing of `pursuit.charts.bracket` (the web). No drawing library here.
"""

from __future__ import annotations

from pursuit.charts.bracket_layout import (
    BOX_H,
    BOX_W,
    _fit,
    _lines,
    _winner_feeders,
    column_titles,
    frame,
)
from pursuit.charts.colours import ACCENT, INK, MUTED
from pursuit.charts.heat_model import STYLE
from pursuit.charts.model import Axis, Box, Label, Line, Plot
from pursuit.core.formats import Format
from pursuit.views.results import ResultsView

SEPARATOR = "#e0e0e0"  # the line between a box's two riders


def bracket_plot(view: ResultsView, fmt_spec: Format) -> Plot:
    boxes, heats, columns, low, high, width, height = frame(view, fmt_spec)
    lines: list[Line] = []
    shapes: list[Box] = []
    labels: list[Label] = []
    for box in boxes.values():
        for source in _winner_feeders(box, boxes):
            x0, x1 = source.column + BOX_W, float(box.column)
            middle = (x0 + x1) / 2
            points = ((x0, source.y), (middle, source.y), (middle, box.y), (x1, box.y))
            lines.append(Line(points, MUTED, 0.8))
    for key, box in boxes.items():
        heat = heats.get(key)
        x, y = float(box.column), box.y
        shapes.append(Box(x, y - BOX_H / 2, BOX_W, BOX_H, "#ffffff", INK, 0.7))
        lines.append(Line(((x, y), (x + BOX_W, y)), SEPARATOR, 0.5))
        title = heat.title if heat is not None else box.spec.heat_title(box.number)
        labels.append(Label(x, y + BOX_H / 2 + 0.04, title, MUTED, 6.5, anchor="bottom"))
        for i, (name, time, won) in enumerate(_lines(heat)):
            at = y + BOX_H / 4 - i * BOX_H / 2
            labels.append(Label(x + 0.025, at, _fit(name), INK, 7, bold=won))
            labels.append(Label(x + BOX_W - 0.025, at, time, INK, 7, align="right", bold=won))
    for column, title in enumerate(column_titles(boxes, columns)):
        labels.append(Label(column + 0.03, high - 0.12, title, ACCENT, 8.5, "left", "top", True))
    if not boxes:
        labels.append(Label(0.5, 0.0, "no knockout rounds", MUTED, 8, align="center"))
    return Plot(
        width=width * 72,
        height=height * 72,
        area=(0.1 / width, 0.0, 1 - 0.2 / width, 1.0),
        title="",
        note="",
        x=Axis(0.0, float(columns), (), ""),
        y=Axis(low, high, (), ""),
        lines=tuple(lines),
        boxes=tuple(shapes),
        labels=tuple(labels),
        axes=False,
        style=STYLE,
    )
