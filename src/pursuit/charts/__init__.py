"""Pictures of a competition drawn with matplotlib: each chart is an object drawn on demand
(`Chart.draw` gives SVG, PNG or PDF bytes; `pursuit.charts.book` draws many at once for the PDF
sheets, as layers), and each function returns one chart's bytes.

- `gap_chart`, `lap_chart`: one heat (from the heat-sheet view);
- `bracket_chart`: the knockout rounds (from the results view);
- `qualifying_chart`: a timed round as a ranked bar chart with the qualification line.
"""

from __future__ import annotations

from pursuit.charts.bracket import BracketChart, bracket_chart
from pursuit.charts.heat import GapChart, LapChart, gap_chart, lap_chart
from pursuit.charts.qualifying import QualifyingChart, qualifying_chart
from pursuit.charts.style import Chart, ImageFormat

__all__ = [
    "BracketChart",
    "Chart",
    "GapChart",
    "ImageFormat",
    "LapChart",
    "QualifyingChart",
    "bracket_chart",
    "gap_chart",
    "lap_chart",
    "qualifying_chart",
]
