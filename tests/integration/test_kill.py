"""SIGKILL a writer at random moments: every acknowledged event survives, nothing half-written.

The writer is this file run as a script: it appends one event per call and prints each position
once `append` has returned. The test kills it after a random delay, reopens the store and checks
the log. (bench/kill.py runs the same experiment for many more trials.) On PostgreSQL the client
is killed, not the server; the test cluster runs with fsync=off, which only matters for a crash
of the machine.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest

from pursuit.store.events import NewEvent
from pursuit.store.open import open_store

TRIALS = 20
PG_URL_VARIABLE = "PURSUIT_TEST_DATABASE_URL"


def payload(position: int) -> dict[str, Any]:
    """The exact data written at `position`: sizes vary from a few bytes to a few pages."""
    return {"position": position, "rider": "Rébillard", "pad": "é" * (position * 997 % 6000)}


def write_forever(url: str, competition: str) -> None:
    """The child: append one event at a time, printing each acknowledged position."""
    store = open_store(url)
    head = store.head(competition)
    print("ready", head, flush=True)
    while True:
        data = payload(head + 1)
        event = NewEvent("Written", 1, data, f"w{head + 1}", "killer", "2026-11-25T10:00:00Z")
        store.append(competition, head, [event])
        head += 1
        print(head, flush=True)


def kill_once(url: str, competition: str, rng: random.Random) -> tuple[int, list[int]]:
    """Run a writer, SIGKILL it at a random moment: the head it started from and the positions
    it acknowledged."""
    child = subprocess.Popen(
        [sys.executable, __file__, url, competition], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    word, start = child.stdout.readline().split()
    assert word == "ready"
    try:
        child.wait(timeout=rng.uniform(0.0, 0.12))
    except subprocess.TimeoutExpired:
        os.kill(child.pid, signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL, "the writer must die by the kill, not by itself"
    output = child.stdout.read()
    return int(start), [int(line) for line in output.splitlines(keepends=True) if line[-1] == "\n"]


def check_log(url: str, competition: str, start: int, acknowledged: list[int]) -> None:
    """Every acknowledged position there with its exact data; contiguous; at most one more than
    the writer acknowledged (or started from): the append in flight when it was killed."""
    with open_store(url) as store:
        log = list(store.read(competition))  # parses every row's JSON
    positions = [e.position for e in log]
    assert positions == list(range(1, len(log) + 1))
    assert all(e.data == payload(e.position) for e in log)
    assert max(acknowledged, default=0) <= len(log)
    last_promise = max([start, *acknowledged])
    assert last_promise <= len(log) <= last_promise + 1, "only the append in flight is unacked"


def run_trials(url: str, competition: str, seed: int) -> None:
    rng = random.Random(seed)
    acknowledged: list[int] = []
    for _ in range(TRIALS):
        start, acked_now = kill_once(url, competition, rng)
        acknowledged += acked_now
        check_log(url, competition, start, acknowledged)
    assert len(acknowledged) > TRIALS, "the kills should land while appends are going on"


@pytest.mark.slow
def test_sqlite_keeps_every_acknowledged_event_through_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "killed.db"
    run_trials(f"sqlite:///{path}", "kill", seed=1968)
    import sqlite3

    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        for (data,) in conn.execute("SELECT data FROM events"):
            json.loads(data)


@pytest.mark.slow
def test_postgresql_keeps_every_acknowledged_event_through_sigkill() -> None:
    url = os.environ.get(PG_URL_VARIABLE, "")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{PG_URL_VARIABLE} is not set, but CI=true and CI always runs PostgreSQL")
        pytest.skip(f"PostgreSQL not tested: {PG_URL_VARIABLE} is unset (scripts/pg_up.sh)")
    run_trials(url, f"kill-{uuid.uuid4().hex}", seed=1980)


if __name__ == "__main__":
    write_forever(sys.argv[1], sys.argv[2])
