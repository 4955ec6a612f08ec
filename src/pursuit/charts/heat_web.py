"""The lap chart as the web's wide pages show it: the sheets' `LapChart`, but its riders told
apart without their colours — rider A's line solid with circles, rider B's dashed with squares,
in the plot and in the key (the same pair the phone's chart uses, `heat_phone.RIDER_LINES`).

It keeps a canvas of its own (`kind`), so the sheets' lap chart is drawn as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from matplotlib.lines import Line2D

from pursuit.charts.heat import LapChart
from pursuit.charts.heat_phone import RIDER_LINES
from pursuit.charts.style import Canvas


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
