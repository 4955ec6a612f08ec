"""Abuse within the limits: password guessers and a crowd of live streams against `pursuit serve`.

    .venv/bin/python bench/abuse.py [--guessers 16] [--seconds 10] [--streams 2000] [--writes 200]

A real `pursuit serve` process (SQLite in a temporary folder, argon2 at its default cost,
64 MiB a check) is attacked from this process over loopback; each attacker has its own source
address (127.1.x.y), as separate machines would. Figures:

- login guesses accepted per account before the throttle answers 429: one guesser, then 16 at
  once on one account (each from its own address);
- server RSS (VmRSS from /proc, sampled every 20 ms, and the peak VmHWM) before and while 16
  guessers each try fresh names as fast as they can (so every try reaches a password check:
  the cap on checks, not the throttle, is what holds memory), with the answers they got and
  the latency of a public page meanwhile;
- operator write latency (a split over the API, p50/p99) while N anonymous live streams are
  open (spread over addresses, within the per-address cap), and what one more stream from a
  full address gets.

Prints a table and writes bench/results/abuse.json. Not a test: targets are reported, never
asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import platform
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import httpx

from sse import COMPETITION, memory_of, raise_open_files, seed

RESULTS = Path(__file__).parent / "results" / "abuse.json"
TARGETS = {
    "guesses_before_throttle": ("<=", 10),
    "parallel_guesses_before_throttle": ("<=", 10),
    "rss_growth_mb": ("<=", 100.0),
    "write_p99_ms": ("<=", 50.0),
}
ACCOUNT = "bench"  # the admin the seed makes
SECOND = "second"  # a timekeeper the bench adds, for the parallel guessers
CAPS = re.compile(r"live streams: at most ([\d,]+) \(([\d,]+) per client address\)")


def start_server(db_url: str, workdir: Path) -> tuple[subprocess.Popen[str], str, dict[str, int]]:
    """`pursuit serve` on a free port: the process, its URL and the stream caps it printed."""
    env = {**os.environ, "PURSUIT_SECRET_KEY": "bench-" + "k" * 32}
    server = subprocess.Popen(
        [sys.executable, "-m", "pursuit", "serve", "--db", db_url, "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=workdir,
    )
    assert server.stdout is not None
    caps: dict[str, int] = {}
    for _ in range(6):
        line = server.stdout.readline()
        if found := CAPS.search(line):
            caps = {
                "in_all": int(found[1].replace(",", "")),
                "per_address": int(found[2].replace(",", "")),
            }
        if "serving on" in line:
            return server, line.split("serving on ")[1].split()[0].rstrip("/"), caps
    server.kill()
    raise SystemExit(f"the server did not start: {line}")


def source(n: int) -> str:
    """The loopback address of attacker `n`: 127.1.0.1, 127.1.0.2, …"""
    return f"127.1.{n // 250}.{n % 250 + 1}"


def client_from(n: int, url: str, **kwargs: Any) -> httpx.AsyncClient:
    transport = httpx.AsyncHTTPTransport(local_address=source(n))
    return httpx.AsyncClient(base_url=url, transport=transport, timeout=60, **kwargs)


def centile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 1)


# --------------------------------------------------------------------------- the throttle


async def guesses_before_throttle(url: str, account: str, guessers: int, first_address: int) -> int:
    """Wrong passwords answered 401 (checked) on one account until every guesser got 429."""
    answers: Counter[int] = Counter()

    async def guesser(n: int) -> None:
        async with client_from(first_address + n, url) as client:
            while True:
                answer = await client.post(
                    "/api/token", json={"name": account, "password": secrets.token_hex(8)}
                )
                answers[answer.status_code] += 1
                if answer.status_code == 429:
                    return

    await asyncio.gather(*(guesser(n) for n in range(guessers)))
    return answers[401]


# ---------------------------------------------------------------------- memory under guessers


async def guessing(url: str, pid: int, guessers: int, seconds: float) -> dict[str, Any]:
    answers: Counter[int] = Counter()
    samples: list[float] = []
    page_latencies: list[float] = []
    stop = time.monotonic() + seconds

    async def guesser(n: int) -> None:
        async with client_from(100 + n, url) as client:
            while time.monotonic() < stop:
                answer = await client.post(
                    "/api/token",
                    json={"name": f"guess-{secrets.token_hex(4)}", "password": "not it"},
                )
                answers[answer.status_code] += 1
                if answer.status_code in (429, 503):
                    await asyncio.sleep(0.05)  # a polite attacker's back-off, still saturating

    async def sampler() -> None:
        while time.monotonic() < stop:
            samples.append(memory_of(pid)["VmRSS"])
            await asyncio.sleep(0.02)

    async def visitor() -> None:
        async with client_from(200, url) as client:
            while time.monotonic() < stop:
                began = time.monotonic()
                (await client.get(f"/c/{COMPETITION}")).raise_for_status()
                page_latencies.append(time.monotonic() - began)
                await asyncio.sleep(0.1)

    await asyncio.gather(sampler(), visitor(), *(guesser(n) for n in range(guessers)))
    return {
        "answers": dict(sorted(answers.items())),
        "rss_during_max_mb": round(max(samples), 1),
        "rss_during_median_mb": round(statistics.median(samples), 1),
        "rss_samples": len(samples),
        "page_p50_ms": centile(page_latencies, 0.5),
        "page_p99_ms": centile(page_latencies, 0.99),
    }


# --------------------------------------------------------------------------- streams + writes


class Viewer(asyncio.Protocol):
    def __init__(self) -> None:
        self.ready = asyncio.get_running_loop().create_future()
        self.head = b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        transport.write(
            f"GET /c/{COMPETITION}/events HTTP/1.1\r\nHost: x\r\n"
            "Accept: text/event-stream\r\n\r\n".encode()
        )

    def data_received(self, data: bytes) -> None:
        if not self.ready.done():
            self.head += data
            if b"\r\n\r\n" in self.head:
                self.ready.set_result(self.head.split(b" ", 2)[1].decode())

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.ready.done():
            self.ready.set_result("lost")


async def crowd(conn: Connection, host: str, port: int, streams: int, per_address: int) -> None:
    """The anonymous crowd: open `streams` live streams, say how it went, hold them open until
    told to stop. It runs in a process of its own, as viewers are on their own phones: the
    operator's measured writes do not share an event loop with 2,000 streams being read."""
    loop = asyncio.get_running_loop()
    viewers: list[Viewer] = []
    began = time.monotonic()
    for n in range(streams):
        viewer = Viewer()
        await loop.create_connection(
            lambda v=viewer: v, host, port, local_addr=(source(300 + n // per_address), 0)
        )
        viewers.append(viewer)
        if len(viewers) % 200 == 0:
            await asyncio.gather(*(v.ready for v in viewers[-200:]))
    statuses = Counter(await asyncio.gather(*(v.ready for v in viewers)))
    connect_s = time.monotonic() - began
    one_more = Viewer()  # from the first address, which is full
    await loop.create_connection(lambda: one_more, host, port, local_addr=(source(300), 0))
    beyond = await asyncio.wait_for(one_more.ready, 10)
    one_more.transport.close()
    conn.send({"statuses": dict(statuses), "connect_s": connect_s, "beyond": beyond})
    await loop.run_in_executor(None, conn.recv)  # until the writes are done
    for viewer in viewers:
        viewer.transport.close()


def crowd_process(conn: Connection, host: str, port: int, streams: int, per_address: int) -> None:
    asyncio.run(crowd(conn, host, port, streams, per_address))


async def crowd_and_writes(
    url: str,
    token: str,
    requests: list[dict[str, Any]],
    streams: int,
    per_address: int,
    writes: int,
) -> dict[str, Any]:
    host, port = url.removeprefix("http://").split(":")
    ours, theirs = multiprocessing.get_context("fork").Pipe()
    viewers = multiprocessing.get_context("fork").Process(
        target=crowd_process, args=(theirs, host, int(port), streams, per_address)
    )
    viewers.start()
    loop = asyncio.get_running_loop()
    opened: dict[str, Any] = await loop.run_in_executor(None, ours.recv)
    statuses = Counter(opened["statuses"])

    latencies: list[float] = []
    headers = {"Authorization": f"Bearer {token}"}
    try:
        async with client_from(250, url, headers=headers) as client:
            for item in requests[: writes + 5]:
                began = time.monotonic()
                answer = await client.post(
                    f"/api/competitions/{COMPETITION}/{item['path']}", json=item["body"]
                )
                answer.raise_for_status()
                latencies.append(time.monotonic() - began)
                await asyncio.sleep(0.05)  # a timekeeper's pace is far slower
    finally:
        ours.send("stop")
        viewers.join(30)
    latencies = latencies[5:]  # the first writes warm caches up
    return {
        "streams_open": statuses.get("200", 0),
        "stream_answers": dict(statuses),
        "streams_connect_s": round(opened["connect_s"], 1),
        "one_more_from_a_full_address": opened["beyond"],
        "writes": len(latencies),
        "write_p50_ms": centile(latencies, 0.5),
        "write_p99_ms": centile(latencies, 0.99),
        "write_max_ms": round(max(latencies) * 1000, 1),
    }


# ----------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guessers", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0, help="guessing phase")
    parser.add_argument("--streams", type=int, default=2000)
    parser.add_argument("--writes", type=int, default=200)
    args = parser.parse_args()
    open_files = raise_open_files(1 << 20)
    with tempfile.TemporaryDirectory(prefix="pursuit-abuse-") as tmp:
        workdir = Path(tmp)
        db_url = f"sqlite:///{workdir / 'bench.db'}"
        token, requests = seed(db_url)
        server, url, caps = start_server(db_url, workdir)
        try:
            figures = asyncio.run(run(args, url, server.pid, token, requests, caps))
        finally:
            server.terminate()
            server.wait(10)
    report(figures, open_files)


async def run(
    args: argparse.Namespace,
    url: str,
    pid: int,
    token: str,
    requests: list[dict[str, Any]],
    caps: dict[str, int],
) -> dict[str, Any]:
    figures: dict[str, Any] = {"guessers": args.guessers, "stream_cap": caps}
    figures["load_average_before"] = round(os.getloadavg()[0], 1)
    figures["server_idle_rss_mb"] = round(memory_of(pid)["VmRSS"], 1)
    figures["guessing"] = await guessing(url, pid, args.guessers, args.seconds)
    figures["server_peak_rss_mb"] = round(memory_of(pid)["VmHWM"], 1)
    figures["rss_growth_mb"] = round(
        max(figures["guessing"]["rss_during_max_mb"], figures["server_peak_rss_mb"])
        - figures["server_idle_rss_mb"],
        1,
    )
    figures["guesses_before_throttle"] = await guesses_before_throttle(url, ACCOUNT, 1, 0)
    async with client_from(250, url, headers={"Authorization": f"Bearer {token}"}) as admin:
        added = await admin.post(
            "/api/users", json={"name": SECOND, "role": "timekeeper", "password": "p" * 12}
        )
        added.raise_for_status()
    figures["parallel_guesses_before_throttle"] = await guesses_before_throttle(
        url, SECOND, args.guessers, 20
    )
    figures |= await crowd_and_writes(
        url, token, requests, args.streams, caps["per_address"], args.writes
    )
    figures["load_average_after"] = round(os.getloadavg()[0], 1)
    return figures


def report(figures: dict[str, Any], open_files: int) -> None:
    g = figures["guessing"]
    rows = [
        ("guesses before 429, one guesser", figures["guesses_before_throttle"], "<= 10"),
        (
            f"guesses before 429, {figures['guessers']} at once",
            figures["parallel_guesses_before_throttle"],
            "<= 10",
        ),
        ("server RSS idle", f"{figures['server_idle_rss_mb']} MB", ""),
        (
            "server RSS while guessing",
            f"max {g['rss_during_max_mb']} MB, median {g['rss_during_median_mb']} MB",
            "",
        ),
        ("server peak RSS (VmHWM)", f"{figures['server_peak_rss_mb']} MB", ""),
        ("RSS growth under guessers", f"{figures['rss_growth_mb']} MB", "<= 100 MB"),
        ("guessers' answers", g["answers"], ""),
        ("public page meanwhile p50/p99", f"{g['page_p50_ms']} / {g['page_p99_ms']} ms", ""),
        (
            "live streams open",
            f"{figures['streams_open']} in {figures['streams_connect_s']} s "
            f"({figures['stream_answers']})",
            "",
        ),
        ("stream caps", figures["stream_cap"], ""),
        (
            "load average before / after",
            f"{figures['load_average_before']} / {figures['load_average_after']}",
            f"on {os.cpu_count()} processors",
        ),
        ("one more from a full address", figures["one_more_from_a_full_address"], "503"),
        (
            f"operator writes ({figures['writes']}) p50/p99/max",
            f"{figures['write_p50_ms']} / {figures['write_p99_ms']} / {figures['write_max_ms']} ms",
            "p99 <= 50 ms",
        ),
    ]
    flat = {**figures, **{k: v for k, v in g.items() if not isinstance(v, dict)}}
    verdicts = {key: flat[key] <= target for key, (_, target) in TARGETS.items()}
    print(f"{'figure':38} {'value':50} target")
    for name, value, target in rows:
        print(f"{name:38} {value!s:50} {target}")
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
            "client_open_files_limit": open_files,
            "argv": sys.argv[1:],
        },
    }
    RESULTS.write_text(json.dumps(document, indent=2) + "\n")
    print(f"written {RESULTS}")


if __name__ == "__main__":
    main()
