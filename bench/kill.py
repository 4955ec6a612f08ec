"""Kill writers many times, checking the log each time: the long form of the kill test.

    .venv/bin/python bench/kill.py [--trials 200] [--db postgresql://...] [--max-delay 0.3]

A child process appends batches of 1-4 events (one command each) and prints the last position
of each batch once `append` returns; the parent SIGKILLs it after a random delay, reopens the
store and checks: every acknowledged position present with its exact data, positions contiguous,
each batch whole or absent, at most the batch in flight committed unacknowledged. SQLite always;
PostgreSQL when --db or PURSUIT_TEST_DATABASE_URL is set (client killed, not the server).
Prints a table and writes bench/results/kill.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from pursuit.store.events import NewEvent
from pursuit.store.open import open_store

RESULTS = Path(__file__).parent / "results" / "kill.json"


def batch_size(head: int) -> int:
    return 1 + head % 4


def payload(position: int) -> dict[str, Any]:
    return {"position": position, "rider": "Rébillard", "pad": "é" * (position * 997 % 1500)}


def child(url: str, competition: str) -> None:
    store = open_store(url)
    head = store.head(competition)
    print("ready", flush=True)
    while True:
        size = batch_size(head)
        events = [
            NewEvent("Written", 1, payload(p), f"w{head + 1}", "killer", "2026-11-25T10:00:00Z")
            for p in range(head + 1, head + size + 1)
        ]
        head = store.append(competition, head, events)[-1].position
        print(head, flush=True)


def trial(url: str, competition: str, delay: float) -> list[int]:
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", url, competition], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    if proc.stdout.readline().strip() != "ready":
        raise SystemExit(f"writer failed to start: {proc.wait()}")
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    return [int(line) for line in proc.stdout.read().splitlines(keepends=True) if line[-1:] == "\n"]


def check(url: str, competition: str, last_acked: int, since: int = 0) -> tuple[int, list[str]]:
    """The head after recovery and every broken promise found (none expected).

    Events after `since` are compared in full (the final check passes 0: the whole log).
    """
    problems: list[str] = []
    with open_store(url) as store:
        head = store.head(competition)
        log = list(store.read(competition, after=since))
    if [e.position for e in log] != list(range(since + 1, head + 1)):
        problems.append("positions not contiguous")
    problems += [f"data differs at {e.position}" for e in log if e.data != payload(e.position)]
    sizes = Counter(e.command_id for e in log)
    for e in log:
        if e.command_id == f"w{e.position}" and sizes[e.command_id] != batch_size(e.position - 1):
            problems.append(f"batch at {e.position} is partial")
    if head < last_acked:
        problems.append(f"acknowledged {last_acked} but only {head} stored")
    if head > last_acked + batch_size(last_acked):
        problems.append(f"{head} stored, more than acknowledged plus the batch in flight")
    return head, problems


def run(kind: str, url: str, trials: int, max_delay: float, rng: random.Random) -> dict[str, Any]:
    competition = f"kill-{uuid.uuid4().hex[:8]}"
    acked = in_flight = 0
    problems: list[str] = []
    started = time.perf_counter()
    for _ in range(trials):
        positions = trial(url, competition, rng.uniform(0.0, max_delay))
        previous, acked = acked, max([acked, *positions])
        head, found = check(url, competition, acked, since=previous)
        in_flight += head > acked
        acked = head  # the next writer continues from what is really there
        problems += found
    problems += check(url, competition, acked)[1]  # finally, the whole log once more
    return {
        "store": kind,
        "trials": trials,
        "events": acked,
        "committed_unacknowledged": in_flight,
        "problems": problems,
        "seconds": round(time.perf_counter() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--max-delay", type=float, default=0.3, help="seconds, at most 1")
    parser.add_argument("--db", default=os.environ.get("PURSUIT_TEST_DATABASE_URL", ""))
    parser.add_argument("--seed", type=int, default=1968)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    results = []
    with tempfile.TemporaryDirectory(dir=Path(__file__).parent) as folder:
        path = Path(folder) / "kill.db"
        results.append(run("sqlite", f"sqlite:///{path}", args.trials, args.max_delay, rng))
        with sqlite3.connect(path) as conn:
            if conn.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                results[-1]["problems"].append("integrity_check failed")
    if args.db:
        results.append(run("postgresql", args.db, args.trials, args.max_delay, rng))
    else:
        print("PostgreSQL: not run (no --db and no PURSUIT_TEST_DATABASE_URL)")
    print(f"{'store':12} {'trials':>7} {'events':>8} {'in flight':>10} {'problems':>9} {'s':>6}")
    for r in results:
        print(
            f"{r['store']:12} {r['trials']:>7} {r['events']:>8} "
            f"{r['committed_unacknowledged']:>10} {len(r['problems']):>9} {r['seconds']:>6}"
        )
        for problem in r["problems"][:10]:
            print("   ", problem)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {args.out}")
    if any(r["problems"] for r in results):
        raise SystemExit(1)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3])
    else:
        main()
