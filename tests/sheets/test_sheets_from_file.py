"""Every sheet of the 1968 example file, rendered to PDF and read back with poppler, says what
the published results say: names, times, shared fifth places, AC, records, accents, page numbers
and the OFFICIAL mark (as published)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sheet_helpers import ROOT, pdf_pages, pdf_pngs, pdf_text

from pursuit.sheets.classification_page import classification_page
from pursuit.sheets.plan import NoSuchSheet, sheets_for
from pursuit.sheets.render import render_pdf
from pursuit.sheets.round_page import round_page
from pursuit.sheets.sheet import Sheet
from pursuit.sheets.source import SheetSource

FACTS = json.loads((ROOT / "tests" / "data" / "mexico-1968-published.json").read_text("utf-8"))
TITLE = "Cycling at the 1968 Summer Olympics – Men's individual pursuit"


def rendered(source: SheetSource, sheets: list[Sheet], folder: Path) -> Path:
    path = folder / "sheet.pdf"
    path.write_bytes(render_pdf(source.computed.view.competition, sheets))
    return path


def line_with(text: str, *parts: str) -> str:
    """The one line of `text` holding every part, in order; fails if there is none."""
    pattern = re.compile(r"\s+.*".join(re.escape(p) for p in parts))
    found = [line for line in text.splitlines() if pattern.search(line)]
    assert found, f"no line with {parts!r} in:\n{text}"
    return found[0]


def test_the_qualifying_results_list_every_published_name_rank_and_time_on_one_line(
    file_source: SheetSource, tmp_path: Path
) -> None:
    text = pdf_text(rendered(file_source, [round_page(file_source, "Q")], tmp_path))
    qualifying = FACTS["tables"][0]
    assert qualifying["title"] == "Qualifying round"
    for row in qualifying["rows"]:
        line = line_with(text, row["name"], row["time"])
        assert line.split()[0] == row["rank"], line
    assert "OR" in line_with(text, "Xaver Kurmann", "4:40.41")
    assert line_with(text, "Inocente Lizano", "4:51.09", "Overtaken").split()[0] == "–"
    assert len([ln for ln in text.splitlines() if re.search(r"\bQ\s*$", ln)]) == 8


def test_the_classification_shares_fifth_place_four_ways_and_lists_six_riders_as_ac(
    file_source: SheetSource, tmp_path: Path
) -> None:
    text = pdf_text(rendered(file_source, [classification_page(file_source)], tmp_path))
    losers = ("Cipriano Chemello", "Paul Crapez", "Rupert Kratzer", "Radamés Treviño")
    for name in losers:
        assert line_with(text, name).split()[0] == "=5"
    assert len(re.findall(r"^\s*=5\s", text, re.M)) == 4
    assert len(re.findall(r"^\s*AC\s", text, re.M)) == 6
    for place in FACTS["classification"]:
        rank = line_with(text, place["name"]).split()[0]
        assert rank.lstrip("=") == place["rank"] or (rank == "AC" and place["rank"] == "AC")
    assert "Chief commissaire" in text and "Signature" in text


def test_every_page_of_the_full_set_has_the_header_official_mark_and_page_x_of_y(
    file_book: Path,
) -> None:
    pages = pdf_pages(file_book)
    assert len(pages) >= 19  # a start list, heats and results per round, the classification
    for number, page in enumerate(pages, start=1):
        assert TITLE in page
        assert "Velódromo Olímpico Agustín Melgar" in page
        assert "17–18 October 1968" in page and "4,000 m" in page
        assert "track 333.33 m (12 laps)" in page and "times to 0.01 s" in page
        assert "OFFICIAL" in page and "as published" in page
        assert "PROVISIONAL" not in page
        assert f"page {number} of {len(pages)}" in page


def test_each_sheet_names_the_day_its_round_was_ridden(file_book: Path) -> None:
    text = pdf_text(file_book)
    assert "Qualifying round · Start list · 17 October 1968" in text
    assert "Quarterfinal 4 · Heat sheet · 17 October 1968" in text
    assert "Final · Results · 18 October 1968" in text


def test_accented_names_survive_into_the_pdf_text(file_book: Path) -> None:
    text = pdf_text(file_book)
    for name in (
        "Daniel Rébillard",
        "Rajmund Zieliński",
        "Jiří Daler",
        "Gösta Pettersson",
        "Radamés Treviño",
        "Ole Wackström",
        "Martín Emilio Rodríguez",
    ):
        assert name in text, name


def test_the_quarterfinal_results_and_heat_sheet_mark_freys_olympic_record(
    file_source: SheetSource, tmp_path: Path
) -> None:
    sheets = sheets_for(file_source, "QF", kinds=("heat", "round"))
    text = pdf_text(rendered(file_source, sheets, tmp_path))
    assert line_with(text, "Mogens Frey", "4:37.54", "OR").split()[0] == "1"
    assert "OR Olympic record" in text
    assert "Mogens Frey wins in 4:37.54" in text
    assert "No half-lap splits were recorded" in text  # the file has none


def test_the_pdf_pages_turn_into_a4_pngs(file_source: SheetSource, tmp_path: Path) -> None:
    from PIL import Image

    pdf = rendered(file_source, sheets_for(file_source, "F"), tmp_path)
    pngs = pdf_pngs(pdf, tmp_path)
    assert len(pngs) == len(pdf_pages(pdf)) == 3  # start list, heat sheet, results
    for png in pngs:
        with Image.open(png) as image:
            width, height = image.size  # A4 at 80 dpi
            assert abs(width - 661) <= 2 and abs(height - 935) <= 2
            assert image.convert("L").getextrema()[0] < 100  # something dark is printed


def test_the_same_sheets_give_the_same_bytes(file_source: SheetSource) -> None:
    header = file_source.computed.view.competition
    first = render_pdf(header, sheets_for(file_source, "Q"))
    again = render_pdf(header, sheets_for(file_source, "Q"))
    assert first == again


def test_asking_for_a_heat_that_does_not_exist_names_the_ones_that_do(
    file_source: SheetSource,
) -> None:
    with pytest.raises(NoSuchSheet, match=r"QF has no heat 9 .*heats: 1, 2, 3, 4"):
        sheets_for(file_source, "QF", 9)
    with pytest.raises(NoSuchSheet, match="no round 'X'"):
        sheets_for(file_source, "X")
