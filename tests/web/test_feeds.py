"""The feeds on the web: the current heat as JSON over HTTP and as server-sent events, and the
ODF export at /c/{id}/odf.xml. Every document is checked against its schema."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from importlib import resources
from typing import Any

import httpx
import jsonschema
import pytest
from fastapi.testclient import TestClient
from web_support import LiveServer, heat_riders

from odf_support import bodies, parse, rows_of, schema
from pursuit.core import commands as c
from pursuit.core.times import parse_time
from pursuit.views.current_heat import iso_duration
from pursuit.web.parts import Web

FEED_SCHEMA = json.loads(
    resources.files("pursuit").joinpath("schemas/current-heat.schema.json").read_text("utf-8")
)


def feed(client: TestClient) -> dict[str, Any]:
    answer = client.get("/c/cup/current-heat.json")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    document: dict[str, Any] = answer.json()
    jsonschema.Draft202012Validator(FEED_SCHEMA).validate(document)
    assert answer.headers["x-log-position"] == str(document["position"])
    return document


def by_name(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["name"]: c for c in document["competitors"]}


def split(web: Web, rider: str, text: str) -> None:
    web.hub.handle("cup", c.RecordSplit("Q", 1, rider, parse_time(text)), "tk")


def test_the_feed_follows_a_heat_from_start_list_to_catch_and_finish(
    client: TestClient, web: Web
) -> None:
    red, green = heat_riders(web)
    before = feed(client)
    assert (before["round_id"], before["heat"], before["status"]) == ("Q", 1, "waiting")
    assert [(x["name"], x["side"]) for x in before["competitors"]] == [
        (red, "red"),
        (green, "green"),
    ]
    assert all(x["time"] is None and x["rank"] is None for x in before["competitors"])
    half_laps = before["half_laps"]
    assert before["distance_m"] == 4000 and before["laps"] == str(half_laps // 2)

    web.hub.handle("cup", c.StartHeat("Q", 1), "tk")
    split(web, red, "12.5")
    split(web, green, "13.25")
    split(web, red, "22.5")
    riding = feed(client)
    assert riding["status"] == "virtual"
    assert riding["position"] > before["position"]
    rider, other = by_name(riding)[red], by_name(riding)[green]
    assert (rider["half_laps"], rider["laps"]) == (2, "1")
    assert rider["to_go"] == f"{(half_laps - 2) // 2}"
    assert (other["half_laps"], other["laps"], other["to_go"]) == (
        1,
        "½",
        f"{(half_laps - 1) // 2}½",
    )
    assert rider["time"] == {"text": "22.5", "iso": "PT22.5S"}
    assert other["time"]["iso"] == "PT13.25S"
    # the gap at the latest half lap both passed (the 1st): red ahead by 0.75 s
    assert riding["gap"]["leader"] == "red" and riding["gap"]["half_lap"] == 1
    assert float(riding["gap"]["gap"]["text"]) == pytest.approx(0.75)
    assert other["down"] == riding["gap"]["gap"] and rider["down"] is None
    assert (rider["rank"], other["rank"]) == (1, 2)

    split(web, green, "23.0")
    web.hub.handle("cup", c.RecordCatch("Q", 1, red), "tk")
    caught = by_name(feed(client))
    assert (caught[red]["info"], caught[green]["info"]) == ("catch", "caught")

    web.hub.handle("cup", c.RecordFinish("Q", 1, red, parse_time("4:30.123")), "tk")
    web.hub.handle("cup", c.RecordFinish("Q", 1, green, parse_time("4:35.5")), "tk")
    after = feed(client)
    assert after["status"] == "provisional"  # the heat is ridden, the round goes on
    done = by_name(after)
    assert done[red]["time"] == {"text": "4:30.123", "iso": "PT4M30.123S"}
    assert all(x["finished"] and x["half_laps"] == half_laps for x in done.values())
    assert all(x["to_go"] == "0" for x in done.values())
    assert (done[red]["rank"], done[green]["rank"]) == (1, 2)


def test_a_false_start_and_an_unknown_competition(client: TestClient, web: Web) -> None:
    red, _ = heat_riders(web)
    web.hub.handle("cup", c.StartHeat("Q", 1), "tk")
    web.hub.handle("cup", c.RecordFalseStart("Q", 1, red), "tk")
    assert by_name(feed(client))[red]["info"] == "false-start"
    for path in ("current-heat.json", "odf.xml"):
        assert client.get(f"/c/nowhere/{path}").status_code == 404


def test_iso_durations_match_the_published_text() -> None:
    assert iso_duration("2:24.566") == "PT2M24.566S"
    assert iso_duration("59.87") == "PT59.87S"
    assert iso_duration("1:02:03.4") == "PT1H2M3.4S"
    assert iso_duration("4:00") == "PT4M0S"
    assert iso_duration("") == ""
    assert iso_duration("missed") == ""


def sse_frames(url: str, stop: threading.Event, into: list[dict[str, Any]]) -> None:
    try:
        with httpx.stream("GET", url, timeout=10) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            event = ""
            for line in response.iter_lines():
                if line.startswith("event:"):
                    event = line[6:].strip()
                elif line.startswith("data:") and event == "current-heat":
                    into.append(json.loads(line[5:]))
                if stop.is_set():
                    return
    except httpx.HTTPError:
        return  # the server stopped at the end of the test


@pytest.fixture
def frames(live: LiveServer) -> Iterator[list[dict[str, Any]]]:
    received: list[dict[str, Any]] = []
    stop = threading.Event()
    url = f"{live.url}/c/cup/current-heat/events"
    reader = threading.Thread(target=sse_frames, args=(url, stop, received), daemon=True)
    reader.start()
    wait_until(lambda: bool(received), "no first frame")
    yield received
    stop.set()


def wait_until(check: Any, message: str, within: float = 20.0) -> None:  # a loaded CI box
    deadline = time.monotonic() + within
    while not check():
        assert time.monotonic() < deadline, message
        time.sleep(0.01)


def test_the_event_stream_sends_the_feed_at_once_and_after_a_split(
    frames: list[dict[str, Any]], web: Web
) -> None:
    validator = jsonschema.Draft202012Validator(FEED_SCHEMA)
    validator.validate(frames[0])
    assert frames[0]["status"] == "waiting"
    red, _ = heat_riders(web)
    web.hub.handle("cup", c.StartHeat("Q", 1), "tk")
    split(web, red, "12.5")
    wait_until(
        lambda: any(by_name(f)[red]["half_laps"] == 1 for f in frames), f"no split: {frames}"
    )
    latest = frames[-1]
    validator.validate(latest)
    assert latest["status"] == "virtual"
    assert by_name(latest)[red]["time"] == {"text": "12.5", "iso": "PT12.5S"}
    positions = [f["position"] for f in frames]
    assert positions == sorted(set(positions))
    # a line-up or a split elsewhere moves the log; the frame comes only when the feed changes
    sent = len(frames)
    web.hub.handle("cup", c.ScheduleRound("F", "2026-05-02"), "boss")
    split(web, red, "22.5")
    wait_until(lambda: any(by_name(f)[red]["half_laps"] == 2 for f in frames), "no 2nd split")
    assert len(frames) == sent + 1, frames[sent:]


def test_the_odf_export_on_the_web_is_live_and_valid(client: TestClient, web: Web) -> None:
    red, green = heat_riders(web)
    web.hub.handle("cup", c.StartHeat("Q", 1), "tk")
    split(web, red, "12.5")
    answer = client.get("/c/cup/odf.xml")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/xml")
    document = parse(answer.text)
    assert schema().validate(document), schema().error_log
    qualifying = bodies(document, "DT_RESULT")[0]
    assert qualifying.get("ResultStatus") == "LIVE"
    assert {r["name"] for r in rows_of(qualifying)} == {
        name
        for heat in web.hub.service.existing("cup").heats["Q"].values()
        for name in heat.entrants
    }  # the start list: everyone drawn
    split(web, green, "13.0")
    web.hub.handle("cup", c.RecordFinish("Q", 1, red, parse_time("4:30.123")), "tk")
    web.hub.handle("cup", c.RecordFinish("Q", 1, green, parse_time("4:35.5")), "tk")
    document = parse(client.get("/c/cup/odf.xml").text)
    assert schema().validate(document), schema().error_log
    qualifying = bodies(document, "DT_RESULT")[0]
    assert qualifying.get("ResultStatus") == "INTERMEDIATE"
    ridden = {r["name"]: r for r in rows_of(qualifying) if r["time"]}
    assert ridden[red]["time"] == "4:30.123" and ridden[red]["rank"] == "1"
    assert ridden[red]["splits"] == [(125, "12.5")]
    assert ridden[green]["splits"] == [(125, "13.0")]


def test_a_team_pursuit_feed_names_the_members_and_the_catch(client: TestClient, web: Web) -> None:
    from test_team_pursuit import create, qualify_and_ride_the_first_round, roster

    track = create(client, web, "tp", "uci-team-pursuit")
    qualify_and_ride_the_first_round(track)
    answer = client.get("/c/tp/current-heat.json")
    assert answer.status_code == 200
    document = answer.json()
    jsonschema.Draft202012Validator(FEED_SCHEMA).validate(document)
    assert (document["round_id"], document["heat"]) == ("R1", 4)  # the last heat ridden
    assert document["status"] == "final"  # the first round is complete
    teams = by_name(document)
    assert teams["Team 1"]["members"] == roster("Team 1")
    assert (teams["Team 1"]["info"], teams["Team 4"]["info"]) == ("catch", "caught")
    assert (teams["Team 1"]["rank"], teams["Team 4"]["rank"]) == (1, 2)
    odf_text = client.get("/c/tp/odf.xml").text
    document_xml = parse(odf_text)
    assert schema().validate(document_xml), schema().error_log
    first_round = [
        b for b in bodies(document_xml, "DT_RESULT") if b.get("DocumentCode") == "CTX402804"
    ]
    team1 = next(r for r in rows_of(first_round[0]) if r["name"] == "Team 1")
    assert team1["members"] == roster("Team 1")
    assert team1["mark"] == "QG"
