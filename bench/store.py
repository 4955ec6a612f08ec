"""Event store figures: replay speed, durable append rate, paced acknowledge latency.

    .venv/bin/python bench/store.py [--db postgresql://...] [--seconds 10] [--events 100000]

Prints a table and writes bench/results/store.json. PostgreSQL is measured when --db or
PURSUIT_TEST_DATABASE_URL names one (scripts/pg_up.sh starts a throwaway cluster), in a fresh
schema dropped afterwards. Not a test: targets are reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pursuit.store.base import EventStore
from pursuit.store.events import NewEvent
from pursuit.store.open import open_store

RESULTS = Path(__file__).parent / "results" / "store.json"
TARGETS = {  # figure -> (comparison, target)
    "replay_memory_events_per_s": (">=", 300_000.0),
    "replay_sqlite_events_per_s": (">=", 100_000.0),
    "append_sqlite_events_per_s": (">=", 2_000.0),
    "paced_sqlite_p99_ms": ("<=", 10.0),
}


def event(n: int, command: str | None = None) -> NewEvent:
    data = {"heat": n % 12, "side": "A", "rider": "Daniel Rébillard", "time": 2_804_100 + n}
    data |= {"splits": [190_000 + n % 97, 355_000, 520_000], "lap": n % 16}
    command = command or f"cmd-{n}"
    return NewEvent("FinishRecorded", 1, data, command, "timekeeper", "2026-11-25T10:00:00Z")


def fill(store: EventStore, competition: str, count: int, batch: int = 1000) -> None:
    """`count` events in appends of `batch` (one command each): setup, not measured."""
    for start in range(0, count, batch):
        stop = min(count, start + batch)
        store.append(competition, start, [event(n, f"fill-{start}") for n in range(start, stop)])


def replay_rate(
    reopen: Callable[[], EventStore], competition: str, repeat: int = 3, close: bool = True
) -> float:
    """Best of `repeat` full reads, each through a freshly opened store (opening not timed)."""
    best, count = float("inf"), 0
    for _ in range(repeat):
        store = reopen()
        started = time.perf_counter()
        count = sum(1 for _ in store.read(competition))
        best = min(best, time.perf_counter() - started)
        if close:
            store.close()
    return count / best


def append_rate(store: EventStore, count: int) -> float:
    """Durable appends of one event each, back to back."""
    competition = f"append-{uuid.uuid4().hex[:8]}"
    events = [event(n) for n in range(count)]
    started = time.perf_counter()
    for head, e in enumerate(events):
        store.append(competition, head, [e])
    return count / (time.perf_counter() - started)


def paced(store: EventStore, seconds: float, rate: float = 100.0) -> dict[str, float]:
    """One append every 1/rate s on an absolute schedule; acknowledge latencies in ms."""
    competition = f"paced-{uuid.uuid4().hex[:8]}"
    latencies: list[float] = []
    start = time.perf_counter()
    for n in range(int(seconds * rate)):
        delay = start + n / rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        before = time.perf_counter()
        store.append(competition, n, [event(n)])
        latencies.append((time.perf_counter() - before) * 1000)
    cuts = statistics.quantiles(latencies, n=100)
    return {"p50_ms": cuts[49], "p99_ms": cuts[98], "max_ms": max(latencies)}


def fsync_rate(folder: Path, count: int = 500) -> float:
    """The disk's own ceiling: small write + fsync per second in `folder` (no SQLite)."""
    path = folder / "fsync.probe"
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC)
    try:
        started = time.perf_counter()
        for _ in range(count):
            os.write(fd, b"x" * 200)
            os.fsync(fd)
        return count / (time.perf_counter() - started)
    finally:
        os.close(fd)
        path.unlink()


def measure(kind: str, url: str, args: argparse.Namespace, out: dict[str, Any]) -> None:
    with open_store(url) as store:
        if kind != "postgresql" or not args.quick_pg:
            fill(store, "replay", args.events)
            if kind == "memory":
                out["replay_memory_events_per_s"] = replay_rate(
                    lambda: store, "replay", close=False
                )
                return
            out[f"replay_{kind}_events_per_s"] = replay_rate(lambda: open_store(url), "replay")
        out[f"append_{kind}_events_per_s"] = append_rate(store, args.appends)
        for name, value in paced(store, args.seconds).items():
            out[f"paced_{kind}_{name}"] = value


@contextmanager
def pg_schema(url: str) -> Iterator[str]:
    """A fresh schema for the run, dropped afterwards; yields the URL that selects it."""
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
        settings = {
            name: conn.execute(f"SHOW {name}").fetchone()[0]  # type: ignore[index]
            for name in ("server_version", "fsync", "synchronous_commit")
        }
    print("PostgreSQL:", ", ".join(f"{k}={v}" for k, v in settings.items()))
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def report(figures: dict[str, Any]) -> None:
    print(f"{'figure':36} {'value':>14}  target")
    for name, value in figures.items():
        if not isinstance(value, float):
            continue
        target = TARGETS.get(name)
        verdict = ""
        if target:
            op, limit = target
            ok = value >= limit if op == ">=" else value <= limit
            verdict = f"{op} {limit:,.0f}  {'met' if ok else 'MISSED'}"
        print(f"{name:36} {value:>14,.1f}  {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("PURSUIT_TEST_DATABASE_URL", ""))
    parser.add_argument("--events", type=int, default=100_000, help="events to replay")
    parser.add_argument("--appends", type=int, default=5_000, help="durable appends to time")
    parser.add_argument("--seconds", type=float, default=10.0, help="paced run length")
    parser.add_argument("--quick-pg", action="store_true", help="skip PostgreSQL replay")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()

    figures: dict[str, Any] = {
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "cpus": os.cpu_count(),
        "events": args.events,
        "paced_seconds": args.seconds,
    }
    measure("memory", "memory://", args, figures)
    with tempfile.TemporaryDirectory(dir=Path(__file__).parent) as folder:
        figures["disk_fsync_per_s"] = fsync_rate(Path(folder))
        measure("sqlite", f"sqlite:///{Path(folder) / 'bench.db'}", args, figures)
    if args.db:
        with pg_schema(args.db) as url:
            measure("postgresql", url, args, figures)
    else:
        print("PostgreSQL: not measured (no --db and no PURSUIT_TEST_DATABASE_URL)")
    report(figures)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
