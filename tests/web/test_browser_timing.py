"""In Debian's Chromium, at 390 and 1366 px: the timing panel shows an impulse the moment the
timer sends it, without a reload and without losing what the timekeeper is typing, and an
unplaced impulse is assigned from the keyboard (the reason has the focus, Enter records it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from test_browser import DESKTOP, MOBILE, log_in
from timing_support import ride
from web_support import LiveServer, heat_riders

from pursuit.web.parts import Web


@pytest.mark.slow
@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["390px", "1366px"])
def test_the_panel_updates_by_itself_and_assigns_by_keyboard(
    live: LiveServer, web: Web, browser: Browser, viewport: dict[str, int], screenshots: Path
) -> None:
    red, _ = heat_riders(web)
    timer, _, backup = ride(web)
    label = f"{viewport['width']}px"
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    log_in(page, live.url, "tk")
    page.goto(f"{live.url}/console/c/cup")
    page.get_by_role("link", name="Timing").click()
    expect(page.get_by_role("heading", name="Unplaced impulses (2)")).to_be_visible()
    page.evaluate("window.notReloaded = true")
    expect(page.locator("#live-status")).to_contain_text("Live")  # the stream is open

    # one key: the first unplaced impulse's reason has the focus, its likeliest placement chosen
    reason = page.locator(f"#impulse-serial--dev-ttyUSB0-{backup}-reason")
    expect(reason).to_be_focused()
    placement = page.locator(f"#impulse-serial--dev-ttyUSB0-{backup}-placement")
    expect(placement).to_have_value(f"Q|1|3|{red}")
    page.keyboard.type("backup")

    stray = timer.send("C1", 100.0)  # an impulse nobody is due for, while the reason is typed
    expect(page.get_by_role("heading", name="Unplaced impulses (3)")).to_be_visible(timeout=3000)
    expect(page.get_by_role("heading", name=f"Impulse {stray} ")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True
    expect(reason).to_be_focused()  # the refresh kept the focus and what was typed
    expect(reason).to_have_value("backup")
    page.screenshot(path=screenshots / f"console-timing-{label}.png", full_page=True)

    page.keyboard.type(" contact")
    page.keyboard.press("Enter")
    expect(page.locator(".flash")).to_contain_text(f"Q: {red}, half lap 3 corrected to")
    expect(page.get_by_role("heading", name="Unplaced impulses (2)")).to_be_visible()
    expect(page.get_by_text(f"{red}, half lap 3 (placed by hand: backup contact)")).to_be_visible()
    ridden = web.hub.service.existing("cup").ride("Q", red)
    assert ridden is not None and ridden.missing == set()
    page.screenshot(path=screenshots / f"console-timing-assigned-{label}.png", full_page=True)
    context.close()
