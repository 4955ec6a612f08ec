"""How every chart looks and how it is written out.

One fixed font (DejaVu Sans, shipped inside matplotlib) and fixed sizes; SVG text is drawn
as paths so a picture needs no font where it is shown (the PDF sheets' SVG keep it as text:
typst has the font); no dates in the metadata and a fixed hash salt for SVG ids, so the same
data gives the same bytes on every run.
No pyplot: figures are plain `Figure` objects, so nothing global is opened or kept — except
the kept canvases of the charts drawn once per heat (`kept_canvas`), each behind its lock.

A chart is an object (`Chart`) that knows what to draw; it is drawn when an output needs it,
in the format that output wants: SVG for the web, and for the PDF sheets as its layers
(`Chart.layers`, drawn by `pursuit.charts.book`): a frame many charts share, drawn once, and
what is the chart's own.
"""

from __future__ import annotations

import io
import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

import matplotlib
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.typing import RcKeyType

from pursuit.charts.colours import ACCENT, GREEN, GRID, INK, MUTED, RED, side_colour
from pursuit.charts.ticks import ValueAxis

__all__ = ["ACCENT", "GREEN", "GRID", "INK", "MUTED", "RED", "side_colour"]

ImageFormat = Literal["svg", "png", "pdf"]
T = TypeVar("T")

PNG_DPI = 100  # a PNG is width × height inches times this many pixels

STYLE: dict[RcKeyType, Any] = {
    "font.family": "DejaVu Sans",
    "font.size": 8,
    "axes.titlesize": 9,
    "axes.labelsize": 8,
    "axes.edgecolor": INK,
    "axes.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.labelsize": 7,
    "ytick.labelsize": 7,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "legend.fontsize": 7,
    "legend.frameon": False,
    # hatch lines of 1 pt come out uneven (some light, some dark) when poppler-based viewers
    # tile the patterns typst makes of an SVG's; 1.5 pt show evenly everywhere
    "hatch.linewidth": 1.5,
    # names and notes are text, never mathematics: "Math $\undefined$ Rider" is drawn as typed
    "text.parse_math": False,
    "svg.fonttype": "path",
    "svg.hashsalt": "pursuit",
    "pdf.fonttype": 3,
    "path.simplify": False,
}
METADATA: dict[str, dict[str, Any]] = {
    "svg": {"Date": None},
    "png": {"Software": None},
    "pdf": {"CreationDate": None, "Producer": None},
}


class Drawing(ABC):
    """Something drawn on a figure: a whole chart, or one layer of a chart."""

    def fingerprint(self) -> str | None:
        """What the drawing shows, as text that is equal for equal pictures (a drawing may be
        kept by it: `pursuit.charts.cache`); None: not kept."""
        return None

    @property
    def weight(self) -> float:
        """About how long it takes to draw, in layers of a heat chart (to share the work)."""
        return 1.0

    @property
    def key(self) -> Hashable | None:
        """Drawings with equal keys are the same picture, drawn once; None: only this one."""
        return None

    @abstractmethod
    def render(self, save: Callable[[Figure], T]) -> T:
        """Lay the drawing out on a figure and hand the figure to `save` (inside the style)."""

    def draw(self, fmt: ImageFormat = "svg") -> bytes:
        return self.render(lambda figure: encode(figure, fmt))


class Chart(Drawing):
    """A picture of some view data, drawn on demand: `draw` for one image, `layers` for the
    PDF sheets."""

    def layers(self) -> tuple[Drawing, ...]:
        """The chart as the PDF sheets draw it: drawings of the chart's size laid over each
        other, the bottom one first. By default the whole chart; a chart whose frame many
        others share (a heat chart's) gives the frame (a key) and its own layer."""
        return (self,)


_local = threading.local()


@contextmanager
def styled() -> Iterator[None]:
    """Draw and save inside this, so the style applies without touching global settings.
    Inside an enclosing `styled()` of the same thread (a chart in a book) it does nothing."""
    if getattr(_local, "styled", False):
        yield
        return
    with matplotlib.rc_context(STYLE):
        _local.styled = True
        try:
            yield
        finally:
            _local.styled = False


def new_figure(width_in: float, height_in: float) -> Figure:
    return Figure(figsize=(width_in, height_in), dpi=PNG_DPI)


def encode(figure: Figure, fmt: ImageFormat) -> bytes:
    """The figure as SVG, PNG or PDF bytes at its own size (no tight cropping)."""
    if fmt not in METADATA:
        raise ValueError(f"image format must be svg, png or pdf, not {fmt!r}")
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=PNG_DPI, metadata=METADATA[fmt])
    return buffer.getvalue()


@dataclass
class Canvas:
    """A figure kept from one chart to the next, with every artist the chart can show made
    once: `frame` is what only the frame shows (backgrounds, spines, titles, …), `parts` are
    the artists a chart sets (data, texts) by name."""

    figure: Figure
    ax: Axes
    frame: list[Artist] = field(default_factory=list)
    parts: dict[str, Artist] = field(default_factory=dict)
    values: ValueAxis | None = None  # a value axis the chart sets (its artists are parts too)
    lock: threading.Lock = field(default_factory=threading.Lock)


KEPT_CANVASES = 8
_canvases: dict[Hashable, Canvas] = {}
_canvases_lock = threading.Lock()


def kept_canvas(key: Hashable, make: Callable[[], Canvas]) -> Canvas:
    """The canvas kept under `key`, made (inside the style) the first time; the oldest goes
    when more than KEPT_CANVASES are kept."""
    with _canvases_lock:
        canvas = _canvases.get(key)
        if canvas is None:
            while len(_canvases) >= KEPT_CANVASES:
                del _canvases[next(iter(_canvases))]
            with styled():
                canvas = _canvases[key] = make()
        return canvas
