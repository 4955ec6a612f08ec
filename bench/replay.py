"""Replay figures: folding a competition's event log into its state.

    .venv/bin/python bench/replay.py [--entrants 2000] [--repeat 5] [--db postgresql://...]

A synthetic competition (bench/synthetic.py) is run through the live commands
(`pursuit.app.replay`: draw, start, every half-lap split, finishes) into a store; the
benchmark then measures the fold — read every stored event, turn it back into a core
event and `evolve` the state — from memory, from SQLite and (with --db or
PURSUIT_TEST_DATABASE_URL) from PostgreSQL, and the results computed from the folded
state. Prints a table and writes bench/results/replay.json. Not a test: targets are
reported, never asserted (≥ 300,000 events/s from memory, ≥ 100,000 from SQLite).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from pursuit.app.replay import replay_script
from pursuit.app.service import CompetitionService, event_of
from pursuit.core.decide import decide
from pursuit.core.event_wire import to_wire
from pursuit.core.evolve import evolve
from pursuit.core.live_state import CompetitionState
from pursuit.loading.competition_file import competition_from_text
from pursuit.loading.format_files import format_definition
from pursuit.store.base import EventStore
from pursuit.store.events import NewEvent
from pursuit.store.open import open_store
from synthetic import build

RESULTS = Path(__file__).parent / "results" / "replay.json"


def live_log(entrants: int) -> list[NewEvent]:
    """The events of a whole synthetic competition recorded through the live commands."""
    comp = competition_from_text(build(entrants).text, "synthetic.toml").competition
    state = CompetitionState()
    out: list[NewEvent] = []
    for step in replay_script(comp, "olympic-1968", format_definition("olympic-1968")):
        for event in decide(state, step.command):
            evolve(state, event)
            out.append(
                NewEvent(
                    *to_wire(event),
                    command_id=uuid.uuid4().hex,
                    actor="bench",
                    recorded_at="2026-01-01T00:00:00+00:00",
                )
            )
    return out


def fill(store: EventStore, cid: str, events: list[NewEvent], batch: int = 500) -> None:
    """Write the log quickly: batches of events appended as one command each (the fold
    reads them exactly as it reads one event per command)."""
    for i in range(0, len(events), batch):
        group = [
            NewEvent(e.type, e.version, e.data, f"batch-{i}", e.actor, e.recorded_at)
            for e in events[i : i + batch]
        ]
        store.append(cid, i, group)


def fold_rate(store: EventStore, cid: str, repeat: int) -> tuple[float, int]:
    rates = []
    count = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        state = CompetitionState()
        for stored in store.read(cid):
            evolve(state, event_of(stored))
        rates.append(state.position / (time.perf_counter() - t0))
        count = state.position
    return statistics.median(rates), count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entrants", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", default=os.environ.get("PURSUIT_TEST_DATABASE_URL"))
    parser.add_argument("--json", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    events = live_log(args.entrants)
    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        stores = {"memory": "memory://", "sqlite": f"sqlite:///{tmp}/replay.db"}
        if args.db:
            stores["postgresql"] = args.db
        for kind, url in stores.items():
            store = open_store(url)
            cid = f"bench-{uuid.uuid4().hex[:8]}"
            fill(store, cid, events)
            rate, count = fold_rate(store, cid, args.repeat)
            t0 = time.perf_counter()
            results = CompetitionService(store).results(cid)
            compute_ms = (time.perf_counter() - t0) * 1000
            rows.append(
                {
                    "store": kind,
                    "events": count,
                    "fold_events_per_s": round(rate),
                    "fold_then_results_ms": round(compute_ms, 1),
                    "complete": results.complete,
                }
            )
            store.close()
    target = {"memory": 300_000, "sqlite": 100_000, "postgresql": None}
    print(
        f"{'store':<11} {'events':>8} {'fold events/s':>14} {'target':>9} {'fold+results ms':>16}"
    )
    for row in rows:
        goal = target[str(row["store"])]
        print(
            f"{row['store']:<11} {row['events']:>8,} {row['fold_events_per_s']:>14,} "
            f"{goal or '–':>9} {row['fold_then_results_ms']:>16}"
        )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "machine": platform.platform(),
                "cpus": os.cpu_count(),
                "entrants": args.entrants,
                "rows": rows,
            },
            indent=2,
        )
    )
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
