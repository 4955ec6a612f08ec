"""The console's doors: logins, roles, CSRF tokens and cookies."""

from __future__ import annotations

from fastapi.testclient import TestClient
from web_support import PASSWORD, Console

from pursuit.web.auth.sessions import COOKIE
from pursuit.web.parts import Web


def test_the_console_sends_an_anonymous_visitor_to_the_login(client: TestClient) -> None:
    answer = client.get("/console/c/cup", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/console/login?next=/console/c/cup"


def test_logging_in_and_out(console: Console, client: TestClient) -> None:
    answer = console.login("tk")
    assert answer.status_code == 303 and answer.headers["location"] == "/console"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    assert "tk (timekeeper)" in client.get("/console").text
    token = console.csrf("/console")
    out = client.post("/console/logout", data={"csrf": token}, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/console", follow_redirects=False).status_code == 303


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(
    console: Console,
) -> None:
    for name, password in (("tk", "not the password"), ("nobody", PASSWORD)):
        answer = console.login(name, password)
        assert answer.status_code == 401
        assert "Wrong name or password." in answer.text


def test_cookies_are_secure_over_https(app: object) -> None:
    with TestClient(app, base_url="https://testserver") as secure:  # type: ignore[arg-type]
        answer = Console(secure).login("tk")
        assert "Secure" in answer.headers["set-cookie"]


def test_anonymous_posts_are_refused_and_change_nothing(client: TestClient, web: Web) -> None:
    head = web.hub.head("cup")
    for path in (
        "/console/c/cup/start",
        "/console/c/cup/dsq",
        "/console/users/add",
        "/console/new",
        "/console/logout",
    ):
        answer = client.post(path, data={"round": "Q", "heat": "1"}, follow_redirects=False)
        assert answer.status_code == 403, path
    assert web.hub.head("cup") == head


def test_a_form_without_its_csrf_token_is_refused(console: Console, web: Web) -> None:
    console.login("com")
    head = web.hub.head("cup")
    answer = console.client.post(
        "/console/c/cup/start", data={"round": "Q", "heat": "1"}, follow_redirects=False
    )
    assert answer.status_code == 403
    assert "CSRF" in answer.text
    forged = console.client.post(
        "/console/c/cup/start", data={"round": "Q", "heat": "1", "csrf": "forged"}
    )
    assert forged.status_code == 403
    assert web.hub.head("cup") == head


def test_a_csrf_token_of_another_session_is_refused(app: object, web: Web) -> None:
    with TestClient(app) as first, TestClient(app) as second:  # type: ignore[arg-type]
        Console(first).login("com")
        Console(second).login("com")
        token_of_second = Console(second).csrf("/console/c/cup")
        answer = first.post(
            "/console/c/cup/start", data={"round": "Q", "heat": "1", "csrf": token_of_second}
        )
        assert answer.status_code == 403


def test_a_timekeeper_cannot_disqualify(console: Console, web: Web) -> None:
    console.login("tk")
    head = web.hub.head("cup")
    answer = console.post(
        "/console/c/cup/dsq", {"round": "Q", "entrant": "Anna Aalto", "reason": "test"}
    )
    assert answer.status_code == 403
    assert "is a timekeeper; this needs a commissaire or above" in answer.text
    assert web.hub.head("cup") == head
    assert "Disqualify or relegate" not in console.client.get("/console/c/cup").text


def test_a_commissaire_can_disqualify_but_not_manage_users(console: Console, web: Web) -> None:
    console.login("com")
    fields = {"round": "Q", "entrant": "anna", "reason": "irregular start"}
    asked = console.post("/console/c/cup/dsq", fields)  # asked again first: nothing recorded
    assert asked.status_code == 200 and "Disqualify Anna Aalto in Q?" in asked.text
    assert web.hub.head("cup") == 6
    done = console.post("/console/c/cup/dsq", {**fields, "confirmed": "yes"})
    assert done.status_code == 303
    assert web.hub.head("cup") == 7
    assert console.client.get("/console/users").status_code == 403


def test_a_password_change_ends_the_users_sessions(console: Console, web: Web) -> None:
    console.login("tk")
    assert console.client.get("/console", follow_redirects=False).status_code == 200
    web.users.set_password("tk", "another long password", "boss")
    assert console.client.get("/console", follow_redirects=False).status_code == 303


def test_a_forged_session_cookie_is_ignored(client: TestClient, web: Web) -> None:
    genuine = web.sessions.encode(web.sessions.new("boss", 1))
    body, _ = genuine.rsplit(".", 1)
    client.cookies.set(COOKIE, body + ".AAAA")
    assert client.get("/console", follow_redirects=False).status_code == 303


def test_an_admin_adds_a_user_and_issues_a_token(console: Console, web: Web) -> None:
    console.login("boss")
    added = console.post(
        "/console/users/add",
        {"name": "newbie", "role": "timekeeper", "password": "long enough pw"},
        page="/console/users",
    )
    assert added.status_code == 200 and "user newbie added as timekeeper" in added.text
    user = web.users.get("newbie")
    assert user is not None and user.password_hash.startswith("$argon2id$")
    issued = console.post("/console/users/token", {"name": "newbie"}, page="/console/users")
    token = issued.text.split("<code>")[1].split("</code>")[0]
    assert web.users.token_user(token) == user
    short = console.post(
        "/console/users/add",
        {"name": "other", "role": "timekeeper", "password": "short"},
        page="/console/users",
    )
    assert short.status_code == 400 and "at least 8 characters" in short.text
