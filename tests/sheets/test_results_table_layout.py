"""The results tables (round results, classification) are laid out by the template itself —
columns measured once, rows cut into pages under a repeated head — instead of by a typst
table (see `grouped-table` in sheets.typ). These tests hold it to what a table did: every row
once and in order, the head on every page, pages filled, wrapped notes that push the next row
down instead of running into it; and the sheets' fonts: DejaVu Sans only."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from sheet_helpers import needs, pdf_pages

from pursuit.sheets.render import render_pdf
from pursuit.sheets.round_page import COLUMNS
from pursuit.sheets.sheet import Sheet
from pursuit.sheets.source import SheetSource
from pursuit.sheets.typesetting import SHEET_FONTS, _sheet_fonts, matplotlib_fonts

A4_HEIGHT_PT = 841.89
BOTTOM_MARGIN_PT = 18 / 25.4 * 72
LONG_NOTE = (
    "line-up: Anders Kisani, Bruno Nabana, Carlos Kedibu, Daniel Kokové (dropped after the "
    "first kilometre); name not printed with the time"
)


def rider(i: int) -> str:
    return f"Rider{i:03d} Testname"


def long_sheet(riders: int, long_note_at: int) -> Sheet:
    """A timed round's results: `riders` rows, every third without a side (a row of another
    height), one long note that wraps."""
    rows = []
    for i in range(1, riders + 1):
        side = "" if i % 3 == 0 else ("red" if i % 2 else "green")
        note = LONG_NOTE if i == long_note_at else ""
        time = f"4:{10 + i % 50:02d}.{i % 100:02d}"
        rows.append([str(i), rider(i), "XYZ", str(i), side, time, "", note, ""])
    data = {
        "kind": "round",
        "title": "Layout test · Results",
        "status": {"official": False, "label": "PROVISIONAL", "since": ""},
        "timed": True,
        "charts": [],
        "legend": "",
        "footer": "Results · layout test",
        "columns": COLUMNS,
        "groups": [{"title": "", "number": 0, "decided": "", "rows": rows}],
    }
    return Sheet("round", "results-T", data)


def render(file_source: SheetSource, sheet: Sheet, tmp_path: Path) -> Path:
    pdf = tmp_path / "table.pdf"
    pdf.write_bytes(render_pdf(file_source.computed.view.competition, [sheet]))
    return pdf


def words_by_page(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Each page's words as (top, bottom, text), from poppler's bounding boxes."""
    needs("pdftotext")
    html = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode("utf-8")
    pages = []
    for page in html.split("<page ")[1:]:
        found = re.findall(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>',
            page,
        )
        pages.append([(float(top), float(bottom), text) for top, bottom, text in found])
    return pages


def test_every_row_once_in_order_with_the_head_on_every_page(
    file_source: SheetSource, tmp_path: Path
) -> None:
    pdf = render(file_source, long_sheet(140, long_note_at=30), tmp_path)
    pages = pdf_pages(pdf)
    assert len(pages) >= 3
    for page in pages:
        head = next(line for line in page.splitlines() if "Rider" in line)
        assert re.search(r"Rank\s+Rider\s+Nation\s+Heat\s+Side\s+Time\s+Rec\.\s+Note", head), head
    names = re.findall(r"Rider(\d{3}) Testname", "\n".join(pages))
    assert [int(n) for n in names] == list(range(1, 141))


def test_pages_are_filled_to_the_bottom_before_the_next(
    file_source: SheetSource, tmp_path: Path
) -> None:
    pdf = render(file_source, long_sheet(140, long_note_at=30), tmp_path)
    body_bottom = A4_HEIGHT_PT - BOTTOM_MARGIN_PT
    for words in words_by_page(pdf)[:-1]:
        rows = [bottom for _, bottom, text in words if re.fullmatch(r"Rider\d{3}", text)]
        # the page ends when the next row (about 12–13 pt) no longer fits
        assert body_bottom - 2 * 13 < max(rows) < body_bottom


def test_a_wrapped_note_pushes_the_next_row_down(file_source: SheetSource, tmp_path: Path) -> None:
    pdf = render(file_source, long_sheet(60, long_note_at=5), tmp_path)
    words = words_by_page(pdf)[0]

    def top(text: str) -> float:
        return next(t for t, _, w in words if w == text)

    note_lines = sorted({t for t, _, w in words if w in ("line-up:", "kilometre);", "printed")})
    assert len(note_lines) >= 2  # the note wraps
    row_step = top("Rider005") - top("Rider004")
    # the row after the note starts below the note's last line, the rows after it evenly again
    assert top("Rider006") > note_lines[-1]
    assert abs((top("Rider008") - top("Rider007")) - row_step) < 1.0
    # the note's first line is on its row, level with the cells (top-aligned like them)
    assert abs(note_lines[0] - top("Rider005")) < 2.0
    text = pdf_pages(pdf)[0]
    assert re.search(r"5\s+Rider005 Testname\s+XYZ\s+5\s+red\s+4:15\.05\s+line-up:", text)


def test_the_sheets_use_only_the_four_faces_of_dejavu_sans(
    file_source: SheetSource, tmp_path: Path
) -> None:
    folder = _sheet_fonts()
    assert sorted(p.name for p in folder.iterdir()) == sorted(SHEET_FONTS)
    for name in SHEET_FONTS:
        assert (folder / name).read_bytes() == (matplotlib_fonts() / name).read_bytes()
    pdf = render(file_source, long_sheet(10, long_note_at=2), tmp_path).read_bytes()
    fonts = set(re.findall(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([A-Za-z-]+)", pdf))
    assert fonts and all(f.startswith(b"DejaVuSans") for f in fonts), fonts
