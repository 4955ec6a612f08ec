"""Three officials on the live desk at once, in Debian's Chromium: timekeeper A (red side,
1366 px), timekeeper B (green side, 390 px) and a commissaire (1366 px), with a viewer on the
public heat page (390 px). Nobody reloads: every screen follows the others' entries by itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect
from test_browser import DESKTOP, MOBILE, log_in
from web_support import PASSWORD, LiveServer, heat_riders

from pursuit.web.parts import Web

NOT_RELOADED = "window.notReloaded === true"


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    made = [browser.new_context(viewport=v) for v in (DESKTOP, MOBILE, DESKTOP, MOBILE)]
    yield made
    for context in made:
        context.close()


def open_desk(context: BrowserContext, base: str, user: str, query: str = "") -> Page:
    page = context.new_page()
    log_in(page, base, user)
    page.goto(f"{base}/console/c/cup{query}")
    expect(page.locator("#live-status")).to_contain_text("Live · log position")  # stream open
    page.evaluate("window.notReloaded = true")
    return page


def focused(page: Page) -> str:
    return str(page.evaluate("document.activeElement ? document.activeElement.id : ''"))


def card(page: Page, index: int) -> object:
    return expect(page.locator(f"#rider-{index}-card"))


def enter(page: Page, index: int, time: str) -> None:
    field = page.locator(f"#rider-{index}-time")
    field.fill(time)
    field.press("Enter")


def confirm(page: Page) -> None:
    """The second step of a weighty action: its Confirm button has the focus; Enter."""
    expect(page.locator("#ask-confirm")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#ask-confirm")).to_have_count(0)


def test_three_officials_run_heats_together_and_every_screen_follows(
    live: LiveServer, web: Web, contexts: list[BrowserContext], screenshots: Path
) -> None:
    web.users.add("tkb", "timekeeper", PASSWORD, "setup")
    base = live.url
    a = open_desk(contexts[0], base, "tk", "?side=red")
    b = open_desk(contexts[1], base, "tkb", "?side=green")
    com = open_desk(contexts[2], base, "com")

    # the commissaire draws qualifying again with pairs: asked, confirmed, on every desk
    com.locator("#draw-round").select_option("Q")
    com.locator("#draw-pairs").fill("Anna Aalto v Carla Costa\nBerit Berg v Dora Dahl")
    com.get_by_role("button", name="Draw…").click()
    expect(com.get_by_role("heading", name="Draw Q with the pairs")).to_be_visible()
    confirm(com)
    red, green = heat_riders(web)
    assert {red, green} == {"Anna Aalto", "Carla Costa"}
    for page in (a, b):
        expect(page.locator("#live")).to_contain_text(f"{red} ")
        expect(page.locator("#start-heat")).to_be_visible()

    viewer = contexts[3].new_page()
    viewer.goto(f"{base}/c/cup/heat/Q/1")
    expect(viewer.locator("#live-status")).to_contain_text("Live")
    viewer.evaluate("window.notReloaded = true")

    # A starts the heat (its button has the focus: Enter); B's desk offers the green field
    a.locator("#start-heat").focus()
    a.keyboard.press("Enter")
    expect(b.locator("#rider-1-time")).to_be_visible()
    expect(b.locator("#rider-0-time")).to_have_count(0)  # B times green only
    expect(a.locator("#rider-1-time")).to_have_count(0)  # A times red only
    expect(a.locator("#rider-0-time")).to_be_focused()

    # both timekeepers type at once; each field keeps its focus for the next half lap
    reds = ["12.0", "20.0", "28.0", "36.0"]
    greens = ["14.0", "24.0", "34.0", "44.0"]
    for k, (r, g) in enumerate(zip(reds, greens, strict=True), start=1):
        a.locator("#rider-0-time").fill(r)
        b.locator("#rider-1-time").fill(g)
        a.locator("#rider-0-time").press("Enter")
        b.locator("#rider-1-time").press("Enter")
        for page in (a, b, com):
            expect(page.locator("#live")).to_contain_text(f"{green}, half lap {k} at {g}00")
            expect(page.locator("#live")).to_contain_text(f"{red}, half lap {k} at {r}00")
        assert focused(a) == "rider-0-time" and focused(b) == "rider-1-time"
        expect(a.locator("#rider-0-time")).to_have_value("")  # ready for the next one
        expect(a.get_by_label(f"Time for {red}: half lap {k + 1}, or the finish")).to_be_visible()
    expect(viewer.locator("#live")).to_contain_text("44.000")  # the public page, by itself

    # A watches both sides now; its updates stall (network), B records green's half lap 5,
    # A types the same half lap from what it saw: refused, naming who and when
    a.get_by_role("link", name="Both").click()
    expect(a.locator("#rider-1-time")).to_be_visible()
    expect(a.get_by_label(f"Time for {green}: half lap 5, or the finish")).to_be_visible()

    def stall(route: Route) -> None:
        route.abort()

    a.route("**/console/c/cup/fragment*", stall)
    enter(b, 1, "54.0")
    expect(com.locator("#live")).to_contain_text(f"{green}, half lap 5 at 54.000 (tkb)")
    enter(a, 1, "54.1")
    error = a.locator("#error-rider-1")
    expect(error).to_contain_text(
        re.compile(
            rf"half lap 5 of {green} is already recorded: 54.000 by tkb at \d\d:\d\d:\d\d; "
            "correct it with a reason"
        )
    )
    expect(a.locator("#rider-1-time")).to_have_value("54.1")  # kept, to be looked at
    a.unroute("**/console/c/cup/fragment*", stall)
    a.locator("#rider-1-time").fill("")

    # B missed half lap 6: skipped, the next entry is half lap 7, seen on A's desk too
    b.get_by_role("button", name="Skip half lap 6").click()
    expect(b.get_by_label(f"Time for {green}: half lap 7, or the finish")).to_be_focused()
    expect(a.locator("#rider-1-card")).to_contain_text("missed: half lap 6")
    enter(b, 1, "1:14.0")
    expect(com.locator("#live")).to_contain_text(f"{green}, half lap 7 at 1:14.000 (tkb)")

    # red's 5th crossing is no later than green's 4th: the catch shows on every desk;
    # the commissaire confirms it in two steps
    enter(a, 0, "44.0")
    for page in (a, b, com):
        expect(page.locator(".proposal")).to_contain_text(f"{red} has caught {green}")
    com.get_by_role("button", name="Confirm the catch…").click()
    expect(
        com.get_by_role("heading", name=re.compile(f"Confirm that {red} caught"))
    ).to_be_visible()
    confirm(com)
    for page in (a, b):
        expect(page.locator("#live")).to_contain_text(f"{red} caught {green} at half lap 5 (com)")
        expect(page.locator(".proposal")).to_have_count(0)

    # the commissaire corrects the estimated half lap 6 with a reason
    com.get_by_text("Correct a split").click()
    com.locator("#cs-rider").select_option(green)
    com.locator("#cs-half-lap").fill("6")
    com.locator("#cs-time").fill("1:03.5")
    com.locator("#cs-reason").fill("backup watch")
    com.locator(".correct-split").get_by_role("button", name="Record the correction").click()
    expect(b.locator("#live")).to_contain_text(
        f"{green}, half lap 6 corrected to 1:03.500: backup watch (com)"
    )
    expect(b.locator("#rider-1-card")).not_to_contain_text("missed")

    # finishes (qualifying rides on after a catch); then the next heat is offered
    a.locator("#rider-0-time").fill("4:20.0")
    a.locator("#rider-0-card").get_by_role("button", name="Record finish").click()
    b.locator("#rider-1-time").fill("4:40.0")
    b.locator("#rider-1-card").get_by_role("button", name="Record finish").click()
    expect(viewer.locator("#live")).to_contain_text("4:40.000")
    for page in (a, b):
        expect(page.locator("#next-heat")).to_be_focused()
    a.screenshot(path=screenshots / "desk-next-heat-1366.png", full_page=True)
    b.screenshot(path=screenshots / "desk-next-heat-390.png", full_page=True)
    a.keyboard.press("Enter")  # the next heat, no page load
    expect(a.locator("#start-heat")).to_be_focused()
    a.keyboard.press("Enter")
    # B moves on once A's start has reached B's desk: a click while that update is being
    # swapped in can land where the link was a moment before (the page's height changed)
    expect(b.locator("#live")).to_contain_text("Q heat 2 started")
    b.locator("#next-heat").click()
    expect(b.locator("#rider-1-time")).to_be_visible()
    b.screenshot(path=screenshots / "desk-running-390.png", full_page=True)
    a.screenshot(path=screenshots / "desk-running-1366.png", full_page=True)
    for page, index, time in ((a, 0, "4:25.0"), (b, 1, "4:29.0")):
        page.locator(f"#rider-{index}-time").fill(time)
        page.locator(f"#rider-{index}-card").get_by_role("button", name="Record finish").click()
    # both finishes reached the commissaire's desk (the heat is over, not merely started)
    expect(com.locator(".log")).to_contain_text("finished in 4:25.000")
    expect(com.locator(".log")).to_contain_text("finished in 4:29.000")
    expect(com.locator("#next-heat")).to_have_count(0)
    expect(com.locator("#live")).to_contain_text("No heat is waiting to ride")

    # the commissaire draws the finals; a DNS in the final, confirmed, marked on every desk
    com.locator("#draw-round").select_option("F")
    com.get_by_role("button", name="Draw…").click()
    confirm(com)
    com.locator("#heat-select").select_option("F/1")
    com.get_by_role("button", name="Show heat").click()
    finalist = web.hub.service.existing("cup").heats["F"][1].entrants[1]
    com.get_by_role("button", name=f"{finalist} did not start…").click()
    expect(com.get_by_role("heading", name=f"Record DNS for {finalist} in F?")).to_be_visible()
    com.screenshot(path=screenshots / "desk-confirm-1366.png", full_page=True)
    confirm(com)
    expect(com.locator("#live")).to_contain_text(f"{finalist}: DNS recorded")
    com.screenshot(path=screenshots / "desk-commissaire-1366.png", full_page=True)
    b.locator("#heat-select").select_option("F/1")
    b.get_by_role("button", name="Show heat").click()
    expect(b.locator("#live")).to_contain_text(f"{finalist}: DNS recorded")

    for page in (a, b, com, viewer):
        assert page.evaluate(NOT_RELOADED) is True


def test_a_recorded_form_is_emptied_and_a_refused_one_keeps_what_was_typed(
    live: LiveServer, browser: Browser
) -> None:
    context = browser.new_context(viewport=DESKTOP)
    com = open_desk(context, live.url, "com")
    com.locator("#schedule-round").select_option("Q")
    com.locator("#schedule-date").fill("2026-13-01")
    com.get_by_role("button", name="Schedule").click()
    expect(com.locator("#error-schedule")).to_be_visible()
    expect(com.locator("#schedule-date")).to_have_value("2026-13-01")  # to be looked at
    com.locator("#schedule-date").fill("2026-05-01")
    com.locator("#schedule-time").fill("10:00")
    com.get_by_role("button", name="Schedule").click()
    expect(com.get_by_role("status")).to_contain_text("2026-05-01")
    expect(com.locator("#schedule-date")).to_have_value("")  # spent
    expect(com.locator("#schedule-time")).to_have_value("")
    assert com.evaluate(NOT_RELOADED) is True
    context.close()


def test_a_form_submitted_while_a_split_is_on_its_way_is_sent_after_it(
    live: LiveServer, web: Web, browser: Browser
) -> None:
    """The network is slow: the red split is still on its way when the operator records a DNF
    for green. Both reach the log, in the order they were given; nothing is silently dropped."""
    context = browser.new_context(viewport=DESKTOP)
    a = open_desk(context, live.url, "tk", "?side=both")
    a.locator("#start-heat").click()
    expect(a.locator("#rider-0-time")).to_be_focused()
    red, green = heat_riders(web)
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    a.route("**/console/c/cup/split", hold)
    enter(a, 0, "12.0")
    while not held:
        a.wait_for_timeout(20)
    a.locator("#rider-1-card").get_by_role("button", name="Did not finish").click()
    a.wait_for_timeout(200)  # the click is taken while the split is still held
    held[0].continue_()
    log = a.locator(".log")
    expect(log).to_contain_text(f"{red}, half lap 1 at 12.000")
    expect(log).to_contain_text(f"{green} DNF")
    kinds = [stored.type for stored in web.hub.service.history("cup")][-2:]
    assert kinds == ["SplitRecorded", "OutcomeRecorded"]
    assert a.evaluate(NOT_RELOADED) is True
    context.close()
