"""The live desk without a browser: its fragment, entries that carry their half lap, skips,
confirmations, a side per timekeeper, the next heat, and a refusal that names who and when."""

from __future__ import annotations

import html as html_text
import re

from fastapi.testclient import TestClient
from web_support import PASSWORD, Console, heat_riders

from pursuit.web.parts import Web


def start(console: Console) -> None:
    assert console.post("/console/c/cup/start", {"round": "Q", "heat": "1"}).status_code == 303


def entry(console: Console, rider: str, time: str, half_lap: int, **more: str) -> object:
    fields = {"round": "Q", "heat": "1", "entrant": rider, "time": time, "form": "rider-0"}
    return console.post("/console/c/cup/split", {**fields, "half_lap": str(half_lap), **more})


def splits(web: Web, rider: str) -> list[str]:
    return [str(s) for s in web.hub.service.existing("cup").rides["Q"][rider].splits]


def test_the_fragment_is_the_desks_live_part_and_is_role_checked(
    console: Console, client: TestClient
) -> None:
    anonymous = client.get("/console/c/cup/fragment", follow_redirects=False)
    assert anonymous.status_code == 303
    assert anonymous.headers["location"].startswith("/console/login")
    console.login("tk")
    answer = client.get("/console/c/cup/fragment?heat=Q/1&side=red")
    assert answer.status_code == 200 and "<html" not in answer.text
    assert answer.headers["X-Log-Position"] == "6" and answer.headers["Cache-Control"] == "no-store"
    assert "Start Qualifying, heat 1" in answer.text
    page = client.get("/console/c/cup?heat=Q/1&side=red").text
    assert 'data-fragment="/console/c/cup/fragment?heat=Q%2F1&amp;side=red"' in page
    assert 'data-events="/c/cup/events"' in page and "/static/desk.js" in page


def test_a_second_entry_for_a_half_lap_names_who_recorded_it_and_when(
    client: TestClient, web: Web
) -> None:
    red, _ = heat_riders(web)
    web.users.add("tk2", "timekeeper", PASSWORD, "setup")
    first, second = Console(client), Console(TestClient(client.app))
    first.login("tk2")
    start(first)
    assert entry(first, red, "12.31", 1).status_code == 303
    second.login("tk")
    head = web.hub.head("cup")
    refused = entry(second, red, "12.40", 1)  # the half lap this desk saw, already taken
    assert refused.status_code == 400 and web.hub.head("cup") == head
    message = re.search(r'id="error-rider-0" role="alert">([^<]+)<', refused.text)
    assert message is not None
    assert re.fullmatch(
        rf"half lap 1 of {red} is already recorded: 12.310 by tk2 at \d\d:\d\d:\d\d; "
        "correct it with a reason",
        html_text.unescape(message.group(1)),
    )
    ahead = entry(second, red, "30.00", 3)
    assert ahead.status_code == 400 and "half lap 3 recorded before half lap 2" in ahead.text
    assert splits(web, red) == ["12.310"]


def test_a_skipped_half_lap_moves_the_entry_on_and_the_next_split_keeps_its_number(
    console: Console, web: Web
) -> None:
    red, _ = heat_riders(web)
    console.login("tk")
    start(console)
    entry(console, red, "12.31", 1)
    skipped = console.post(
        "/console/c/cup/skip",
        {"round": "Q", "heat": "1", "entrant": red, "half_lap": "2", "time": "", "form": "rider-0"},
    )
    assert skipped.status_code == 303
    page = console.client.get(skipped.headers["location"]).text
    assert f"Q heat 1: {red}, half lap 2 missed (skipped) (tk)" in page
    assert f"Time for {red}: half lap 3, or the finish" in page
    assert 'name="half_lap" value="3"' in page
    assert entry(console, red, "28.31", 3).status_code == 303
    assert splits(web, red) == ["12.310", "20.3100", "28.310"]  # half lap 2 estimated
    assert web.hub.service.existing("cup").rides["Q"][red].missing == {2}


def test_typed_times_are_kept_to_the_competitions_precision_and_a_time_of_day_is_refused(
    console: Console, web: Web
) -> None:
    red, _ = heat_riders(web)
    console.login("tk")
    start(console)
    head = web.hub.head("cup")
    refused = entry(console, red, "15:02:11.03", 1)
    assert refused.status_code == 400 and web.hub.head("cup") == head
    assert "15:02:11.03 is a time of day" in refused.text and "timing panel" in refused.text
    entry(console, red, "12.3", 1)
    assert splits(web, red) == ["12.300"]  # this competition is timed to 0.001 s


def test_after_a_split_the_focus_stays_on_that_riders_field(console: Console, web: Web) -> None:
    red, _ = heat_riders(web)
    console.login("tk")
    start(console)
    answer = entry(console, red, "12.31", 1)
    assert "focus=rider-0" in answer.headers["location"]
    page = console.client.get(answer.headers["location"]).text
    focused = re.findall(r'id="(rider-\d)-time"[^>]*autofocus', page, re.S)
    assert focused == ["rider-0"]  # not the other rider, though that one is due first


def test_a_timekeeper_sees_only_the_side_chosen(console: Console, web: Web) -> None:
    red, green = heat_riders(web)
    console.login("tk")
    start(console)
    page = console.client.get("/console/c/cup?side=green").text
    assert f"Time for {green}: half lap 1" in page and f"Time for {red}" not in page
    assert '<input type="hidden" name="side" value="green">' in page  # kept after each entry
    assert re.search(r'href="[^"]*side=green"[^>]*aria-current="true"', page)


def test_a_dns_is_asked_again_then_recorded_and_shown(console: Console, web: Web) -> None:
    red, _ = heat_riders(web)
    console.login("tk")
    head = web.hub.head("cup")
    fields = {"round": "Q", "entrant": red, "form": "dns"}
    asked = console.post("/console/c/cup/dns", fields)
    assert asked.status_code == 200 and web.hub.head("cup") == head  # nothing yet
    assert f"Record DNS for {red} in Q?" in asked.text
    assert f"Q heat 1: {red} DNS" in asked.text  # what it would record
    assert 'name="confirmed" value="yes"' in asked.text and "Cancel</a>" in asked.text
    done = console.post("/console/c/cup/dns", {**fields, "confirmed": "yes"})
    assert done.status_code == 303 and web.hub.head("cup") == head + 1
    page = console.client.get(done.headers["location"]).text
    assert f'{red}: <strong class="mark">DNS</strong> recorded' in page


def test_a_refused_question_is_said_at_once(console: Console, web: Web) -> None:
    console.login("com")
    start(console)
    refused = console.post("/console/c/cup/draw", {"round": "Q", "form": "draw"})
    assert refused.status_code == 400 and "Confirm" not in refused.text
    assert re.search(
        r'id="error-draw" role="alert">[^<]*has started; it cannot be drawn again', refused.text
    )


def test_after_the_last_finish_the_desk_offers_the_next_heat(console: Console, web: Web) -> None:
    red, green = heat_riders(web)
    console.login("tk")
    start(console)
    for rider in (red, green):
        console.post(
            "/console/c/cup/finish",
            {"round": "Q", "heat": "1", "entrant": rider, "time": "4:35.1", "half_lap": "1"},
        )
    page = console.client.get("/console/c/cup?heat=Q/1").text
    found = re.search(r'<a id="next-heat"[^>]*href="([^"]+)"[^>]*autofocus>([^<]+)</a>', page)
    assert found is not None
    assert html_text.unescape(found.group(1)) == "/console/c/cup?heat=Q%2F2"
    assert found.group(2) == "Next heat: Qualifying, heat 2 (Enter)"


def test_a_form_posted_by_the_desk_script_is_answered_with_the_fragment(
    console: Console, web: Web
) -> None:
    red, _ = heat_riders(web)
    console.login("tk")
    start(console)
    token = console.csrf()
    fields = {"csrf": token, "round": "Q", "heat": "1", "entrant": red, "time": "12.31"}
    fields |= {"half_lap": "1", "form": "rider-0", "side": "red"}
    answer = console.client.post(
        "/console/c/cup/split", data=fields, headers={"X-Desk": "fragment"}
    )
    assert answer.status_code == 200 and "<html" not in answer.text
    assert answer.headers["X-Log-Position"] == str(web.hub.head("cup"))
    done = web.hub.head("cup")
    assert answer.headers["X-Desk-Query"] == f"heat=Q%2F1&side=red&done={done}&focus=rider-0"
    assert f"Q heat 1: {red}, half lap 1 at 12.310 (tk)" in answer.text
    assert 'value="12.31"' not in answer.text  # the time is spent: the field is empty again
    again = console.client.post(
        "/console/c/cup/split", data={**fields, "time": "x"}, headers={"X-Desk": "fragment"}
    )
    assert again.status_code == 400 and 'id="error-rider-0"' in again.text


def test_rider_lists_are_the_heats_by_family_name(console: Console, web: Web) -> None:
    console.login("com")
    start(console)
    entry(console, heat_riders(web)[0], "12.31", 1)
    page = console.client.get("/console/c/cup?heat=Q/1").text
    riders = sorted(heat_riders(web), key=lambda n: n.split()[-1])
    chosen = re.search(r'<select id="sanction-rider" name="entrant">(.*?)</select>', page)
    assert chosen is not None
    assert re.findall(r"<option>([^<]+)</option>", chosen.group(1)) == riders


def test_an_admin_is_an_admin(console: Console, client: TestClient) -> None:
    console.login("tk")
    answer = client.get("/console/users")
    assert answer.status_code == 403 and "Tk is a timekeeper; this needs an admin" in answer.text
    console.login("boss")
    assert "Logged in as <strong>boss</strong>, an admin." in client.get("/console").text
