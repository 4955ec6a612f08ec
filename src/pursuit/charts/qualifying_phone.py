"""The qualifying chart for a phone: the same bars as `pursuit.charts.qualifying`, but each
rider's rank and name on a line of its own above his bar (no column of names beside the bars),
so the bars get the whole width and every text is at least `phone.FONT_PT`."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullLocator

from pursuit.charts.bars import add_bars
from pursuit.charts.phone import FONT_PT, TITLE_PT, WIDTH_IN
from pursuit.charts.style import ACCENT, GRID, INK, MUTED, RED, new_figure
from pursuit.views.results import RoundView

ROW_IN = 0.36  # a rider: his name, then his bar
TOP_IN = 0.35  # the title
BOTTOM_IN = 1.15  # the time axis, its label and the legend (one entry a line)
LIGHT = "#9db4cc"


def phone_figure(round_view: RoundView) -> Figure:
    rows = [r for r in round_view.ranking if r.value is not None]
    height = TOP_IN + BOTTOM_IN + ROW_IN * max(len(rows), 1)
    figure = new_figure(WIDTH_IN, height)
    left, right = 0.12 / WIDTH_IN, 0.12 / WIDTH_IN
    ax = figure.add_axes(
        (left, BOTTOM_IN / height, 1 - left - right, 1 - (TOP_IN + BOTTOM_IN) / height)
    )
    seconds = [r.value.seconds for r in rows if r.value is not None]
    advance = round_view.advance or 0
    out = {i for i, r in enumerate(rows) if not r.rank.isdigit()}
    ranked = [i for i in range(len(rows)) if i not in out]
    qualified = set(ranked[:advance])
    if rows:
        base = (min(seconds) // 5) * 5 - 5
        span = max(seconds) - base
        bars = [[(base, i), (base, i + 0.42), (v, i + 0.42), (v, i)] for i, v in enumerate(seconds)]
        add_bars(ax, bars, ranked, qualified, out, LIGHT)
        notes = [f"{r.time} AC" if i in out else r.time for i, r in enumerate(rows)]
        axes_in = ax.get_position().width * WIDTH_IN
        per_char = FONT_PT * 0.6 / 72 / axes_in
        width = max(
            [span * 1.1]
            + [
                (v - base) / (0.98 - (len(n) + 1) * per_char)
                for v, n in zip(seconds, notes, strict=True)
            ]
        )
        at_left = ax.get_yaxis_transform()
        for i, (r, note, value) in enumerate(zip(rows, notes, seconds, strict=True)):
            rank = r.rank if r.rank.isdigit() else "–"
            ax.text(0, i - 0.05, f"{rank}  {r.name}", transform=at_left, fontsize=FONT_PT,
                    va="bottom", color=INK)  # fmt: skip
            ax.text(value + span * 0.01, i + 0.21, note, va="center", fontsize=FONT_PT,
                    color=RED if i in out else INK)  # fmt: skip
        ax.set_ylim(len(rows) - 0.45, -0.65)
        ax.set_xlim(base, base + width)
        if 0 < advance < len(ranked):
            line = ranked[advance - 1] + 0.5  # under the last bar, above the next name
            ax.axhline(line, color=RED, linestyle="--", linewidth=0.9)
            ax.text(base + width * 0.99, line - 0.04, f"{advance} advance", color=RED,
                    fontsize=FONT_PT, ha="right", va="bottom")  # fmt: skip
    ax.yaxis.set_major_locator(NullLocator())
    ax.xaxis.set_major_locator(MaxNLocator(4))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _clock(v)))
    ax.tick_params(axis="x", labelsize=FONT_PT)
    ax.tick_params(axis="y", length=0)
    ax.grid(True, axis="x", color=GRID, linewidth=0.4)
    ax.set_axisbelow(True)
    ax.spines["left"].set_visible(False)
    ax.set_xlabel("time (m:ss)", fontsize=FONT_PT)
    figure.text(left, 1 - 0.08 / height, round_view.name, fontsize=TITLE_PT, weight="bold",
                va="top", color=INK)  # fmt: skip
    figure.legend(
        handles=[
            Patch(color=ACCENT, label="advances"),
            Patch(color=LIGHT, label="does not advance"),
            Patch(facecolor="white", edgecolor=MUTED, hatch="////", label="overtaken (AC)"),
        ],
        loc="lower left",
        ncols=1,
        fontsize=FONT_PT,
        bbox_to_anchor=(0.0, 0.0),
    )
    return figure


def _clock(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"
