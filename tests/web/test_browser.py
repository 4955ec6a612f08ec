"""In Debian's Chromium: a viewer sees a split the operator records, roles and bad input in
the console, the demo replay moving a live page, and screenshots of every page."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from playwright.sync_api import Browser, Page, expect
from web_support import EXAMPLE, PASSWORD, STREAM_OPEN, LiveServer, heat_riders, seed, settings

from pursuit.core import commands as c
from pursuit.core.times import parse_time
from pursuit.web.app import create_app
from pursuit.web.parts import Web
from pursuit.web.settings import DemoSettings

MOBILE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 800}


def log_in(page: Page, base: str, name: str) -> None:
    page.goto(f"{base}/console/login")
    page.get_by_label("Name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text(f"{name} (")).to_be_visible()


@pytest.fixture
def pages(browser: Browser) -> Iterator[tuple[Page, Page]]:
    operator = browser.new_context(viewport=DESKTOP)
    viewer = browser.new_context(viewport=MOBILE)
    yield operator.new_page(), viewer.new_page()
    operator.close()
    viewer.close()


def test_a_viewer_sees_the_split_the_operator_records_within_a_second(
    live: LiveServer, web: Web, pages: tuple[Page, Page]
) -> None:
    operator, viewer = pages
    red, _ = heat_riders(web)
    log_in(operator, live.url, "tk")
    operator.goto(f"{live.url}/console/c/cup?heat=Q/1")
    operator.get_by_role("button", name="Start Qualifying, heat 1").click()
    expect(operator.get_by_role("status")).to_contain_text("Q heat 1 started (tk)")

    viewer.goto(f"{live.url}/c/cup/heat/Q/1")
    viewer.evaluate("window.notReloaded = true")
    expect(viewer.locator("#live-status")).to_contain_text("Live")
    field = operator.get_by_label(f"Time for {red}: half lap 1, or the finish")
    expect(field).to_be_focused()  # autofocus: type and press Enter
    field.fill("12.345")
    sent = time.monotonic()
    field.press("Enter")
    expect(viewer.get_by_role("cell", name="12.345")).to_be_visible(timeout=1000)
    assert time.monotonic() - sent < 1.0
    assert viewer.evaluate("window.notReloaded") is True
    expect(operator.get_by_role("status")).to_contain_text(f"Q heat 1: {red}, half lap 1 at 12.345")
    assert operator.evaluate("document.activeElement.id") == "rider-0-time"  # kept: the next one


def test_a_bad_time_shows_a_clear_error_and_changes_nothing(
    live: LiveServer, web: Web, pages: tuple[Page, Page], screenshots: Path
) -> None:
    operator, _ = pages
    red, _ = heat_riders(web)
    log_in(operator, live.url, "tk")
    operator.goto(f"{live.url}/console/c/cup?heat=Q/1")
    operator.get_by_role("button", name="Start Qualifying, heat 1").click()
    field = operator.get_by_label(f"Time for {red}: half lap 1, or the finish")
    expect(field).to_be_visible()  # the start is recorded (the desk posts without a page load)
    head = web.hub.head("cup")
    field.fill("12..3")
    field.press("Enter")
    error = operator.locator("#error-rider-0")
    expect(error).to_contain_text("not a race time: '12..3'")
    expect(operator.get_by_label(f"Time for {red}: half lap 1, or the finish")).to_have_value(
        "12..3"
    )
    expect(operator.get_by_label(f"Time for {red}: half lap 1, or the finish")).to_have_attribute(
        "aria-invalid", "true"
    )
    assert web.hub.head("cup") == head
    operator.screenshot(path=screenshots / "console-error-desktop.png", full_page=True)


def test_roles_in_the_browser(live: LiveServer, pages: tuple[Page, Page]) -> None:
    operator, _ = pages
    log_in(operator, live.url, "tk")
    operator.goto(f"{live.url}/console/c/cup")
    expect(operator.get_by_role("heading", name="Commissaires")).to_have_count(0)
    answer = operator.goto(f"{live.url}/console/users")
    assert answer is not None and answer.status == 403
    expect(operator.get_by_role("heading", name="Not allowed")).to_be_visible()
    operator.goto(f"{live.url}/console")
    operator.get_by_role("button", name="Log out").click()
    expect(operator.get_by_role("heading", name="Operator console: log in")).to_be_visible()
    log_in(operator, live.url, "com")
    operator.goto(f"{live.url}/console/c/cup")
    expect(operator.get_by_role("heading", name="Commissaires")).to_be_visible()
    expect(
        operator.get_by_role("heading", name="Entries (open until the first round is drawn)")
    ).to_have_count(0)


@pytest.fixture
def demo() -> Iterator[tuple[LiveServer, FastAPI]]:
    app = create_app(settings(demo=DemoSettings(example=EXAMPLE, speed=60.0)))
    seed(app.state.web)  # a console to photograph, too
    with LiveServer(app) as server:
        yield server, app


def running_heat(app: FastAPI) -> str:
    web: Web = app.state.web
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        heat = web.hub.read(app.state.demo.live_id, lambda state: state.running_heat())
        if heat is not None:
            return f"{heat.round}/{heat.number}"
        time.sleep(0.05)
    raise AssertionError("the demo never started a heat")


@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["390px", "1366px"])
def test_the_results_page_shows_a_finish_by_itself(
    live: LiveServer, web: Web, browser: Browser, viewport: dict[str, int]
) -> None:
    red, _ = heat_riders(web)
    page = browser.new_page(viewport=viewport)
    page.goto(f"{live.url}/c/cup/results/Q")
    page.evaluate("window.notReloaded = true")
    expect(page.locator("#live-status")).to_have_text(STREAM_OPEN)  # the stream is open
    web.hub.handle("cup", c.StartHeat("Q", 1), "tk")
    web.hub.handle("cup", c.RecordFinish("Q", 1, red, parse_time("4:31.234")), "tk")
    # (the new charts are drawn and loaded before the swap: seconds on a busy machine)
    expect(page.get_by_role("cell", name="4:31.234")).to_be_visible(timeout=10_000)
    expect(page.locator("#live-status")).to_have_text(STREAM_OPEN)  # no log position for viewers
    assert page.evaluate("window.notReloaded") is True
    page.close()


def test_the_demo_replay_moves_the_live_heat_page_without_a_reload(
    demo: tuple[LiveServer, FastAPI], browser: Browser
) -> None:
    server, app = demo
    page = browser.new_page(viewport=DESKTOP)
    page.goto(f"{server.url}/c/{app.state.demo.live_id}/heat/{running_heat(app)}")
    page.evaluate("window.notReloaded = true")
    before = page.locator("#live").get_attribute("data-position")
    expect(page.locator("#live")).not_to_have_attribute("data-position", str(before), timeout=3000)
    assert page.evaluate("window.notReloaded") is True
    page.close()


PAGES = {
    "list": "/",
    "overview": "/c/mexico-1968",
    "start-list": "/c/mexico-1968/start/QF",
    "results": "/c/mexico-1968/results/Q",
    "bracket": "/c/mexico-1968/bracket",
    "classification": "/c/mexico-1968/classification",
    "error": "/c/no-such-competition",
}


def test_screenshots_of_every_page(
    demo: tuple[LiveServer, FastAPI], browser: Browser, screenshots: Path
) -> None:
    server, app = demo
    heat = running_heat(app)
    for label, viewport in (("mobile", MOBILE), ("desktop", DESKTOP)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for name, path in PAGES.items():
            page.goto(server.url + path)
            page.screenshot(path=screenshots / f"{name}-{label}.png", full_page=True)
        page.goto(f"{server.url}/c/{app.state.demo.live_id}/heat/{heat}")
        expect(page.locator("tbody tr").first).to_be_visible(timeout=5000)
        page.screenshot(path=screenshots / f"live-heat-{label}.png", full_page=True)
        page.goto(f"{server.url}/c/{app.state.demo.live_id}/now")
        expect(page.locator("h2.now-title")).to_be_visible(timeout=5000)
        page.screenshot(path=screenshots / f"now-{label}.png", full_page=True)
        log_in(page, server.url, "boss")
        page.goto(f"{server.url}/console/c/cup")
        page.screenshot(path=screenshots / f"console-{label}.png", full_page=True)
        context.close()
    assert len(list(screenshots.glob("*-mobile.png"))) >= 10
