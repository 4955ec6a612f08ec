"""The JSON API: tokens, one endpoint per action, roles, one error shape, OpenAPI."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_support import PASSWORD, heat_riders, seed, settings

from pursuit.web.app import create_app
from pursuit.web.parts import Web


def token(client: TestClient, name: str) -> dict[str, str]:
    answer = client.post("/api/token", json={"name": name, "password": PASSWORD})
    assert answer.status_code == 200
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def error(answer: object) -> dict[str, object]:
    document = answer.json()  # type: ignore[attr-defined]
    assert set(document) == {"error"} and set(document["error"]) == {"code", "message", "field"}
    return document["error"]  # type: ignore[no-any-return]


def test_a_token_records_a_split_and_the_answer_lists_the_events(
    client: TestClient, web: Web
) -> None:
    red, _ = heat_riders(web)
    auth = token(client, "tk")
    started = client.post(
        "/api/competitions/cup/starts", json={"round": "Q", "heat": 1}, headers=auth
    )
    assert started.status_code == 201
    answer = client.post(
        "/api/competitions/cup/splits",
        json={
            "round": "Q",
            "heat": 1,
            "entrant": "berg" if red == "Berit Berg" else red,
            "time": "12.345",
        },
        headers=auth,
    )
    assert answer.status_code == 201
    body = answer.json()
    assert body["position"] == 8
    assert body["events"][0]["type"] == "SplitRecorded"
    assert body["events"][0]["data"]["entrant"] == red
    assert body["events"][0]["description"].startswith("event 8: SplitRecorded")
    assert body["catch_proposal"] is None
    assert web.hub.events("cup", 7)[0].actor == "tk"


def test_a_time_of_thousands_of_digits_is_a_short_400_naming_the_field(
    client: TestClient, web: Web
) -> None:
    red, _ = heat_riders(web)
    body = {"round": "Q", "heat": 1, "entrant": red, "time": "9" * 5000 + ".5"}
    for headers in (token(client, "tk"), {}):
        answer = client.post("/api/competitions/cup/splits", json=body, headers=headers)
        assert answer.status_code in (400, 401)
        message = str(error(answer)["message"])
        assert "digits" not in message and len(message) < 200
    answer = client.post("/api/competitions/cup/splits", json=body, headers=token(client, "tk"))
    assert answer.status_code == 400
    assert error(answer)["field"] == "time"
    assert "not a race time" in str(error(answer)["message"])


def test_a_bad_time_is_a_400_naming_the_field(client: TestClient, web: Web) -> None:
    red, _ = heat_riders(web)
    auth = token(client, "tk")
    client.post("/api/competitions/cup/starts", json={"round": "Q", "heat": 1}, headers=auth)
    head = web.hub.head("cup")
    answer = client.post(
        "/api/competitions/cup/splits",
        json={"round": "Q", "heat": 1, "entrant": red, "time": "1:2:3:4"},
        headers=auth,
    )
    assert answer.status_code == 400
    problem = error(answer)
    assert problem["code"] == "invalid_input" and problem["field"] == "time"
    assert "not a race time" in str(problem["message"])
    assert web.hub.head("cup") == head


def test_a_rule_violation_is_a_400(client: TestClient, web: Web) -> None:
    red, _ = heat_riders(web)
    answer = client.post(
        "/api/competitions/cup/splits",
        json={"round": "Q", "heat": 1, "entrant": red, "time": "12.3"},
        headers=token(client, "tk"),
    )
    assert answer.status_code == 400
    assert error(answer)["code"] == "rule_violation"
    assert "not running" in str(error(answer)["message"])


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({}, 401, "unauthenticated"),
        ({"Authorization": "Bearer pst_nonsense"}, 401, "unauthenticated"),
        ({"Authorization": "Basic dGs6cHc="}, 401, "unauthenticated"),
    ],
)
def test_writes_need_a_valid_bearer_token(
    client: TestClient, headers: dict[str, str], status: int, code: str
) -> None:
    answer = client.post(
        "/api/competitions/cup/starts", json={"round": "Q", "heat": 1}, headers=headers
    )
    assert answer.status_code == status
    assert error(answer)["code"] == code
    assert answer.headers["www-authenticate"] == "Bearer"


def test_a_lower_role_is_a_403(client: TestClient, web: Web) -> None:
    head = web.hub.head("cup")
    answer = client.post(
        "/api/competitions/cup/disqualifications",
        json={"round": "Q", "entrant": "Anna Aalto", "reason": "x"},
        headers=token(client, "tk"),
    )
    assert answer.status_code == 403 and error(answer)["code"] == "forbidden"
    assert web.hub.head("cup") == head
    users = client.post(
        "/api/users",
        json={"name": "x", "role": "admin", "password": "p" * 9},
        headers=token(client, "com"),
    )
    assert users.status_code == 403


def test_unknown_things_are_404_and_bad_bodies_400(client: TestClient) -> None:
    auth = token(client, "com")
    missing = client.post(
        "/api/competitions/nope/starts", json={"round": "Q", "heat": 1}, headers=auth
    )
    assert missing.status_code == 404 and error(missing)["code"] == "not_found"
    assert error(client.get("/api/competitions/cup/heats/Q/9"))["code"] == "not_found"
    bad = client.post(
        "/api/competitions/cup/starts", json={"round": "Q", "heat": "first"}, headers=auth
    )
    assert bad.status_code == 400
    assert error(bad)["field"] == "heat"
    unknown_rider = client.post(
        "/api/competitions/cup/non-starts", json={"round": "Q", "entrant": "Zelda"}, headers=auth
    )
    assert unknown_rider.status_code == 400 and error(unknown_rider)["field"] == "entrant"


def test_a_lost_race_between_writers_is_a_409(client: TestClient, web: Web) -> None:
    from pursuit.store.errors import ConcurrencyConflict

    auth = token(client, "tk")
    store = web.hub.service.store
    original = store.append

    def lose(*args: object, **kwargs: object) -> object:
        raise ConcurrencyConflict("cup", 6, 7)

    store.append = lose  # type: ignore[method-assign]
    try:
        answer = client.post(
            "/api/competitions/cup/starts", json={"round": "Q", "heat": 1}, headers=auth
        )
    finally:
        store.append = original  # type: ignore[method-assign]
    assert answer.status_code == 409 and error(answer)["code"] == "conflict"


def test_an_idempotency_key_applies_a_retried_request_once(client: TestClient, web: Web) -> None:
    auth = {**token(client, "tk"), "Idempotency-Key": "start-q1"}
    first = client.post(
        "/api/competitions/cup/starts", json={"round": "Q", "heat": 1}, headers=auth
    )
    again = client.post(
        "/api/competitions/cup/starts", json={"round": "Q", "heat": 1}, headers=auth
    )
    assert first.status_code == again.status_code == 201
    assert first.json()["events"] == again.json()["events"]
    assert web.hub.head("cup") == 7


def test_a_reused_idempotency_key_with_another_request_is_refused_not_answered_created(
    client: TestClient, web: Web
) -> None:
    client.post(
        "/api/competitions/cup/starts", json={"round": "Q", "heat": 1}, headers=token(client, "tk")
    )
    red, green = heat_riders(web)
    key = {"Idempotency-Key": "K"}
    split = {"round": "Q", "heat": 1, "time": "19.50"}
    first = client.post(
        "/api/competitions/cup/splits",
        json={**split, "entrant": red},
        headers={**token(client, "tk"), **key},
    )
    head = web.hub.head("cup")
    other_rider = client.post(
        "/api/competitions/cup/splits",
        json={**split, "entrant": green},
        headers={**token(client, "tk"), **key},
    )
    other_actor = client.post(
        "/api/competitions/cup/splits",
        json={**split, "entrant": red},
        headers={**token(client, "com"), **key},
    )
    assert first.status_code == 201
    for refused in (other_rider, other_actor):
        assert refused.status_code == 422
        assert error(refused)["code"] == "idempotency_key_reused"
    assert web.hub.head("cup") == head  # nothing was recorded, nothing was lost silently


def test_read_endpoints_serve_the_page_models(client: TestClient) -> None:
    assert client.get("/api/competitions").json()["competitions"][0]["id"] == "cup"
    overview = client.get("/api/competitions/cup").json()
    assert overview == client.get("/c/cup.json").json()
    assert client.get("/api/competitions/cup/start-lists/Q").json()["heats"]
    assert client.get("/api/competitions/cup/results").json()["competition"]["title"] == "Test Cup"
    log = client.get("/api/competitions/cup/log?after=5").json()["events"]
    assert [e["position"] for e in log] == [6]


def test_the_openapi_document_lists_the_write_endpoints_with_bodies(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for action in (
        "starts",
        "splits",
        "finishes",
        "catches",
        "non-starts",
        "non-finishes",
        "disqualifications",
        "relegations",
        "corrections",
        "decisions",
        "entrants",
        "draws",
    ):
        operation = paths[f"/api/competitions/{{cid}}/{action}"]["post"]
        assert "requestBody" in operation, action
        responses = operation["responses"]
        assert "403" in responses
        # bad input is a 400, in the one error shape; 422 is only a reused Idempotency-Key
        assert "Idempotency-Key" in responses["422"]["description"]
        assert {"413", "503", "507"} <= set(responses)
    assert "/api/token" in paths and "/api/competitions/{cid}/heats/{round_id}/{number}" in paths
    split_schema = spec["components"]["schemas"]["Split"]
    assert {"round", "heat", "entrant"} <= set(split_schema["required"])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"distance_m": 10**30}, "distance_m"),
        ({"distance_m": 0}, "distance_m"),
        ({"distance_m": 99}, "distance_m"),
        ({"dates": ["not-a-date"]}, "dates"),
        ({"dates": ["2026-02-30"]}, "dates"),
    ],
)
def test_a_new_competition_with_an_impossible_distance_or_date_is_refused_naming_the_field(
    client: TestClient, web: Web, change: dict[str, object], field: str
) -> None:
    body = {"id": "spring", "title": "Spring", "format": "uci-individual-pursuit", **change}
    answer = client.post("/api/competitions", json=body, headers=token(client, "boss"))
    assert answer.status_code == 400
    assert error(answer)["field"] == field
    assert not web.hub.head("spring")
    fine = {**body, "distance_m": 3000, "dates": ["2026-04-01"]}
    assert (
        client.post("/api/competitions", json=fine, headers=token(client, "boss")).status_code
        == 201
    )


@pytest.mark.parametrize("bad", ["Spring 2026", "-spring", "x" * 64, "é"])
def test_a_bad_competition_id_is_refused_in_words_not_with_a_pattern(
    client: TestClient, web: Web, bad: str
) -> None:
    body = {"id": bad, "title": "Spring", "format": "uci-individual-pursuit"}
    answer = client.post("/api/competitions", json=body, headers=token(client, "boss"))
    assert answer.status_code == 400
    problem = error(answer)
    assert problem["field"] == "id"
    assert "lowercase letters, digits and hyphens" in problem["message"]
    assert "[a-z" not in problem["message"] and repr(bad) in problem["message"]
    assert web.hub.competitions() == ["cup"]


@pytest.mark.parametrize("after", [str(2**63), "9" * 40, "-1"])
def test_the_log_from_a_position_past_any_database_integer_is_a_400_not_a_500(
    tmp_path: Path, after: str
) -> None:
    app = create_app(settings(f"sqlite:///{tmp_path / 'log.db'}"))
    seed(app.state.web)
    with TestClient(app) as client:
        answer = client.get(f"/api/competitions/cup/log?after={after}")
        assert answer.status_code == 400
        assert error(answer)["field"] == "after"
        last = client.get(f"/api/competitions/cup/log?after={2**53 - 1}")
        assert last.json()["events"] == []


@pytest.mark.parametrize("number", [str(2**63), "9" * 40])
def test_a_heat_number_past_any_integer_is_not_found_not_a_500(
    client: TestClient, number: str
) -> None:
    for url in (f"/api/competitions/cup/heats/Q/{number}", f"/c/cup/heats/Q/{number}"):
        assert client.get(url).status_code in (400, 404), url


@pytest.mark.parametrize(
    ("nation", "said"),
    [("ZZZ", "unknown nation code 'ZZZ'"), ("ger", "nation code 'ger' is written 'GER'")],
)
def test_an_entrant_with_an_unknown_nation_code_is_a_400_naming_the_field(
    client: TestClient, web: Web, nation: str, said: str
) -> None:
    boss = token(client, "boss")
    body = {"id": "spring", "title": "Spring", "format": "uci-individual-pursuit"}
    assert client.post("/api/competitions", json=body, headers=boss).status_code == 201
    head = web.hub.head("spring")
    entrant = {"name": "Anna Berg", "nation": nation}
    answer = client.post("/api/competitions/spring/entrants", json=entrant, headers=boss)
    assert answer.status_code == 400
    assert error(answer)["field"] == "nation" and said in str(error(answer)["message"])
    assert web.hub.head("spring") == head
    historic = {"name": "Anna Berg", "nation": "URS"}
    answer = client.post("/api/competitions/spring/entrants", json=historic, headers=boss)
    assert answer.status_code == 201
