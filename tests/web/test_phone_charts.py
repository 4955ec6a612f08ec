"""The charts drawn for a phone are readable there: every text, scaled to the width a phone page
shows the chart at, is at least 11 px tall; the pages offer them to narrow screens only."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from fastapi.testclient import TestClient
from matplotlib.figure import Figure
from web_support import EXAMPLE

from pursuit.app.importing import commands_from_file
from pursuit.charts.phone import MIN_TEXT_PX, SHOWN_PX, shown_px
from pursuit.web.parts import Web

SVG = "{http://www.w3.org/2000/svg}"
# matplotlib draws each text as glyph paths in a group scaled by its size in points / 100
GLYPH_SCALE = re.compile(r"scale\(([0-9.]+) -([0-9.]+)\)")


@pytest.fixture
def olympics(web: Web) -> str:
    web.hub.handle("mexico-1968", commands_from_file(EXAMPLE), "import", "import-1968")
    return "mexico-1968"


def text_sizes(svg: bytes) -> tuple[float, list[float]]:
    """The SVG's width in points and the size in points of each of its texts."""
    root = ET.fromstring(svg)
    width = float(root.get("width", "").removesuffix("pt"))
    sizes = []
    for group in root.iter(f"{SVG}g"):
        if not group.get("id", "").startswith("text_"):
            continue
        scales = [GLYPH_SCALE.search(g.get("transform", "")) for g in group.iter(f"{SVG}g")]
        found = [float(m.group(1)) * 100 for m in scales if m is not None]
        assert found, f"text {group.get('id')} has no glyph group"
        sizes.append(min(found))
    return width, sizes


@pytest.mark.parametrize("chart", ["results/Q", "bracket"])
def test_every_text_of_a_phone_chart_is_at_least_11_px_at_a_phones_width(
    client: TestClient, olympics: str, chart: str
) -> None:
    phone = client.get(f"/c/{olympics}/charts/phone/{chart}.svg")
    assert phone.status_code == 200 and phone.headers["content-type"] == "image/svg+xml"
    width, sizes = text_sizes(phone.content)
    assert len(sizes) >= 20  # every rider's name, at least
    smallest = min(shown_px(s, width) for s in sizes)
    assert smallest >= MIN_TEXT_PX, f"{chart}: {smallest:.1f} px at {SHOWN_PX} px wide"
    # the desktop chart is unchanged, and unreadable at that width: why the variant exists
    desktop_width, desktop_sizes = text_sizes(
        client.get(f"/c/{olympics}/charts/{chart}.svg").content
    )
    assert min(shown_px(s, desktop_width) for s in desktop_sizes) < MIN_TEXT_PX


def test_a_phone_chart_is_drawn_once_per_log_position(
    client: TestClient, olympics: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pursuit.charts import bracket_phone

    drawn: list[object] = []

    def counted(*args: Any) -> Figure:
        drawn.append(args)
        return draw(*args)

    draw = bracket_phone.phone_figure
    monkeypatch.setattr(bracket_phone, "phone_figure", counted)
    first = client.get(f"/c/{olympics}/charts/phone/bracket.svg")
    again = client.get(
        f"/c/{olympics}/charts/phone/bracket.svg", headers={"if-none-match": first.headers["etag"]}
    )
    assert again.status_code == 304
    assert client.get(f"/c/{olympics}/charts/phone/bracket.svg").content == first.content
    assert len(drawn) == 1
    assert first.content != client.get(f"/c/{olympics}/charts/bracket.svg").content


@pytest.mark.parametrize(
    ("page", "chart"), [("results/Q", "results/Q"), ("classification", "bracket")]
)
def test_a_page_offers_the_phone_chart_to_narrow_screens_and_the_desktop_one_otherwise(
    client: TestClient, olympics: str, page: str, chart: str
) -> None:
    html = client.get(f"/c/{olympics}/{page}").text
    phone = re.search(r'<source media="\(max-width: 600px\)" srcset="([^"]+)">', html)
    desktop = re.search(r'<img class="wide" src="([^"]+)"', html)
    assert phone is not None and desktop is not None
    assert phone.group(1).startswith(f"/c/{olympics}/charts/phone/{chart}.svg?at=")
    assert desktop.group(1).startswith(f"/c/{olympics}/charts/{chart}.svg?at=")
    fragment = client.get(f"/c/{olympics}/{page}/fragment")
    assert fragment.status_code == 200 and phone.group(1) in fragment.text


def test_a_phone_chart_of_a_round_that_is_not_timed_is_not_found(
    client: TestClient, olympics: str
) -> None:
    assert client.get(f"/c/{olympics}/charts/phone/results/QF.svg").status_code == 404


@pytest.mark.parametrize("page", ["results/Q", "start/Q"])
def test_the_status_line_of_a_round_has_no_dot_left_dangling_after_its_date(
    client: TestClient, olympics: str, page: str
) -> None:
    html = client.get(f"/c/{olympics}/{page}").text
    line = re.search(r'<p class="status-line">(.*?)</p>', html, re.S)
    assert line is not None and "1968</time>" in line.group(1)
    assert "·" not in line.group(1)  # the line's items are spaced by its layout, not a dot


def test_a_start_list_names_a_heat_shortly_on_a_phone(client: TestClient) -> None:
    html = client.get("/c/cup/start/Q").text
    # the column says "Heat" and the caption the round: on a phone, "Heat 1" on one line
    assert '<span class="narrow-only">Heat 1</span>' in html
    assert '<span class="wide-only">Qualifying, heat 1</span>' in html
