"""Charts render to valid PNG and SVG of the size asked for, the same bytes every time, and show
what they are about (names, the qualification line, the overtaken riders)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image
from sheet_helpers import CID

from pursuit.app.service import CompetitionService
from pursuit.charts import bracket_chart, gap_chart, lap_chart, qualifying_chart
from pursuit.charts.qualifying import WIDTH_IN, chart_height
from pursuit.core.engine import compute
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
