"""How every chart looks and how it is written out.

One fixed font (DejaVu Sans, shipped inside matplotlib) and fixed sizes; SVG text is drawn
as paths so a picture needs no font where it is shown; no dates in the metadata and a fixed
hash salt for SVG ids, so the same data gives the same bytes on every run.
No pyplot: figures are plain `Figure` objects, so nothing global is opened or kept.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal

import matplotlib
from matplotlib.figure import Figure
from matplotlib.typing import RcKeyType

ImageFormat = Literal["svg", "png"]

PNG_DPI = 100  # a PNG is width × height inches times this many pixels
RED = "#c0392b"  # red disc: home straight
GREEN = "#1e8449"  # green disc: back straight
INK = "#222222"
MUTED = "#8a8a8a"
ACCENT = "#1f4e79"
GRID = "#d9d9d9"

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
    "svg.fonttype": "path",
    "svg.hashsalt": "pursuit",
    "path.simplify": False,
}


def side_colour(side: str, index: int) -> str:
    """The disc colour of a start side; without a side, red for the first rider."""
    if side in ("red", "green"):
        return RED if side == "red" else GREEN
    return (RED, GREEN)[index % 2]


@contextmanager
def styled() -> Iterator[None]:
    """Draw and save inside this, so the style applies without touching global settings."""
    with matplotlib.rc_context(STYLE):
        yield


def new_figure(width_in: float, height_in: float) -> Figure:
    return Figure(figsize=(width_in, height_in), dpi=PNG_DPI)


def encode(figure: Figure, fmt: ImageFormat) -> bytes:
    """The figure as SVG or PNG bytes at its own size (no tight cropping)."""
    if fmt not in ("svg", "png"):
        raise ValueError(f"image format must be svg or png, not {fmt!r}")
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    figure.savefig(buffer, format=fmt, dpi=PNG_DPI, metadata=metadata)
    return buffer.getvalue()
