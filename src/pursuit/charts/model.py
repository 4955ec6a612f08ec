"""A chart as plain data: what a drawing program needs to draw it, and nothing of how.

A `Plot` is a picture of a given size (points) with one plot area (as fractions of the picture,
from its top-left corner), two axes (their ranges, the values marked and the labels written
there), and what is drawn inside in data units: lines through points, filled areas, vertical
rules with a note, texts of the key above the plot. The PDF sheets hand it to typst as JSON
(`as_data`) and `templates/charts.typ` draws it with typst's own shapes and text, in the
sheets' font — no matplotlib in the process. Colours are "#rrggbb".
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Tick:
    """A value marked on an axis, with its label."""

    value: float
    label: str


@dataclass(frozen=True, slots=True)
class Axis:
    """One axis: its range, the values marked (a grid line and a label each), its title.
    `marks`: short tick marks outside the plot at each value (the distance axis has them)."""

    low: float
    high: float
    ticks: tuple[Tick, ...]
    title: str
    marks: bool = True

    def covers(self, value: float) -> bool:
        return self.low <= value <= self.high


@dataclass(frozen=True, slots=True)
class Line:
    """A line through `points` (data units), with a round marker of `marker` pt at each."""

    points: tuple[Point, ...]
    colour: str
    width: float = 1.0
    marker: float = 0.0


@dataclass(frozen=True, slots=True)
class Area:
    """A filled polygon (data units) of `colour` at `opacity`."""

    points: tuple[Point, ...]
    colour: str
    opacity: float


@dataclass(frozen=True, slots=True)
class Rule:
    """A line across the plot at a value: `vertical` at an x (with `note` written beside it,
    at the top), else at a y (the note above it, at the right end). `dash`: "solid",
    "dotted" or "dashed"."""

    at: float
    vertical: bool
    colour: str
    width: float
    dash: str = "solid"
    note: str = ""


@dataclass(frozen=True, slots=True)
class KeyEntry:
    """A text of the key above the plot, in `colour`; `line` (a colour or ""): a short line with
    a marker before it, for a series; `align`: left (from the plot's left edge) or right (to
    its right edge); `row`: its line, from the top."""

    text: str
    colour: str
    line: str = ""
    marker: float = 0.0
    align: str = "left"
    row: int = 0


@dataclass(frozen=True, slots=True)
class Bar:
    """A horizontal bar from `start` to `end` (x, data units) centred on `row` (y), `thickness`
    rows high: filled with `colour`, or white with `hatch` lines of that colour when given."""

    row: float
    start: float
    end: float
    thickness: float
    colour: str
    hatch: str = ""


@dataclass(frozen=True, slots=True)
class Label:
    """A text at (`x`, `y`) in data units: `align` says which of its ends (left, right) or its
    centre is at x, `anchor` whether its middle, top or bottom is at y; `x` None: just left of
    the plot (a row's name), right-aligned."""

    x: float | None
    y: float
    text: str
    colour: str
    size: float
    align: str = "left"
    anchor: str = "center"
    bold: bool = False


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle with its lower left corner at (`x`, `y`), in data units."""

    x: float
    y: float
    width: float
    height: float
    fill: str
    edge: str
    edge_width: float


@dataclass(frozen=True, slots=True)
class Swatch:
    """An entry of the key under the plot: a small square of `colour` (or white, hatched in
    `hatch`) and its text."""

    text: str
    colour: str
    hatch: str = ""


@dataclass(frozen=True, slots=True)
class Plot:
    """One chart: see the module's docstring. `empty`: nothing to plot, this message instead
    (axes without values)."""

    width: float  # points
    height: float
    area: tuple[float, float, float, float]  # left, top, width, height: fractions of the picture
    title: str
    note: str  # top right, muted and italic ("synthetic splits"), or ""
    x: Axis
    y: Axis
    lines: tuple[Line, ...] = ()
    areas: tuple[Area, ...] = ()
    rules: tuple[Rule, ...] = ()
    key: tuple[KeyEntry, ...] = ()
    bars: tuple[Bar, ...] = ()
    labels: tuple[Label, ...] = ()
    swatches: tuple[Swatch, ...] = ()
    boxes: tuple[Box, ...] = ()
    title_over_plot: bool = False  # the title just above the plot, not at the top left
    axes: bool = True  # False: no axis lines, values or titles (a bracket)
    empty: str = ""
    style: dict[str, Any] = field(default_factory=dict)  # sizes and colours of the frame

    def as_data(self) -> dict[str, Any]:
        """The plot as JSON-ready data (what `templates/charts.typ` reads): what
        `dataclasses.asdict` gives, made faster (a full sheet set has thousands
        of points; asdict copies each of them)."""
        data: dict[str, Any] = _plain(self)
        return data


_fields: dict[type, tuple[str, ...]] = {}


def _names(kind: type) -> tuple[str, ...]:
    names = _fields.get(kind)
    if names is None:
        names = _fields[kind] = tuple(f.name for f in fields(kind))
    return names


def _plain(value: Any) -> Any:
    """`value` with its dataclasses as dicts; tuples of plain values (points) are kept as they
    are (immutable), other tuples rebuilt, dicts copied."""
    if hasattr(type(value), "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in _names(type(value))}
    if isinstance(value, tuple):
        if all(isinstance(v, (int, float, str)) for v in value):
            return value
        return type(value)(_plain(v) for v in value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
