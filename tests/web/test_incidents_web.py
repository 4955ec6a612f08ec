"""Incidents through the API and the console: a false start and a mishap, recorded by the
roles allowed, refused with a message naming the rider, the heat or the field."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_support import PASSWORD, Console, heat_riders

from pursuit.web.parts import Web


def token(client: TestClient, name: str) -> dict[str, str]:
    answer = client.post("/api/token", json={"name": name, "password": PASSWORD})
    assert answer.status_code == 200
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def test_a_timekeeper_records_a_false_start_and_the_heat_is_stopped(
    client: TestClient, web: Web
) -> None:
    red, _ = heat_riders(web)
    auth = token(client, "tk")
    client.post("/api/competitions/cup/starts", json={"round": "Q", "heat": 1}, headers=auth)
    answer = client.post(
        "/api/competitions/cup/false-starts",
        json={"round": "Q", "heat": 1, "entrant": red},
        headers=auth,
    )
    assert answer.status_code == 201, answer.text
    assert [e["type"] for e in answer.json()["events"]] == ["FalseStartRecorded", "HeatStopped"]
    state = web.hub.service.existing("cup")
    assert not state.heats["Q"][1].started


def test_a_mishap_is_the_commissaires_and_a_bad_one_is_refused_naming_it(
    client: TestClient, web: Web
) -> None:
    red, _ = heat_riders(web)
    body = {"round": "Q", "heat": 1, "entrant": red, "kind": "fall"}
    head = web.hub.head("cup")
    denied = client.post("/api/competitions/cup/incidents", json=body, headers=token(client, "tk"))
    assert denied.status_code == 403
    com = token(client, "com")
    idle = client.post("/api/competitions/cup/incidents", json=body, headers=com)
    assert idle.status_code == 400
    assert "Qualifying heat 1 is not running" in idle.json()["error"]["message"]
    cramp = client.post(
        "/api/competitions/cup/incidents", json={**body, "kind": "cramp"}, headers=com
    )
    assert cramp.status_code == 400 and cramp.json()["error"]["field"] == "kind"
    assert web.hub.head("cup") == head


def test_the_console_offers_incidents_for_the_running_heat(console: Console, web: Web) -> None:
    red, _ = heat_riders(web)
    console.login("com")
    assert console.post("/console/c/cup/start", {"round": "Q", "heat": "1"}).status_code == 303
    page = console.client.get("/console/c/cup").text
    assert "False start in" in page and "Mishap in" in page
    mishap = {"round": "Q", "heat": "1", "entrant": red, "kind": "puncture", "half_lap": "1"}
    asked = console.post("/console/c/cup/incident", mishap)
    assert asked.status_code == 200 and "Confirm the puncture" in asked.text
    answer = console.post("/console/c/cup/incident", {**mishap, "confirmed": "yes"})
    assert answer.status_code == 303, answer.text
    page = console.client.get(answer.headers["location"]).text
    assert f"Q heat 1: puncture of {red} at half lap 1 (the heat restarts)" in page
    assert "False start in" not in page  # the heat stopped: nothing is running


def test_the_desk_shows_a_ride_set_aside_in_its_heat_and_the_re_ride_heat_marked(
    console: Console, web: Web
) -> None:
    red, _ = heat_riders(web)
    console.login("com")
    console.post("/console/c/cup/start", {"round": "Q", "heat": "1"})
    split = {"round": "Q", "heat": "1", "entrant": red, "half_lap": "1", "time": "12.0"}
    assert console.post("/console/c/cup/split", split).status_code == 303
    mishap = {"round": "Q", "heat": "1", "entrant": red, "kind": "puncture", "confirmed": "yes"}
    assert console.post("/console/c/cup/incident", mishap).status_code == 303
    page = console.client.get("/console/c/cup?heat=Q/1").text
    assert "ride set aside: re-rides in heat 3" in page
    assert 'id="rider-0-time"' not in page  # nothing more to time for the red rider here
    assert 'id="rider-1-time"' in page
    assert "Qualifying, heat 3 (re-ride)" in page


def test_a_confirmation_keeps_the_timekeepers_side_and_heat(console: Console, web: Web) -> None:
    _, green = heat_riders(web)
    console.login("com")
    dns = {"round": "Q", "entrant": green, "view": "Q/2", "side": "green"}
    asked = console.post("/console/c/cup/dns", dns, page="/console/c/cup?heat=Q/2&side=green")
    assert asked.status_code == 200 and "Confirm: " in asked.text
    assert '<input type="hidden" name="side" value="green">' in asked.text
    assert '<input type="hidden" name="view" value="Q/2">' in asked.text
    done = console.post("/console/c/cup/dns", {**dns, "confirmed": "yes"})
    assert done.status_code == 303
    assert "side=green" in done.headers["location"] and "Q%2F2" in done.headers["location"]


def test_the_team_options_of_a_mishap_are_offered_only_in_a_team_pursuit(
    console: Console,
) -> None:
    console.login("com")
    console.post("/console/c/cup/start", {"round": "Q", "heat": "1"})
    page = console.client.get("/console/c/cup").text
    assert "Mishap in" in page and 'name="team_stops"' not in page
