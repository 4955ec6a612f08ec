"""Charts render to valid PNG and SVG of the size asked for, the same bytes every time, and show
what they are about (names, the qualification line, the overtaken riders)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from sheet_helpers import CID

from pursuit.app.service import CompetitionService
from pursuit.charts import bracket_chart, gap_chart, lap_chart, qualifying_chart
from pursuit.charts.heat import GapChart, LapChart
from pursuit.charts.qualifying import WIDTH_IN, QualifyingChart, chart_height
from pursuit.core.engine import compute
from pursuit.sheets.plan import sheets_for
from pursuit.sheets.source import SheetSource
from pursuit.views.heat_sheet import build_heat_sheet

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_MAGIC)
    with Image.open(io.BytesIO(data)) as image:
        image.verify()
        return image.size


def svg_root(data: bytes) -> ET.Element:
    root = ET.fromstring(data)
    assert root.tag == f"{SVG}svg"
    return root


def points(value: str | None) -> float:
    assert value is not None and value.endswith("pt"), value
    return float(value.removesuffix("pt"))


@pytest.fixture(scope="module")
def heat(db_service: CompetitionService) -> object:
    return build_heat_sheet(compute(db_service.existing(CID).competition()), "SF", 1)


def test_heat_charts_are_pngs_and_svgs_of_the_requested_size(heat: object) -> None:
    for chart in (gap_chart, lap_chart):
        assert png_size(chart(heat, "png", width=4.0, height=2.5)) == (400, 250)  # type: ignore[arg-type]
        root = svg_root(chart(heat, "svg", width=4.0, height=2.5))  # type: ignore[arg-type]
        assert points(root.get("width")) == 288.0 and points(root.get("height")) == 180.0


def test_charts_are_the_same_bytes_on_every_run(heat: object, file_source: SheetSource) -> None:
    assert gap_chart(heat, "svg") == gap_chart(heat, "svg")  # type: ignore[arg-type]
    assert lap_chart(heat, "png") == lap_chart(heat, "png")  # type: ignore[arg-type]
    view = file_source.computed.view
    fmt = file_source.computed.results.competition.format
    assert bracket_chart(view, fmt, "svg") == bracket_chart(view, fmt, "svg")
    assert b"<dc:date>" not in gap_chart(heat, "svg")  # type: ignore[arg-type]


def test_the_qualifying_chart_has_a_row_per_rider_and_grows_with_the_field(
    file_source: SheetSource,
) -> None:
    qualifying = file_source.computed.view.rounds[0]
    assert len([r for r in qualifying.ranking if r.time]) == 28
    width, height = png_size(qualifying_chart(qualifying, "png"))
    assert (width, height) == (round(WIDTH_IN * 100), round(chart_height(28) * 100))
    assert chart_height(128) > chart_height(28) * 3


def test_the_qualifying_chart_draws_the_line_after_the_eighth_and_hatches_the_overtaken(
    file_source: SheetSource,
) -> None:
    qualifying = file_source.computed.view.rounds[0]
    svg = qualifying_chart(qualifying, "svg").decode("utf-8")
    # text is drawn as paths, so look at the drawing: a dashed red line and six hatched bars
    assert svg.count("stroke-dasharray") >= 1 and "#c0392b" in svg
    hatched = re.findall(r"fill: url\(#h[0-9a-f]+\)", svg)
    assert len(hatched) == 6 + 1  # the six overtaken riders' bars and the legend's swatch


def test_the_bracket_has_a_box_per_knockout_heat(file_source: SheetSource) -> None:
    view = file_source.computed.view
    fmt = file_source.computed.results.competition.format
    svg = bracket_chart(view, fmt, "svg").decode("utf-8")
    heats = sum(len(r.heats) for r in view.rounds if r.kind == "knockout")
    assert heats == 8
    boxes = re.findall(
        r'<path d="M [\d.]+ [\d.]+ \nL [\d.]+ [\d.]+ \nL [\d.]+ [\d.]+ \nL [\d.]+ '
        r'[\d.]+ \nz\n" clip-path="url\(#\w+\)" style="fill: #ffffff',
        svg,
    )
    assert len(boxes) == heats
    width, height = png_size(bracket_chart(view, fmt, "png"))
    assert width > height  # rounds run left to right


def test_a_heat_without_splits_still_draws_a_chart_that_says_so(
    file_source: SheetSource,
) -> None:
    sheet = build_heat_sheet(file_source.computed.results, "QF", 1)
    assert not sheet.has_splits
    assert png_size(gap_chart(sheet, "png")) == (350, 220)


def test_a_kept_canvas_gives_the_same_bytes_whatever_it_drew_before(
    db_service: CompetitionService, file_source: SheetSource
) -> None:
    results = compute(db_service.existing(CID).competition())
    first, other = build_heat_sheet(results, "SF", 1), build_heat_sheet(results, "QF", 3)
    empty = build_heat_sheet(file_source.computed.results, "QF", 1)  # no splits: NullLocator
    heats = [first, empty, other]
    for chart in (gap_chart, lap_chart):
        for fmt in ("svg", "pdf"):
            forward = [chart(h, fmt) for h in heats]
            backward = [chart(h, fmt) for h in reversed(heats)][::-1]
            assert forward == backward, (chart.__name__, fmt)
            assert len(set(forward)) == 3
    for kind in (GapChart, LapChart):  # and drawn as layers, between whole charts
        layers = [[d.draw("svg") for d in kind(h).layers()] for h in heats]
        again = [[d.draw("svg") for d in kind(h).layers()] for h in reversed(heats)][::-1]
        assert layers == again, kind.__name__


def test_charts_come_as_pdf_pages_of_the_size_asked_for(heat: object) -> None:
    pdf = gap_chart(heat, "pdf", width=4.0, height=2.5)  # type: ignore[arg-type]
    assert pdf.startswith(b"%PDF-")
    assert re.search(rb"/MediaBox \[\s*0 0 288 180\s*\]", pdf)
    assert b"/CreationDate" not in pdf  # no date: the same bytes on every run


def test_charts_are_the_same_bytes_drawn_here_or_across_processes(
    db_source: SheetSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pursuit.charts import book

    sheets = sheets_for(db_source, kinds=("heat", "round"))
    charts = [c for s in sheets for c in s.charts.values()]
    assert len(charts) > 6
    monkeypatch.setattr(book, "CHUNK", 3)
    here = book.draw(charts, workers=1)
    spread = book.draw(charts, workers=2)
    assert here == spread
    assert len(here.layers) == len(charts)
    heat = [i for i, c in enumerate(charts) if type(c).__name__ in ("GapChart", "LapChart")]
    frames = {here.layers[i][0] for i in heat}
    assert all(len(here.layers[i]) == 2 for i in heat)
    assert len(frames) == 2  # one frame per kind: every heat is run over the same distance
    assert len(here.images) == len(charts) + len(frames)
    for image in here.images:  # text kept as text, and its spaces as matplotlib means them
        assert image.startswith(b"<?xml") and b"<text" in image
        assert b'<svg xml:space="preserve" ' in image


def test_a_heat_chart_in_layers_looks_like_the_whole_chart(heat: object) -> None:
    """The frame with the heat's layer laid over it is the chart drawn whole (up to the grid
    lines, which the layer's fills cover instead of crossing)."""
    for kind in (GapChart, LapChart):
        chart = kind(heat)  # type: ignore[arg-type]
        frame, layer = chart.layers()
        assert frame.key is not None and layer.key is None
        with Image.open(io.BytesIO(chart.draw("png"))) as whole:
            whole_px = whole.convert("RGB")
        with (
            Image.open(io.BytesIO(frame.draw("png"))) as a,
            Image.open(io.BytesIO(layer.draw("png"))) as b,
        ):
            laid = a.convert("RGBA")
            laid.alpha_composite(b.convert("RGBA"))
        diff = ImageChops.difference(whole_px, laid.convert("RGB")).convert("L")
        changed = sum(diff.histogram()[49:])
        assert changed < 0.002 * whole_px.width * whole_px.height, (kind.__name__, changed)


def test_sheets_draw_their_charts_only_when_an_output_asks(db_source: SheetSource) -> None:
    (sheet,) = sheets_for(db_source, "QF", 1)
    assert sorted(sheet.charts) == sorted(sheet.images) == ["heat-QF-1-gap", "heat-QF-1-laps"]
    svg = sheet.images["heat-QF-1-gap"]
    assert svg.startswith("<?xml") and svg is sheet.images["heat-QF-1-gap"]  # drawn once
    assert svg == sheet.charts["heat-QF-1-gap"].draw("svg").decode("utf-8")


def test_the_chart_cache_draws_only_what_changed(
    db_source: SheetSource, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pursuit.charts import book, cache

    monkeypatch.setenv(cache.ENVIRONMENT, str(tmp_path / "charts"))
    drawn: list[object] = []
    draw = book._draw
    monkeypatch.setattr(book, "_draw", lambda ds, w: drawn.extend(ds) or draw(ds, w))
    sheets = sheets_for(db_source, kinds=("heat",))
    charts = [c for s in sheets for c in s.charts.values()]
    first = book.draw(charts, workers=1)
    assert len(drawn) == len(first.images) == len(charts) + 2  # the heats' layers, two frames
    assert len(list((tmp_path / "charts").iterdir())) == len(first.images)
    drawn.clear()
    again = book.draw([type(c)(c.sheet) for c in charts], workers=1)  # type: ignore[attr-defined]
    assert again == first and drawn == []  # nothing drawn: the same bytes from the cache
    changed = replace(charts[0].sheet, rows=charts[0].sheet.rows[:-1])  # type: ignore[attr-defined]
    book.draw([GapChart(changed), *charts[1:]], workers=1)
    assert [d.frame for d in drawn] == [False]  # type: ignore[attr-defined]
    assert drawn[0].chart.sheet is changed  # type: ignore[attr-defined]


def test_the_qualifying_chart_is_kept_by_what_it_shows(file_source: SheetSource) -> None:
    qualifying = file_source.computed.view.rounds[0]
    chart = QualifyingChart(qualifying, max_height=9.0)
    assert chart.fingerprint() == QualifyingChart(qualifying, max_height=9.0).fingerprint()
    assert chart.fingerprint() != QualifyingChart(qualifying).fingerprint()
    moved = replace(qualifying, advance=(qualifying.advance or 0) + 1)
    assert chart.fingerprint() != QualifyingChart(moved, max_height=9.0).fingerprint()
