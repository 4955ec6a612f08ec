"""The console's timing panel: operators only; it lists the unplaced impulses and the half laps
the timer missed, places an impulse (a half lap filled) or discards it, each with a reason, and
shows a refused placement's message next to its form."""

from __future__ import annotations

import html as html_text
import re

from fastapi.testclient import TestClient
from test_api import token
from timing_support import SOURCE, START, Timer, ride
from web_support import Console, heat_riders

from pursuit.web.parts import Web

PAGE = "/console/c/cup/timing"


def assign(console: Console, number: int, placement: str, reason: str, form: str) -> object:
    fields = {"source": SOURCE, "number": str(number), "placement": placement, "reason": reason}
    return console.post(f"{PAGE}/assign-impulse", {**fields, "form": form}, page=PAGE)


def form_id(number: int) -> str:
    return f"impulse-serial--dev-ttyUSB0-{number}"


def test_the_panel_is_for_operators_only(client: TestClient, web: Web) -> None:
    ride(web)
    answer = client.get(PAGE, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"].startswith("/console/login")
    assert client.get(f"{PAGE}/fragment", follow_redirects=False).status_code == 303
    assert client.get("/api/competitions/cup/timing").status_code == 401
    posted = client.post(
        f"{PAGE}/discard-impulse",
        data={"source": SOURCE, "number": "2", "reason": "x"},
        follow_redirects=False,
    )
    assert posted.status_code == 403


def test_the_desk_links_to_the_panel(console: Console) -> None:
    console.login("tk")
    assert f'href="{PAGE}"' in console.client.get("/console/c/cup").text


def test_a_timekeeper_sees_the_reader_the_unplaced_impulses_and_the_missed_half_lap(
    console: Console, web: Web
) -> None:
    red, green = heat_riders(web)
    timer, stray, backup = ride(web)
    console.login("tk")
    page = html_text.unescape(console.client.get(PAGE).text)
    assert "Connected</span>" in page and SOURCE in page and "38400 baud" in page
    assert "Unplaced impulses (2)" in page
    assert page.index(f"Impulse {backup} ") < page.index(f"Impulse {stray} ")  # newest first
    assert "channel C7 is not a start or a line" in page
    assert f"<strong>{red}</strong>, half lap 3" in page
    assert "Assign the backup impulse (above), or type the time as a split correction" in page
    # the first unplaced impulse's reason has the focus; its likeliest placement is chosen
    focused = re.search(r'id="([^"]+)-reason"[^>]*autofocus', page)
    assert focused is not None and focused.group(1) == form_id(backup)
    chosen = re.search(
        rf'id="{form_id(backup)}-placement".*?<option value="([^"]+)" selected', page, re.S
    )
    assert chosen is not None and chosen.group(1) == f"Q|1|3|{red}"
    assert f"{green}, half lap 5, due " in page
    assert f"{timer.number} impulses" in page


def test_assigning_the_backup_impulse_fills_the_missed_half_lap(console: Console, web: Web) -> None:
    red, _ = heat_riders(web)
    _, _, backup = ride(web)
    console.login("tk")
    answer = assign(console, backup, f"Q|1|3|{red}", "backup contact", form_id(backup))
    assert answer.status_code == 303, answer.text
    location = answer.headers["location"]  # type: ignore[attr-defined]
    assert location.startswith(f"{PAGE}?done=")
    page = html_text.unescape(console.client.get(location).text)
    assert f"Q: {red}, half lap 3 corrected to" in page
    assert "Unplaced impulses (1)" in page
    assert f"{red}, half lap 3 (placed by hand: backup contact)" in page
    ridden = web.hub.service.existing("cup").ride("Q", red)
    assert ridden is not None and ridden.missing == set()


def test_an_unplaced_impulse_is_discarded_with_a_reason(console: Console, web: Web) -> None:
    _, stray, _ = ride(web)
    console.login("tk")
    fields = {"source": SOURCE, "number": str(stray), "reason": "a photographer's foot"}
    answer = console.post(f"{PAGE}/discard-impulse", fields, page=PAGE)
    assert answer.status_code == 303
    page = html_text.unescape(console.client.get(answer.headers["location"]).text)  # type: ignore[attr-defined]
    assert "discarded: a photographer's foot" in page
    assert "Unplaced impulses (1)" in page


def test_a_refused_placement_says_why_next_to_its_form_and_changes_nothing(
    console: Console, web: Web
) -> None:
    red, green = heat_riders(web)
    _, stray, backup = ride(web)
    console.login("tk")
    head = web.hub.head("cup")
    # offered, but the backup impulse (28 s) comes before the green rider's half lap 4 (36.8 s)
    answer = assign(console, backup, f"Q|1|5|{green}", "looks like it", form_id(backup))
    assert answer.status_code == 400  # type: ignore[attr-defined]
    assert web.hub.head("cup") == head
    page = html_text.unescape(answer.text)  # type: ignore[attr-defined]
    error = re.search(rf'id="error-{form_id(backup)}" role="alert">([^<]+)<', page)
    assert error is not None and "is not after half lap 4" in error.group(1)
    assert "Not recorded: " in page  # also above the live part, which a refresh replaces
    assert 'value="looks like it"' in page  # what was typed stays
    assert f'<option value="Q|1|5|{green}" selected' in page  # and what was chosen
    stale = assign(console, stray, f"Q|1|2|{red}", "an old page", form_id(stray))
    assert "half lap 2 is recorded already" in stale.text  # type: ignore[attr-defined]
    no_reason = assign(console, stray, f"Q|1|3|{red}", "", form_id(stray))
    assert no_reason.status_code == 400  # type: ignore[attr-defined]
    assert web.hub.head("cup") == head


def test_the_fragment_is_the_live_part_at_its_log_position(console: Console, web: Web) -> None:
    ride(web)
    console.login("tk")
    fragment = console.client.get(f"{PAGE}/fragment")
    assert fragment.status_code == 200
    assert fragment.headers["x-log-position"] == str(web.hub.head("cup"))
    assert "Unplaced impulses (2)" in fragment.text and "<html" not in fragment.text
    assert 'name="csrf"' in fragment.text


def test_the_panel_as_json_and_the_api_actions(client: TestClient, web: Web) -> None:
    red, _ = heat_riders(web)
    _, stray, backup = ride(web)
    headers = token(client, "tk")
    panel = client.get("/api/competitions/cup/timing", headers=headers).json()
    assert panel["position"] == web.hub.head("cup")
    assert [u["impulse"]["number"] for u in panel["unplaced"]] == [backup, stray]
    assert panel["missed"] == [{"entrant": red, "half_lap": 3, "estimate": "28.00"}]
    assert panel["sources"][0]["link"] == "connected"
    body = {"source": SOURCE, "number": backup, "round": "Q", "heat": 1, "entrant": red}
    placed = client.post(
        "/api/competitions/cup/impulse-assignments",
        json={**body, "half_lap": 3, "reason": "backup contact"},
        headers=headers,
    )
    assert placed.status_code == 201, placed.text
    assert [e["type"] for e in placed.json()["events"]] == ["ImpulseAssigned", "SplitCorrected"]
    dropped = client.post(
        "/api/competitions/cup/impulse-discards",
        json={"source": SOURCE, "number": stray, "reason": "a photographer's foot"},
        headers=headers,
    )
    assert dropped.status_code == 201
    assert client.get("/api/competitions/cup/timing", headers=headers).json()["unplaced"] == []
    spec = client.get("/openapi.json").json()["paths"]
    assert {"/api/competitions/{cid}/impulse-assignments", "/api/competitions/{cid}/timing"} <= set(
        spec
    )


def test_a_gate_impulse_before_the_heat_was_started_starts_it(console: Console, web: Web) -> None:
    timer = Timer(web)
    gate = timer.send("C0", None)  # the starter was quicker than the desk
    console.login("tk")
    page = html_text.unescape(console.client.get(PAGE).text)
    assert "no heat is running: start a heat with this impulse if it is its" in page
    assert '<option value="Q|1|0|" selected>start of Qualifying, heat 1</option>' in page
    answer = assign(console, gate, "Q|1|0|", "gate before the desk", form_id(gate))
    assert answer.status_code == 303, answer.text  # type: ignore[attr-defined]
    heat = web.hub.service.existing("cup").heat("Q", 1)
    assert heat is not None and heat.started and heat.start_impulse == START
