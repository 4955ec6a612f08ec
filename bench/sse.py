"""Live updates under load: 1,000 SSE viewers on loopback, a split recorded, every viewer told.

    .venv/bin/python bench/sse.py [--viewers 1000] [--splits 60] [--seconds 5]

A real `pursuit serve` process (SQLite in a temporary folder) serves the viewers; the load runs
in other processes (one epoll loop each over a raw socket per viewer, `bench/sse_load.py`;
client 0 also posts the splits with a bearer token; `--client asyncio`: the former asyncio
protocols and httpx), whose processor time per split is reported beside the servers'.
Figures: latency from sending the split's POST until each viewer has the event (p50, p99, max),
server RSS (VmRSS, and the peak VmHWM, from /proc), and splits recorded per second sustained
with every viewer connected (and how far behind the slowest viewer was at the end).
Prints a table and writes bench/results/sse.json. Not a test: targets are reported, not asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
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
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sse_load

RESULTS = Path(__file__).parent / "results" / "sse.json"
COMPETITION = sse_load.COMPETITION
WARM_UP = 2
RIDERS = 80  # 40 heats of 31 + 31 splits: enough for every phase
# every viewer comes from one address here: the per-address stream cap is lifted
SERVE = [sys.executable, "-m", "pursuit", "serve", "--max-streams-per-address", "20000"]
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
    half_laps = (state.meta.half_laps if state.meta else None) or 32
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


def cpu_of(pid: int) -> float:
    """Seconds of processor time (user + system) the process has used."""
    return sum(cpu_parts(pid))


def cpu_parts(pid: int) -> tuple[float, float]:
    """Seconds of processor time the process has used: in user mode, in the kernel."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return int(fields[11]) / tick, int(fields[12]) / tick


def memory_of(pid: int) -> dict[str, float]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields


def start_server(db_url: str, workdir: Path, code: str | None) -> tuple[subprocess.Popen[str], str]:
    """`pursuit serve` on a free port, bytecode kept (PYTHONDONTWRITEBYTECODE unset); with
    `code`, that source tree instead of this one (to compare with an older commit)."""
    env = {**os.environ, "PURSUIT_SECRET_KEY": "bench-" + "k" * 32}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if code:
        env["PYTHONPATH"] = code
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


@contextlib.contextmanager
def database(args: argparse.Namespace, workdir: Path) -> Iterator[str]:
    """SQLite in `workdir` for one server; for several, a fresh schema on PostgreSQL
    (--db, else PURSUIT_TEST_DATABASE_URL from scripts/pg_up.sh), dropped afterwards."""
    url = args.db or os.environ.get("PURSUIT_TEST_DATABASE_URL", "")
    if args.processes == 1 and not args.db:
        yield f"sqlite:///{workdir / 'bench.db'}"
        return
    if not url.startswith("postgresql"):
        raise SystemExit("several processes share one PostgreSQL: source scripts/pg_up.sh")
    import psycopg

    schema = f"sse_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute("SHOW max_connections").fetchone()
        if row and int(row[0]) < 50 * args.processes:  # up to 41 per process (docs/web.md)
            # refused rather than warned: servers short of connections stall, the run never ends
            raise SystemExit(
                f"PostgreSQL max_connections is {row[0]}; {args.processes} servers need up to"
                f" {50 * args.processes} (ALTER SYSTEM SET max_connections = …, then restart it)"
            )
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def write_floor(viewers: int) -> dict[str, float]:
    """The floor under any fan-out on this machine now: `viewers` loopback sockets written to
    (90 bytes each) from one event loop, nothing else: median wall and processor ms of 5."""

    async def measure() -> dict[str, float]:
        loop = asyncio.get_running_loop()
        ends: list[asyncio.BaseTransport] = []

        class End(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                ends.append(transport)

        server = await loop.create_server(End, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        clients = [await loop.create_connection(asyncio.Protocol, "127.0.0.1", port)
                   for _ in range(viewers)]  # fmt: skip
        await asyncio.sleep(0.2)
        walls, cpus = [], []
        for _ in range(5):
            wall, cpu = time.perf_counter(), time.process_time()
            for end in ends:
                end.write(b"x" * 90)  # type: ignore[attr-defined]
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
            await asyncio.sleep(0.2)
        for transport, _ in clients:
            transport.close()
        server.close()
        return {"wall_ms": statistics.median(walls), "cpu_ms": statistics.median(cpus)}

    try:
        import uvloop  # what uvicorn runs on when it is installed

        return uvloop.run(measure())
    except ImportError:
        return asyncio.run(measure())


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
    """When each position came to each viewer of this client (monotonic clock: one clock for
    every process of the machine, so the poster's send times compare with every client's)."""

    def __init__(self) -> None:
        self.arrivals: dict[int, list[float]] = {}

    def arrived(self, before: int, now_at: int, when: float) -> None:
        for position in range(before + 1, now_at + 1):
            self.arrivals.setdefault(position, []).append(when)


async def connect(urls: list[str], mine: list[int], board: Board) -> list[Viewer]:
    """Viewer number j (of all clients') watches server j mod len(urls)."""
    loop = asyncio.get_running_loop()
    crowd: list[Viewer] = []
    for batch in range(0, len(mine), 100):
        fresh: list[tuple[Viewer, str, int]] = []
        for j in mine[batch : batch + 100]:
            host, port = urls[j % len(urls)].removeprefix("http://").split(":")
            request = (
                f"GET /c/{COMPETITION}/events HTTP/1.1\r\nHost: {host}\r\n"
                "Accept: text/event-stream\r\n\r\n"
            ).encode()
            fresh.append((Viewer(request, board), host, int(port)))
        await asyncio.gather(*(_dial(loop, v, h, p) for v, h, p in fresh))
        crowd += [v for v, _, _ in fresh]
    await asyncio.wait_for(asyncio.gather(*(v.connected for v in crowd)), 120)
    return crowd


async def _dial(loop: asyncio.AbstractEventLoop, viewer: Viewer, host: str, port: int) -> None:
    """Connect `viewer`, trying again if a busy server's backlog dropped the connection."""
    for attempt in range(5):
        try:
            await loop.create_connection(lambda: viewer, host, port)
            return
        except OSError:
            if attempt == 4:
                raise
            await asyncio.sleep(0.5 * (attempt + 1))


async def post_splits(
    url: str, token: str, requests: list[dict[str, Any]], crowd: list[Viewer], args: Any
) -> dict[str, Any]:
    """The poster (client 0): splits one at a time, each once this client's viewers all have
    the one before and `gap` s more (the other clients' viewers are not waited for)."""
    import httpx

    headers = {"Authorization": f"Bearer {token}"}
    pending = iter(requests)
    sent: dict[int, float] = {}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as client:

        async def record() -> int:
            item = next(pending)
            answer = await client.post(
                f"/api/competitions/{COMPETITION}/{item['path']}", json=item["body"]
            )
            answer.raise_for_status()
            return int(answer.json()["position"])

        # Phase 1, latency. The first WARM_UP splits (cold caches) are reported apart.
        measured: list[int] = []
        warm: list[int] = []
        for index in range(WARM_UP + args.splits):
            expected = max(v.position for v in crowd) + 1
            sent[expected] = time.monotonic()
            position = await record()
            assert position == expected, (position, expected)
            deadline = time.monotonic() + 5
            while min(v.position for v in crowd) < position and time.monotonic() < deadline:
                await asyncio.sleep(0.002)
            (warm if index < WARM_UP else measured).append(position)
            await asyncio.sleep(args.gap)

        # Phase 2, throughput: splits back to back for `seconds`, viewers connected.
        count, began = 0, time.monotonic()
        last = 0
        while time.monotonic() - began < args.seconds:
            last = await record()
            count += 1
        elapsed = time.monotonic() - began
        caught_up = time.monotonic()
        while min(v.position for v in crowd) < last and time.monotonic() - caught_up < 10:
            await asyncio.sleep(0.005)
        lag_s = time.monotonic() - caught_up
    return sse_load.poster_report(sent, measured, warm, count, elapsed, last, lag_s)


async def load(args: argparse.Namespace, token: str, requests: list[dict[str, Any]]) -> None:
    """One client process: its share of the viewers; client 0 also posts the splits. Says
    "ready" once connected, waits for "go" (client 0) or "stop" (the others) on stdin."""
    urls = args.urls.split(",")
    mine = list(range(args.index, args.viewers, args.clients))
    board = Board()
    started = time.monotonic()
    crowd = await connect(urls, mine, board)
    print(json.dumps({"ready": len(crowd), "connect_s": round(time.monotonic() - started, 2)}))
    sys.stdout.flush()
    loop = asyncio.get_running_loop()
    command = await loop.run_in_executor(None, sys.stdin.readline)
    figures: dict[str, Any] = {}
    if command.strip() == "go":
        figures = await post_splits(urls[0], token, requests, crowd, args)
    else:
        await asyncio.sleep(0.5)  # the last events still on their way
    behind_at = figures.get("last") or max(v.position for v in crowd)
    figures |= {
        "arrivals": board.arrivals,
        "viewers_behind": sum(1 for v in crowd if v.position < behind_at),
    }
    print(json.dumps(figures))


def child(args: argparse.Namespace) -> None:
    raise_open_files(args.viewers // args.clients + 256)
    plan = json.loads(Path(args.plan).read_text())
    if args.client == "epoll":
        sse_load.load(args, plan["token"], plan["requests"], WARM_UP)
    else:
        asyncio.run(load(args, plan["token"], plan["requests"]))


# ----------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--viewers", type=int, default=1000)
    parser.add_argument("--splits", type=int, default=60, help="latency samples (splits)")
    parser.add_argument("--seconds", type=float, default=5.0, help="throughput phase")
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        choices=range(1, 5),
        help="pursuit serve processes on one PostgreSQL (viewers spread)",
    )
    parser.add_argument(
        "--clients",
        type=int,
        default=0,
        help="load processes (default: 1 up to 2,000 viewers, else 2)",
    )
    parser.add_argument("--gap", type=float, default=0.05, help="pause between splits, s")
    parser.add_argument("--db", help="database URL (default: SQLite, or PostgreSQL for several)")
    parser.add_argument("--code", help="serve this source tree (e.g. /work/main/src) instead")
    parser.add_argument(
        "--client",
        choices=("epoll", "asyncio"),
        default="epoll",
        help="load processes: one epoll loop (bench/sse_load.py), or asyncio protocols",
    )
    parser.add_argument("--load", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--urls", help=argparse.SUPPRESS)
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    parser.add_argument("--index", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.clients = args.clients or (1 if args.viewers <= 2000 else 2)
    if args.load:
        child(args)
        return
    limit = raise_open_files(args.viewers + 512)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for tree in filter(None, [args.code, str(Path(__file__).parents[1] / "src")]):
        subprocess.run([sys.executable, "-m", "compileall", "-q", tree], env=env, check=False)
    floor = write_floor(min(args.viewers, 1000))
    with tempfile.TemporaryDirectory(prefix="pursuit-sse-") as tmp:
        workdir = Path(tmp)
        with database(args, workdir) as db_url:
            figures = run(args, db_url, workdir, env)
    figures["floor_1000_writes_ms"] = {k: round(v, 1) for k, v in floor.items()}
    figures |= {
        "load_average": os.getloadavg()[0],
        "code": args.code or "this tree",
        "load_client": args.client,
    }
    report(figures, limit)


def run(
    args: argparse.Namespace, db_url: str, workdir: Path, env: dict[str, str]
) -> dict[str, Any]:
    token, requests = seed(db_url)
    plan = workdir / "plan.json"
    plan.write_text(json.dumps({"token": token, "requests": requests}))
    servers: list[subprocess.Popen[str]] = []
    clients: list[subprocess.Popen[str]] = []
    try:
        urls = []
        for _ in range(args.processes):
            server, url = start_server(db_url, workdir, args.code)
            servers.append(server)
            urls.append(url)
        idle = [memory_of(s.pid) for s in servers]
        for index in range(args.clients):
            command = [
                sys.executable, __file__, "--load", "--urls", ",".join(urls),
                "--plan", str(plan), "--index", str(index), "--clients", str(args.clients),
                "--viewers", str(args.viewers), "--splits", str(args.splits),
                "--seconds", str(args.seconds), "--gap", str(args.gap), "--client", args.client,
            ]  # fmt: skip
            clients.append(
                subprocess.Popen(
                    command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
                )
            )
        ready = [json.loads(_line_of(c)) for c in clients]
        cpu_before = [cpu_of(s.pid) for s in servers]
        kernel_before = sum(cpu_parts(s.pid)[1] for s in servers)
        load_before = [cpu_of(c.pid) for c in clients]
        _tell(clients[0], "go")
        poster = json.loads(_line_of(clients[0], 600))
        cpu = [cpu_of(s.pid) - before for s, before in zip(servers, cpu_before, strict=True)]
        kernel = sum(cpu_parts(s.pid)[1] for s in servers) - kernel_before
        load_cpu = [cpu_of(c.pid) - b for c, b in zip(clients, load_before, strict=True)]
        memory = [memory_of(s.pid) for s in servers]
        for other in clients[1:]:
            _tell(other, "stop")
        others = [json.loads(_line_of(c)) for c in clients[1:]]
    finally:
        for process in clients + servers:
            if process.poll() is None:
                process.terminate()
        for process in clients + servers:
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:  # thousands of streams still closing
                process.kill()
                process.wait(5)
    figures = figures_of(args, ready, poster, others, idle, memory)
    splits = len(poster["sent"]) + poster["throughput_splits"]
    figures["server_cpu_ms_per_split"] = [round(c * 1000 / splits, 1) for c in cpu]
    figures["load_cpu_ms_per_split"] = [round(c * 1000 / splits, 1) for c in load_cpu]
    figures["server_kernel_share"] = round(kernel / sum(cpu), 2) if sum(cpu) else -1
    return figures


def _line_of(process: subprocess.Popen[str], timeout: float = 300) -> str:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if line.strip():
            return line
        if process.poll() is not None:
            raise SystemExit(f"a load process ended early (exit {process.returncode})")
    raise SystemExit("a load process took too long")


def _tell(process: subprocess.Popen[str], word: str) -> None:
    assert process.stdin is not None
    process.stdin.write(word + "\n")
    process.stdin.flush()


def figures_of(
    args: argparse.Namespace,
    ready: list[dict[str, Any]],
    poster: dict[str, Any],
    others: list[dict[str, Any]],
    idle: list[dict[str, float]],
    memory: list[dict[str, float]],
) -> dict[str, Any]:
    sent = {int(k): v for k, v in poster["sent"].items()}
    everyone = [poster, *others]

    def latencies(positions: list[int]) -> list[float]:
        return [
            (when - sent[p]) * 1000
            for client in everyone
            for p in positions
            for when in client["arrivals"].get(str(p), [])
        ]

    ordered = sorted(latencies(poster["measured"]))
    warm = latencies(poster["warm_up"])

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))], 1) if ordered else -1

    return {
        "viewers": args.viewers,
        "processes": args.processes,
        "clients": args.clients,
        "connect_s": max(r["connect_s"] for r in ready),
        "latency_samples": len(ordered),
        "latency_missing": len(poster["measured"]) * args.viewers - len(ordered),
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
        "max_ms": round(ordered[-1], 1) if ordered else -1,
        "mean_ms": round(statistics.fmean(ordered), 1) if ordered else -1,
        "warm_up_splits": WARM_UP,
        "warm_up_max_ms": round(max(warm), 1) if warm else -1,
        "splits_per_s": poster["splits_per_s"],
        "throughput_splits": poster["throughput_splits"],
        "viewers_behind_after_10s": sum(c["viewers_behind"] for c in everyone),
        "last_viewer_caught_up_s": poster["last_viewer_caught_up_s"],
        "server_rss_mb": [round(m["VmRSS"], 1) for m in memory],
        "server_peak_rss_mb": [round(m["VmHWM"], 1) for m in memory],
        "server_idle_rss_mb": [round(m["VmRSS"], 1) for m in idle],
    }


def target_rows(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of the speed targets' table this run covers (by its viewers and processes)."""
    n, processes = figures["viewers"], figures["processes"]
    note = (
        f"{processes} server process(es), {figures['clients']} load process(es) on the same"
        f" 2 cores; p50 {figures['p50_ms']} ms, max {figures['max_ms']} ms; server processor"
        f" per split {', '.join(f'{c} ms' for c in figures['server_cpu_ms_per_split'])};"
        f" load processes' processor per split"
        f" {', '.join(f'{c} ms' for c in figures['load_cpu_ms_per_split'])};"
        f" load average {figures['load_average']:.1f}; floor: 1,000 bare socket writes from one"
        f" loop took {figures['floor_1000_writes_ms']['wall_ms']} ms"
    )
    rows = []
    if n == 1000 and processes == 1:
        p99, rss = figures["p99_ms"], max(figures["server_rss_mb"])
        rows.append(_row("SSE 1,000 viewers, one process: p99", p99, "ms", 50.0, note))
        rows.append(_row("SSE 1,000 viewers, one process: RSS", rss, "MB", 200.0, note))
    if n == 10000:
        rss = ", ".join(f"{m} MB" for m in figures["server_rss_mb"])
        rows.append(
            _row("SSE 10,000 viewers: p99", figures["p99_ms"], "ms", 250.0, f"{note}; RSS {rss}")
        )
    return rows


def _row(measure: str, figure: float, unit: str, target: float, note: str) -> dict[str, Any]:
    return {
        "measure": measure,
        "figure": figure,
        "unit": unit,
        "target": f"≤ {target:g} {unit}",
        "met": 0 <= figure <= target,
        "note": note,
    }


def report(figures: dict[str, Any], open_files: int) -> None:
    rss = ", ".join(f"{m} MB" for m in figures["server_rss_mb"])
    peak = ", ".join(f"{m} MB" for m in figures["server_peak_rss_mb"])
    rows = [
        (
            "viewers connected",
            f"{figures['viewers']} on {figures['processes']} server(s),"
            f" {figures['clients']} load process(es) (in {figures['connect_s']} s)",
        ),
        ("latency p50", f"{figures['p50_ms']} ms"),
        ("latency p99", f"{figures['p99_ms']} ms"),
        ("latency max", f"{figures['max_ms']} ms"),
        (f"max of {figures['warm_up_splits']} warm-up splits", f"{figures['warm_up_max_ms']} ms"),
        ("samples (missing)", f"{figures['latency_samples']} ({figures['latency_missing']})"),
        ("server RSS with viewers", rss),
        ("server peak RSS", peak),
        ("splits recorded per s", f"{figures['splits_per_s']}"),
        (
            "server CPU per split",
            ", ".join(f"{c} ms" for c in figures["server_cpu_ms_per_split"])
            + f" ({figures['server_kernel_share']:.0%} in the kernel)",
        ),
        (
            f"load CPU per split ({figures['load_client']})",
            ", ".join(f"{c} ms" for c in figures["load_cpu_ms_per_split"]),
        ),
        (
            "viewers behind after",
            f"{figures['viewers_behind_after_10s']}"
            f" (client 0's caught up {figures['last_viewer_caught_up_s']} s after the last)",
        ),
        (
            "floor: 1,000 bare writes",
            f"{figures['floor_1000_writes_ms']['wall_ms']} ms"
            f" ({figures['floor_1000_writes_ms']['cpu_ms']} ms of processor)",
        ),
        ("load average", f"{figures['load_average']:.1f} ({figures['code']})"),
    ]
    print(f"{'figure':28} value")
    for name, value in rows:
        print(f"{name:28} {value}")
    fresh = target_rows(figures)
    for row in fresh:
        print(
            f"target: {row['measure']} = {row['figure']} {row['unit']} ({row['target']}):"
            f" {'met' if row['met'] else 'MISSED'}"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    kept: list[dict[str, Any]] = []
    if RESULTS.exists():  # rows of other runs (1,000 / 10,000 viewers) stay
        try:
            old = json.loads(RESULTS.read_text()).get("targets", [])
            kept = [
                r
                for r in old
                if isinstance(r, dict) and r.get("measure") not in {f["measure"] for f in fresh}
            ]
        except (ValueError, AttributeError):
            kept = []
    document = {
        "figures": figures,
        "targets": kept + fresh,
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
