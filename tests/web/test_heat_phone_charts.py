"""A heat's gap and lap charts on a phone: drawn for the width they are shown at (every text
11 px or more at a phone's width), offered to narrow screens by the heat page; and the riders
told apart without their colours, on the phone's charts and the wide page's lap chart."""

from __future__ import annotations

import dataclasses
import re

import pytest
from fastapi.testclient import TestClient
from matplotlib.lines import Line2D
from test_phone_charts import text_sizes
from web_support import heat_riders

from pursuit.charts.heat import GapChart, LapChart
from pursuit.charts.heat_phone import B_HATCH, PhoneGapChart, PhoneLapChart, gap_figure, lap_figure
from pursuit.charts.heat_web import WebGapChart, WebLapChart
from pursuit.charts.phone import MIN_TEXT_PX, SHOWN_PX, shown_px
from pursuit.core import commands as c
from pursuit.core.times import parse_time
from pursuit.views.heat_sheet import HeatSheet, build_heat_sheet
from pursuit.web.parts import Web

# Rider A ahead at half laps 1–2, rider B from half lap 3 on, gaining half a lap by half lap 6
# (his 6th crossing before A's 5th): the splits show the catch.
SPLITS = (
    ("19.900", "20.100"),
    ("36.100", "36.600"),
    ("52.900", "52.200"),
    ("69.900", "61.000"),
    ("87.000", "70.000"),
    ("104.000", "79.000"),
)

# a hatch filled with an opacity: SVG fades its lines with the fill, so the hatch barely shows
HATCH_FADED = re.compile(rb"fill: url\(#h[0-9a-f]+\); fill-opacity")


@pytest.fixture
def heat(web: Web) -> int:
    """Heat 1 of the qualifying, six half laps ridden, lead changing, then a catch."""
    a, b = heat_riders(web, "Q", 1)
    web.hub.handle("cup", c.StartHeat("Q", 1), "tk")
    for ta, tb in SPLITS:
        web.hub.handle("cup", c.RecordSplit("Q", 1, a, elapsed=parse_time(ta)), "tk")
        web.hub.handle("cup", c.RecordSplit("Q", 1, b, elapsed=parse_time(tb)), "tk")
    web.hub.handle("cup", c.RecordCatch("Q", 1, b, 6), "tk")
    web.hub.handle("cup", c.RecordFinish("Q", 1, b, parse_time("3:31.000")), "tk")
    web.hub.handle("cup", c.RecordFinish("Q", 1, a, parse_time("3:45.000")), "tk")
    return 1


def sheet_of(web: Web, number: int) -> HeatSheet:
    return build_heat_sheet(web.hub.service.results("cup"), "Q", number)


@pytest.mark.parametrize("kind", ["gap", "laps"])
def test_every_text_of_a_heat_chart_for_a_phone_is_at_least_11_px_there(
    client: TestClient, heat: int, kind: str
) -> None:
    phone = client.get(f"/c/cup/charts/phone/heat/Q/{heat}/{kind}.svg")
    assert phone.status_code == 200 and phone.headers["content-type"] == "image/svg+xml"
    width, sizes = text_sizes(phone.content)
    assert len(sizes) >= 10  # title, key, tick labels, axis labels
    smallest = min(shown_px(s, width) for s in sizes)
    assert smallest >= MIN_TEXT_PX, f"{kind}: {smallest:.1f} px at {SHOWN_PX} px wide"
    desktop = client.get(f"/c/cup/charts/heat/Q/{heat}/{kind}.svg")
    desktop_width, desktop_sizes = text_sizes(desktop.content)
    assert min(shown_px(s, desktop_width) for s in desktop_sizes) < MIN_TEXT_PX
    assert phone.content != desktop.content


def test_a_phone_heat_chart_of_an_unknown_kind_or_heat_is_not_found(
    client: TestClient, heat: int
) -> None:
    assert client.get(f"/c/cup/charts/phone/heat/Q/{heat}/speed.svg").status_code == 404
    assert client.get("/c/cup/charts/phone/heat/Q/9/gap.svg").status_code == 404


def test_the_heat_page_offers_its_charts_drawn_for_a_phone_to_narrow_screens(
    client: TestClient, heat: int
) -> None:
    for page in (f"/c/cup/heat/Q/{heat}", f"/c/cup/heat/Q/{heat}/fragment"):
        html = client.get(page).text
        phones = re.findall(r'<source media="\(max-width: 600px\)" srcset="([^"]+)">', html)
        desktops = re.findall(r'<img class="wide" src="([^"]+)"', html)
        assert [p.split("?")[0] for p in phones] == [
            f"/c/cup/charts/phone/heat/Q/{heat}/gap.svg",
            f"/c/cup/charts/phone/heat/Q/{heat}/laps.svg",
        ], page
        assert [d.split("?")[0] for d in desktops] == [
            f"/c/cup/charts/heat/Q/{heat}/gap.svg",
            f"/c/cup/charts/heat/Q/{heat}/laps.svg",
        ], page
        for phone in phones:
            assert client.get(phone).status_code == 200


def test_the_phone_gap_chart_says_in_words_and_shapes_whose_lead_each_side_shows(
    web: Web, heat: int
) -> None:
    sheet = sheet_of(web, heat)
    a, b = sheet.riders
    figure = gap_figure(PhoneGapChart(sheet))
    key = figure.legends[0]
    assert [t.get_text() for t in key.get_texts()] == [
        f"▲ above: {a.short} ({a.side}) ahead",
        f"▼ below: {b.short} ({b.side}) ahead",
    ]
    patches = key.get_patches()
    assert [p.get_hatch() for p in patches] == [None, B_HATCH]  # not told by colour alone
    areas = figure.axes[0].collections
    assert len(areas) == 2 and [area.get_hatch() for area in areas] == [None, B_HATCH]
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert " catch" in texts
    assert not HATCH_FADED.search(PhoneGapChart(sheet).draw("svg"))


@pytest.mark.parametrize("draw", ["phone", "web"])
def test_the_lap_charts_riders_differ_in_line_and_marker_not_only_colour(
    web: Web, heat: int, draw: str
) -> None:
    sheet = sheet_of(web, heat)
    if draw == "phone":
        lines = [
            line
            for line in lap_figure(PhoneLapChart(sheet)).axes[0].lines
            if len(line.get_xdata()) > 1  # type: ignore[arg-type]
        ]
    else:
        chart = WebLapChart(sheet)
        chart.draw("svg")
        from pursuit.charts.style import kept_canvas

        canvas = kept_canvas((chart.kind, chart.width, chart.height), chart._canvas)
        lines = [canvas.parts[f"{part}_{row}"] for part in ("line", "handle") for row in (0, 1)]  # type: ignore[misc]
    assert all(isinstance(line, Line2D) for line in lines)
    styles = {(line.get_linestyle(), line.get_marker()) for line in lines}  # type: ignore[union-attr]
    assert styles == {("-", "o"), ("--", "s")}


def test_the_wide_gap_chart_hatches_where_rider_b_leads_and_the_sheets_is_drawn_as_before(
    web: Web, heat: int
) -> None:
    sheet = sheet_of(web, heat)
    web_svg = WebGapChart(sheet).draw("svg")  # the web's chart first: it must not restyle
    assert b"<pattern" in web_svg  # a hatch
    assert not HATCH_FADED.search(web_svg)
    assert b"<pattern" not in GapChart(sheet).draw("svg")


def test_the_sheets_lap_chart_is_drawn_as_before(web: Web, heat: int) -> None:
    sheet = sheet_of(web, heat)
    WebLapChart(sheet).draw("svg")  # the web's chart first: it must not restyle the sheets'
    assert b"stroke-dasharray" not in LapChart(sheet).draw("svg")
    assert b"stroke-dasharray" in WebLapChart(sheet).draw("svg")


def test_a_long_team_name_is_shortened_to_fit_the_phone_charts_key(web: Web, heat: int) -> None:
    sheet = sheet_of(web, heat)
    long = "Federal Republic of Germany Olympic Squad"
    renamed = dataclasses.replace(sheet.riders[1], short=long)
    sheet = dataclasses.replace(sheet, riders=(sheet.riders[0], renamed))
    for figure in (gap_figure(PhoneGapChart(sheet)), lap_figure(PhoneLapChart(sheet))):
        figure.canvas.draw()
        key = figure.legends[0]
        texts = [t.get_text() for t in key.get_texts()]
        assert not any(long in t for t in texts) and any(
            "Federal Republic of G…" in t for t in texts
        )
        right = key.get_window_extent().x1
        assert right <= figure.bbox.x1, texts  # the key ends inside the picture
