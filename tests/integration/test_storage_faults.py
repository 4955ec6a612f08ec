"""Storage faults said plainly: a full disk is `StorageFull` (not "try again"), a read-only
database can be read and refuses writes by saying so, and neither writes anything.

A full disk is simulated with SQLite's `max_page_count`: every connection may not grow the file
past the pages it has. Tests run as root, which ignores file modes, so read-only is asked for
(`?mode=ro`, `read_only=True`) or, for the automatic choice, the access check is made to fail.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pursuit.cli.main import app
from pursuit.store import open as opening
from pursuit.store.errors import ReadOnlyStore, StorageFull, StoreUnavailable
from pursuit.store.events import NewEvent
from pursuit.store.open import open_store
from pursuit.store.sqlite import SqliteEventStore

runner = CliRunner()
BIG = "x" * 20_000  # more than the free room of any page: the file must grow to take it


def event(command: str, **data: object) -> NewEvent:
    return NewEvent("Noted", 1, dict(data), command, "tk", "2026-05-01T10:00:00+00:00")


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """Call it to fill the disk: from then on, no SQLite connection the stores open may grow
    its file."""
    connect = SqliteEventStore._connect

    def no_room(store: SqliteEventStore) -> sqlite3.Connection:
        conn = connect(store)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(pages, 1)}")
        return conn

    return lambda: monkeypatch.setattr(SqliteEventStore, "_connect", no_room)


def test_a_full_disk_is_storage_full_and_nothing_is_written(
    tmp_path: Path, full_disk: Callable[[], None]
) -> None:
    db = tmp_path / "events.db"
    SqliteEventStore(str(db)).close()
    full_disk()
    with open_store(f"sqlite:///{db}") as store:
        with pytest.raises(StorageFull) as raised:
            store.append("cup", 0, [event("c1", note=BIG)])
        assert str(raised.value).startswith("the disk is full: ")
        assert "nothing was recorded" in str(raised.value)
        assert store.head("cup") == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone() == (0,)


def test_a_new_database_on_a_full_disk_says_the_disk_is_full(
    tmp_path: Path, full_disk: Callable[[], None]
) -> None:
    full_disk()
    with pytest.raises(StorageFull):
        open_store(f"sqlite:///{tmp_path / 'new.db'}")


def test_the_cli_says_the_disk_is_full_and_exits_2(
    tmp_path: Path, full_disk: Callable[[], None]
) -> None:
    db = tmp_path / "events.db"
    SqliteEventStore(str(db)).close()
    full_disk()
    made = runner.invoke(
        app, ["new", "cup", "--title", BIG, "--format", "uci-individual-pursuit", "--db", str(db)]
    )
    assert made.exit_code == 2, made.output
    assert "error: the disk is full" in made.output
    assert "Traceback" not in made.output


def filled(tmp_path: Path) -> Path:
    db = tmp_path / "events.db"
    with open_store(f"sqlite:///{db}") as store:
        store.append("cup", 0, [event("c1", n=1), event("c1", n=2)])
    return db


def test_a_database_opened_read_only_is_read_and_refuses_writes(tmp_path: Path) -> None:
    db = filled(tmp_path)
    before = db.read_bytes()
    with open_store(f"sqlite:///{db}?mode=ro") as store:
        assert store.read_only
        assert [e.data["n"] for e in store.read("cup")] == [1, 2]
        assert store.competitions() == ["cup"]
        with pytest.raises(ReadOnlyStore) as raised:
            store.append("cup", 2, [event("c2", n=3)])
        assert str(raised.value).startswith("the database is read-only: ")
    assert db.read_bytes() == before
    with open_store(str(db)) as store:
        assert store.head("cup") == 2


def test_the_driver_refusing_a_write_is_read_only_too(tmp_path: Path) -> None:
    db = filled(tmp_path)
    store = SqliteEventStore(str(db))
    store._conns.get().execute("PRAGMA query_only = ON")  # as a file SQLite may only read
    with pytest.raises(ReadOnlyStore):
        store.append("cup", 2, [event("c2", n=3)])
    store.close()


def test_read_only_never_creates_or_upgrades_a_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    with pytest.raises(StoreUnavailable, match="no such database file"):
        open_store(f"sqlite:///{missing}", read_only=True)
    assert not missing.exists()
    old = tmp_path / "old.db"
    sqlite3.connect(old).close()  # an empty file: schema version 0
    with pytest.raises(StoreUnavailable, match="not a pursuit database") as raised:
        open_store(f"sqlite:///{old}?mode=ro")
    assert not isinstance(raised.value, ReadOnlyStore)
    with sqlite3.connect(old) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (0,)


def test_a_file_this_process_may_not_write_is_opened_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = filled(tmp_path)
    assert not open_store(str(db)).read_only
    monkeypatch.setattr(opening.os, "access", lambda path, mode: False)
    with open_store(str(db)) as store:
        assert store.read_only and store.head("cup") == 2


def test_the_cli_reads_a_read_only_database_and_says_why_it_cannot_write(tmp_path: Path):
    db = tmp_path / "events.db"
    made = runner.invoke(
        app, ["new", "cup", "--title", "Cup", "--format", "uci-individual-pursuit", "--db", str(db)]
    )
    assert made.exit_code == 0, made.output
    read_only = f"sqlite:///{db}?mode=ro"
    shown = runner.invoke(app, ["log", "--db", read_only])
    assert shown.exit_code == 0, shown.output
    assert "CompetitionCreated" in shown.output
    assert runner.invoke(app, ["show", "--db", read_only]).exit_code == 0
    schedule = ["schedule", "Q", "--date", "2026-10-20", "--time", "10:00"]
    assert runner.invoke(app, [*schedule, "--db", str(db)]).exit_code == 0
    refused = runner.invoke(app, [*schedule, "--time", "11:00", "--db", read_only])
    assert refused.exit_code == 2
    assert "error: the database is read-only" in refused.output


def test_the_demo_cannot_be_served_read_only() -> None:
    refused = runner.invoke(app, ["serve", "--demo", "--read-only"])
    assert refused.exit_code == 2
    assert "error: --demo records a replay and cannot run with --read-only" in refused.output
