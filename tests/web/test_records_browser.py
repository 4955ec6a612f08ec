"""In Debian's Chromium: the Now page and the heat pages with a virtual ranking and a world
record to be ratified, at a phone's width and a laptop's, as screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from web_support import LiveServer, heat_riders

from pursuit.core import commands as c
from pursuit.core.times import RaceTime, parse_time
from pursuit.web.parts import Web

WIDTHS = {"mobile": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 800}}


def _qualifying_under_way(web: Web) -> tuple[str, str]:
    """Heat 1 ridden (its red rider under the women's 4 km WR), heat 2 at half lap 20."""
    red, green = heat_riders(web, "Q", 1)
    web.hub.handle("cup", c.StartHeat("Q", 1), "tk")
    web.hub.handle("cup", c.RecordFinish("Q", 1, red, parse_time("4:19.000")), "tk")
    web.hub.handle("cup", c.RecordFinish("Q", 1, green, parse_time("4:31.000")), "tk")
    second = heat_riders(web, "Q", 2)
    web.hub.handle("cup", c.StartHeat("Q", 2), "tk")
    for k in range(1, 21):
        for name, seconds in zip(second, (8.5, 8.0), strict=True):
            at = RaceTime(k * round(seconds * 10_000), 4)
            web.hub.handle("cup", c.RecordSplit("Q", 2, name, at), "tk")
    return red, second[1]


@pytest.mark.parametrize("label", list(WIDTHS))
def test_now_and_heat_pages_with_a_virtual_ranking_and_a_record(
    live: LiveServer, web: Web, browser: Browser, screenshots: Path, label: str
) -> None:
    record_holder, leader = _qualifying_under_way(web)
    context = browser.new_context(viewport=WIDTHS[label])
    page = context.new_page()
    try:
        page.goto(f"{live.url}/c/cup/now")
        expect(page.get_by_text("on course for 1st of 3")).to_be_visible()
        page.screenshot(path=screenshots / f"now-virtual-rank-{label}.png", full_page=True)
        page.goto(f"{live.url}/c/cup/heat/Q/1")
        expect(page.get_by_text("provisional 1st of 2")).to_be_visible()
        expect(page.locator(".record-mark strong")).to_have_text("WR")
        page.screenshot(path=screenshots / f"heat-record-{label}.png", full_page=True)
        page.goto(f"{live.url}/c/cup/results/Q")
        expect(page.locator("text=WR to be ratified >> visible=true").first).to_be_visible()
        page.screenshot(path=screenshots / f"results-record-{label}.png", full_page=True)
    finally:
        context.close()
    assert record_holder and leader
