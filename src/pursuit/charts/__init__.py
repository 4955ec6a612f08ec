"""Pictures of a competition.

Drawn with matplotlib (for the web, and the PDF sheets' qualifying chart and bracket): each
chart is an object drawn on demand (`Chart.draw` gives SVG, PNG or PDF bytes;
`pursuit.charts.book` draws many at once for the PDF sheets, as layers), and each function
returns one chart's bytes:

- `gap_chart`, `lap_chart`: one heat (from the heat-sheet view);
- `bracket_chart`: the knockout rounds (from the results view);
- `qualifying_chart`: a timed round as a ranked bar chart with the qualification line.

As plain data (`pursuit.charts.model`, no drawing library), for typst to draw in the PDF
sheets: the heat charts (`pursuit.charts.heat_model`).

The names below are imported when first used, so the plain-data modules can be imported
without matplotlib.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pursuit.charts.bracket import BracketChart, bracket_chart
    from pursuit.charts.heat import GapChart, LapChart, gap_chart, lap_chart
    from pursuit.charts.qualifying import QualifyingChart, qualifying_chart
    from pursuit.charts.style import Chart, ImageFormat

_HOME = {
    "BracketChart": "bracket",
    "bracket_chart": "bracket",
    "GapChart": "heat",
    "LapChart": "heat",
    "gap_chart": "heat",
    "lap_chart": "heat",
    "QualifyingChart": "qualifying",
    "qualifying_chart": "qualifying",
    "Chart": "style",
    "ImageFormat": "style",
}

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


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module 'pursuit.charts' has no attribute {name!r}")
    return getattr(import_module(f"pursuit.charts.{home}"), name)
