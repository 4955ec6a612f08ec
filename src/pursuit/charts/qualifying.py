"""A timed round as a ranked bar chart: one bar per rider in ranking order, the qualification
line after the last rider who advances, overtaken (eliminated) riders hatched and labelled."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from matplotlib import rcParams
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, NullLocator
from matplotlib.transforms import ScaledTranslation

from pursuit.charts.bars import add_bars
from pursuit.charts.qualifying_model import (
    BAR,
    WIDTH_IN,
    _clock,
    chart_height,
    row_height,
)
from pursuit.charts.style import (
    ACCENT,
    GRID,
    INK,
    MUTED,
    RED,
    Chart,
    ImageFormat,
    T,
    new_figure,
    styled,
)
from pursuit.views.results import RoundView

__all__ = ["WIDTH_IN", "QualifyingChart", "chart_height", "qualifying_chart", "row_height"]


def qualifying_chart(
    round_view: RoundView,
    fmt: ImageFormat = "svg",
    width: float = WIDTH_IN,
    max_height: float | None = None,
) -> bytes:
    """The qualifying chart of a timed round as SVG, PNG or PDF bytes (see
    `QualifyingChart`)."""
    return QualifyingChart(round_view, width, max_height).draw(fmt)


@dataclass(frozen=True, eq=False)
class QualifyingChart(Chart):
    """Every rider with a time, in the round's ranking order (so an overtaken rider sits
    below the ranked ones whatever his time). Bars start at a common baseline a little
    under the fastest time, so the differences show."""

    round_view: RoundView
    width: float = WIDTH_IN
    max_height: float | None = None
    phone: bool = False  # drawn for a phone (`pursuit.charts.qualifying_phone`)

    @property
    def weight(self) -> float:
        return 1.0 + len(self.round_view.ranking) / 5  # two texts per rider

    def fingerprint(self) -> str:
        """Everything `_figure` reads: after qualifying the chart stays the same, so printing
        the sheets again during the later rounds finds it in the chart cache."""
        view = self.round_view
        rows = [(r.rank, r.name, r.time) for r in view.ranking]
        size = (self.width, self.max_height, self.phone)
        return f"qualifying {(size, view.name, view.advance, rows)!r}"

    def render(self, save: Callable[[Figure], T]) -> T:
        with styled():
            if self.phone:
                from pursuit.charts.qualifying_phone import phone_figure

                return save(phone_figure(self.round_view))
            return save(self._figure())

    def _figure(self) -> Figure:
        round_view, width, max_height = self.round_view, self.width, self.max_height
        rows = [r for r in round_view.ranking if r.value is not None]
        height = chart_height(len(rows), max_height)
        font = max(3.5, min(6.5, row_height(len(rows), max_height) * 72 * 0.8))
        figure = new_figure(width, height)
        left, right = 2.0 / width, 0.25 / width
        top, bottom = 0.3 / height, 0.75 / height
        ax = figure.add_axes((left, bottom, 1 - left - right, 1 - top - bottom))
        seconds = [r.value.seconds for r in rows if r.value is not None]
        advance = round_view.advance or 0
        out = {i for i, r in enumerate(rows) if r.rank in ("–", "") or not r.rank.isdigit()}
        ranked = [i for i in range(len(rows)) if i not in out]
        qualified = set(ranked[:advance])
        if rows:
            base = (min(seconds) // 5) * 5 - 5
            span = max(seconds) - base
            normal = [i for i in range(len(rows)) if i not in out]
            # the bars as two collections (plain and hatched), not one patch per rider
            bars = [_bar(i, base, seconds[i]) for i in range(len(rows))]
            add_bars(ax, bars, normal, qualified, out, "#9db4cc")
            notes = [f"{r.time}  overtaken" if i in out else r.time for i, r in enumerate(rows)]
            # wide enough that the longest bar's note still ends inside the plot
            axes_in = ax.get_position().width * figure.get_figwidth()
            per_char = font * 0.6 / 72 / axes_in  # the share of the plot one character takes
            width = max(
                [span * 1.22]
                + [
                    (value - base) / (0.98 - (len(note) + 1) * per_char)
                    for value, note in zip(seconds, notes, strict=True)
                ]
            )
            for i, (note, value) in enumerate(zip(notes, seconds, strict=True)):
                eliminated = i in out
                ax.text(
                    value + span * 0.01,
                    i,
                    note,
                    va="center",
                    fontsize=font,
                    color=RED if eliminated else INK,
                )
            # rider labels where y tick labels go, as plain texts (no tick machinery per row)
            pad = ScaledTranslation(-rcParams["ytick.major.pad"] / 72, 0, figure.dpi_scale_trans)
            at_left = ax.get_yaxis_transform() + pad
            for i, r in enumerate(rows):
                label = f"{r.rank if r.rank.isdigit() else '–'}  {r.name}"
                ax.text(0, i, label, transform=at_left, ha="right", va="center_baseline",
                        fontsize=font)  # fmt: skip
            ax.yaxis.set_major_locator(NullLocator())
            ax.set_ylim(len(rows) - 0.4, -0.6)
            ax.set_xlim(base, base + width)
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _clock(v)))
            ax.grid(True, axis="x", color=GRID, linewidth=0.4)
            ax.set_axisbelow(True)
            if 0 < advance < len(ranked):
                line = (ranked[advance - 1] + ranked[advance]) / 2
                ax.axhline(line, color=RED, linestyle="--", linewidth=0.9)
                ax.text(
                    base + width * 0.99,
                    line - 0.15,
                    f"qualification: {advance} advance",
                    color=RED,
                    fontsize=6.5,
                    ha="right",
                    va="bottom",
                )
        ax.tick_params(axis="y", length=0)
        ax.set_xlabel("time (m:ss)")
        ax.set_title(f"{round_view.name}: times in ranking order", loc="left")
        figure.legend(
            handles=[
                Patch(color=ACCENT, label="advances"),
                Patch(color="#9db4cc", label="does not advance"),
                Patch(facecolor="white", edgecolor=MUTED, hatch="////", label="overtaken (AC)"),
            ],
            loc="lower center",
            ncols=3,
            bbox_to_anchor=(0.5, 0.0),
        )
        return figure


def _bar(row: int, base: float, value: float) -> list[tuple[float, float]]:
    """The rectangle of a bar from `base` to `value` on `row`, as `barh` makes it."""
    low, high = row - BAR / 2, row + BAR / 2
    return [(base, low), (base, high), (value, high), (value, low)]
