"""The qualifying chart of a timed round as plain data (`pursuit.charts.model.Plot`), for the PDF
sheets to draw with typst: one bar per rider in ranking order (an overtaken rider sits below the
ranked ones whatever his time), the qualification line after the last rider who advances,
overtaken riders hatched and noted.

The same picture as `pursuit.charts.qualifying` draws with matplotlib for the web (the same
size, rows, fonts and axis values). No drawing library here.
"""

from __future__ import annotations

from typing import Any

from pursuit.charts.colours import ACCENT, INK, MUTED, RED
from pursuit.charts.heat_model import STYLE as HEAT_STYLE
from pursuit.charts.model import Axis, Bar, Label, Plot, Rule, Swatch, Tick
from pursuit.charts.nice import axis_values
from pursuit.views.results import RoundView

WIDTH_IN = 6.8
ROW_IN = 0.16  # height of one bar's row
MIN_ROW_IN = 0.06  # the least a row may shrink to when the height is capped
FRAME_IN = 0.9  # title, axis and legend
BAR = 0.72  # a bar's height, in rows
PLAIN = "#9db4cc"  # a ranked rider who does not advance
TIME_BINS = 9  # as matplotlib's automatic axis picks for this width
STYLE: dict[str, Any] = {**HEAT_STYLE, "hatch_width": 1.5}


def row_height(riders: int, max_height: float | None = None) -> float:
    """A row's height: ROW_IN, less when the whole chart must fit in `max_height` inches."""
    if max_height is None:
        return ROW_IN
    return max(MIN_ROW_IN, min(ROW_IN, (max_height - FRAME_IN) / max(riders, 1)))


def chart_height(riders: int, max_height: float | None = None) -> float:
    return FRAME_IN + row_height(riders, max_height) * max(riders, 1)


def qualifying_plot(view: RoundView, max_height: float | None = None) -> Plot:
    rows = [r for r in view.ranking if r.value is not None]
    height = chart_height(len(rows), max_height)
    font = max(3.5, min(6.5, row_height(len(rows), max_height) * 72 * 0.8))
    left, right = 2.0 / WIDTH_IN, 0.25 / WIDTH_IN
    top, bottom = 0.3 / height, 0.75 / height
    area = (left, top, 1 - left - right, 1 - top - bottom)
    title = f"{view.name}: times in ranking order"
    swatches = (
        Swatch("advances", ACCENT),
        Swatch("does not advance", PLAIN),
        Swatch("overtaken (AC)", "#ffffff", hatch=MUTED),
    )
    frame: dict[str, Any] = {
        "width": WIDTH_IN * 72, "height": height * 72, "area": area, "title": title, "note": "",
        "swatches": swatches, "title_over_plot": True, "style": STYLE,
    }  # fmt: skip
    if not rows:
        x, y = Axis(0.0, 1.0, (), "time (m:ss)"), Axis(0.0, 1.0, (), "", marks=False)
        return Plot(**frame, x=x, y=y)
    seconds = [r.value.seconds for r in rows if r.value is not None]
    advance = view.advance or 0
    out = {i for i, r in enumerate(rows) if r.rank in ("–", "") or not r.rank.isdigit()}
    ranked = [i for i in range(len(rows)) if i not in out]
    qualified = set(ranked[:advance])
    base = (min(seconds) // 5) * 5 - 5
    span = max(seconds) - base
    notes = [f"{r.time}  overtaken" if i in out else r.time for i, r in enumerate(rows)]
    # wide enough that the longest bar's note still ends inside the plot
    per_char = font * 0.6 / 72 / (area[2] * WIDTH_IN)  # the share of the plot one character takes
    width = max(
        [span * 1.22]
        + [
            (value - base) / (0.98 - (len(note) + 1) * per_char)
            for value, note in zip(seconds, notes, strict=True)
        ]
    )
    bars = tuple(
        Bar(i, base, seconds[i], BAR, MUTED, hatch=MUTED)
        if i in out
        else Bar(i, base, seconds[i], BAR, ACCENT if i in qualified else PLAIN)
        for i in range(len(rows))
    )
    labels = [
        Label(value + span * 0.01, i, note, RED if i in out else INK, font)
        for i, (note, value) in enumerate(zip(notes, seconds, strict=True))
    ]
    labels += [
        Label(None, i, f"{r.rank if r.rank.isdigit() else '–'}  {r.name}", INK, font)
        for i, r in enumerate(rows)
    ]
    rules = []
    if 0 < advance < len(ranked):
        line = (ranked[advance - 1] + ranked[advance]) / 2
        note = f"qualification: {advance} advance"
        rules.append(Rule(line, vertical=False, colour=RED, width=0.9, dash="dashed", note=note))
    x_low, x_high = base, base + width
    ticks = tuple(Tick(v, _clock(v)) for v in axis_values(x_low, x_high, TIME_BINS))
    return Plot(
        **frame,
        x=Axis(x_low, x_high, ticks, "time (m:ss)"),
        y=Axis(len(rows) - 0.4, -0.6, (), "", marks=False),
        bars=bars,
        labels=tuple(labels),
        rules=tuple(rules),
    )


def _clock(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"
