"""Typeset sheets as PDF with typst: one template, the data as JSON through `sys_inputs`, the
charts as pages of PDF books (`pursuit.charts.book`) that typst places as vector images.

typst reads images from files only, so the books go into a temporary folder for the time of the
typesetting (the folder is typst's root; nothing else can be read). A PDF page embeds in a
fraction of the time an SVG takes (typst copies the page instead of converting the drawing),
and matplotlib writes a book of charts faster than as many single files.

Fonts are fixed: DejaVu Sans from matplotlib's own font folder (the charts use the same face)
and typst's embedded fonts; system fonts are ignored, and the document has no date, so the
same sheets give the same bytes on every machine.
"""

from __future__ import annotations

import importlib.util
import json
import tempfile
from collections.abc import Collection, Iterator, Sequence
from contextlib import contextmanager
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

import typst

from pursuit.errors import PursuitError
from pursuit.sheets.sheet import Sheet, competition_data
from pursuit.views.results import CompetitionView

if TYPE_CHECKING:
    from pursuit.charts.style import Chart

# Untagged: a tagged PDF of these sheets is about four times the size, and poppler 22 (Debian 12)
# complains about typst's tagging on every page it reads.
TAGGED = False


class SheetRenderError(PursuitError):
    """typst could not typeset the sheets (a bug in the template or the data)."""


@cache
def _template() -> bytes:
    return (resources.files("pursuit.sheets") / "templates" / "sheets.typ").read_bytes()


@cache
def _compiler() -> typst.Compiler:
    fonts = _matplotlib_fonts()
    families = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=True, font_paths=[str(fonts)]
    )
    return typst.Compiler(font_paths=families, ignore_system_fonts=True)


def _matplotlib_fonts() -> Path:
    """matplotlib's font folder, found without importing matplotlib (slow to import)."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        raise SheetRenderError("matplotlib is not installed; it provides the sheets' font")
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"


# Each chart drawn for a PDF: the book it is in and its page; kept while the chart lives, so
# sheets typeset again (one PDF per sheet and all in one, as `publish` does) are drawn once.
_pages: WeakKeyDictionary[Chart, tuple[bytes, int]] = WeakKeyDictionary()


def draw_charts(sheets: Sequence[Sheet]) -> None:
    """Draw every chart of `sheets` not drawn yet, as pages of PDF books (in worker processes
    when there are many: see `pursuit.charts.book`)."""
    todo = [c for s in sheets for c in s.charts.values() if c not in _pages]
    if not todo:
        return
    from pursuit.charts.book import draw_books  # matplotlib only when drawing

    books, pages = draw_books(todo)
    for chart, page in zip(todo, pages, strict=True):
        _pages[chart] = (books[page.book], page.number)


def render_pdf(competition: CompetitionView, sheets: Sequence[Sheet]) -> bytes:
    """One PDF holding `sheets` in order, pages numbered through ("page X of Y")."""
    if not sheets:
        raise SheetRenderError("no sheets to render")
    draw_charts(sheets)
    files: dict[int, tuple[str, bytes]] = {}
    placed: dict[str, dict[str, Any]] = {}
    for sheet in sheets:
        for key, chart in sheet.charts.items():
            book, page = _pages[chart]
            name, _ = files.setdefault(id(book), (f"charts-{len(files) + 1}.pdf", book))
            placed[key] = {"path": f"/{name}", "page": page}
    document = {
        "competition": competition_data(competition),
        "sheets": [s.data for s in sheets],
        "charts": placed,
    }
    inputs = {"data": json.dumps(document, ensure_ascii=False)}
    try:
        with _root(files.values()) as root:
            pdf = _compiler().compile(
                input=_template(), root=root, format="pdf", sys_inputs=inputs, pdf_tags=TAGGED
            )
    except typst.TypstError as e:
        raise SheetRenderError(f"typst: {e.message}\n{e.diagnostic}") from e
    if not isinstance(pdf, bytes):
        raise SheetRenderError("typst returned no PDF")
    return pdf


@contextmanager
def _root(files: Collection[tuple[str, bytes]]) -> Iterator[str | None]:
    """A temporary folder holding `files` (name, bytes), for typst to read; None without."""
    if not files:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="pursuit-charts-") as folder:
        for name, content in files:
            (Path(folder) / name).write_bytes(content)
        yield folder
