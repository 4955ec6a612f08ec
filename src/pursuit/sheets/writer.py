"""Write sheets to disk: all in one PDF, or one PDF per sheet in a folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pursuit.sheets.render import draw_charts, render_pdf
from pursuit.sheets.sheet import Sheet
from pursuit.views.results import CompetitionView


def write_pdf(competition: CompetitionView, sheets: Sequence[Sheet], path: Path) -> Path:
    """All `sheets` in one PDF at `path` (its folder is made if missing)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_pdf(competition, sheets))
    return path


def write_each(competition: CompetitionView, sheets: Sequence[Sheet], folder: Path) -> list[Path]:
    """One PDF per sheet in `folder`, named after the sheet (start-list-Q.pdf, heat-QF-2.pdf,
    results-QF.pdf, classification.pdf); each numbers its own pages."""
    folder.mkdir(parents=True, exist_ok=True)
    draw_charts(sheets)  # all at once (across processes when there are many), not sheet by sheet
    return [write_pdf(competition, [s], folder / f"{s.name}.pdf") for s in sheets]
