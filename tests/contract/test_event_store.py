"""The event store contract: one suite, run against memory, SQLite and PostgreSQL alike."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from pursuit.store.base import EventStore
from pursuit.store.errors import ConcurrencyConflict, InvalidAppend, StoreUnavailable
from pursuit.store.events import NewEvent, StoredEvent
from pursuit.store.migrate import HEAD_REVISION, alembic_config, upgrade
from pursuit.store.notify import HeadMoved
from pursuit.store.open import open_store
from pursuit.store.postgres import PostgresEventStore
from pursuit.store.sqlite_schema import COLUMNS

if TYPE_CHECKING:
    from conftest import Target

AT = "2026-11-25T10:00:00Z"


# A child process for the cross-process race. All children open the store at the same instant
# OPEN_AT (so they also race to create the schema), say "ready", then for each "go HEAD AT" line
# spin until the wall-clock time AT (aligning them within microseconds) and append at HEAD.
RACER = """
import sys, time
from pursuit.store.errors import ConcurrencyConflict
from pursuit.store.events import NewEvent
from pursuit.store.open import open_store

url, name, open_at = sys.argv[1], sys.argv[2], float(sys.argv[3])
while time.time() < open_at:
    pass
store = open_store(url)
print("ready", flush=True)
for line in sys.stdin:
    word, head, at = line.split()
    while time.time() < float(at):
        pass
    event = NewEvent("Raced", 1, {"by": name}, f"{name}-{head}", name, "2026-11-25T10:00:00Z")
    try:
        print("won", store.append("race", int(head), [event])[0].position, flush=True)
    except ConcurrencyConflict as e:
        print("lost", e.actual, flush=True)
store.close()
"""


def event(command: str, kind: str = "FinishRecorded", **data: Any) -> NewEvent:
    return NewEvent(kind, 1, data or {"n": command}, command, "judge", AT)


def fill(store: EventStore, competition: str, count: int) -> None:
    for i in range(count):
        store.append(competition, i, [event(f"{competition}-{i + 1}", n=i + 1)])


def test_appended_events_read_back_exactly(store: EventStore) -> None:
    data = {"rider": "Daniel Rébillard", "nation": "FRA", "time": 4_41_7100, "splits": [1, 2]}
    data |= {"note": "Ørsted – „Zürich“ 東京 🚴", "dnf": None, "ok": True, "ratio": 0.25, "a": {}}
    written = store.append("mexico-1968", 0, [NewEvent("FinishRecorded", 3, data, "c1", "ö", AT)])
    expected = StoredEvent("mexico-1968", 1, "FinishRecorded", 3, data, "c1", "ö", AT)
    assert written == [expected]
    (read,) = store.read("mexico-1968")
    assert read == expected
    assert list(read.data) == list(data), "key order is kept"


def test_positions_start_at_one_and_stay_contiguous(store: EventStore) -> None:
    head = 0
    for size in (1, 3, 1, 5, 2):
        batch = [event(f"batch-{head}", n=i) for i in range(size)]
        written = store.append("c", head, batch)
        assert [e.position for e in written] == list(range(head + 1, head + size + 1))
        head += size
    assert [e.position for e in store.read("c")] == list(range(1, 13))
    assert store.head("c") == 12


def test_a_stale_or_future_expected_head_is_a_conflict_and_writes_nothing(
    store: EventStore,
) -> None:
    fill(store, "c", 3)
    for expected in (2, 0, 4):
        with pytest.raises(ConcurrencyConflict) as caught:
            store.append("c", expected, [event(f"late-{expected}")])
        assert (caught.value.competition, caught.value.expected) == ("c", expected)
        assert caught.value.actual == 3
    assert store.head("c") == 3


def race_threads(store: EventStore, head: int, threads: int) -> list[object]:
    """Start `threads` appends at `head` at once; each gives its events or its conflict."""
    barrier = threading.Barrier(threads)
    results: list[object] = [None] * threads

    def race(i: int) -> None:
        barrier.wait()
        try:
            results[i] = store.append("race", head, [event(f"t{i}-r{head}", by=i)])
        except ConcurrencyConflict as conflict:
            results[i] = conflict

    workers = [threading.Thread(target=race, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return results


def test_threads_racing_at_one_head_have_exactly_one_winner(store: EventStore) -> None:
    threads, rounds = 6, 5
    for head in range(rounds):
        results = race_threads(store, head, threads)
        won = [r for r in results if isinstance(r, list)]
        lost = [r for r in results if isinstance(r, ConcurrencyConflict)]
        assert (len(won), len(lost)) == (1, threads - 1)
        assert all(e.actual == head + 1 for e in lost)
    log = list(store.read("race"))
    assert [e.position for e in log] == list(range(1, rounds + 1))
    assert len({e.command_id for e in log}) == rounds


def test_processes_racing_at_one_head_have_exactly_one_winner(durable_target: Target) -> None:
    count, rounds, open_at = 3, 8, str(time.time() + 1.5)
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, durable_target.url, f"p{i}", open_at],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(count)
    ]
    try:
        assert [p.stdout.readline().strip() for p in racers if p.stdout] == ["ready"] * count
        for head in range(rounds):
            start = f"go {head} {time.time() + 0.05}\n"
            for p in racers:
                assert p.stdin is not None
                p.stdin.write(start)
                p.stdin.flush()
            answers = sorted(p.stdout.readline().split() for p in racers if p.stdout)
            lost, won = ["lost", str(head + 1)], ["won", str(head + 1)]
            assert answers == [lost] * (count - 1) + [won]
    finally:
        for p in racers:
            if p.stdin:
                p.stdin.close()
            p.wait(timeout=30)
    with durable_target.open() as store:
        log = list(store.read("race"))
    assert [e.position for e in log] == list(range(1, rounds + 1))
    assert [e.command_id for e in log] == [f"{e.data['by']}-{i}" for i, e in enumerate(log)]


def test_a_retried_command_is_applied_once(store: EventStore) -> None:
    first = store.append("c", 0, [event("cmd-1", n=1), event("cmd-1", n=2)])
    store.append("c", 2, [event("cmd-2")])
    again = store.append("c", 0, [event("cmd-1", n=99)])
    assert again == first
    assert store.append("c", 3, [event("cmd-1")]) == first
    assert store.head("c") == 3
    assert store.append("other", 0, [event("cmd-1")])[0].position == 1, "ids are per competition"


@pytest.mark.parametrize(
    ("after", "upto", "positions"),
    [
        (0, None, [1, 2, 3, 4, 5, 6, 7]),
        (3, None, [4, 5, 6, 7]),
        (3, 5, [4, 5]),
        (5, 5, []),
        (6, 3, []),
        (0, 100, [1, 2, 3, 4, 5, 6, 7]),
        (7, None, []),
        (-4, 1, [1]),
    ],
)
def test_read_returns_the_window_after_to_upto(
    store: EventStore, after: int, upto: int | None, positions: list[int]
) -> None:
    fill(store, "c", 7)
    assert [e.position for e in store.read("c", after, upto)] == positions


def test_competitions_are_isolated(store: EventStore) -> None:
    assert store.competitions() == []
    fill(store, "women-ip", 2)
    fill(store, "men-ip", 3)
    assert store.competitions() == ["men-ip", "women-ip"]
    assert [e.data["n"] for e in store.read("women-ip")] == [1, 2]
    assert {e.competition for e in store.read("men-ip")} == {"men-ip"}
    assert (store.head("men-ip"), store.head("nobody")) == (3, 0)
    assert list(store.read("nobody")) == []
    assert store.competitions() == ["men-ip", "women-ip"]


def test_invalid_appends_are_refused_and_write_nothing(store: EventStore) -> None:
    bad = [
        ("c", 0, [event("a"), event("b")]),
        ("c", 0, [NewEvent("X", 1, {"t": (1, 2), "s": {1}}, "a", "j", AT)]),
        ("c", 0, [NewEvent("X", 1, {"t": float("nan")}, "a", "j", AT)]),
        ("c", -1, [event("a")]),
        ("", 0, [event("a")]),
        ("c", 0, [NewEvent("", 1, {}, "a", "j", AT)]),
    ]
    for competition, head, events in bad:
        with pytest.raises(InvalidAppend):
            store.append(competition, head, events)
    assert store.append("c", 5, []) == []
    assert store.competitions() == []


def test_data_comes_back_as_json_would_give_it(store: EventStore) -> None:
    (written,) = store.append("c", 0, [NewEvent("X", 1, {"pair": (1, 2)}, "a", "j", AT)])
    assert written.data == {"pair": [1, 2]}
    assert next(store.read("c")).data == {"pair": [1, 2]}


def test_a_closed_store_is_unavailable(target: Target) -> None:
    opened = target.open()
    opened.close()
    with pytest.raises(StoreUnavailable):
        opened.head("c")


def test_a_reopened_store_has_everything(durable_target: Target) -> None:
    with durable_target.open() as first:
        fill(first, "a", 4)
        fill(first, "b", 1)
        before = {c: list(first.read(c)) for c in ("a", "b")}
    with durable_target.open() as again:
        assert again.competitions() == ["a", "b"]
        assert {c: list(again.read(c)) for c in ("a", "b")} == before
        assert again.append("a", 4, [event("a-5")])[0].position == 5
        with pytest.raises(ConcurrencyConflict):
            again.append("a", 4, [event("a-6")])


def test_the_database_itself_refuses_to_change_the_log(durable_target: Target) -> None:
    with durable_target.open() as store:
        fill(store, "c", 2)
    if durable_target.kind == "sqlite":
        import sqlite3

        lite = sqlite3.connect(durable_target.url.removeprefix("sqlite:///"))
        for sql in ("UPDATE events SET actor = 'x'", "DELETE FROM events"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                lite.execute(sql)
        lite.close()
    else:
        import psycopg

        with psycopg.connect(durable_target.url, autocommit=True) as conn:
            for sql in ("UPDATE events SET actor = 'x'", "DELETE FROM events", "TRUNCATE events"):
                with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                    conn.execute(sql)
    with durable_target.open() as store:
        assert [e.actor for e in store.read("c")] == ["judge", "judge"]


@pytest.mark.parametrize(
    "url",
    [
        "mysql://root:s3cret@db/pursuit",
        "postgresql://pursuit:s3cret@127.0.0.1:1/pursuit",
        "sqlite:////no/such/folder/events.db",
        "sqlite:///:memory:",
        "events.txt",
    ],
)
def test_a_store_that_cannot_open_says_which_without_the_password(url: str) -> None:
    with pytest.raises(StoreUnavailable) as caught:
        open_store(url)
    assert "s3cret" not in str(caught.value)
    assert caught.value.url in str(caught.value)
    if "s3cret" in url:
        assert caught.value.url == url.replace("s3cret", "***")


def test_a_database_from_a_newer_program_is_refused(durable_target: Target) -> None:
    upgrade(durable_target.url)
    if durable_target.kind == "sqlite":
        import sqlite3

        with sqlite3.connect(durable_target.url.removeprefix("sqlite:///")) as conn:
            conn.execute("PRAGMA user_version = 99")
    else:
        import psycopg

        with psycopg.connect(durable_target.url) as conn:
            conn.execute("UPDATE alembic_version SET version_num = 'f00d'")
    with pytest.raises(StoreUnavailable, match=r"newer|f00d"):
        durable_target.open()


def test_the_known_head_revision_is_alembics_head() -> None:
    from alembic.script import ScriptDirectory

    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert heads == [HEAD_REVISION]


def test_upgrade_creates_the_same_columns_in_both_databases(
    pg_target: Target, tmp_path: Path
) -> None:
    import sqlite3

    import psycopg

    upgrade(pg_target.url)
    upgrade(pg_target.url)  # a second run changes nothing
    with psycopg.connect(pg_target.url) as conn:
        pg_columns = conn.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = %s AND table_name = 'events' ORDER BY ordinal_position",
            (pg_target.schema,),
        ).fetchall()
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    upgrade(f"sqlite:///{tmp_path / 'up.db'}")
    with sqlite3.connect(tmp_path / "up.db") as conn:
        sqlite_columns = [row[1] for row in conn.execute("PRAGMA table_info(events)")]
    assert [name for (name,) in pg_columns] == sqlite_columns == list(COLUMNS)
    assert revision == (HEAD_REVISION,)


def test_listeners_hear_each_committed_append_in_another_connection(pg_target: Target) -> None:
    store = pg_target.open()
    assert isinstance(store, PostgresEventStore)
    # the channel is shared by the whole database, and other tests append at the same time:
    # listen for this test's own competition only
    name = f"heard-{pg_target.schema}"
    with store, store.listen() as listener:
        assert [m for m in listener.wait(0.05) if m.competition == name] == []
        store.append(name, 0, [event("n1"), event("n1")])
        with pytest.raises(ConcurrencyConflict):
            store.append(name, 0, [event("n2")])  # rolled back: no notification
        store.append(name, 2, [event("n3")])
        heard: list[HeadMoved] = []
        deadline = time.monotonic() + 5
        while len(heard) < 2 and time.monotonic() < deadline:
            heard += [m for m in listener.wait(1.0) if m.competition == name]
    assert heard == [HeadMoved(name, 2), HeadMoved(name, 3)]


def test_a_dropped_connection_is_reported_then_replaced(pg_target: Target) -> None:
    import psycopg

    name = f"dropped-{pg_target.schema}"
    with open_store(f"{pg_target.url}&application_name={name}") as store:
        fill(store, "c", 1)
        with psycopg.connect(pg_target.url, autocommit=True) as admin:
            killed = admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = %s",
                (name,),
            ).fetchall()
        assert killed == [(True,)]
        with pytest.raises(StoreUnavailable):
            store.head("c")
        assert store.append("c", 1, [event("after")])[0].position == 2
