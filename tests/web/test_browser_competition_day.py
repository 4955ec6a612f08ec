"""A competition day on the console, in Debian's Chromium (the acceptance test of the
"competition day" issue): timekeeper A (red side, 1366 px), timekeeper B (green side, 390 px)
and a commissaire (1366 px) run an 8-rider individual pursuit from the qualifying draw to the
finals, and a 4-team team pursuit with line-ups, while a viewer (390 px) follows the public
pages. Nobody reloads: every screen follows the others' entries by itself."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect
from test_browser import DESKTOP, MOBILE, log_in
from web_support import PASSWORD, LiveServer

from pursuit.app.creation import create_command
from pursuit.core import commands as c
from pursuit.core.times import parse_time
from pursuit.loading.format_files import format_definition
from pursuit.web.parts import Web

NOT_RELOADED = "window.notReloaded === true"
RIDERS = {  # name, nation, seed time; the seed times order them as listed
    "Ada Arnesen": ("NOR", "1:10.000"),
    "Bea Brandt": ("GER", "1:10.500"),
    "Cleo Carter": ("GBR", "1:11.000"),
    "Dina Dorn": ("AUT", "1:11.500"),
    "Eva Engel": ("SUI", "1:12.000"),
    "Fay Fischer": ("CAN", "1:12.500"),
    "Gia Grass": ("ITA", "1:13.000"),
    "Hana Holm": ("SWE", "1:13.500"),
}


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    """Timekeeper A, timekeeper B, the commissaire and a public viewer."""
    made = [browser.new_context(viewport=v) for v in (DESKTOP, MOBILE, DESKTOP, MOBILE)]
    for context in made:
        context.set_default_timeout(10_000)
    yield made
    for context in made:
        context.close()


def create(web: Web, cid: str, fmt: str, definition: dict[str, object], title: str) -> None:
    web.hub.handle(
        cid,
        create_command(
            fmt,
            definition,
            title,
            distance_m=1000,  # 8 half laps on a 250 m track: a short day
            track_length_m=250.0,
            venue="Test Velodrome",
            dates=("2026-05-02",),
        ),
        "setup",
    )


def open_desk(context: BrowserContext, base: str, user: str, cid: str, query: str = "") -> Page:
    page = context.new_page()
    log_in(page, base, user)
    page.goto(f"{base}/console/c/{cid}{query}")
    expect(page.locator("#live-status")).to_contain_text("Live")  # the stream is open
    page.evaluate("window.notReloaded = true")
    return page


def open_public(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    page.goto(url)
    expect(page.locator("#live-status")).to_contain_text("Live")
    page.evaluate("window.notReloaded = true")
    return page


def focused(page: Page) -> str:
    return str(page.evaluate("document.activeElement ? document.activeElement.id : ''"))


def enter(page: Page, index: int, time: str) -> None:
    field = page.locator(f"#rider-{index}-time")
    field.fill(time)
    field.press("Enter")


def finish(page: Page, index: int, time: str) -> None:
    page.locator(f"#rider-{index}-time").fill(time)
    page.locator(f"#rider-{index}-card").get_by_role("button", name="Record finish").click()


def confirm(page: Page) -> None:
    """The second step of a weighty action: its Confirm button has the focus; Enter."""
    expect(page.locator("#ask-confirm")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#ask-confirm")).to_have_count(0)


def show(page: Page, key: str) -> None:
    page.locator("#heat-select").select_option(key)
    page.get_by_role("button", name="Show heat").click()
    expect(page.locator("#heat-select")).to_have_value(key)


def draw(com: Page, round_id: str) -> None:
    com.locator("#draw-round").select_option(round_id)
    com.get_by_role("button", name="Draw…").click()
    confirm(com)


def start(page: Page, title: str) -> None:
    page.get_by_role("button", name=f"Start {title}").click()
    expect(page.get_by_role("button", name=f"Start {title}")).to_have_count(0)


def heats(web: Web, cid: str, round_id: str) -> dict[int, tuple[str, ...]]:
    return {n: h.entrants for n, h in web.hub.service.existing(cid).heats[round_id].items()}


def test_an_individual_pursuit_day_from_the_qualifying_draw_to_the_classification(
    live: LiveServer, web: Web, contexts: list[BrowserContext], screenshots: Path
) -> None:
    cid = "day"
    create(
        web, cid, "uci-individual-pursuit", format_definition("uci-individual-pursuit"), "Day Cup"
    )
    for name, (nation, seed_time) in RIDERS.items():
        web.hub.handle(
            cid, c.RegisterEntrant(name, nation, seed_time=parse_time(seed_time)), "setup"
        )
    web.users.add("tkb", "timekeeper", PASSWORD, "setup")
    base = live.url
    a = open_desk(contexts[0], base, "tk", cid, "?side=red")
    b = open_desk(contexts[1], base, "tkb", cid, "?side=green")
    com = open_desk(contexts[2], base, "com", cid)
    board = open_public(contexts[3], f"{base}/c/{cid}/classification")

    draw(com, "Q")
    q = heats(web, cid, "Q")
    assert len(q) == 4
    for page in (a, b):
        expect(page.locator("#start-heat")).to_be_visible()
    assert q[1] == ("Gia Grass", "Hana Holm") and q[2] == ("Eva Engel", "Fay Fischer")
    for page in (a, b):
        expect(page.locator("#start-heat")).to_be_visible()
    heat = open_public(contexts[3], f"{base}/c/{cid}/heat/Q/1")
    now = open_public(contexts[3], f"{base}/c/{cid}/now")

    # heat 1: A starts it; Gia Grass false-starts, the commissaire records it (confirmed);
    # the heat stops and is started again: everyone's 2nd start
    a.locator("#start-heat").focus()
    a.keyboard.press("Enter")
    expect(b.locator("#rider-1-time")).to_be_focused()
    com.locator("#false-start-rider").select_option("Gia Grass")
    com.get_by_role("button", name="Record the false start").click()
    expect(com.locator("#ask-title")).to_contain_text("Record a false start by Gia Grass")
    confirm(com)
    for page in (a, b):
        expect(page.locator("#start-heat")).to_be_visible()
    start(a, "Qualifying, heat 1")
    expect(heat.locator("#live")).to_contain_text("2nd start")
    expect(a.locator("#rider-0-card")).to_contain_text("2nd start")
    for page in (a, b):
        expect(page.locator("#live")).to_contain_text(
            "Q heat 1 stopped: false start by Gia Grass (1st start) (com)"
        )

    # both timekeepers type at once, each on their side; the focus stays in their field
    for k, (red, green) in enumerate(
        zip(["9.0", "17.0", "25.0"], ["9.5", "18.0", "26.5"], strict=True), 1
    ):
        a.locator("#rider-0-time").fill(red)
        b.locator("#rider-1-time").fill(green)
        a.locator("#rider-0-time").press("Enter")
        b.locator("#rider-1-time").press("Enter")
        for page in (a, b, com):
            expect(page.locator("#live")).to_contain_text(f"Gia Grass, half lap {k} at {red}00")
            expect(page.locator("#live")).to_contain_text(f"Hana Holm, half lap {k} at {green}00")
        assert focused(a) == "rider-0-time" and focused(b) == "rider-1-time"
    expect(heat.locator("#live")).to_contain_text("26.500")  # the public page, by itself
    expect(now.locator("#live")).to_contain_text("26.500")

    # A watches both sides; its updates stall; B records Hana's half lap 4 and A types the
    # same half lap from what it saw: refused, naming who and when
    a.get_by_role("link", name="Both").click()
    expect(a.get_by_label("Time for Hana Holm: half lap 4, or the finish")).to_be_visible()

    def stall(route: Route) -> None:
        route.abort()

    a.route(f"**/console/c/{cid}/fragment*", stall)
    enter(b, 1, "35.0")
    expect(com.locator("#live")).to_contain_text("Hana Holm, half lap 4 at 35.000 (tkb)")
    enter(a, 1, "35.1")
    expect(a.locator("#error-rider-1")).to_contain_text(
        re.compile(
            r"half lap 4 of Hana Holm is already recorded: 35.000 by tkb at \d\d:\d\d:\d\d; "
            "correct it with a reason"
        )
    )
    a.unroute(f"**/console/c/{cid}/fragment*", stall)
    a.locator("#rider-1-time").fill("")
    a.get_by_role("link", name="Red").click()
    expect(a.locator("#rider-1-time")).to_have_count(0)
    finish(a, 0, "1:13.0")
    finish(b, 1, "1:13.5")
    expect(heat.locator("#live")).to_contain_text("1:13.500")
    for page in (a, b):
        expect(page.locator("#next-heat")).to_be_focused()

    # heat 2: after the first half lap Eva Engel punctures: the commissaire records it; her
    # ride is set aside and she re-rides at the end of the round; Fay Fischer rides on
    a.keyboard.press("Enter")
    expect(a.locator("#start-heat")).to_be_focused()
    a.keyboard.press("Enter")
    b.locator("#next-heat").click()
    enter(a, 0, "9.1")
    enter(b, 1, "9.3")
    expect(com.locator("#live")).to_contain_text("Eva Engel, half lap 1 at 9.100")
    show(com, "Q/2")
    com.locator("#incident-rider").select_option("Eva Engel")
    com.locator("#incident-kind").select_option("puncture")
    com.locator(".commissaires").screenshot(path=screenshots / "day-incident-panel-1366.png")
    com.get_by_role("button", name="Record the mishap").click()
    expect(com.locator("#ask-title")).to_contain_text("puncture")
    com.screenshot(path=screenshots / "day-incident-ask-1366.png", full_page=True)
    confirm(com)
    expect(a.locator("#rider-0-card")).to_contain_text("ride set aside: re-rides in heat 5")
    expect(a.locator("#rider-0-time")).to_have_count(0)  # nothing more to time for her here
    finish(b, 1, "1:12.5")
    expect(b.locator("#next-heat")).to_be_focused()
    assert len(heats(web, cid, "Q")) == 5  # the re-ride heat, after the last

    # heats 3 and 4: finishes only
    for n, red, green in ((3, "1:10.5", "1:11.5"), (4, "1:10.0", "1:11.0")):
        a.locator("#next-heat").click()
        b.locator("#next-heat").click()
        start(b, f"Qualifying, heat {n}")
        finish(a, 0, red)
        finish(b, 1, green)
    expect(board.locator("#live")).to_contain_text("1:10.000")  # the classification, by itself

    # the re-ride, alone, after the last heat: its time counts
    a.locator("#next-heat").click()
    expect(a.locator("#heat-title")).to_contain_text("Qualifying, heat 5 (re-ride)")
    b.locator("#heat-select").select_option("Q/5")
    b.get_by_role("button", name="Show heat").click()
    start(a, "Qualifying, heat 5 (re-ride)")
    expect(a.locator("#rider-0-card")).to_contain_text("Eva Engel")
    b.screenshot(path=screenshots / "day-reride-390.png", full_page=True)
    a.screenshot(path=screenshots / "day-reride-1366.png", full_page=True)
    finish(a, 0, "1:09.8")
    expect(com.locator("#live")).to_contain_text("Q heat 5: Eva Engel finished in 1:09.800 (tk)")

    # the commissaire corrects Gia Grass's time with a reason
    show(com, "Q/1")
    com.locator("#correct-round").select_option("Q")
    com.locator("#correct-rider").select_option("Gia Grass")
    com.locator("#correct-time").fill("1:13.9")
    com.locator("#correct-reason").fill("timer re-read")
    com.locator("#correct-reason").press("Enter")
    expect(a.locator("#live")).to_contain_text("timer re-read")
    results = open_public(contexts[3], f"{base}/c/{cid}/results/Q")
    rows = results.locator("table.results tbody tr")
    expect(rows.first).to_contain_text("Eva Engel")
    expect(rows.last).to_contain_text("Gia Grass")

    # the finals: Eva Engel v Ada Arnesen for gold, Bea Brandt v Cleo Carter for bronze
    draw(com, "F")
    draw(com, "B")
    assert heats(web, cid, "F")[1] == ("Eva Engel", "Ada Arnesen")
    assert heats(web, cid, "B")[1] == ("Bea Brandt", "Cleo Carter")
    show(com, "B/1")
    com.get_by_role("button", name="Bea Brandt did not start…").click()
    confirm(com)
    expect(com.locator("#live")).to_contain_text("B heat 1: Bea Brandt DNS (com)")
    expect(com.locator("#heat-title")).to_contain_text("Final for bronze")  # still shown
    expect(com.locator("#live")).to_contain_text("Bea Brandt: DNS recorded")

    for page in (a, b):
        show(page, "F/1")
    start(a, "Final for gold")
    final = open_public(contexts[3], f"{base}/c/{cid}/heat/F/1")
    for k, (red, green) in enumerate(
        zip(["9.0", "18.0", "27.0", "36.0"], ["8.0", "15.0", "22.0", "29.0"], strict=True), 1
    ):
        enter(a, 0, red)
        enter(b, 1, green)
        expect(com.locator("#live")).to_contain_text(f"Ada Arnesen, half lap {k} at {green}00")
    enter(b, 1, "36.0")  # Ada's 5th crossing, no later than Eva's 4th: the catch
    for page in (a, b, com):
        expect(page.locator(".proposal")).to_contain_text("Ada Arnesen has caught Eva Engel")
    expect(final.locator("#live")).to_contain_text("36.000")
    com.get_by_role("button", name="Confirm the catch…").click()
    confirm(com)
    expect(a.locator("#live")).to_contain_text("Ada Arnesen caught Eva Engel at half lap 5 (com)")

    order = [
        "Ada Arnesen",
        "Eva Engel",
        "Cleo Carter",
        "Bea Brandt",
        "Dina Dorn",
        "Fay Fischer",
        "Hana Holm",
        "Gia Grass",
    ]
    places = board.locator("table.results tbody tr")
    for place, name in enumerate(order, 1):
        expect(places.nth(place - 1)).to_contain_text(re.compile(rf"^\s*{place}\s+{name}"))
    board.screenshot(path=screenshots / "day-classification-390.png", full_page=True)
    wide = contexts[0].new_page()
    wide.goto(f"{base}/c/{cid}/classification")
    wide.screenshot(path=screenshots / "day-classification-1366.png", full_page=True)

    for page in (a, b, com, board, heat, now, results, final):
        assert page.evaluate(NOT_RELOADED) is True


FOUR_TEAMS = """
name = "four-team-pursuit"
title = "Team pursuit for four teams (qualifying, gold and bronze finals)"
description = "Qualifying on time; 1st v 2nd for gold, 3rd v 4th for bronze."
event = "team"
precision = "0.001"
reduce = "truncate"
tie_break = ["last_lap", "shared"]
team_size = 4
counting_rider = 3

[[rounds]]
id = "Q"
name = "Qualifying"
kind = "timed"
catch = "ride_on"
overtaken = "time_counts"
advance = 4

[[rounds]]
id = "B"
name = "Final for bronze"
kind = "knockout"
heat_name = "Final for bronze"
catch = "ends_race"
places = [3, 4]
heats = [["Q#3", "Q#4"]]

[[rounds]]
id = "F"
name = "Final for gold"
kind = "knockout"
heat_name = "Final for gold"
catch = "ends_race"
places = [1, 2]
heats = [["Q#1", "Q#2"]]

[[classification]]
members = ["F.W1", "F.L1", "B.W1", "B.L1"]
order = "listed"
"""
TEAMS = {  # team, nation, seed time and qualifying time
    "Denmark": ("DEN", "1:05.000"),
    "Italy": ("ITA", "1:06.000"),
    "Norway": ("NOR", "1:07.000"),
    "France": ("FRA", "1:08.000"),
}


def roster(team: str) -> list[str]:
    return [f"{team} rider {k}" for k in range(1, 6)]


def declare(com: Page, round_id: str, team: str, riders: list[str]) -> None:
    com.locator("#lineup-round").select_option(round_id)
    com.locator("#lineup-team").select_option(team)
    com.locator("#lineup-riders").fill("; ".join(riders))
    com.get_by_role("button", name="Declare", exact=True).click()
    expect(com.get_by_role("status")).to_contain_text(f"{round_id}: {team} line-up")
    expect(com.locator("#lineup-riders")).to_have_value("")  # spent


def test_a_four_team_pursuit_with_line_ups_from_the_console(
    live: LiveServer,
    web: Web,
    browser: Browser,
    contexts: list[BrowserContext],
    screenshots: Path,
    tmp_path: Path,
) -> None:
    cid = "teams"
    fmt = tmp_path / "four-team-pursuit.toml"
    fmt.write_text(FOUR_TEAMS, encoding="utf-8")
    create(web, cid, "four-team-pursuit", format_definition(str(fmt)), "Day Team Cup")
    web.users.add("tkb", "timekeeper", PASSWORD, "setup")
    base = live.url

    # the admin enters the teams with rosters of five
    office = browser.new_context(viewport=DESKTOP)
    admin = open_desk(office, base, "boss", cid)
    for team, (nation, seed_time) in TEAMS.items():
        admin.locator("#enter-name").fill(team)
        admin.locator("#enter-nation").fill(nation)
        admin.locator("#enter-roster").fill("; ".join(roster(team)))
        admin.locator("#enter-seed").fill(seed_time)
        admin.get_by_role("button", name="Register").click()
        expect(admin.locator("#live")).to_contain_text(f"{team} entered ({nation})")
    office.close()

    a = open_desk(contexts[0], base, "tk", cid, "?side=red")
    b = open_desk(contexts[1], base, "tkb", cid, "?side=green")
    com = open_desk(contexts[2], base, "com", cid)
    board = open_public(contexts[3], f"{base}/c/{cid}/classification")
    draw(com, "Q")
    q = heats(web, cid, "Q")
    assert q == {1: ("Italy", "France"), 2: ("Denmark", "Norway")}

    # the commissaire declares Denmark's line-up: rider 4 stays out; the others get the default
    declare(com, "Q", "Denmark", ["Denmark rider 1", "rider 2", "rider 3", "rider 5"])
    denmark_q = "Denmark rider 1, Denmark rider 2, Denmark rider 3, Denmark rider 5"
    heat = open_public(contexts[3], f"{base}/c/{cid}/heat/Q/2")
    expect(heat.locator("#live")).to_contain_text(f"Riders: {denmark_q}")
    expect(heat.locator("#live")).to_contain_text("Times and splits on the 3rd rider of each team.")
    expect(a.locator("#live")).to_contain_text("Splits and finish on the 3rd rider.")

    # qualifying heat 1: splits and finishes on the counting rider, from both sides at once
    start(a, "Qualifying, heat 1")
    for k, (red, green) in enumerate(zip(["9.0", "17.0"], ["9.5", "18.0"], strict=True), 1):
        enter(a, 0, red)
        enter(b, 1, green)
        expect(com.locator("#live")).to_contain_text(f"France, half lap {k} at {green}00")
        assert focused(a) == "rider-0-time" and focused(b) == "rider-1-time"
    finish(a, 0, "1:06.0")
    finish(b, 1, "1:08.0")

    # heat 2: Norway drops a rider (asked, confirmed) and rides on with three
    a.locator("#next-heat").click()
    b.locator("#next-heat").click()
    expect(a.locator("#live")).to_contain_text(f"Denmark: riders {denmark_q}")
    start(a, "Qualifying, heat 2")
    enter(a, 0, "8.8")
    enter(b, 1, "9.1")
    b.locator("#drop-1-rider").select_option("Norway rider 1")
    b.locator("#rider-1-card").get_by_role("button", name="Record dropped").click()
    expect(b.locator("#ask-title")).to_contain_text("Record Norway rider 1 of Norway dropped")
    confirm(b)
    expect(b.locator(".sides [aria-current]")).to_have_text("Green")  # B's side is kept
    expect(b.locator("#rider-0-card")).to_have_count(0)
    expect(heat.locator("#live")).to_contain_text("Norway rider 1 (dropped)")
    expect(b.locator("#rider-1-card")).to_contain_text("Norway rider 1 (dropped)")
    a.screenshot(path=screenshots / "day-team-desk-1366.png", full_page=True)
    b.screenshot(path=screenshots / "day-team-desk-390.png", full_page=True)
    finish(a, 0, "1:05.0")
    finish(b, 1, "1:07.0")
    expect(heat.locator("#live")).to_contain_text("1:07.000")

    # the finals; Denmark changes its line-up for the final for gold
    draw(com, "F")
    draw(com, "B")
    assert heats(web, cid, "F")[1] == ("Denmark", "Italy")
    assert heats(web, cid, "B")[1] == ("Norway", "France")
    denmark_f = ["Denmark rider 2", "Denmark rider 3", "Denmark rider 4", "Denmark rider 5"]
    declare(com, "F", "Denmark", denmark_f)
    final = open_public(contexts[3], f"{base}/c/{cid}/heat/F/1")
    expect(final.locator("#live")).to_contain_text(f"Riders: {', '.join(denmark_f)}")

    # the final for gold: Denmark catches Italy; the commissaire confirms it
    for page in (a, b):
        show(page, "F/1")
    start(a, "Final for gold")
    reds, greens = ["8.0", "15.0", "22.0", "29.0"], ["9.0", "18.0", "27.0", "36.0"]
    for k, (red, green) in enumerate(zip(reds, greens, strict=True), 1):
        enter(a, 0, red)
        enter(b, 1, green)
        expect(com.locator("#live")).to_contain_text(f"Italy, half lap {k} at {green}00")
    enter(a, 0, "36.0")
    for page in (a, b, com):
        expect(page.locator(".proposal")).to_contain_text("Denmark has caught Italy")
    com.get_by_role("button", name="Confirm the catch…").click()
    confirm(com)
    expect(b.locator("#live")).to_contain_text("Denmark caught Italy at half lap 5 (com)")
    expect(final.locator("#live")).to_contain_text("Denmark caught Italy")

    # the final for bronze
    for page in (a, b):
        show(page, "B/1")
    start(a, "Final for bronze")
    finish(a, 0, "1:07.0")
    finish(b, 1, "1:08.0")

    places = board.locator("table.results tbody tr")
    for place, name in enumerate(["Denmark", "Italy", "Norway", "France"], 1):
        expect(places.nth(place - 1)).to_contain_text(re.compile(rf"^\s*{place}\s+{name}"))
    expect(places).to_have_count(4)
    board.screenshot(path=screenshots / "day-team-classification-390.png", full_page=True)
    for page in (a, b, com, board, heat, final):
        assert page.evaluate(NOT_RELOADED) is True
