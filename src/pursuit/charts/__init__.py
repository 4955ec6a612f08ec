"""Pictures of a competition drawn with matplotlib: each function returns SVG or PNG bytes.

- `gap_chart`, `lap_chart`: one heat (from the heat-sheet view);
- `bracket_chart`: the knockout rounds (from the results view);
- `qualifying_chart`: a timed round as a ranked bar chart with the qualification line.
"""

from __future__ import annotations

from pursuit.charts.bracket import bracket_chart
from pursuit.charts.heat import gap_chart, lap_chart
from pursuit.charts.qualifying import qualifying_chart
from pursuit.charts.style import ImageFormat

__all__ = ["ImageFormat", "bracket_chart", "gap_chart", "lap_chart", "qualifying_chart"]
