"""Pictures of one heat: the gap between the riders over the distance, and each rider's laps.

Both share one layout: the title top left, "synthetic splits" top right when the splits were
made up by a replay, what the colours mean below them, the plot below that; nothing is placed
where the data can run.

A full set of sheets draws both charts for every heat, and most of a heat chart is the same for
every heat of a competition: the background, the title, the axis labels, the distance or lap
axis. So for the PDF sheets a heat chart comes in two layers (`Chart.layers`): its *frame*, the
same picture for every heat run over the same distance (drawn once), and the heat's own layer
on a transparent background — its lines, its time axis and who is who — which the sheet lays
over the frame. Drawn whole (`draw`, the web's SVG) both are on one figure: the same picture.

Each kind keeps one figure per size (`Canvas`) with every artist made once; a heat only sets
their data and which of them show.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon
from matplotlib.text import Text
from matplotlib.ticker import Locator, MaxNLocator, NullLocator

from pursuit.charts.heat_model import (
    HANDLE_W,
    HEIGHT_IN,
    KEY_LINE,
    KEY_Y,
    PLOT,
    TIME_BINS,
    WIDTH_IN,
    YLABEL_X,
    area,
    gap_empty,
    gap_points,
    gap_x_range,
    lap_empty,
    lap_series,
    lap_x_range,
    padded,
)
from pursuit.charts.style import (
    GRID,
    INK,
    MUTED,
    Canvas,
    Chart,
    Drawing,
    ImageFormat,
    T,
    kept_canvas,
    new_figure,
    side_colour,
    styled,
)
from pursuit.charts.ticks import ValueAxis
from pursuit.views.heat_sheet import HeatSheet

TIME_LABELS = TIME_BINS + 1


@dataclass(frozen=True)
class Frame:
    """All a heat chart's frame shows: equal frames are one picture, drawn once."""

    kind: str  # gap | laps
    width: float
    height: float
    x_range: tuple[float, float]
    synthetic: bool


@dataclass(frozen=True, eq=False)
class HeatChart(Chart):
    """What the two heat charts share: the heat, the size, the kept canvas and the layers."""

    sheet: HeatSheet
    width: float = WIDTH_IN
    height: float = HEIGHT_IN

    kind: ClassVar[str]
    title: ClassVar[str]
    labels: ClassVar[tuple[str, str]]  # x, y

    def render(self, save: Callable[[Figure], T]) -> T:
        return self.paint(save, frame=True, data=True)

    def layers(self) -> tuple[Drawing, ...]:
        if not self.has_data():
            return (self,)  # the whole chart says there is nothing to show: drawn as one
        return (HeatLayer(self, frame=True), HeatLayer(self, frame=False))

    def frame(self) -> Frame:
        return Frame(self.kind, self.width, self.height, self.x_range(), self.sheet.synthetic)

    def paint(self, save: Callable[[Figure], T], frame: bool, data: bool) -> T:
        """The frame, the heat's own layer, or both, handed to `save`."""
        canvas = kept_canvas((self.kind, self.width, self.height), self._canvas)
        with canvas.lock, styled():
            for artist in canvas.frame:
                artist.set_visible(frame)
            for artist in canvas.parts.values():
                artist.set_visible(False)
            ax = canvas.ax
            ax.xaxis.set_visible(frame)
            ax.yaxis.label.set_visible(frame)
            if frame:
                self._paint_frame(canvas, self.frame())
            if not data:
                ax.set_ylim(0, 1)  # nothing of the frame depends on it: the same every time
            if data and self.has_data():
                self.paint_data(canvas)
            elif data:
                _empty(canvas, self.empty_message())
            return save(canvas.figure)

    def _canvas(self) -> Canvas:
        figure = new_figure(self.width, self.height)
        ax = figure.add_axes(PLOT)
        ax.set_xlabel(self.labels[0])
        ax.set_ylabel(self.labels[1])
        ax.yaxis.set_label_coords(YLABEL_X, 0.5)
        ax.yaxis.set_major_locator(NullLocator())  # the heat's own time axis: `ValueAxis`
        ax.grid(True, axis="x", color=GRID, linewidth=0.4)
        title = figure.text(0.02, 0.97, self.title, fontsize=9, va="top", ha="left", color=INK)
        synthetic = figure.text(0.98, 0.97, "synthetic splits", fontsize=6.5, va="top",
                                ha="right", color=MUTED, style="italic")  # fmt: skip
        spines = [s for s in ax.spines.values() if s.get_visible()]  # the style hides two
        frame = [figure.patch, ax.patch, *spines, title]
        empty = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center",
                        color=MUTED)  # fmt: skip
        values = ValueAxis.make(ax, TIME_LABELS, GRID, 0.4)
        parts: dict[str, Artist] = {"synthetic": synthetic, "empty": empty, "grid": values.grid}
        parts.update((f"time_{i}", label) for i, label in enumerate(values.labels))
        canvas = Canvas(figure, ax, frame, parts, values)
        self.add_parts(canvas)
        return canvas

    def _paint_frame(self, canvas: Canvas, frame: Frame) -> None:
        canvas.parts["synthetic"].set_visible(frame.synthetic)
        canvas.ax.set_xlim(*frame.x_range)
        canvas.ax.xaxis.set_major_locator(self.x_locator())

    @abstractmethod
    def has_data(self) -> bool: ...

    @abstractmethod
    def empty_message(self) -> str: ...

    @abstractmethod
    def x_range(self) -> tuple[float, float]: ...

    @abstractmethod
    def x_locator(self) -> Locator: ...

    @abstractmethod
    def add_parts(self, canvas: Canvas) -> None:
        """Make the artists the heat's layer sets (hidden until set)."""

    @abstractmethod
    def paint_data(self, canvas: Canvas) -> None:
        """Set and show the heat's own artists and its time axis."""


@dataclass(frozen=True, eq=False)
class HeatLayer(Drawing):
    """One layer of a heat chart: its frame (shared, so with a key) or the heat's own."""

    chart: HeatChart
    frame: bool

    @property
    def key(self) -> Frame | None:
        return self.chart.frame() if self.frame else None

    def fingerprint(self) -> str:
        chart = self.chart
        shown = self.key if self.frame else (chart.width, chart.height, chart.sheet)
        return f"{type(chart).__name__} {'frame' if self.frame else 'heat'} {shown!r}"

    def render(self, save: Callable[[Figure], T]) -> T:
        return self.chart.paint(save, frame=self.frame, data=not self.frame)


@dataclass(frozen=True, eq=False)
class GapChart(HeatChart):
    """The lead of rider A over rider B (seconds) at each half lap, shaded in the colour of
    whoever is ahead; a dotted line where the splits show a catch."""

    kind: ClassVar[str] = "gap"
    title: ClassVar[str] = "Gap between the riders"
    labels: ClassVar[tuple[str, str]] = ("distance (m)", "lead (s)")

    def points(self) -> list[tuple[float, float]]:
        return gap_points(self.sheet)

    def has_data(self) -> bool:
        return not gap_empty(self.sheet)

    def empty_message(self) -> str:
        return gap_empty(self.sheet)

    def x_range(self) -> tuple[float, float]:
        return gap_x_range(self.sheet)

    def x_locator(self) -> Locator:
        return MaxNLocator(5, steps=[1, 2, 5, 10])

    def add_parts(self, canvas: Canvas) -> None:
        ax, figure, parts = canvas.ax, canvas.figure, canvas.parts
        for name in ("fill_a", "fill_b"):
            parts[name] = ax.add_patch(Polygon([(0, 0)] * 3, alpha=0.25, linewidth=0))
        parts["line"] = ax.plot([], [], color=INK, linewidth=1.0, marker="o", markersize=2)[0]
        parts["zero"] = ax.axhline(0, color=INK, linewidth=0.6)
        parts["catch"] = ax.axvline(0, color=INK, linestyle=":", linewidth=0.8)
        parts["catch_text"] = ax.text(0, 0, " catch", fontsize=6.5, va="top", color=INK)
        right = PLOT[0] + PLOT[2]
        parts["ahead_a"] = figure.text(PLOT[0], KEY_Y, "", fontsize=7)
        parts["ahead_b"] = figure.text(right, KEY_Y, "", fontsize=7, ha="right")

    def paint_data(self, canvas: Canvas) -> None:
        sheet, ax, parts = self.sheet, canvas.ax, canvas.parts
        a, b = sheet.riders
        points = [(0.0, 0.0), *self.points()]
        colour_a, colour_b = side_colour(a.side, 0), side_colour(b.side, 1)
        _show(parts["fill_a"], xy=area(points, max), color=colour_a)
        _show(parts["fill_b"], xy=area(points, min), color=colour_b)
        _show(parts["line"], data=([x for x, _ in points], [y for _, y in points]))
        _show(parts["zero"])
        top = max(max(abs(y) for _, y in points), 0.05) * 1.15
        ax.set_ylim(-top, top)
        ax.set_xlim(*self.x_range())
        _show(parts["ahead_a"], text=f"▲ {a.short} ahead", color=colour_a)
        _show(parts["ahead_b"], text=f"▼ {b.short} ahead", color=colour_b)
        if sheet.caught_at is not None:
            at = sheet.distance_m * sheet.caught_at / sheet.half_laps
            _show(parts["catch"], xdata=[at, at])
            _show(parts["catch_text"], position=(at, top * 0.95))
        _values(canvas).show(-top, top, TIME_BINS, lambda v, _: f"{abs(v):g}")


@dataclass(frozen=True, eq=False)
class LapChart(HeatChart):
    """Each rider's lap times, lap by lap. The first lap (a standing start) is left out of the
    scale and given in the key above the plot."""

    kind: ClassVar[str] = "laps"
    title: ClassVar[str] = "Lap times"
    labels: ClassVar[tuple[str, str]] = ("lap", "lap time (s)")

    def riders(self) -> list[tuple[int, str, list[float], list[float]]]:
        """(index, key text, laps, seconds) of each rider with a lap after the first."""
        return lap_series(self.sheet)

    def has_data(self) -> bool:
        return bool(self.riders())

    def empty_message(self) -> str:
        return lap_empty(self.sheet)

    def x_range(self) -> tuple[float, float]:
        return lap_x_range(self.sheet)

    def x_locator(self) -> Locator:
        return MaxNLocator(integer=True)

    def add_parts(self, canvas: Canvas) -> None:
        ax, figure, parts = canvas.ax, canvas.figure, canvas.parts
        for row in range(2):
            parts[f"line_{row}"] = ax.plot([], [], linewidth=1.0, marker="o", markersize=2.5)[0]
            y = KEY_Y - row * KEY_LINE + 0.02  # the middle of the line's lower-case letters
            x = PLOT[0]
            handle = Line2D([x, x + HANDLE_W / 2, x + HANDLE_W], [y, y, y], linewidth=1.0,
                            marker="o", markersize=2.5, markevery=[1],
                            transform=figure.transFigure)  # fmt: skip
            parts[f"handle_{row}"] = figure.add_artist(handle)
            parts[f"key_{row}"] = figure.text(x + HANDLE_W + 0.015, KEY_Y - row * KEY_LINE, "",
                                              fontsize=7, color=INK)  # fmt: skip

    def paint_data(self, canvas: Canvas) -> None:
        ax, parts = canvas.ax, canvas.parts
        seconds: list[float] = []
        for row, (i, label, xs, ys) in enumerate(self.riders()):
            colour = side_colour(self.sheet.riders[i].side, i)
            _show(parts[f"line_{row}"], data=(xs, ys), color=colour)
            _show(parts[f"handle_{row}"], color=colour)
            _show(parts[f"key_{row}"], text=label)
            seconds += ys
        ax.set_xlim(*self.x_range())
        low, high = padded(min(seconds), max(seconds), 0.5)
        ax.set_ylim(low, high)
        _values(canvas).show(low, high, TIME_BINS, lambda v, places: f"{v:.{places}f}")


def gap_chart(
    sheet: HeatSheet, fmt: ImageFormat = "svg", width: float = WIDTH_IN, height: float = HEIGHT_IN
) -> bytes:
    """The gap chart of one heat as SVG, PNG or PDF bytes (see `GapChart`)."""
    return GapChart(sheet, width, height).draw(fmt)


def lap_chart(
    sheet: HeatSheet, fmt: ImageFormat = "svg", width: float = WIDTH_IN, height: float = HEIGHT_IN
) -> bytes:
    """The lap-time chart of one heat as SVG, PNG or PDF bytes (see `LapChart`)."""
    return LapChart(sheet, width, height).draw(fmt)


def _show(artist: object, **properties: object) -> None:
    """Set `properties` of `artist` (a Line2D, Polygon or Text) and show it."""
    assert isinstance(artist, Line2D | Polygon | Text)
    artist.set(visible=True, **properties)


def _empty(canvas: Canvas, message: str) -> None:
    """No data: no ticks, the message in the middle."""
    ax = canvas.ax
    ax.xaxis.set_major_locator(NullLocator())
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    _show(canvas.parts["empty"], text=message)


def _values(canvas: Canvas) -> ValueAxis:
    assert canvas.values is not None
    return canvas.values
