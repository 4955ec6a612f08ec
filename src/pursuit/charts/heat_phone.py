"""A heat's gap and lap charts drawn for a phone: the same data as `pursuit.charts.heat`, on a
figure `phone.WIDTH_IN` wide with every text at least `phone.FONT_PT`, fewer ticks, and the key
above the plot, one rider a line (a name never shares a line with the other's).

Colour is never the only signal: the gap chart's key says, for each shaded side of the zero
line, whose lead it is (▲ above, ▼ below, the second area hatched); the lap chart's riders
differ in line (solid, dashed) and marker (circle, square) as well as colour.

Drawn as a fresh figure each time (the web draws a chart once per log position), so nothing
here touches the kept canvases the sheets' heat charts share.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullLocator

from pursuit.charts.heat import GapChart, LapChart
from pursuit.charts.heat_model import padded
from pursuit.charts.phone import FONT_PT, TITLE_PT, WIDTH_IN
from pursuit.charts.style import GRID, INK, MUTED, Drawing, T, new_figure, side_colour, styled

HEIGHT_IN = 2.85
TOP_IN = 0.8  # the title and two lines of key
BOTTOM_IN = 0.5  # the distance or lap axis and its label
LEFT_IN = 0.74  # the time axis and its label
RIGHT_IN = 0.18
TIME_BINS = 4
DISTANCE_BINS = 4
LAP_BINS = 6
# (line style, marker) of rider A and rider B: told apart without their colours
RIDER_LINES = (("-", "o"), ("--", "s"))
B_HATCH = "////"  # the area where rider B leads
NAME_CHARS = 22  # the longest name the key writes whole (about half its width at FONT_PT)


def _frame(title: str, synthetic: bool, labels: tuple[str, str]) -> tuple[Figure, Axes]:
    figure = new_figure(WIDTH_IN, HEIGHT_IN)
    width = 1 - (LEFT_IN + RIGHT_IN) / WIDTH_IN
    height = 1 - (TOP_IN + BOTTOM_IN) / HEIGHT_IN
    ax = figure.add_axes((LEFT_IN / WIDTH_IN, BOTTOM_IN / HEIGHT_IN, width, height))
    top = 1 - 0.06 / HEIGHT_IN
    figure.text(0.1 / WIDTH_IN, top, title, fontsize=TITLE_PT, weight="bold", va="top",
                ha="left", color=INK)  # fmt: skip
    if synthetic:
        figure.text(1 - 0.08 / WIDTH_IN, top, "synthetic splits", fontsize=FONT_PT, va="top",
                    ha="right", color=MUTED, style="italic")  # fmt: skip
    ax.set_xlabel(labels[0], fontsize=FONT_PT)
    ax.set_ylabel(labels[1], fontsize=FONT_PT)
    ax.tick_params(labelsize=FONT_PT)
    ax.grid(True, color=GRID, linewidth=0.4)
    ax.set_axisbelow(True)
    return figure, ax


def _key(figure: Figure, handles: list[Line2D | Patch]) -> Legend:
    """The key under the title, above the plot: one entry a line."""
    return figure.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.02, 1 - 0.3 / HEIGHT_IN),
        ncols=1,
        fontsize=FONT_PT,
        handlelength=2.4,
        borderaxespad=0,
        borderpad=0.1,
        labelspacing=0.25,
    )


def _empty(ax: Axes, message: str) -> None:
    ax.xaxis.set_major_locator(NullLocator())
    ax.yaxis.set_major_locator(NullLocator())
    ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center",
            fontsize=FONT_PT, color=MUTED)  # fmt: skip


def gap_figure(chart: GapChart) -> Figure:
    sheet = chart.sheet
    figure, ax = _frame(chart.title, sheet.synthetic, chart.labels)
    ax.set_xlim(*chart.x_range())
    if not chart.has_data():
        _empty(ax, chart.empty_message())
        return figure
    a, b = sheet.riders
    colour_a, colour_b = side_colour(a.side, 0), side_colour(b.side, 1)
    points = [(0.0, 0.0), *chart.points()]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    ax.fill_between(xs, ys, 0, where=[y >= 0 for y in ys], interpolate=True,
                    color=tint(colour_a, 0.25), linewidth=0)  # fmt: skip
    ax.fill_between(xs, ys, 0, where=[y <= 0 for y in ys], interpolate=True,
                    facecolor=tint(colour_b), edgecolor=colour_b, hatch=B_HATCH,
                    linewidth=0)  # fmt: skip
    ax.plot(xs, ys, color=INK, linewidth=1.2, marker="o", markersize=2.5)
    ax.axhline(0, color=INK, linewidth=0.7)
    top = max(max(abs(y) for y in ys), 0.05) * 1.15
    ax.set_ylim(-top, top)
    ax.xaxis.set_major_locator(MaxNLocator(DISTANCE_BINS, steps=[1, 2, 5, 10]))
    ax.yaxis.set_major_locator(MaxNLocator(TIME_BINS, steps=[1, 2, 2.5, 5, 10], symmetric=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):g}"))
    if sheet.caught_at is not None:
        at = sheet.distance_m * sheet.caught_at / sheet.half_laps
        ax.axvline(at, color=INK, linestyle=":", linewidth=1.0)
        ax.text(at, top * 0.95, " catch", fontsize=FONT_PT, va="top", color=INK)
    _key(
        figure,
        [
            Patch(
                facecolor=tint(colour_a, 0.25),
                edgecolor=colour_a,
                label=f"▲ above: {_who(a.short, a.side)} ahead",
            ),
            Patch(
                facecolor=tint(colour_b),
                edgecolor=colour_b,
                hatch=B_HATCH,
                label=f"▼ below: {_who(b.short, b.side)} ahead",
            ),
        ],
    )
    return figure


def lap_figure(chart: LapChart) -> Figure:
    sheet = chart.sheet
    figure, ax = _frame(chart.title, sheet.synthetic, chart.labels)
    ax.set_xlim(*chart.x_range())
    riders = chart.riders()
    if not riders:
        _empty(ax, chart.empty_message())
        return figure
    handles: list[Line2D | Patch] = []
    seconds: list[float] = []
    for i, label, xs, ys in riders:
        short = sheet.riders[i].short
        label = label.replace(short, _fit(short), 1)
        style, marker = RIDER_LINES[i]
        colour = side_colour(sheet.riders[i].side, i)
        line = ax.plot(xs, ys, color=colour, linestyle=style, marker=marker, markersize=3.5,
                       linewidth=1.3, label=label)[0]  # fmt: skip
        handles.append(line)
        seconds += ys
    low, high = padded(min(seconds), max(seconds), 0.5)
    ax.set_ylim(low, high)
    ax.xaxis.set_major_locator(MaxNLocator(LAP_BINS, integer=True))
    ax.yaxis.set_major_locator(MaxNLocator(TIME_BINS, steps=[1, 2, 2.5, 5, 10]))
    _key(figure, handles)
    return figure


def _who(short: str, side: str) -> str:
    return f"{_fit(short)} ({side})" if side else _fit(short)


def _fit(name: str, limit: int = NAME_CHARS) -> str:
    """A name short enough for a line of the key beside the other words on a phone."""
    return name if len(name) <= limit else name[: limit - 1] + "…"


def tint(colour: str, share: float = 0.2) -> tuple[float, float, float]:
    """`colour` (#rrggbb) mixed with white, `share` of it: an opaque light fill, so a hatch
    drawn over it keeps its full colour (an SVG fill's opacity would fade the hatch too)."""
    value = colour.lstrip("#")
    red, green, blue = (1 - share + share * int(value[k : k + 2], 16) / 255 for k in (0, 2, 4))
    return (red, green, blue)


@dataclass(frozen=True, eq=False)
class PhoneGapChart(GapChart):
    """The gap chart of `GapChart`, drawn for a phone."""

    def layers(self) -> tuple[Drawing, ...]:
        return (self,)

    def render(self, save: Callable[[Figure], T]) -> T:
        with styled():
            return save(gap_figure(self))


@dataclass(frozen=True, eq=False)
class PhoneLapChart(LapChart):
    """The lap chart of `LapChart`, drawn for a phone."""

    def layers(self) -> tuple[Drawing, ...]:
        return (self,)

    def render(self, save: Callable[[Figure], T]) -> T:
        with styled():
            return save(lap_figure(self))
