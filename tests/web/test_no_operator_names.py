"""Operators' login names are not public: the anonymous log shows roles, and no public page,
JSON document or live frame carries a name; operators still see who recorded what."""

from __future__ import annotations

import httpx
import pytest
from fastapi.testclient import TestClient
from web_support import PASSWORD, Console, LiveServer, heat_riders

from pursuit.web.parts import Web

NAME = "zebulon-the-timer"


@pytest.fixture
def recorded(client: TestClient, web: Web) -> dict[str, str]:
    """A split and a correction by the timekeeper NAME, through the API."""
    web.users.add(NAME, "timekeeper", PASSWORD, "setup")
    token = client.post("/api/token", json={"name": NAME, "password": PASSWORD}).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    red, _ = heat_riders(web)
    api = "/api/competitions/cup"
    assert client.post(f"{api}/starts", json={"round": "Q", "heat": 1}, headers=auth).is_success
    split = {"round": "Q", "heat": 1, "entrant": red, "time": "12.345"}
    assert client.post(f"{api}/splits", json=split, headers=auth).is_success
    return auth


def test_the_anonymous_log_shows_roles_and_an_operator_sees_names(
    client: TestClient, recorded: dict[str, str]
) -> None:
    public = client.get("/api/competitions/cup/log")
    assert NAME not in public.text
    actors = [e["actor"] for e in public.json()["events"]]
    assert actors[-2:] == ["timekeeper", "timekeeper"]
    assert set(actors[:-2]) == {"operator"}  # "setup" is no user: its role is not known
    assert "setup" not in public.text
    for_operator = client.get("/api/competitions/cup/log", headers=recorded)
    assert [e["actor"] for e in for_operator.json()["events"]][-2:] == [NAME, NAME]
    wrong_token = client.get(
        "/api/competitions/cup/log", headers={"Authorization": "Bearer nonsense"}
    )
    assert NAME not in wrong_token.text


def test_a_console_session_sees_names(client: TestClient, recorded: dict[str, str]) -> None:
    assert Console(client).login(NAME).status_code == 303
    assert NAME in client.get("/api/competitions/cup/log").text


PUBLIC = [
    "/",
    "/c/cup",
    "/c/cup/heats/Q/1",
    "/c/cup/start-lists/Q",
    "/c/cup/results/Q",
    "/c/cup/classification",
    "/api/competitions",
    "/api/competitions/cup",
    "/api/competitions/cup/heats/Q/1",
    "/api/competitions/cup/start-lists/Q",
    "/api/competitions/cup/results/Q",
    "/api/competitions/cup/results",
    "/api/competitions/cup/classification",
    "/api/competitions/cup/log",
    "/api/competitions/_users/log",
]


def test_no_public_page_or_document_names_an_operator(
    client: TestClient, recorded: dict[str, str]
) -> None:
    for path in PUBLIC:
        answer = client.get(path)
        assert answer.status_code in (200, 404), path
        assert NAME not in answer.text, path


@pytest.mark.slow
def test_the_live_stream_names_no_operator(live: LiveServer, web: Web) -> None:
    web.users.add(NAME, "timekeeper", PASSWORD, "setup")
    with httpx.Client(base_url=live.url, timeout=5) as client:
        token = client.post("/api/token", json={"name": NAME, "password": PASSWORD})
        auth = {"Authorization": f"Bearer {token.json()['token']}"}
        with client.stream("GET", "/c/cup/events") as stream:
            started = client.post(
                "/api/competitions/cup/starts", json={"round": "Q", "heat": 1}, headers=auth
            )
            assert started.status_code == 201
            frames = ""
            for line in stream.iter_lines():
                frames += line + "\n"
                if f'"position":{started.json()["position"]}' in line:
                    break
    assert "event: update" in frames and NAME not in frames
