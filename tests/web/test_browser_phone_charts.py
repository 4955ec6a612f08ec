"""In Chromium, a phone (390 px) loads the charts drawn for it and a desktop (1366 px) the
desktop ones; screenshots of the 1968 pages with charts at both widths, the heat page's from
the replay (the imported results have no splits to draw)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, expect
from test_browser import DESKTOP, MOBILE
from web_support import EXAMPLE, LiveServer, settings

from pursuit.app.importing import commands_from_file
from pursuit.app.replay import replay_script
from pursuit.core import commands as c
from pursuit.loading.competition_file import load_competition
from pursuit.loading.format_files import format_definition
from pursuit.web.app import create_app
from pursuit.web.parts import Web

CID = "mexico-1968"
# (screenshot name, page, the chart it shows)
PAGES = (
    ("results-timed", "/results/Q", "results/Q"),
    ("classification", "/classification", "bracket"),
)
OTHER_PAGES = (
    ("results-knockout", "/results/QF"),
    ("bracket", "/bracket"),
    ("start-list", "/start/QF"),
)


@pytest.fixture
def server() -> Iterator[LiveServer]:
    app: FastAPI = create_app(settings())
    app.state.web.hub.handle(CID, commands_from_file(EXAMPLE), "import", "import-1968")
    with LiveServer(app) as live:
        yield live


@pytest.mark.parametrize(
    ("viewport", "folder"),
    [(MOBILE, "/charts/phone/"), (DESKTOP, "/charts/")],
    ids=["390px", "1366px"],
)
def test_each_width_loads_the_chart_drawn_for_it(
    server: LiveServer, browser: Browser, screenshots: Path, viewport: dict[str, int], folder: str
) -> None:
    label = "mobile" if viewport is MOBILE else "desktop"
    context = browser.new_context(viewport=viewport)  # type: ignore[arg-type]
    page = context.new_page()
    try:
        for name, path, chart in PAGES:
            page.goto(f"{server.url}/c/{CID}{path}")
            image = page.locator("figure.charts img")
            expect(image).to_have_count(1)
            page.wait_for_function("document.querySelector('figure.charts img').complete")
            source = image.evaluate("img => img.currentSrc")
            assert f"/c/{CID}{folder}{chart}.svg?at=" in source, source
            shown = image.evaluate("img => [img.naturalWidth, img.getBoundingClientRect().width]")
            assert shown[0] > 0  # it loaded
            if viewport is MOBILE:  # not shrunk: the phone chart is shown about as drawn
                assert shown[1] >= 0.9 * shown[0], shown
                assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
            page.screenshot(path=screenshots / f"phone-charts-{name}-{label}.png", full_page=True)
        for name, path in OTHER_PAGES:
            page.goto(f"{server.url}/c/{CID}{path}")
            page.screenshot(path=screenshots / f"phone-charts-{name}-{label}.png", full_page=True)
    finally:
        context.close()


@pytest.fixture
def replayed(web: Web) -> str:
    """The 1968 replay up to the semifinals: the quarterfinals ridden with their splits."""
    comp = load_competition(EXAMPLE).competition
    steps = replay_script(comp, "olympic-1968", format_definition("olympic-1968"))
    semifinals = next(
        k
        for k, step in enumerate(steps)
        if isinstance(step.command, c.StartHeat) and step.command.round == "SF"
    )
    for step in steps[:semifinals]:
        web.hub.handle("mx", step.command, "replay")
    return "mx"


@pytest.mark.parametrize(
    ("viewport", "folder"),
    [(MOBILE, "/charts/phone/heat/"), (DESKTOP, "/charts/heat/")],
    ids=["390px", "1366px"],
)
def test_the_heat_page_loads_the_heat_charts_drawn_for_each_width(
    live: LiveServer,
    replayed: str,
    browser: Browser,
    screenshots: Path,
    viewport: dict[str, int],
    folder: str,
) -> None:
    label = f"{viewport['width']}px"
    page = browser.new_page(viewport=viewport)  # type: ignore[arg-type]
    try:
        page.goto(f"{live.url}/c/{replayed}/heat/QF/1")
        images = page.locator("figure.charts img")
        expect(images).to_have_count(2)
        page.wait_for_function(
            "Array.from(document.querySelectorAll('figure.charts img')).every(i => i.complete)"
        )
        for k, kind in enumerate(("gap", "laps")):
            image = images.nth(k)
            source = image.evaluate("img => img.currentSrc")
            assert f"/c/{replayed}{folder}QF/1/{kind}.svg?at=" in source, source
            natural, shown = image.evaluate(
                "img => [img.naturalWidth, img.getBoundingClientRect().width]"
            )
            assert natural > 0  # it loaded
            if viewport is MOBILE:  # shown about as drawn, so its text is as tall as drawn
                assert shown >= 0.9 * natural, (kind, natural, shown)
        if viewport is MOBILE:
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        page.screenshot(path=screenshots / f"heat-charts-{label}.png", full_page=True)
    finally:
        page.close()
