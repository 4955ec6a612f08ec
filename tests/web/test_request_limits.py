"""Request bodies are limited (413 in the one shape, before a large body is read), and protected
API routes authenticate before they look at the body (anonymous: 401 whatever the body)."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from web_support import PASSWORD, LiveServer

MIB = 1 << 20


def one_shape(answer: object, status: int, code: str) -> str:
    assert answer.status_code == status  # type: ignore[attr-defined]
    error = answer.json()["error"]  # type: ignore[attr-defined]
    assert set(error) == {"code", "message", "field"} and error["code"] == code
    return str(error["message"])


def test_a_body_declared_over_the_limit_is_a_413(client: TestClient) -> None:
    big = b'{"name": "tk", "password": "' + b"x" * (MIB + 1) + b'"}'
    answer = client.post("/api/token", content=big, headers={"Content-Type": "application/json"})
    assert "larger than 1,048,576 bytes" in one_shape(answer, 413, "too_large")


def test_a_chunked_body_over_the_limit_is_a_413(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"name": "tk", "password": "'
        for _ in range(20):
            yield b"x" * 65536
        yield b'"}'

    answer = client.post(
        "/api/token", content=chunks(), headers={"Content-Type": "application/json"}
    )
    one_shape(answer, 413, "too_large")


def test_a_body_within_the_limit_is_read(client: TestClient) -> None:
    answer = client.post("/api/token", json={"name": "tk", "password": PASSWORD})
    assert answer.status_code == 200


def test_a_large_declared_body_is_refused_before_it_is_sent(live: LiveServer) -> None:
    """Only the headers go out: were the server waiting for the 50 MB, no answer would come."""
    with socket.create_connection(("127.0.0.1", live.port), timeout=5) as conn:
        conn.sendall(
            b"POST /api/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 52428800\r\n\r\n"
        )
        head = conn.recv(4096)
    assert head.startswith(b"HTTP/1.1 413")
    assert b'"code":"too_large"' in head


@pytest.mark.parametrize(
    "body",
    [b'{"round": "Q", "heat": ', b"[]", b'{"unexpected": true}', b""],
    ids=["broken-json", "not-an-object", "wrong-fields", "empty"],
)
def test_anonymous_writes_are_a_401_whatever_the_body(client: TestClient, body: bytes) -> None:
    headers = {"Content-Type": "application/json"}
    for path in ("/api/competitions/cup/splits", "/api/competitions", "/api/users"):
        answer = client.post(path, content=body, headers=headers)
        one_shape(answer, 401, "unauthenticated")
        assert answer.headers["www-authenticate"] == "Bearer"


def test_a_lower_role_is_a_403_before_its_body_is_looked_at(client: TestClient) -> None:
    token = client.post("/api/token", json={"name": "tk", "password": PASSWORD}).json()["token"]
    answer = client.post(
        "/api/users",
        content=b"{broken",
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    one_shape(answer, 403, "forbidden")


def test_an_operator_with_a_bad_body_still_hears_what_is_wrong(client: TestClient) -> None:
    token = client.post("/api/token", json={"name": "tk", "password": PASSWORD}).json()["token"]
    answer = client.post(
        "/api/competitions/cup/starts",
        json={"round": "Q"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert "heat" in one_shape(answer, 400, "invalid_input")
