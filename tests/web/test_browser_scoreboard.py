"""In Debian's Chromium: the scoreboard follows the track by itself — the next heat, its start,
the gap every half lap, the finish and the winner, then the next heat — with no reload and, on
a 16:9 screen, no scrolling; and the heat page says who won and by how much."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from test_scoreboard_page import replayed_heat_12
from web_support import EXAMPLE, STREAM_OPEN, LiveServer, heat_riders

from pursuit.app.importing import commands_from_file
from pursuit.core import commands as c
from pursuit.core.times import parse_time
from pursuit.web.parts import Web

SCREENS = {
    "1920x1080": {"width": 1920, "height": 1080},
    "1366x768": {"width": 1366, "height": 768},
    "1280x720": {"width": 1280, "height": 720},
}
OTHER = {"390px": {"width": 390, "height": 844}, "1366px": {"width": 1366, "height": 800}}

# Rider A ahead by 0.2 s, then by 0.5 s, then by 0.8 s at half laps 1–3.
SPLITS = (("19.900", "20.100"), ("36.100", "36.600"), ("52.200", "53.000"))


def fits(page: Page) -> bool:
    """No scrollbar: the document is no taller and no wider than the window."""
    return bool(
        page.evaluate(
            "(() => { const s = document.scrollingElement; return s.scrollHeight <= innerHeight"
            " && s.scrollWidth <= innerWidth; })()"
        )
    )


def first_heat(web: Web) -> int:
    """The heat the qualifying round starts with (its running order)."""
    state = web.hub.service.existing("cup")
    assert state.format is not None
    spec = next(s for s in state.format.rounds if s.id == "Q")
    order = [h.number for h in spec.heats_in_run_order] or sorted(state.heats["Q"])
    return order[0]


def shoot(page: Page, screenshots: Path, name: str) -> None:
    page.screenshot(path=screenshots / f"scoreboard-{name}.png")


@pytest.mark.parametrize("size", list(SCREENS), ids=list(SCREENS))
def test_the_scoreboard_follows_a_heat_by_itself_on_a_big_screen(
    live: LiveServer, web: Web, browser: Browser, screenshots: Path, size: str
) -> None:
    first = first_heat(web)
    second = next(n for n in sorted(web.hub.service.existing("cup").heats["Q"]) if n != first)
    a, b = heat_riders(web, "Q", first)
    page = browser.new_page(viewport=SCREENS[size])
    page.goto(f"{live.url}/c/cup/scoreboard")
    page.evaluate("window.notReloaded = true")
    expect(page.locator("#live-status")).to_have_text(STREAM_OPEN)
    board = page.locator("#live")
    expect(board.locator(".sb-state").first).to_have_text("Next")
    expect(board.locator(".sb-name").first).to_contain_text(a)
    assert fits(page)
    shoot(page, screenshots, f"next-{size}")

    hub = web.hub
    hub.handle("cup", c.StartHeat("Q", first), "tk")
    expect(board.locator(".sb-state").first).to_have_text("On the track")
    for ta, tb in SPLITS:
        hub.handle("cup", c.RecordSplit("Q", first, a, elapsed=parse_time(ta)), "tk")
        hub.handle("cup", c.RecordSplit("Q", first, b, elapsed=parse_time(tb)), "tk")
    expect(board.locator(".sb-gap")).to_contain_text("Half lap 3")
    expect(board.locator(".sb-gap")).to_contain_text(f"▲ {a}")
    expect(board.locator(".sb-gap")).to_contain_text("+0.800 s")
    expect(board.locator(".sb-previous li")).to_have_count(2)
    expect(board.locator(".sb-leads")).to_contain_text(a)
    expect(board.locator(".sb-leads")).to_contain_text("▲ Leads")
    expect(board.locator(".sb-laps").first).to_contain_text("to go")
    assert fits(page)
    shoot(page, screenshots, f"running-{size}")

    hub.handle("cup", c.RecordFinish("Q", first, a, parse_time("3:31.234")), "tk")
    hub.handle("cup", c.RecordFinish("Q", first, b, parse_time("3:32.000")), "tk")
    expect(board.locator(".sb-verdict")).to_have_text(f"{a} was faster by 0.766 s")
    expect(board.locator(".sb-winner .sb-record")).to_have_text("WR to be ratified")
    expect(board.locator(".sb-state").first).to_have_text("Result")
    expect(board.locator(".sb-winner")).to_contain_text("3:31.234")
    expect(board.locator(".sb-next")).to_contain_text(heat_riders(web, "Q", second)[0])
    assert fits(page)
    shoot(page, screenshots, f"result-{size}")

    hub.handle("cup", c.StartHeat("Q", second), "tk")
    expect(board.locator(".sb-state").first).to_have_text("On the track")
    expect(board.locator(".sb-name").first).to_contain_text(heat_riders(web, "Q", second)[0])
    assert fits(page)
    assert page.evaluate("window.notReloaded") is True
    page.close()


@pytest.mark.parametrize("size", list(OTHER), ids=list(OTHER))
def test_the_scoreboard_reads_on_a_phone_and_a_laptop(
    live: LiveServer, web: Web, browser: Browser, screenshots: Path, size: str
) -> None:
    first = first_heat(web)
    a, b = heat_riders(web, "Q", first)
    web.hub.handle("cup", c.StartHeat("Q", first), "tk")
    for ta, tb in SPLITS:
        web.hub.handle("cup", c.RecordSplit("Q", first, a, elapsed=parse_time(ta)), "tk")
        web.hub.handle("cup", c.RecordSplit("Q", first, b, elapsed=parse_time(tb)), "tk")
    page = browser.new_page(viewport=OTHER[size])
    page.goto(f"{live.url}/c/cup/scoreboard")
    expect(page.locator(".sb-gap")).to_contain_text(f"▲ {a}")
    no_sideways = "document.scrollingElement.scrollWidth <= window.innerWidth"
    assert page.evaluate(no_sideways) is True
    if size == "1366px":
        assert fits(page)
    page.screenshot(path=screenshots / f"scoreboard-running-{size}.png", full_page=True)
    page.close()


def test_the_heat_page_says_who_won_and_by_how_much(
    live: LiveServer, web: Web, browser: Browser, screenshots: Path
) -> None:
    first = first_heat(web)
    a, b = heat_riders(web, "Q", first)
    page = browser.new_page(viewport=OTHER["1366px"])
    page.goto(f"{live.url}/c/cup/heat/Q/{first}")
    expect(page.locator("#live-status")).to_have_text(STREAM_OPEN)
    web.hub.handle("cup", c.StartHeat("Q", first), "tk")
    for ta, tb in SPLITS:
        web.hub.handle("cup", c.RecordSplit("Q", first, a, elapsed=parse_time(ta)), "tk")
        web.hub.handle("cup", c.RecordSplit("Q", first, b, elapsed=parse_time(tb)), "tk")
    expect(page.locator(".leads-mark")).to_have_text("▲ Leads")
    web.hub.handle("cup", c.RecordFinish("Q", first, b, parse_time("3:32.000")), "tk")
    web.hub.handle("cup", c.RecordFinish("Q", first, a, parse_time("3:31.234")), "tk")
    # (the new charts are drawn and loaded before the swap: seconds on a busy machine)
    expect(page.locator(".verdict")).to_contain_text(f"{a} was faster by 0.766 s", timeout=15_000)
    expect(page.locator(".verdict-record")).to_contain_text("WR to be ratified (world record)")
    winner = page.get_by_role("region", name=f"Red side: {a}")
    expect(winner.locator(".winner-mark")).to_have_text("▲ Winner")
    # the split table says who leads in words, not by a coloured dot alone
    expect(page.locator("table.splits tbody tr").first.locator(".leader")).to_contain_text("Red")
    page.evaluate(
        "Promise.all(Array.from(document.images).map((i) => i.complete ? 1"
        " : new Promise((done) => { i.onload = i.onerror = done; })))"
    )
    page.screenshot(path=screenshots / "heat-verdict-1366px.png", full_page=True)
    page.close()


def test_the_1968_final_says_the_winner_the_margin_and_the_medals(
    live: LiveServer, web: Web, browser: Browser, screenshots: Path
) -> None:
    web.hub.handle("mexico-1968", commands_from_file(EXAMPLE), "import", "import-1968")
    page = browser.new_page(viewport=OTHER["390px"])
    page.goto(f"{live.url}/c/mexico-1968/heat/F/1")
    expect(page.locator(".verdict-text")).to_contain_text("Daniel Rébillard won by 0.72 s")
    expect(page.locator(".verdict .medal-gold")).to_have_text("Gold")
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth") is True
    page.screenshot(path=screenshots / "heat-final-1968-390px.png", full_page=True)
    page.set_viewport_size(SCREENS["1920x1080"])
    page.goto(f"{live.url}/c/mexico-1968/scoreboard")
    expect(page.locator(".sb-verdict")).to_have_text("Daniel Rébillard won by 0.72 s")
    expect(page.locator(".sb-winner .sb-medal")).to_have_text("Gold")
    assert fits(page)
    shoot(page, screenshots, "final-1968-1920x1080")
    page.close()


@pytest.mark.parametrize("size", ["1920x1080", "1366x768"])
def test_the_scoreboard_shows_the_bell_and_a_catch_big_in_a_replayed_heat(
    live: LiveServer, web: Web, browser: Browser, screenshots: Path, size: str
) -> None:
    width, height = (int(n) for n in size.split("x"))
    heat = replayed_heat_12(web)
    for command in heat:  # the qualifying up to heat 12, and its start
        if isinstance(command, c.StartHeat):
            break
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(f"{live.url}/c/mx/scoreboard")
    page.evaluate("window.notReloaded = true")
    expect(page.locator("#live-status")).to_have_text(STREAM_OPEN)
    board = page.locator("#live")
    mcnab = board.locator(".sb-rider", has_text="McNab")
    rebillard = board.locator(".sb-rider", has_text="Rébillard")
    expect(board.locator(".sb-cue")).to_have_count(0)
    splits = 0
    for command in heat:
        if isinstance(command, c.RecordCatch):
            expect(mcnab.locator(".sb-cue-caught")).to_have_text("CAUGHT")
            expect(rebillard.locator(".sb-cue")).to_have_count(0)
            assert fits(page)
        if isinstance(command, c.RecordSplit) and command.entrant == "Daniel Rébillard":
            splits += 1
            if splits == 21:  # 10½ laps done: not yet his last lap
                expect(rebillard.locator(".sb-laps")).to_contain_text("1½ to go")
                expect(rebillard.locator(".sb-cue")).to_have_count(0)
            if splits == 22:  # 11 of 12 laps done: the bell
                expect(rebillard.locator(".sb-cue-bell")).to_have_text("LAST LAP")
                expect(mcnab.locator(".sb-cue-caught")).to_have_text("CAUGHT")
                assert fits(page)
                shoot(page, screenshots, f"last-lap-{size}")
    expect(board.locator(".sb-state").first).to_have_text("Result")
    expect(board.locator(".sb-cue-bell")).to_have_count(0)
    expect(mcnab.locator(".sb-cue-caught")).to_have_text("CAUGHT")
    assert fits(page)
    assert page.evaluate("window.notReloaded") is True
    shoot(page, screenshots, f"caught-result-{size}")
    page.close()
