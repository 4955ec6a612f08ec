"""The scoreboard page and heat verdicts over HTTP: the board follows the track (next heat,
running heat with the gap every half lap, the result, the next heat), and heat pages say who
won, by how much, and a final's medals."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_support import EXAMPLE, heat_riders

from pursuit.app.importing import commands_from_file
from pursuit.app.replay import replay_script
from pursuit.core import commands as c
from pursuit.core.times import parse_time
from pursuit.loading.competition_file import load_competition
from pursuit.loading.format_files import format_definition
from pursuit.web.parts import Web


@pytest.fixture
def olympics(web: Web) -> str:
    web.hub.handle("mexico-1968", commands_from_file(EXAMPLE), "import", "import-1968")
    return "mexico-1968"


def board(client: TestClient) -> Any:
    return client.get("/c/cup/scoreboard.json").json()


def split(web: Web, heat: int, name: str, elapsed: str) -> None:
    web.hub.handle("cup", c.RecordSplit("Q", heat, name, elapsed=parse_time(elapsed)), "tk")


def test_the_final_of_1968_says_who_won_by_how_much_and_the_medals(
    client: TestClient, olympics: str
) -> None:
    heat = client.get(f"/c/{olympics}/heat/F/1.json").json()
    verdict = heat["verdict"]
    assert verdict["text"] == "Daniel Rébillard won by 0.72 s"
    assert [(m["name"], m["medal"]) for m in verdict["medals"]] == [
        ("Daniel Rébillard", "Gold"),
        ("Mogens Frey", "Silver"),
    ]
    html = client.get(f"/c/{olympics}/heat/F/1").text
    assert "Daniel Rébillard won by 0.72 s" in html
    assert '<span class="medal medal-gold">Gold</span> Daniel Rébillard' in html
    assert "▲ Winner" in html
    assert html.count('<span class="medal medal-silver">Silver</span>') == 2  # verdict, card


def test_a_record_set_in_a_heat_is_said_with_the_verdict(client: TestClient, olympics: str) -> None:
    # Frey's 4:37.54 in quarterfinal 4 was an Olympic record (Wikipedia, "Cycling at the 1968
    # Summer Olympics – Men's individual pursuit")
    verdict = client.get(f"/c/{olympics}/heat/QF/4.json").json()["verdict"]
    assert verdict["text"].startswith("Mogens Frey won by ")
    assert verdict["records"] == ["OR (Olympic record) by Mogens Frey"]
    assert (
        "Record: OR (Olympic record) by Mogens Frey" in client.get(f"/c/{olympics}/heat/QF/4").text
    )


def test_the_scoreboard_of_a_finished_competition_shows_its_final(
    client: TestClient, olympics: str
) -> None:
    data = client.get(f"/c/{olympics}/scoreboard.json").json()
    assert data["shown"] == "complete"
    assert data["board"]["title"] == "Final"
    assert data["board"]["verdict"]["text"] == "Daniel Rébillard won by 0.72 s"
    winner = next(c for c in data["board"]["competitors"] if c["winner"])
    assert (winner["name"], winner["time"], winner["medal"]) == (
        "Daniel Rébillard",
        "4:41.71",
        "Gold",
    )
    assert "/c/mexico-1968/scoreboard" in client.get(f"/c/{olympics}").text


def test_the_scoreboard_follows_the_track(client: TestClient, web: Web) -> None:
    first = board(client)
    assert first["shown"] == "next"
    heat = first["board"]["number"]
    a, b = heat_riders(web, "Q", heat)
    assert [x["name"] for x in first["board"]["competitors"]] == [a, b]
    assert first["board"]["passage"] == "1 of 2"

    web.hub.handle("cup", c.StartHeat("Q", heat), "tk")
    running = board(client)
    assert running["shown"] == "running"
    assert running["board"]["latest"] is None
    assert running["next"]["number"] != heat
    for k, (ta, tb) in enumerate((("19.9", "20.1"), ("36.1", "36.6"), ("52.9", "52.2")), 1):
        split(web, heat, a, ta)
        split(web, heat, b, tb)
        latest = board(client)["board"]["latest"]
        assert latest["label"] == f"Half lap {k}"
    now = board(client)["board"]
    assert (now["latest"]["leader"], now["latest"]["gap"]) == (b, "0.700")
    assert [(g["label"], g["leader"]) for g in now["previous"]] == [
        ("Half lap 2", a),
        ("Half lap 1", a),
    ]
    leads = {x["name"]: x["leads"] for x in now["competitors"]}
    assert leads == {a: False, b: True}
    assert {x["laps_done"] for x in now["competitors"]} == {"1½"}
    assert {x["to_go"] for x in now["competitors"]} == {"14½"}

    web.hub.handle("cup", c.RecordCatch("Q", heat, b, 4), "tk")
    catching = board(client)  # in a timed round the catcher rides on to the finish
    assert catching["shown"] == "running"
    assert catching["board"]["catch"].startswith(f"{b} caught {a}")
    web.hub.handle("cup", c.RecordFinish("Q", heat, b, parse_time("3:31.000")), "tk")
    web.hub.handle("cup", c.RecordFinish("Q", heat, a, parse_time("3:45.000")), "tk")
    caught = board(client)
    assert caught["shown"] == "result"
    assert caught["board"]["verdict"]["how"] == "catch"
    assert caught["board"]["verdict"]["text"].startswith(f"{b} caught {a}")
    fragment = client.get("/c/cup/scoreboard/fragment").text
    assert f"{b} caught {a}" in fragment
    assert "<html" not in fragment


def test_an_opponent_who_does_not_start_is_said_on_the_heat_page(
    client: TestClient, web: Web
) -> None:
    a, b = heat_riders(web, "Q", 1)
    web.hub.handle("cup", c.RecordNonStart("Q", b), "com")
    web.hub.handle("cup", c.StartHeat("Q", 1), "tk")
    web.hub.handle("cup", c.RecordFinish("Q", 1, a, parse_time("3:40.000")), "tk")
    data = client.get("/c/cup/heat/Q/1.json").json()
    assert data["verdict"]["text"] == f"{b} did not start (DNS)"
    assert data["verdict"]["winner"] == a


def test_an_imported_team_pursuit_shows_its_last_heat_with_the_teams_riders(
    client: TestClient, web: Web
) -> None:
    example = EXAMPLE.with_name("example-club-team-pursuit.toml")
    web.hub.handle("club", commands_from_file(example), "import", "import-club")
    data = client.get("/c/club/scoreboard.json").json()
    assert data["shown"] == "complete"
    teams = data["board"]["competitors"]
    assert all(len(team["riders"]) == 4 for team in teams)
    assert data["board"]["verdict"]["winner"] in {team["name"] for team in teams}
    assert client.get("/c/club/scoreboard").status_code == 200


def replayed_heat_12(web: Web) -> Iterator[Any]:
    """The 1968 replay up to qualifying heat 12 (Rébillard catches McNab), then that heat one
    step at a time: yields each command of the heat once it has been handled."""
    comp = load_competition(EXAMPLE).competition
    steps = replay_script(comp, "olympic-1968", format_definition("olympic-1968"))
    start = next(
        k
        for k, step in enumerate(steps)
        if isinstance(step.command, c.StartHeat)
        and (step.command.round, step.command.heat) == ("Q", 12)
    )
    for step in steps[:start]:
        web.hub.handle("mx", step.command, "replay")
    for step in steps[start:]:
        if isinstance(step.command, c.StartHeat) and step.command.heat != 12:
            return
        web.hub.handle("mx", step.command, "replay")
        yield step.command


def test_the_scoreboard_rings_the_bell_on_a_riders_last_lap_and_says_a_catch(
    client: TestClient, web: Web
) -> None:
    bells: list[tuple[str, int]] = []  # (rider, his splits) whenever his bell shows
    caught_seen = False
    for command in replayed_heat_12(web):
        data = client.get("/c/mx/scoreboard.json").json()
        riders = {r["name"]: r for r in data["board"]["competitors"]}
        mcnab, rebillard = riders["Denfield McNab"], riders["Daniel Rébillard"]
        if isinstance(command, c.RecordCatch):
            assert mcnab["caught"] and not rebillard["caught"]
            html = client.get("/c/mx/scoreboard/fragment").text
            assert '<p class="sb-cue sb-cue-caught">CAUGHT</p>' in html
            caught_seen = True
        for rider in riders.values():
            if rider["last_lap"]:
                assert data["board"]["last_lap"] and rider["to_go"] in ("1", "½")
                bells.append((rider["name"], int(rider["laps_done"].rstrip("½") or 0)))
        if rebillard["last_lap"] and not rebillard["caught"]:
            html = client.get("/c/mx/scoreboard/fragment").text
            assert "LAST LAP" in html
            # the half laps before the latest name the leader's side in words, not by colour
            assert re.search(r"Half lap \d+</span> \+[0-9.:]+ s ▲ Red</li>", html), html
    assert caught_seen
    # Rébillard's bell from his 22nd half lap (11 laps done of 12) until his finish
    assert ("Daniel Rébillard", 11) in bells
    assert all(laps >= 11 for _, laps in bells)
    final = client.get("/c/mx/scoreboard.json").json()["board"]
    assert final["status"] == "finished" and not final["last_lap"]
    assert not any(r["last_lap"] for r in final["competitors"])
    assert "LAST LAP" not in client.get("/c/mx/scoreboard/fragment").text
