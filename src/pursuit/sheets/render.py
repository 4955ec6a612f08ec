"""Typeset sheets as PDF with typst: one template, the data as JSON and the charts as SVG, all
passed in memory through `sys_inputs`; nothing is written but the result.

Fonts are fixed: DejaVu Sans from matplotlib's own font folder (the charts use the same face)
and typst's embedded fonts; system fonts are ignored, and the document has no date, so the
same sheets give the same bytes on every machine.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from pathlib import Path

import typst

from pursuit.errors import PursuitError
from pursuit.sheets.sheet import Sheet, competition_data
from pursuit.views.results import CompetitionView

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


def render_pdf(competition: CompetitionView, sheets: Sequence[Sheet]) -> bytes:
    """One PDF holding `sheets` in order, pages numbered through ("page X of Y")."""
    if not sheets:
        raise SheetRenderError("no sheets to render")
    document = {"competition": competition_data(competition), "sheets": [s.data for s in sheets]}
    inputs = {"data": json.dumps(document, ensure_ascii=False)}
    for sheet in sheets:
        inputs.update(sheet.images)
    try:
        pdf = _compiler().compile(
            input=_template(), format="pdf", sys_inputs=inputs, pdf_tags=TAGGED
        )
    except typst.TypstError as e:
        raise SheetRenderError(f"typst: {e.message}\n{e.diagnostic}") from e
    if not isinstance(pdf, bytes):
        raise SheetRenderError("typst returned no PDF")
    return pdf
