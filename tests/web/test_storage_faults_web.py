"""The web says what is wrong with the storage: a full disk is 507 `storage_full` (not a 503
"try again"), a read-only database serves its pages and refuses writes with 503 `read_only`."""

from __future__ import annotations

import sqlite3
import warnings
from pathlib import Path

import pytest
from web_support import seed, settings

from pursuit.store.sqlite import SqliteEventStore
from pursuit.web.app import create_app

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient


def seeded(tmp_path: Path, name: str) -> tuple[str, dict[str, str]]:
    """A database with competition `cup`, and an API token of operator `name`."""
    url = f"sqlite:///{tmp_path / 'events.db'}"
    maker = create_app(settings(url))
    web = maker.state.web
    seed(web)
    token = web.users.issue_token(name, "setup")
    web.hub.service.store.close()
    return url, {"Authorization": f"Bearer {token}"}


def test_a_full_disk_is_a_507_saying_so_and_nothing_is_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url, auth = seeded(tmp_path, "boss")
    connect = SqliteEventStore._connect

    def no_room(store: SqliteEventStore) -> sqlite3.Connection:
        conn = connect(store)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    monkeypatch.setattr(SqliteEventStore, "_connect", no_room)  # the disk is full from now on
    app = create_app(settings(url))
    store = app.state.web.hub.service.store
    with TestClient(app) as client:
        answer = client.post(
            "/api/competitions",
            json={"id": "big", "title": "x" * 20_000, "format": "uci-individual-pursuit"},
            headers=auth,
        )
        assert answer.status_code == 507, answer.text
        problem = answer.json()["error"]
        assert problem["code"] == "storage_full"
        assert problem["message"].startswith("the disk is full")
        assert "try again" not in problem["message"]
        assert store.competitions() == ["_users", "cup"]
        assert client.get("/c/cup").status_code == 200  # reading still works


def test_a_read_only_server_shows_pages_and_refuses_writes_with_503_read_only(
    tmp_path: Path,
) -> None:
    url, auth = seeded(tmp_path, "tk")
    before = (tmp_path / "events.db").read_bytes()
    with TestClient(create_app(settings(url, read_only=True))) as client:
        assert client.get("/").status_code == 200
        assert client.get("/c/cup").status_code == 200
        assert client.get("/api/competitions/cup/log").status_code == 200
        answer = client.post(
            "/api/competitions/cup/starts", json={"round": "Q", "heat": 1}, headers=auth
        )
        assert answer.status_code == 503, answer.text
        problem = answer.json()["error"]
        assert problem["code"] == "read_only"
        assert problem["message"].startswith("the database is read-only")
    assert (tmp_path / "events.db").read_bytes() == before
