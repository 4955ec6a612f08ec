"""In Debian's Chromium, under the app's Content-Security-Policy: the main pages, a chart and the
console load with no violation at 390 and 1366 px, a form still posts, and a live page still
takes a finish by itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect
from test_browser import DESKTOP, MOBILE, log_in
from web_support import STREAM_OPEN, LiveServer, heat_riders

from pursuit.core import commands as c
from pursuit.core.times import parse_time
from pursuit.web.parts import Web

# Records each violation the page reports; Playwright injects it, so the policy does not apply.
WATCH = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""

PUBLIC = (
    "/",
    "/c/cup",
    "/c/cup/start/Q",
    "/c/cup/results/Q",
    "/c/cup/heat/Q/1",
    "/c/cup/now",
    "/c/cup/classification",
    "/c/cup/charts/results/Q.svg",  # the chart on its own, with its own policy
)


def violations(page: Page, said: list[str]) -> list[str]:
    found = page.evaluate("window.cspViolations || []")
    return [*said, *found]


@pytest.mark.slow
@pytest.mark.parametrize("viewport", [MOBILE, DESKTOP], ids=["390px", "1366px"])
def test_the_pages_break_no_rule_of_the_policy_and_stay_live(
    live: LiveServer, web: Web, browser: Browser, viewport: dict[str, int], screenshots: Path
) -> None:
    context = browser.new_context(viewport=viewport)
    context.add_init_script(WATCH)
    page = context.new_page()
    said: list[str] = []

    def listen(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            said.append(message.text)

    page.on("console", listen)
    width = viewport["width"]
    for path in PUBLIC:
        answer = page.goto(live.url + path)
        assert answer is not None and answer.status == 200, path
        assert answer.headers["content-security-policy"], path
        page.wait_for_load_state("networkidle")
        assert violations(page, said) == [], path
    page.screenshot(path=screenshots / f"csp-chart-{width}.png")

    # the console: log in, the desk, a form that posts (a heat started)
    log_in(page, live.url, "tk")
    page.goto(f"{live.url}/console/c/cup?heat=Q/1")
    page.get_by_role("button", name="Start Qualifying, heat 1").click()
    expect(page.get_by_role("status")).to_contain_text("Q heat 1 started (tk)")
    assert violations(page, said) == []
    page.screenshot(path=screenshots / f"csp-console-{width}.png", full_page=True)

    # a live page takes a finish by itself: its script and its stream are allowed
    red, _ = heat_riders(web)
    page.goto(f"{live.url}/c/cup/heat/Q/1")
    page.evaluate("window.notReloaded = true")
    expect(page.locator("#live-status")).to_have_text(STREAM_OPEN)
    web.hub.handle("cup", c.RecordFinish("Q", 1, red, parse_time("4:31.234")), "tk")
    expect(page.locator("#live")).to_contain_text("4:31.234", timeout=3000)
    expect(page.locator("#live-status")).to_contain_text("updated")
    assert page.evaluate("window.notReloaded") is True
    assert violations(page, said) == []
    page.screenshot(path=screenshots / f"csp-live-heat-{width}.png", full_page=True)
    context.close()


@pytest.mark.slow
def test_the_browser_reports_a_violation_where_there_is_one(
    live: LiveServer, browser: Browser
) -> None:
    """The watch above can see: a script injected into a page is blocked and reported."""
    context = browser.new_context(viewport=DESKTOP)
    context.add_init_script(WATCH)
    page = context.new_page()
    said: list[str] = []
    page.on(
        "console",
        lambda m: said.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.goto(f"{live.url}/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.ran = true'; document.body.append(s); }"
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.ran === true") is False
    assert violations(page, said) != []
    context.close()
