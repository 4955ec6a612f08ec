"""Live updates under load: 1,000 SSE viewers on loopback, a split recorded, every viewer told.

    .venv/bin/python bench/sse.py [--viewers 1000] [--splits 60] [--seconds 5]

A real `pursuit serve` process (SQLite in a temporary folder) serves the viewers; the load runs
in a second process (asyncio, one raw socket per viewer, an httpx client posting splits with a
bearer token), so the server's two cores are not shared with client bookkeeping in one process.
Figures: latency from sending the split's POST until each viewer has the event (p50, p99, max),
server RSS (VmRSS, and the peak VmHWM, from /proc), and splits recorded per second sustained
with every viewer connected (and how far behind the slowest viewer was at the end).
Prints a table and writes bench/results/sse.json. Not a test: targets are reported, not asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results" / "sse.json"
TARGETS = {"p99_ms": ("<=", 100.0), "server_rss_mb": ("<=", 200.0)}
COMPETITION = "bench"
WARM_UP = 2
RIDERS = 80  # 40 heats of 31 + 31 splits: enough for every phase
# every viewer comes from one address here: the per-address stream cap is lifted
SERVE = [sys.executable, "-m", "pursuit", "serve", "--max-streams-per-address", "5000"]
POSITION = re.compile(rb'"position":(\d+)')


# ----------------------------------------------------------------- set-up (parent process)


def raise_open_files(wanted: int) -> int:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = min(max(soft, wanted), hard)
    resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
    return target


def seed(db_url: str) -> tuple[str, list[dict[str, Any]]]:
    """A competition with its qualifying drawn, an admin token, and the requests to send:
    for each heat a start then alternating half-lap splits of both riders."""
    from pursuit.app.creation import create_command
    from pursuit.app.service import CompetitionService, utc_now
    from pursuit.core import commands as c
    from pursuit.core.times import parse_time
    from pursuit.loading.format_files import format_definition
    from pursuit.operators.passwords import PasswordCost, Passwords
    from pursuit.operators.registry import Operators
    from pursuit.store.open import open_store

    store = open_store(db_url)
    service = CompetitionService(store)
    name = "uci-individual-pursuit"
    service.handle(COMPETITION, create_command(name, format_definition(name), "Bench Cup"), "bench")
    for n in range(RIDERS):
        service.handle(
            COMPETITION,
            c.RegisterEntrant(f"Rider {n:03d}", "XYZ", seed_time=parse_time(f"4:{20 + n % 40}.0")),
            "bench",
        )
    state = service.handle(COMPETITION, c.DrawRound("Q"), "bench").state
    users = Operators(store, Passwords(PasswordCost()), utc_now)
    users.add("bench", "admin", "bench password", "bench")
    token = users.issue_token("bench", "bench")
    half_laps = state.meta.half_laps if state.meta else 32
    requests: list[dict[str, Any]] = []
    for heat in state.heats["Q"].values():
        requests.append({"path": "starts", "body": {"round": "Q", "heat": heat.number}})
        for k in range(1, half_laps):
            for i, rider in enumerate(heat.entrants):
                elapsed = 12.0 + i * 0.2 + (k - 1) * (8.0 + i * 0.1)
                body = {
                    "round": "Q",
                    "heat": heat.number,
                    "entrant": rider,
                    "time": f"{elapsed:.3f}",
                }
                requests.append({"path": "splits", "body": body})
        for i, rider in enumerate(heat.entrants):
            finish = 12.0 + i * 0.2 + (half_laps - 1) * (8.0 + i * 0.1)
            body = {"round": "Q", "heat": heat.number, "entrant": rider, "time": f"{finish:.3f}"}
            requests.append({"path": "finishes", "body": body})
    store.close()
    return token, requests


def memory_of(pid: int) -> dict[str, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields


def start_server(db_url: str, workdir: Path) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "PURSUIT_SECRET_KEY": "bench-" + "k" * 32}
    server = subprocess.Popen(
        [*SERVE, "--db", db_url, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=workdir,
    )
    assert server.stdout is not None
    for _ in range(5):
        line = server.stdout.readline()
        if "serving on" in line:
            return server, line.split("serving on ")[1].split()[0].rstrip("/")
    server.kill()
    raise SystemExit(f"the server did not start: {line}")


# ------------------------------------------------------------------- load (child process)


class Viewer(asyncio.Protocol):
    """One SSE viewer on a raw socket: remembers the newest position and when it came."""

    def __init__(self, request: bytes, board: Board) -> None:
        self.request = request
        self.board = board
        self.position = 0
        self.connected = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        found = POSITION.findall(data)
        if not found:
            return
        now = time.monotonic()
        position = max(int(p) for p in found)
        if position > self.position:
            self.board.arrived(self.position, position, now)
            self.position = position
        if not self.connected.done():
            self.connected.set_result(position)

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.connected.done():
            self.connected.set_exception(ConnectionError("viewer lost its connection"))


class Board:
    """Send times of positions, and for each position the arrival time at each viewer."""

    def __init__(self) -> None:
        self.sent: dict[int, float] = {}
        self.latencies: dict[int, list[float]] = {}

    def arrived(self, before: int, now_at: int, when: float) -> None:
        for position in range(before + 1, now_at + 1):
            sent = self.sent.get(position)
            if sent is not None:
                self.latencies.setdefault(position, []).append(when - sent)


async def load(
    url: str, token: str, requests: list[dict[str, Any]], viewers: int, splits: int, seconds: float
) -> dict[str, Any]:
    import httpx

    host, port = url.removeprefix("http://").split(":")
    board = Board()
    loop = asyncio.get_running_loop()
    request = (
        f"GET /c/{COMPETITION}/events HTTP/1.1\r\nHost: {host}\r\nAccept: text/event-stream\r\n\r\n"
    ).encode()
    crowd: list[Viewer] = []
    started = time.monotonic()
    for batch in range(0, viewers, 100):
        fresh = [Viewer(request, board) for _ in range(min(100, viewers - batch))]
        await asyncio.gather(
            *(loop.create_connection(lambda v=v: v, host, int(port)) for v in fresh)
        )
        crowd += fresh
    await asyncio.wait_for(asyncio.gather(*(v.connected for v in crowd)), 60)
    connect_s = time.monotonic() - started
    headers = {"Authorization": f"Bearer {token}"}
    pending = iter(requests)

    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=10) as client:

        async def record() -> int:
            item = next(pending)
            answer = await client.post(
                f"/api/competitions/{COMPETITION}/{item['path']}", json=item["body"]
            )
            answer.raise_for_status()
            return int(answer.json()["position"])

        # Phase 1, latency: one split at a time, every viewer told before the next. The first
        # WARM_UP splits (cold caches after connecting) are reported apart, not in the centiles.
        latencies: list[float] = []
        warm_up: list[float] = []
        for index in range(WARM_UP + splits):
            expected = max(v.position for v in crowd) + 1
            board.sent[expected] = time.monotonic()
            position = await record()
            assert position == expected, (position, expected)
            deadline = time.monotonic() + 5
            while min(v.position for v in crowd) < position and time.monotonic() < deadline:
                await asyncio.sleep(0.002)
            (warm_up if index < WARM_UP else latencies).extend(board.latencies.get(position, []))
            await asyncio.sleep(0.05)
        missing = splits * viewers - len(latencies)

        # Phase 2, throughput: splits back to back for `seconds`, viewers connected.
        count, began = 0, time.monotonic()
        last = 0
        while time.monotonic() - began < seconds:
            last = await record()
            count += 1
        elapsed = time.monotonic() - began
        caught_up = time.monotonic()
        while min(v.position for v in crowd) < last and time.monotonic() - caught_up < 10:
            await asyncio.sleep(0.005)
        lag_s = time.monotonic() - caught_up
        behind = sum(1 for v in crowd if v.position < last)

    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000 if ordered else -1

    return {
        "viewers": viewers,
        "connect_s": round(connect_s, 2),
        "latency_samples": len(latencies),
        "latency_missing": missing,
        "p50_ms": round(pct(0.50), 1),
        "p99_ms": round(pct(0.99), 1),
        "max_ms": round(ordered[-1] * 1000, 1) if ordered else -1,
        "mean_ms": round(statistics.fmean(ordered) * 1000, 1) if ordered else -1,
        "warm_up_splits": WARM_UP,
        "warm_up_max_ms": round(max(warm_up) * 1000, 1) if warm_up else -1,
        "splits_per_s": round(count / elapsed, 1),
        "throughput_splits": count,
        "viewers_behind_after_10s": behind,
        "last_viewer_caught_up_s": round(lag_s, 3),
    }


def child(args: argparse.Namespace) -> None:
    raise_open_files(args.viewers + 256)
    plan = json.loads(Path(args.plan).read_text())
    figures = asyncio.run(
        load(args.url, plan["token"], plan["requests"], args.viewers, args.splits, args.seconds)
    )
    print(json.dumps(figures))


# ----------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=1000)
    parser.add_argument("--splits", type=int, default=60, help="latency samples (splits)")
    parser.add_argument("--seconds", type=float, default=5.0, help="throughput phase")
    parser.add_argument("--load", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        child(args)
        return
    limit = raise_open_files(args.viewers + 256)
    with tempfile.TemporaryDirectory(prefix="pursuit-sse-") as tmp:
        workdir = Path(tmp)
        db_url = f"sqlite:///{workdir / 'bench.db'}"
        token, requests = seed(db_url)
        plan = workdir / "plan.json"
        plan.write_text(json.dumps({"token": token, "requests": requests}))
        server, url = start_server(db_url, workdir)
        try:
            idle = memory_of(server.pid)
            load_run = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--load",
                    "--url",
                    url,
                    "--plan",
                    str(plan),
                    "--viewers",
                    str(args.viewers),
                    "--splits",
                    str(args.splits),
                    "--seconds",
                    str(args.seconds),
                ],
                capture_output=True,
                text=True,
                timeout=300,
            )
            memory = memory_of(server.pid)
        finally:
            server.terminate()
            server.wait(10)
        if load_run.returncode != 0:
            raise SystemExit(f"the load failed:\n{load_run.stderr}")
        figures = json.loads(load_run.stdout.strip().splitlines()[-1])
    figures |= {
        "server_rss_mb": round(memory["VmRSS"], 1),
        "server_peak_rss_mb": round(memory["VmHWM"], 1),
        "server_idle_rss_mb": round(idle["VmRSS"], 1),
    }
    report(figures, limit)


def report(figures: dict[str, Any], open_files: int) -> None:
    rows = [
        ("viewers connected", f"{figures['viewers']} (in {figures['connect_s']} s)", ""),
        ("latency p50", f"{figures['p50_ms']} ms", ""),
        ("latency p99", f"{figures['p99_ms']} ms", "<= 100 ms"),
        ("latency max", f"{figures['max_ms']} ms", ""),
        (
            f"max of {figures['warm_up_splits']} warm-up splits",
            f"{figures['warm_up_max_ms']} ms",
            "(not in the centiles)",
        ),
        ("samples (missing)", f"{figures['latency_samples']} ({figures['latency_missing']})", ""),
        ("server RSS with viewers", f"{figures['server_rss_mb']} MB", "<= 200 MB"),
        ("server peak RSS", f"{figures['server_peak_rss_mb']} MB", ""),
        ("splits recorded per s", f"{figures['splits_per_s']}", ""),
        (
            "viewers behind after",
            f"{figures['viewers_behind_after_10s']}"
            f" (all caught up {figures['last_viewer_caught_up_s']} s after the last)",
            "",
        ),
    ]
    verdicts = {}
    for key, (op, target) in TARGETS.items():
        value = figures[key]
        verdicts[key] = value <= target if op == "<=" else value >= target
    print(f"{'figure':28} {'value':44} target")
    for name, value, target in rows:
        print(f"{name:28} {value:44} {target}")
    print("targets met:", ", ".join(f"{k}={'yes' if v else 'NO'}" for k, v in verdicts.items()))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "figures": figures,
        "targets": {
            k: {"op": op, "value": t, "met": verdicts[k]} for k, (op, t) in TARGETS.items()
        },
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "open_files_limit": open_files,
        },
    }
    RESULTS.write_text(json.dumps(document, indent=2) + "\n")
    print(f"written {RESULTS}")


if __name__ == "__main__":
    main()
