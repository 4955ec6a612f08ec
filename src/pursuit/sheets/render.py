"""Typeset sheets as PDF with typst (`pursuit.sheets.typesetting`): one template, the data as
JSON.

The charts go in with the data as their models (`Sheet.plots`, `pursuit.charts.model`) and
typst draws them itself (`templates/charts.typ`, written into typst's root beside the data's
files): no drawing library in the process. A chart a sheet gives without a model is drawn with
matplotlib as SVG layers of the same size laid over each other (`Chart.layers`, drawn all
together before typesetting, across worker processes when there are many:
`pursuit.charts.book`); sheets typeset again reuse those drawings.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from pursuit.sheets.sheet import Sheet, competition_data
from pursuit.sheets.typesetting import SheetRenderError, template, typeset
from pursuit.views.results import CompetitionView

if TYPE_CHECKING:
    from pursuit.charts.style import Chart

__all__ = ["SheetRenderError", "draw_charts", "render_pdf"]

CHARTS_TEMPLATE = "charts.typ"  # the charts typst draws (`plots`); sheets.typ imports it

# Each chart drawn for the sheets: its layers as SVG, the bottom one first (a frame many charts
# share is the same bytes object in each); kept while the chart lives.
_drawn: WeakKeyDictionary[Chart, tuple[bytes, ...]] = WeakKeyDictionary()


def draw_charts(sheets: Sequence[Sheet]) -> None:
    """Draw every chart of `sheets` not drawn yet (in worker processes when there are many:
    see `pursuit.charts.book`)."""
    todo = list(dict.fromkeys(c for s in sheets for c in drawn_charts(s) if c not in _drawn))
    if not todo:
        return
    from pursuit.charts.book import draw  # matplotlib only when drawing

    drawn = draw(todo)
    for chart, layers in zip(todo, drawn.layers, strict=True):
        _drawn[chart] = tuple(drawn.images[i] for i in layers)


def drawn_charts(sheet: Sheet) -> list[Chart]:
    """The charts of `sheet` the PDF draws with matplotlib (those typst draws are `plots`)."""
    return [sheet.charts[key] for key in sheet.charts if key not in sheet.plots]


def render_pdf(competition: CompetitionView, sheets: Sequence[Sheet]) -> bytes:
    """One PDF holding `sheets` in order, pages numbered through ("page X of Y")."""
    if not sheets:
        raise SheetRenderError("no sheets to render")
    draw_charts(sheets)
    with tempfile.TemporaryDirectory(prefix="pursuit-sheets-") as folder:
        root = Path(folder)
        files: dict[bytes, str] = {}
        placed: dict[str, list[str]] = {}
        plots: dict[str, Any] = {}
        for sheet in sheets:
            for key in sheet.charts:
                if key not in sheet.plots:
                    layers = _drawn[sheet.charts[key]]
                    placed[key] = [f"/{_file(root, files, image)}" for image in layers]
            plots.update((key, plot.as_data()) for key, plot in sheet.plots.items())
        (root / CHARTS_TEMPLATE).write_bytes(template(CHARTS_TEMPLATE))
        data = {
            "competition": competition_data(competition),
            "sheets": [s.data for s in sheets],
            "charts": placed,
            "plots": plots,
        }
        return typeset(root, "sheets.typ", data)


def _file(root: Path, files: dict[bytes, str], image: bytes) -> str:
    """The name of the file holding `image` in `root`, written the first time."""
    name = files.get(image)
    if name is None:
        import hashlib  # only for charts drawn by matplotlib: typst draws the heat sheet's

        name = files[image] = f"chart-{hashlib.sha1(image).hexdigest()[:16]}.svg"
        (root / name).write_bytes(image)
    return name
