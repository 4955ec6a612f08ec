"""The two charts of a heat as plain data (`pursuit.charts.model.Plot`), for the PDF sheets to
draw with typst: the gap chart (the lead of one rider over the other at each half lap, shaded in
the colour of whoever is ahead, a dotted line where the splits show a catch) and the lap chart
(each rider's lap times from lap 2; lap 1, a standing start, is given in the key).

The same pictures as `pursuit.charts.heat` draws with matplotlib for the web: the same size and
layout, the same points, the same axis values (`pursuit.charts.nice`). No drawing library here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pursuit.charts.colours import GRID, INK, MUTED, side_colour
from pursuit.charts.model import Area, Axis, KeyEntry, Line, Plot, Point, Rule, Tick
from pursuit.charts.nice import axis_values, decimals
from pursuit.views.heat_sheet import HeatSheet

WIDTH_IN = 3.5
HEIGHT_IN = 2.2
PLOT = (0.165, 0.17, 0.755, 0.6)  # left, bottom, width, height of the axes, as figure fractions
YLABEL_X = -0.153  # right edge of the time axis label (axes widths): 4 pt clear of "23.75"
KEY_Y = 0.86  # baseline of the first line saying what the colours are (figure fraction)
KEY_LINE = 0.057  # from one of those lines to the next
HANDLE_W = 0.05  # a legend line's length (figure fraction)
TIME_BINS = 6  # the time axis is cut into at most this many steps
LAP_MARGIN = 0.05  # the lap chart's axes reach this share of the data's span beyond it
GAP_TITLE = "Gap between the riders"
LAP_TITLE = "Lap times"
GAP_LABELS = ("distance (m)", "lead (s)")
LAP_LABELS = ("lap", "lap time (s)")
SYNTHETIC = "synthetic splits"
GAP_MARKER = 2.0  # marker sizes (pt) of the lines
LAP_MARKER = 2.5
FILL_OPACITY = 0.25

# How the frame looks (the sizes of matplotlib's style in `pursuit.charts.style`), for typst.
STYLE: dict[str, Any] = {
    "ink": INK,
    "muted": MUTED,
    "grid": GRID,
    "grid_width": 0.4,
    "spine_width": 0.6,
    "title_size": 9,
    "note_size": 6.5,
    "label_size": 8,
    "tick_size": 7,
    "key_size": 7,
    "rule_note_size": 6.5,
    "tick_length": 3.5,
    "tick_pad": 3.5,
    "ylabel_x": YLABEL_X,
    "key_y": 1 - KEY_Y,  # from the top
    "key_line": KEY_LINE,
    "handle": HANDLE_W,
}


def heat_plots(sheet: HeatSheet) -> tuple[Plot, Plot] | None:
    """The gap and lap charts of a heat; None when it has no splits or is a solo ride (no
    chart is drawn then)."""
    if not sheet.has_splits or len(sheet.riders) != 2:
        return None
    return gap_plot(sheet), lap_plot(sheet)


def gap_points(sheet: HeatSheet) -> list[Point]:
    """(distance, lead of A over B in seconds) wherever both have a split."""
    return [(float(r.distance_m), -r.gap_s) for r in sheet.rows if r.gap_s is not None]


def gap_empty(sheet: HeatSheet) -> str:
    """Why there is no gap chart, or "" when there is one."""
    if len(sheet.riders) == 2 and gap_points(sheet):
        return ""
    return "a solo ride" if gap_points(sheet) else "no splits recorded for both riders"


def gap_x_range(sheet: HeatSheet) -> tuple[float, float]:
    return (0.0, float(sheet.distance_m))


def gap_plot(sheet: HeatSheet) -> Plot:
    x_low, x_high = gap_x_range(sheet)
    x = _axis(x_low, x_high, 5, GAP_LABELS[0], steps=(1, 2, 5, 10))
    empty = gap_empty(sheet)
    if empty:
        return _empty(GAP_TITLE, GAP_LABELS, sheet, empty)
    a, b = sheet.riders
    colour_a, colour_b = side_colour(a.side, 0), side_colour(b.side, 1)
    points = [(0.0, 0.0), *gap_points(sheet)]
    top = max(max(abs(y) for _, y in points), 0.05) * 1.15
    y = _axis(-top, top, TIME_BINS, GAP_LABELS[1], label=lambda v, _: f"{abs(v):g}", marks=False)
    rules = [Rule(0.0, vertical=False, colour=INK, width=0.6)]
    if sheet.caught_at is not None:
        at = sheet.distance_m * sheet.caught_at / sheet.half_laps
        rules.append(Rule(at, vertical=True, colour=INK, width=0.8, dash="dotted", note="catch"))
    return Plot(
        *_frame(GAP_TITLE, sheet),
        x=x,
        y=y,
        lines=(Line(tuple(points), INK, 1.0, GAP_MARKER),),
        areas=(
            Area(tuple(area(points, max)), colour_a, FILL_OPACITY),
            Area(tuple(area(points, min)), colour_b, FILL_OPACITY),
        ),
        rules=tuple(rules),
        key=(
            KeyEntry(f"▲ {a.short} ahead", colour_a),
            KeyEntry(f"▼ {b.short} ahead", colour_b, align="right"),
        ),
        style=STYLE,
    )


def lap_series(sheet: HeatSheet) -> list[tuple[int, str, list[float], list[float]]]:
    """(index, key text, laps, seconds) of each rider with a lap after the first."""
    out = []
    for i, rider in enumerate(sheet.riders[:2]):
        laps = list(rider.laps)
        if len(laps) >= 2:
            label = f"{rider.short} (lap 1: {laps[0][1]:.2f})"
            out.append((i, label, [end / 2 for end, _ in laps[1:]], [s for _, s in laps[1:]]))
    return out


def lap_empty(sheet: HeatSheet) -> str:
    if lap_series(sheet):
        return ""
    if sheet.has_splits:  # splits only at some distances: no lap has both ends
        return "no lap timed at both ends"
    return "no lap times recorded"


def lap_x_range(sheet: HeatSheet) -> tuple[float, float]:
    """Lap 2 to the last lap of the distance (laps are counted back from the finish, so the
    first may be a half lap), with matplotlib's usual margin."""
    half_laps = sheet.half_laps
    first, last = ((half_laps % 2 or 2) + 2) / 2, half_laps / 2
    return padded(first, last, 0.5)


def lap_plot(sheet: HeatSheet) -> Plot:
    empty = lap_empty(sheet)
    if empty:
        return _empty(LAP_TITLE, LAP_LABELS, sheet, empty)
    x_low, x_high = lap_x_range(sheet)
    x = _axis(x_low, x_high, 10, LAP_LABELS[0], integer=True)
    lines, key, seconds = [], [], []
    for row, (i, label, xs, ys) in enumerate(lap_series(sheet)):
        colour = side_colour(sheet.riders[i].side, i)
        lines.append(Line(tuple(zip(xs, ys, strict=True)), colour, 1.0, LAP_MARKER))
        key.append(KeyEntry(label, INK, line=colour, marker=LAP_MARKER, row=row))
        seconds += ys
    low, high = padded(min(seconds), max(seconds), 0.5)
    y = _axis(low, high, TIME_BINS, LAP_LABELS[1], marks=False)
    return Plot(
        *_frame(LAP_TITLE, sheet), x=x, y=y, lines=tuple(lines), key=tuple(key), style=STYLE
    )


def area(points: Sequence[Point], side: Callable[[float, float], float]) -> list[Point]:
    """The region between the line through `points` (kept on one side of 0 by `side`: max for
    above, min for below) and the zero line, as matplotlib's `fill_between` makes it."""
    xs = [x for x, _ in points]
    return [(xs[0], 0.0), *((x, side(y, 0.0)) for x, y in points), (xs[-1], 0.0)]


def padded(low: float, high: float, least: float) -> tuple[float, float]:
    """`low`–`high` widened by LAP_MARGIN of its span on each side (`least` when it has none)."""
    margin = (high - low) * LAP_MARGIN if high > low else least
    return (low - margin, high + margin)


Box = tuple[float, float, float, float]


def _frame(title: str, sheet: HeatSheet) -> tuple[float, float, Box, str, str]:
    left, bottom, width, height = PLOT
    area_box: Box = (left, 1 - bottom - height, width, height)
    note = SYNTHETIC if sheet.synthetic else ""
    return (WIDTH_IN * 72, HEIGHT_IN * 72, area_box, title, note)


def _axis(
    low: float,
    high: float,
    bins: int,
    title: str,
    steps: Sequence[float] = (1, 2, 2.5, 5, 10),
    integer: bool = False,
    label: Callable[[float, int], str] | None = None,
    marks: bool = True,
) -> Axis:
    values = axis_values(low, high, bins, steps=steps, integer=integer)
    places = decimals(values)
    text = label or (lambda v, p: f"{v:.{p}f}")
    ticks = tuple(Tick(v, text(v, places)) for v in values)
    return Axis(low, high, ticks, title, marks)


def _empty(title: str, labels: tuple[str, str], sheet: HeatSheet, message: str) -> Plot:
    """Axes with no values and `message` in the middle."""
    return Plot(
        *_frame(title, sheet),
        x=Axis(0.0, 1.0, (), labels[0]),
        y=Axis(0.0, 1.0, (), labels[1], marks=False),
        empty=message,
        style=STYLE,
    )
