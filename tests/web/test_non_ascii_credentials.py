"""Whatever text a visitor sends as a session cookie or a form's CSRF token, the answer is a
refusal (403) or an anonymous visit, never a 500."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_support import PASSWORD, Console

from pursuit.web.auth.sessions import COOKIE

START = {"round": "Q", "heat": "1"}


NON_ASCII = ["é", "ü" * 43, "\u2603.\u2603", "x\x00y"]


def test_a_console_post_with_a_non_ascii_csrf_token_is_refused_not_an_error(
    console: Console, client: TestClient
) -> None:
    for value in NON_ASCII:
        form = {"name": "tk", "password": PASSWORD, "csrf": value}
        assert client.post("/console/login", data=form).status_code == 403, value
    console.login("com")
    for value in NON_ASCII:
        answer = client.post("/console/c/cup/start", data={**START, "csrf": value})
        assert answer.status_code == 403, value
        assert client.post("/console/logout", data={"csrf": value}).status_code == 403


def test_a_non_ascii_session_cookie_is_an_anonymous_visitor_not_an_error(app: FastAPI) -> None:
    with TestClient(app) as client:
        for value in ("é.é", "ÿ", "abc.dé", "é"):
            cookie = f"{COOKIE}={value}".encode()
            page = client.get("/console/login", headers={"cookie": cookie})
            assert page.status_code == 200, value
            console = client.get("/console", headers={"cookie": cookie}, follow_redirects=False)
            assert console.status_code == 303, value
            post = client.post("/console/logout", headers={"cookie": cookie}, data={"csrf": "x"})
            assert post.status_code == 403, value
