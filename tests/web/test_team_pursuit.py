"""A team pursuit run live through the JSON API, from entries to the final classification:
teams entered with rosters, line-ups declared per round (and the default one taken at the
start), splits and finishes on the counting rider, a rider dropped, a catch in the first round
after which the caught team eases on to a time, the finals drawn from the format; the marks
(Q, QG, QB) and the line-ups shown on the pages."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from web_support import PASSWORD, Console

from pursuit.web.parts import Web

TEAMS = [f"Team {n}" for n in range(1, 10)]  # Team 1 is the fastest in qualifying
NATIONS = ["DEN", "GBR", "ITA", "NZL", "AUS", "FRA", "GER", "CAN", "SUI"]


def roster(team: str, size: int = 4) -> list[str]:
    return [f"{team} rider {k}" for k in range(1, size + 1)]


class Track:
    """The API as the officials use it: the admin enters, the commissaire draws and declares
    line-ups, the timekeeper rides the heats."""

    def __init__(self, client: TestClient, web: Web, cid: str) -> None:
        self.client, self.web, self.cid = client, web, cid
        self.auth = {name: self.token(name) for name in ("boss", "com", "tk")}

    def token(self, name: str) -> dict[str, str]:
        answer = self.client.post("/api/token", json={"name": name, "password": PASSWORD})
        assert answer.status_code == 200
        return {"Authorization": f"Bearer {answer.json()['token']}"}

    def post(self, who: str, path: str, body: dict[str, Any], status: int = 201) -> Any:
        answer = self.client.post(
            f"/api/competitions/{self.cid}/{path}", json=body, headers=self.auth[who]
        )
        assert answer.status_code == status, answer.text
        return answer.json()

    def refused(self, who: str, path: str, body: dict[str, Any]) -> str:
        error = self.post(who, path, body, status=400)["error"]
        return str(error["message"])

    def get(self, path: str) -> Any:
        answer = self.client.get(f"/api/competitions/{self.cid}/{path}")
        assert answer.status_code == 200, answer.text
        return answer.json()

    def heats(self, round_id: str) -> dict[int, tuple[str, ...]]:
        state = self.web.hub.service.existing(self.cid)
        return {n: h.entrants for n, h in state.heats[round_id].items()}

    def draw(self, round_id: str) -> None:
        self.post("com", "draws", {"round": round_id})

    def ride(
        self,
        round_id: str,
        heat: int,
        times: dict[str, str],
        splits: dict[str, list[str]] | None = None,
    ) -> None:
        self.post("tk", "starts", {"round": round_id, "heat": heat})
        for team, elapsed in (splits or {}).items():
            for time in elapsed:
                body = {"round": round_id, "heat": heat, "entrant": team, "time": time}
                self.post("tk", "splits", body)
        for team, time in times.items():
            self.post(
                "tk", "finishes", {"round": round_id, "heat": heat, "entrant": team, "time": time}
            )

    def classification(self) -> list[tuple[str, str]]:
        document = self.get("results")
        return [(p["rank"], p["name"]) for p in document["classification"]]


def create(client: TestClient, web: Web, cid: str, fmt: str) -> Track:
    track = Track(client, web, cid)
    answer = client.post(
        "/api/competitions",
        json={
            "id": cid,
            "title": "Example club championship, team pursuit",
            "format": fmt,
            "event": "team pursuit",
            "track_length_m": 250,
            "dates": ["2026-06-01"],
        },
        headers=track.auth["boss"],
    )
    assert answer.status_code == 201, answer.text
    for k, (team, nation) in enumerate(zip(TEAMS, NATIONS, strict=True)):
        size = 5 if team == "Team 1" else 4
        body = {"name": team, "nation": nation, "seed_time": f"3:{50 + k}.000"}
        track.post("boss", "entrants", body | {"roster": roster(team, size)})
    return track


def qualify_and_ride_the_first_round(track: Track) -> None:
    """Qualifying (Team 1 fastest … Team 9 slowest), then the first round: Team 8 loses a
    rider and rides on with three; Team 1 catches Team 4, which eases on to a time."""
    # Line-ups before qualifying: Team 1 leaves its rider 4 out; the others take the default.
    track.draw("Q")
    t1 = ["Team 1 rider 1", "Team 1 rider 2", "Team 1 rider 3", "rider 5"]  # a part will do
    track.post("com", "lineups", {"round": "Q", "team": "Team 1", "riders": t1})
    for number, pair in track.heats("Q").items():
        times = {team: f"3:{50 + TEAMS.index(team)}.000" for team in pair}
        splits = {team: ["22.100", "29.600"] for team in pair} if number == 1 else None
        track.ride("Q", number, times, splits)
    assert track.web.hub.service.existing(track.cid).ride("Q", "Team 2").lineup == tuple(
        roster("Team 2")
    )
    track.draw("R1")
    assert track.heats("R1") == {
        1: ("Team 6", "Team 7"),
        2: ("Team 5", "Team 8"),
        3: ("Team 2", "Team 3"),
        4: ("Team 1", "Team 4"),
    }
    # Between rounds the line-up may change (3.2.079): Team 1 brings rider 4 back.
    track.post("com", "lineups", {"round": "R1", "team": "Team 1", "riders": roster("Team 1")})
    track.ride("R1", 1, {"Team 6": "3:52.000", "Team 7": "3:53.000"})
    track.post("tk", "starts", {"round": "R1", "heat": 2})
    drop = {"round": "R1", "heat": 2, "team": "Team 8", "rider": "rider 2", "half_lap": 10}
    done = track.post("tk", "riders-dropped", drop)
    assert [e["type"] for e in done["events"]] == ["RiderDropped"]  # rides on with three
    for team, time in (("Team 5", "3:51.500"), ("Team 8", "3:55.000")):
        track.post("tk", "finishes", {"round": "R1", "heat": 2, "entrant": team, "time": time})
    track.ride("R1", 3, {"Team 2": "3:49.000", "Team 3": "3:50.000"})
    track.post("tk", "starts", {"round": "R1", "heat": 4})
    track.post("tk", "catches", {"round": "R1", "heat": 4, "catcher": "Team 1", "half_lap": 30})
    for team, time in (("Team 1", "3:48.000"), ("Team 4", "3:54.000")):  # Team 4 eases on
        track.post("tk", "finishes", {"round": "R1", "heat": 4, "entrant": team, "time": time})


def test_a_uci_team_pursuit_runs_from_entries_to_the_classification(
    client: TestClient, web: Web
) -> None:
    track = create(client, web, "tp", "uci-team-pursuit")
    qualify_and_ride_the_first_round(track)
    track.draw("B")
    track.draw("F")
    assert track.heats("F") == {1: ("Team 1", "Team 2")}
    assert track.heats("B") == {1: ("Team 3", "Team 5")}
    # In the final for bronze Team 5 loses two riders: with two left it cannot finish.
    track.post("tk", "starts", {"round": "B", "heat": 1})
    for rider, events in (("Team 5 rider 4", ["RiderDropped"]), ("Team 5 rider 3", None)):
        body = {"round": "B", "heat": 1, "team": "Team 5", "rider": rider}
        done = track.post("tk", "riders-dropped", body)
        if events is not None:
            assert [e["type"] for e in done["events"]] == events
    assert [e["type"] for e in done["events"]] == ["RiderDropped", "OutcomeRecorded"]
    track.post("tk", "finishes", {"round": "B", "heat": 1, "entrant": "Team 3", "time": "3:49.500"})
    track.ride("F", 1, {"Team 2": "3:47.000", "Team 1": "3:47.500"})

    assert track.classification() == [
        ("1", "Team 2"),
        ("2", "Team 1"),
        ("3", "Team 3"),
        ("4", "Team 5"),
        ("5", "Team 6"),
        ("6", "Team 7"),
        ("7", "Team 4"),
        ("8", "Team 8"),
        ("9", "Team 9"),
    ]
    rounds = {r["id"]: r for r in track.get("results")["rounds"]}
    q_marks = {row["name"]: row.get("mark", "") for row in rounds["Q"]["ranking"]}
    assert q_marks == {team: ("Q" if team != "Team 9" else "") for team in TEAMS}
    r1 = {row["name"]: row for row in rounds["R1"]["ranking"]}
    assert {n: row.get("mark", "") for n, row in r1.items() if row.get("mark")} == {
        "Team 1": "QG",
        "Team 2": "QG",
        "Team 3": "QB",
        "Team 5": "QB",
    }
    assert "QG" in r1["Team 1"]["note"] and "Caught opponent" in r1["Team 1"]["note"]
    assert r1["Team 1"]["lineup"] == roster("Team 1")
    assert r1["Team 8"]["dropped"] == ["Team 8 rider 2"]
    assert rounds["Q"]["ranking"][0]["lineup"] == [
        "Team 1 rider 1",
        "Team 1 rider 2",
        "Team 1 rider 3",
        "Team 1 rider 5",
    ]
    # The pages: the round's results, the start list and the heat say who rode.
    results = track.get("results/R1")
    team8 = next(r for r in results["rows"] if r["name"] == "Team 8")
    assert team8["lineup"][1] == {"name": "Team 8 rider 2", "dropped": True}
    starts = track.get("start-lists/R1")
    assert starts["heats"][3]["starters"][0]["lineup"] == roster("Team 1")
    heat = client.get("/c/tp/heat/R1/2").text
    assert "<s>Team 8 rider 2</s> <small>(dropped)</small>" in heat
    assert "Times and splits on the 3rd rider of each team." in heat
    page = client.get("/c/tp/results/R1").text
    assert "Caught opponent, QG" in page


def test_a_line_up_is_refused_naming_the_team_and_the_rider_and_nothing_changes(
    client: TestClient, web: Web
) -> None:
    track = create(client, web, "tp", "uci-team-pursuit")
    track.draw("Q")
    body = {"round": "Q", "team": "Team 2"}
    stranger = track.refused("com", "lineups", body | {"riders": [*roster("Team 2")[:3], "Eve"]})
    assert "Team 2: Eve not on the team's roster" in stranger
    twice = track.refused("com", "lineups", body | {"riders": roster("Team 2")[:3] * 2})
    assert "named twice" in twice and "a line-up of 6; a team starts with 4 riders" in twice
    short = track.refused("com", "lineups", body | {"riders": roster("Team 2")[:3]})
    assert short == "Team 2: a line-up of 3; a team starts with 4 riders"
    role = track.post("tk", "lineups", body | {"riders": roster("Team 2")}, status=403)
    assert "needs a commissaire" in role["error"]["message"]
    assert track.web.hub.service.existing("tp").ride("Q", "Team 2").lineup == ()
    # Once the heat has started the line-up stays as it was.
    heat = next(n for n, pair in track.heats("Q").items() if "Team 2" in pair)
    track.post("tk", "starts", {"round": "Q", "heat": heat})
    late = track.refused("com", "lineups", body | {"riders": roster("Team 2")})
    assert late == "Team 2: Qualifying heat 4 has started; the line-up can no longer change"
    short_roster = track.refused("boss", "entrants", {"name": "Team X", "roster": ["A", "B"]})
    assert "roster" in short_roster


@pytest.mark.parametrize("cid", ["olympic-tp"])
def test_the_olympic_team_pursuit_rides_four_finals_for_places_1_to_8(
    client: TestClient, web: Web, cid: str
) -> None:
    track = create(client, web, cid, "olympic-team-pursuit")
    qualify_and_ride_the_first_round(track)
    for round_id in ("F78", "F56", "B", "F"):
        track.draw(round_id)
    assert track.heats("F78") == {1: ("Team 4", "Team 8")}
    assert track.heats("F56") == {1: ("Team 6", "Team 7")}
    track.ride("F78", 1, {"Team 4": "3:53.000", "Team 8": "3:54.000"})
    track.ride("F56", 1, {"Team 6": "3:52.500", "Team 7": "3:51.900"})
    track.ride("B", 1, {"Team 3": "3:49.500", "Team 5": "3:50.000"})
    track.ride("F", 1, {"Team 1": "3:46.000", "Team 2": "3:47.000"})
    assert track.classification() == [
        ("1", "Team 1"),
        ("2", "Team 2"),
        ("3", "Team 3"),
        ("4", "Team 5"),
        ("5", "Team 7"),
        ("6", "Team 6"),
        ("7", "Team 4"),
        ("8", "Team 8"),
        ("9", "Team 9"),
    ]
    # The final's line-up defaults to the team's previous one.
    assert web.hub.service.existing(cid).ride("F", "Team 1").lineup == tuple(roster("Team 1"))


def test_the_console_enters_a_team_declares_its_line_up_and_records_a_rider_dropped(
    client: TestClient, web: Web
) -> None:
    track = Track(client, web, "club")
    answer = client.post(
        "/api/competitions",
        json={"id": "club", "title": "Club TP", "format": "uci-team-pursuit"},
        headers=track.auth["boss"],
    )
    assert answer.status_code == 201
    meta = web.hub.service.existing("club").meta
    assert meta is not None and meta.event == "team pursuit"  # from the format
    console = Console(client)
    desk = "/console/c/club"
    console.login("boss")
    assert 'name="roster"' in client.get(desk).text
    for team in ("Team 1", "Team 2"):
        riders = "; ".join(roster(team, 5))
        sent = console.post(f"{desk}/enter", {"name": team, "roster": riders}, page=desk)
        assert sent.status_code == 303, sent.text
    refused = console.post(f"{desk}/enter", {"name": "Team 3", "roster": "A; B"}, page=desk)
    assert refused.status_code == 400 and "roster" in refused.text
    draw = {"round": "Q", "pairs": "Team 1 v Team 2", "confirmed": "yes"}
    console.post(f"{desk}/draw", draw, page=desk)
    page = client.get(desk).text
    assert "Declare a line-up" in page
    assert "Team 1: no line-up declared; the start takes the default." in page
    wanted = "Team 1 rider 2\nTeam 1 rider 3\nTeam 1 rider 4\nrider 5"
    sent = console.post(
        f"{desk}/lineup", {"round": "Q", "team": "Team 1", "riders": wanted}, page=desk
    )
    assert sent.status_code == 303, sent.text
    console.post(f"{desk}/start", {"round": "Q", "heat": "1"}, page=desk)
    page = client.get(f"{desk}?heat=Q/1").text
    assert 'Team 1: riders <span class="lineup">Team 1 rider 2, Team 1 rider 3' in page
    assert "Splits and finish on the 3rd rider." in page
    assert "Record dropped" in page
    assert 'name="team_stops"' in page and 'name="short_team"' in page  # a mishap's options
    drop = {"round": "Q", "heat": "1", "team": "Team 2", "rider": "Team 2 rider 1"}
    asked = console.post(f"{desk}/drop", drop, page=desk)
    assert asked.status_code == 200 and "Confirm: Team 2 rider 1 dropped" in asked.text
    sent = console.post(f"{desk}/drop", {**drop, "confirmed": "yes"}, page=desk)
    assert sent.status_code == 303, sent.text
    page = client.get(f"{desk}?heat=Q/1").text
    assert "<s>Team 2 rider 1</s> <small>(dropped)</small>" in page
