"""Access taken back on the web: logging out ends the session (its cookie replayed lets no one
in), disabling an operator or changing their password voids their sessions and tokens at once,
tokens expire; the console's Users screen shows and takes access back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_support import FAST_HASHING, PASSWORD, Console, seed, settings

from pursuit.operators.passwords import Passwords
from pursuit.operators.registry import Operators
from pursuit.web.app import create_app
from pursuit.web.auth.sessions import COOKIE
from pursuit.web.parts import Web

START = {"round": "Q", "heat": "1"}


def session_cookie(client: TestClient) -> str:
    value = client.cookies.get(COOKIE)
    assert value
    return value


def replaying(app: FastAPI, cookie: str) -> TestClient:
    """Another browser holding only this cookie (the app is already started: no lifespan)."""
    return TestClient(app, cookies={COOKIE: cookie})


def logged_in_as(app: FastAPI, cookie: str) -> bool:
    """Whether a browser holding only this cookie is let into the console."""
    answer = replaying(app, cookie).get("/console", follow_redirects=False)
    return answer.status_code == 200


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_logging_out_ends_the_session_so_its_old_cookie_lets_no_one_in(
    app: FastAPI, console: Console, web: Web
) -> None:
    assert console.login("tk").status_code == 303
    old = session_cookie(console.client)
    assert logged_in_as(app, old)
    out = console.client.post("/console/logout", data={"csrf": console.csrf("/console")})
    assert out.status_code == 200 and "Log in" in out.text
    assert not logged_in_as(app, old)
    replay = replaying(app, old)
    csrf = Console(replay).csrf("/console/login")
    head = web.hub.head("cup")
    answer = replay.post(
        "/console/c/cup/start", data={**START, "csrf": csrf}, follow_redirects=False
    )
    assert answer.status_code == 303 and answer.headers["location"].startswith("/console/login")
    assert web.hub.head("cup") == head


def test_disabling_an_operator_ends_their_session_voids_their_token_and_bars_login(
    app: FastAPI, console: Console, client: TestClient, web: Web
) -> None:
    token = client.post("/api/token", json={"name": "tk", "password": PASSWORD}).json()["token"]
    console.login("tk")
    cookie = session_cookie(client)
    web.users.disable("tk", "boss")
    assert not logged_in_as(app, cookie)
    refused = client.get("/api/competitions/cup").status_code  # reads stay open
    assert refused == 200
    answer = client.post("/api/competitions/cup/starts", json=START, headers=bearer(token))
    assert answer.status_code == 401
    assert answer.json()["error"]["message"] == "unknown or revoked token"
    assert console.login("tk").status_code == 401
    again = client.post("/api/token", json={"name": "tk", "password": PASSWORD})
    assert again.status_code == 401
    web.users.enable("tk", "boss")
    assert console.login("tk").status_code == 303


def test_a_password_change_ends_the_sessions_and_voids_the_tokens(
    app: FastAPI, console: Console, client: TestClient, web: Web
) -> None:
    token = client.post("/api/token", json={"name": "tk", "password": PASSWORD}).json()["token"]
    console.login("tk")
    cookie = session_cookie(client)
    web.users.set_password("tk", "a brand new password", "boss")
    assert not logged_in_as(app, cookie)
    answer = client.post("/api/competitions/cup/starts", json=START, headers=bearer(token))
    assert answer.status_code == 401


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)

    def __call__(self) -> str:
        return self.now.isoformat()


def test_a_token_says_when_it_expires_and_is_refused_as_expired_after(
    app: FastAPI, client: TestClient, web: Web
) -> None:
    clock = Clock()
    web.users = Operators(web.hub.service.store, Passwords(FAST_HASHING), clock)
    issued = client.post("/api/token", json={"name": "com", "password": PASSWORD}).json()
    assert issued["expires_at"] == "2026-12-31T10:00:00+00:00"
    body = {"round": "Q", "heat": "1"}
    clock.now += timedelta(days=30)
    answer = client.post("/api/competitions/cup/starts", json=body, headers=bearer(issued["token"]))
    assert answer.status_code == 401
    assert answer.json()["error"] == {
        "code": "unauthenticated",
        "message": "token expired",
        "field": None,
    }


@pytest.mark.slow
def test_another_server_on_the_same_database_sees_logout_and_disable_at_once(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'shared.db'}"
    first, second = create_app(settings(url)), create_app(settings(url))
    seed(first.state.web)
    with TestClient(first) as a, TestClient(second):
        Console(a).login("tk")
        cookie = session_cookie(a)
        assert logged_in_as(second, cookie)
        a.post("/console/logout", data={"csrf": Console(a).csrf("/console")})
        assert not logged_in_as(second, cookie)
        Console(a).login("com")
        cookie = session_cookie(a)
        assert logged_in_as(second, cookie)
        second.state.web.users.disable("com", "boss")
        assert not logged_in_as(first, cookie)


def test_the_users_screen_shows_who_is_disabled_and_takes_tokens_back(
    console: Console, web: Web
) -> None:
    web.users.issue_token("tk", "boss")
    web.users.issue_token("tk", "boss")
    console.login("boss")
    page = console.client.get("/console/users").text
    assert "2 in force" in page and "disabled" not in page.split("<tbody>")[1]
    revoked = console.post("/console/users/revoke", {"name": "tk"}, page="/console/users")
    assert revoked.status_code == 200 and "2 tokens of tk revoked" in revoked.text
    assert web.users.tokens_in_force("tk") == 0
    disabled = console.post("/console/users/disable", {"name": "tk"}, page="/console/users")
    assert disabled.status_code == 200 and "tk is disabled" in disabled.text
    row = disabled.text.split('<th scope="row">tk</th>')[1].split("</tr>")[0]
    assert "<strong>disabled</strong>" in row and "Enable" in row
    twice = console.post("/console/users/disable", {"name": "tk"}, page="/console/users")
    assert twice.status_code == 400 and "user &#39;tk&#39; is disabled" in twice.text
    enabled = console.post("/console/users/enable", {"name": "tk"}, page="/console/users")
    assert enabled.status_code == 200 and "tk may log in again" in enabled.text
    user = web.users.get("tk")
    assert user is not None and not user.disabled
