"""Sheets of the 1968 competition replayed live into a database (synthetic splits): heat sheets
with every half lap, gaps and lap times; OFFICIAL with the time of the event that completed the
round; PROVISIONAL while a round is still being ridden."""

from __future__ import annotations

import re
from pathlib import Path

from sheet_helpers import CID, pdf_pages, pdf_pngs, pdf_text, replay_into

from pursuit.app.service import CompetitionService
from pursuit.core import commands as c
from pursuit.core.times import format_time, parse_time
from pursuit.sheets.plan import sheets_for
from pursuit.sheets.render import render_pdf
from pursuit.sheets.source import SheetSource, from_store


def utc(recorded_at: str) -> str:
    return recorded_at.replace("T", " ").removesuffix("+00:00") + " UTC"


def completed_at(svc: CompetitionService, round_id: str) -> str:
    """When the last finish of the round was recorded: the event that completed it."""
    finishes = [
        e for e in svc.history(CID) if e.type == "FinishRecorded" and e.data["round"] == round_id
    ]
    return utc(finishes[-1].recorded_at)


def test_a_heat_sheet_prints_every_half_lap_with_both_splits_the_gap_and_the_leader(
    db_source: SheetSource, db_service: CompetitionService, tmp_path: Path
) -> None:
    pdf = tmp_path / "qf2.pdf"
    pdf.write_bytes(render_pdf(db_source.computed.view.competition, sheets_for(db_source, "QF", 2)))
    text = pdf_text(pdf)
    state = db_service.existing(CID)
    bylsma, trevino = state.ride("QF", "John Bylsma"), state.ride("QF", "Radamés Treviño")
    assert bylsma is not None and trevino is not None
    assert bylsma.side == "red" and trevino.side == "green"
    a = [*bylsma.splits, parse_time("4:41.66")]
    b = [*trevino.splits, parse_time("4:42.40")]
    assert len(a) == len(b) == 24
    # a table row: half lap, metres, then a time (the charts' tick labels have no decimals)
    table_row = r"^\s*\d{1,2}\s+[\d,]+\s+(\d+:)?\d+\.\d\d\s"
    rows = [ln.split() for ln in text.splitlines() if re.match(table_row, ln)]
    assert [int(r[0]) for r in rows] == list(range(1, 25))
    for k in (1, 6, 12, 24):
        row = rows[k - 1]
        gap = format_time(type(a[0])(abs(a[k - 1].ticks - b[k - 1].ticks), 2), 2)
        leader = "Bylsma" if a[k - 1] < b[k - 1] else "Treviño"
        assert format_time(a[k - 1]) in row and format_time(b[k - 1]) in row, row
        assert row[-2:] == [gap, leader], row
    assert "RED SIDE" in text and "GREEN SIDE" in text
    assert "John Bylsma wins in 4:41.66, on time." in text
    assert "Splits are synthetic" in text
    assert f"since {completed_at(db_service, 'QF')}" in text
    # the charts' text is text in the PDF too (SVG with text as text, not outlines)
    assert "Gap between the riders" in text and "Bylsma (lap 1:" in text


def test_the_heat_sheet_page_shows_both_charts_in_the_side_colours(
    db_source: SheetSource, tmp_path: Path
) -> None:
    from PIL import Image

    sheets = sheets_for(db_source, "QF", 1)
    assert sorted(sheets[0].images) == ["heat-QF-1-gap", "heat-QF-1-laps"]
    pdf = tmp_path / "qf1.pdf"
    pdf.write_bytes(render_pdf(db_source.computed.view.competition, sheets))
    (png,) = pdf_pngs(pdf, tmp_path)
    with Image.open(png) as image:
        rgb = image.convert("RGB")
        width, height = rgb.size
        lower = rgb.crop((0, height * 6 // 10, width, height * 85 // 100))
        colours = lower.getcolors(maxcolors=1 << 20) or []
    greenish = sum(n for n, (r, g, b) in colours if g > r + 40 and g > b + 20)
    reddish = sum(n for n, (r, g, b) in colours if r > g + 60 and r > b + 60)
    assert greenish > 50 and reddish > 50  # the laps of both riders in their disc colours


def test_results_are_official_since_the_event_that_completed_the_round(
    db_book: Path, db_service: CompetitionService
) -> None:
    pages = pdf_pages(db_book)
    final = completed_at(db_service, "F")
    for number, page in enumerate(pages, start=1):
        assert f"page {number} of {len(pages)}" in page
        assert "OFFICIAL" in page and "PROVISIONAL" not in page
    qf = [p for p in pages if "Quarterfinals · Results" in p]
    assert qf and f"since {completed_at(db_service, 'QF')}" in qf[0]
    classification = [p for p in pages if "Final classification" in p]
    assert classification and f"since {final}" in classification[0]
    assert completed_at(db_service, "QF") < final


def test_rounds_still_being_ridden_are_provisional(tmp_path: Path) -> None:
    def third_quarterfinal(command: c.Command) -> bool:
        return isinstance(command, c.StartHeat) and (command.round, command.heat) == ("QF", 3)

    svc = replay_into(f"sqlite:///{tmp_path / 'partial.db'}", stop=third_quarterfinal)
    source = from_store(svc, CID)
    assert source.official.of_round("Q").official
    assert not source.official.of_round("QF").official
    pdf = tmp_path / "partial.pdf"
    sheets = sheets_for(source, kinds=("round", "classification"))
    pdf.write_bytes(render_pdf(source.computed.view.competition, sheets))
    pages = pdf_pages(pdf)
    by_title = {
        t: p
        for p in pages
        for t in ("Qualifying round · Results", "Quarterfinals · Results", "Final classification")
        if t in p
    }
    assert "OFFICIAL" in by_title["Qualifying round · Results"]
    assert f"since {completed_at(svc, 'Q')}" in by_title["Qualifying round · Results"]
    for title in ("Quarterfinals · Results", "Final classification"):
        assert "PROVISIONAL" in by_title[title] and "results may still change" in by_title[title]
        assert "OFFICIAL" not in by_title[title]
    assert "John Bylsma" in by_title["Quarterfinals · Results"]
    assert "Semifinals" not in pdf_text(pdf).split("Final classification")[0]
