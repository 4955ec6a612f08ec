"""Every kind of response carries the security headers: pages, JSON, errors (a 500 too), static
files, charts (with their own policy), the API docs and the live stream."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_support import LiveServer

from pursuit.web.security_headers import DOCS_POLICY, PAGE_POLICY, PICTURE_POLICY

COMMON = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
}


def directives(policy: str) -> dict[str, list[str]]:
    parts = (d.split() for d in policy.split(";") if d.strip())
    return {name: values for name, *values in parts}


def assert_secured(headers: httpx.Headers, policy: str = PAGE_POLICY) -> None:
    for name, value in COMMON.items():
        assert headers.get_list(name) == [value], name
    assert "camera=()" in headers["permissions-policy"]
    assert headers.get_list("content-security-policy") == [policy]


def test_the_page_policy_allows_no_inline_script_no_framing_and_no_plugins() -> None:
    page = directives(PAGE_POLICY)
    assert page["script-src"] == ["'self'"]
    assert page["style-src"] == ["'self'"]
    assert page["frame-ancestors"] == ["'none'"]
    assert page["object-src"] == ["'none'"]
    assert page["base-uri"] == ["'self'"] and page["form-action"] == ["'self'"]
    assert page["connect-src"] == ["'self'"]
    for policy in (PAGE_POLICY, PICTURE_POLICY, DOCS_POLICY):
        assert "'unsafe-eval'" not in policy
        assert "'unsafe-inline'" not in directives(policy).get("script-src", [])
        assert directives(policy)["frame-ancestors"] == ["'none'"]
    assert "script-src" not in directives(PICTURE_POLICY)  # default-src 'none': no script


@pytest.mark.parametrize(
    ("path", "status", "kind"),
    [
        ("/", 200, "text/html"),
        ("/c/cup/results/Q", 200, "text/html"),
        ("/c/cup/results/Q.json", 200, "application/json"),
        ("/api/competitions", 200, "application/json"),
        ("/api/competitions/nowhere", 404, "application/json"),
        ("/c/nowhere", 404, "text/html"),
        ("/console/login", 200, "text/html"),
        ("/static/live.js", 200, "text/javascript"),
        ("/static/style.css", 200, "text/css"),
        ("/openapi.json", 200, "application/json"),
    ],
)
def test_pages_json_errors_and_static_files_carry_the_headers(
    client: TestClient, path: str, status: int, kind: str
) -> None:
    answer = client.get(path)
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith(kind)
    assert_secured(answer.headers)


def test_a_bad_form_and_a_refused_write_carry_them(client: TestClient) -> None:
    refused = client.post("/console/login", data={"name": "x", "password": "y", "csrf": "z"})
    assert refused.status_code in (400, 403)
    assert_secured(refused.headers)
    wrong = client.post("/api/token", json={"name": "tk", "password": "wrong"})
    assert wrong.status_code == 401
    assert wrong.json()["error"]["code"]
    assert_secured(wrong.headers)


def test_a_server_error_carries_them(app: FastAPI) -> None:
    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        answer = client.get("/boom", headers={"Accept": "application/json"})
    assert answer.status_code == 500
    assert answer.json()["error"]["code"]
    assert_secured(answer.headers)


@pytest.mark.slow
def test_a_chart_has_its_own_policy_its_inline_styles_and_no_script(client: TestClient) -> None:
    answer = client.get("/c/cup/charts/results/Q.svg")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "image/svg+xml"
    assert_secured(answer.headers, PICTURE_POLICY)
    again = client.get(
        "/c/cup/charts/results/Q.svg", headers={"If-None-Match": answer.headers["etag"]}
    )
    assert again.status_code == 304
    assert_secured(again.headers, PICTURE_POLICY)


def test_the_api_docs_load_their_script_from_files_the_policy_allows(
    client: TestClient,
) -> None:
    answer = client.get("/docs")
    assert answer.status_code == 200
    assert_secured(answer.headers, DOCS_POLICY)
    allowed = directives(DOCS_POLICY)["script-src"]
    scripts = [line for line in answer.text.splitlines() if "<script" in line]
    assert len(scripts) == 2
    for line in scripts:
        assert line.endswith("></script>")  # a src, no body
        source = line.split('src="')[1].split('"')[0]
        assert source.startswith("/") or any(source.startswith(a) for a in allowed), source


def test_the_live_stream_carries_them(live: LiveServer) -> None:
    with httpx.stream("GET", f"{live.url}/c/cup/events", timeout=5) as answer:
        assert answer.headers["content-type"].startswith("text/event-stream")
        assert_secured(answer.headers)
        first = next(answer.iter_lines())
        assert first.startswith("retry:")
