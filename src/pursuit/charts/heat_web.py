"""The heat charts as the web's wide pages show them: the sheets' charts, but with the riders
told apart without their colours, as on the phone's charts (`heat_phone`): in the lap chart
rider A's line is solid with circles and rider B's dashed with squares, in the plot and in the
key; in the gap chart the area where rider B leads is hatched.

Each keeps a canvas of its own (`kind`), so the sheets' charts are drawn as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from matplotlib.lines import Line2D
from matplotlib.patches import Polygon

from pursuit.charts.heat import GapChart, LapChart
from pursuit.charts.heat_phone import B_HATCH, RIDER_LINES, tint
from pursuit.charts.style import Canvas, side_colour


@dataclass(frozen=True, eq=False)
class WebGapChart(GapChart):
    kind: ClassVar[str] = "gap-web"

    def paint_data(self, canvas: Canvas) -> None:
        super().paint_data(canvas)
        area = canvas.parts["fill_b"]
        assert isinstance(area, Polygon)
        colour = side_colour(self.sheet.riders[1].side, 1)
        area.set(alpha=None, facecolor=tint(colour), edgecolor=colour, hatch=B_HATCH)


@dataclass(frozen=True, eq=False)
class WebLapChart(LapChart):
    kind: ClassVar[str] = "laps-web"

    def paint_data(self, canvas: Canvas) -> None:
        super().paint_data(canvas)
        for row, (i, *_) in enumerate(self.riders()):
            style, marker = RIDER_LINES[i]
            for name in (f"line_{row}", f"handle_{row}"):
                line = canvas.parts[name]
                assert isinstance(line, Line2D)
                line.set(linestyle=style, marker=marker)
