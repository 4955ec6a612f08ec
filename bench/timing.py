"""Timing impulses: what assigning them costs, and a burst of them arriving at once.

    .venv/bin/python bench/timing.py [--heats 200] [--viewers 1000] [--impulses 40]

Figures:
- assignment cost per impulse: the pure assignment (`HeatPassages.assign`) and the whole core
  path (`decide` + `evolve` of a `TakeImpulse`: stored, placed, the split recorded), over
  made-up individual and team heats;
- a burst of 16 impulses within 100 ms (two teams, each passing a line: four riders, two
  wheels each) through the service on SQLite: all assigned, in order, none lost, and how long
  the burst took to record;
- live: `pursuit serve --timer-serial` on a pseudo-terminal with 1,000 live streams open, from
  an impulse written to the wire until each viewer is told of its split (p50, p99).
Prints a table and writes bench/results/timing.json. Targets are reported, not asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from pursuit.app.creation import create_command
from pursuit.app.service import CompetitionService
from pursuit.core import commands as c
from pursuit.core import events as ev
from pursuit.core.decide import decide
from pursuit.core.evolve import evolve
from pursuit.core.live_state import CompetitionState
from pursuit.core.passages import HeatPassages, SideProgress
from pursuit.core.timer_lines import format_line
from pursuit.core.times import TICKS_PER_SECOND, RaceTime
from pursuit.loading.format_files import format_definition
from pursuit.store.open import open_store
from sse import raise_open_files

RESULTS = Path(__file__).parent / "results" / "timing.json"
TARGETS = {"pure_us_per_impulse": ("<=", 50.0), "live_p99_ms": ("<=", 50.0)}
S = TICKS_PER_SECOND
START = 15 * 3600 * S  # 15:00:00
SOURCE = "bench"


def ridden(rng: random.Random, team: bool) -> list[tuple[int, str]]:
    """(elapsed ticks, line) of every impulse of one heat, in time order: 250 m, 4 km."""
    impulses: list[tuple[int, str]] = []
    for side in ("red", "green"):
        speed = rng.uniform(58, 59) if team else rng.uniform(49.5, 50.5)  # no catch
        flying = 125 / (speed / 3.6) * S
        t = flying * 1.45
        for k in range(1, 33):
            if k > 1:
                t += flying * rng.uniform(0.98, 1.02)
            line = side if k % 2 == 0 else ("green" if side == "red" else "red")
            offsets = [-0.3, -0.15, 0.0, 0.15] if team else [0.0, 0.06]
            impulses += [(round(t + o * S), line) for o in offsets]
    return sorted(impulses)


def pure_cost(heats: int) -> dict[str, float]:
    rng = random.Random(1968)
    rides = [(team, ridden(rng, team)) for team in [False, True] * (heats // 2)]
    count, began = 0, time.perf_counter()
    for team, impulses in rides:
        counting = 3 if team else 1
        sides = [SideProgress("A", "red", counting), SideProgress("B", "green", counting)]
        passages = HeatPassages(125.0, 32, sides)
        for elapsed, line in impulses:
            passages.assign(line, elapsed)
        count += len(impulses)
    seconds = time.perf_counter() - began
    return {"impulses": count, "pure_us_per_impulse": round(seconds / count * 1e6, 2)}


def competition(riders: int = 2) -> tuple[CompetitionState, list[c.Command]]:
    fmt = "uci-individual-pursuit"
    commands: list[c.Command] = [create_command(fmt, format_definition(fmt), "Bench")]
    names = [f"Rider {i:02d}" for i in range(riders)]
    commands += [c.RegisterEntrant(n) for n in names]
    commands.append(c.DrawRound("Q", tuple(tuple(names[i : i + 2]) for i in range(0, riders, 2))))
    state = CompetitionState()
    for command in commands:
        for event in decide(state, command):
            evolve(state, event)
    return state, commands


def core_cost(heats: int) -> dict[str, float]:
    rng = random.Random(1968)
    state, _ = competition(2 * heats)
    channel = {"red": "C1", "green": "C2"}
    count, seconds, placed = 0, 0.0, 0
    number = 0
    for heat in range(1, heats + 1):
        impulses = ridden(rng, False)
        for event in decide(state, c.StartHeat("Q", heat)):
            evolve(state, event)
        number += 1
        start = c.TakeImpulse(SOURCE, number, "C0", RaceTime(START + heat * 600 * S, 4), "now")
        for event in decide(state, start):
            evolve(state, event)
        began = time.perf_counter()
        for elapsed, line in impulses:
            number += 1
            at = RaceTime(START + heat * 600 * S + elapsed, 4)
            command = c.TakeImpulse(SOURCE, number, channel[line], at, "now")
            for event in decide(state, command):
                evolve(state, event)
                placed += isinstance(event, ev.SplitRecorded | ev.FinishRecorded)
        seconds += time.perf_counter() - began
        count += len(impulses)
    return {
        "core_impulses": count,
        "core_us_per_impulse": round(seconds / count * 1e6, 2),
        "core_half_laps_timed": placed,
    }


def burst() -> dict[str, Any]:
    """Two teams, each passing a line: 4 riders x 2 wheels each, 16 impulses within 100 ms."""
    tp = "uci-team-pursuit" if "uci-team-pursuit" in _presets() else None
    with tempfile.TemporaryDirectory(prefix="pursuit-timing-") as tmp:
        service = CompetitionService(open_store(f"sqlite:///{Path(tmp) / 'burst.db'}"))
        fmt = tp or "uci-individual-pursuit"
        service.handle("b", create_command(fmt, format_definition(fmt), "Burst"), "bench")
        service.handle("b", [c.RegisterEntrant("Red"), c.RegisterEntrant("Green")], "bench")
        service.handle("b", c.DrawRound("Q", (("Red", "Green"),)), "bench")
        service.handle("b", c.StartHeat("Q", 1), "bench")
        service.handle("b", c.TakeImpulse(SOURCE, 1, "C0", RaceTime(START, 4), "now"), "bench")
        # Red's half lap 1 at the green line and Green's at the red line, both at about 12 s.
        wheels = [
            (round((12.0 + rider * 0.012 + wheel * 0.005) * S), line)
            for rider in range(4)
            for wheel in range(2)
            for line in ("C1", "C2")
        ]
        wheels.sort()
        began = time.perf_counter()
        results = []
        for number, (elapsed, channel) in enumerate(wheels, start=2):
            at = RaceTime(START + elapsed, 4)
            done = service.handle("b", c.TakeImpulse(SOURCE, number, channel, at, "now"), "bench")
            results.append(done.events)
        seconds = time.perf_counter() - began
        state = service.state("b")
        received = [e for events in results for e in events if isinstance(e, ev.ImpulseReceived)]
        stored = len(state.timing.impulses) - 1
        timed = {
            name: [s.ticks for s in ride.splits]
            for name in ("Red", "Green")
            if (ride := state.ride("Q", name)) is not None
        }
    return {
        "burst_format": fmt,
        "burst_impulses": len(wheels),
        "burst_stored": stored,
        "burst_received_in_order": [e.number for e in received] == list(range(2, 18)),
        "burst_unplaced": len(state.timing.unplaced()),
        "burst_half_laps_timed": {k: len(v) for k, v in timed.items()},
        "burst_ms": round(seconds * 1000, 1),
    }


# --- live: impulse on the wire -> split on 1,000 viewers' pages ---------------------------------


class _Viewer(asyncio.Protocol):
    """One SSE viewer on a raw socket: its newest position and when that came."""

    def __init__(self, request: bytes) -> None:
        self.request = request
        self.position = 0
        self.at = 0.0
        self.connected = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        found = re.findall(rb'"position":(\d+)', data)
        if found:
            self.position, self.at = max(int(p) for p in found), time.monotonic()
            if not self.connected.done():
                self.connected.set_result(self.position)


def live(viewers: int, impulses: int) -> dict[str, Any]:
    """`pursuit serve --timer-serial` on a pseudo-terminal with `viewers` live streams open:
    the time from an impulse written to the wire until each viewer is told of its split."""
    from pursuit.timing.emulator import PtyDevice

    raise_open_files(viewers + 512)
    with tempfile.TemporaryDirectory(prefix="pursuit-timing-live-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'live.db'}"
        service = CompetitionService(open_store(url))
        fmt = "uci-individual-pursuit"
        service.handle("live", create_command(fmt, format_definition(fmt), "Live"), "bench")
        service.handle("live", [c.RegisterEntrant("Red"), c.RegisterEntrant("Green")], "bench")
        service.handle("live", c.DrawRound("Q", (("Red", "Green"),)), "bench")
        service.handle("live", c.StartHeat("Q", 1), "bench")
        service.store.close()
        device = PtyDevice()
        env = {**os.environ, "PURSUIT_SECRET_KEY": "bench-" + "k" * 32}
        server = subprocess.Popen(
            [sys.executable, "-m", "pursuit", "serve", "--db", url, "--port", "0",
             "--timer-serial", device.path, "-c", "live", "--max-streams-per-address", "5000"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=tmp,
        )  # fmt: skip
        try:
            assert server.stdout is not None
            address = ""
            while "serving on" not in address:
                address = server.stdout.readline()
                if not address:
                    raise RuntimeError("pursuit serve did not start")
            base = address.split("serving on ")[1].split()[0].rstrip("/")
            time.sleep(2.0)  # the server's timer link opens the pseudo-terminal
            return asyncio.run(_live(base, device, viewers, impulses))
        finally:
            server.terminate()
            server.wait(10)
            device.close(linger=0)


async def _live(base: str, device: Any, viewers: int, impulses: int) -> dict[str, Any]:
    host, port = base.removeprefix("http://").split(":")
    loop = asyncio.get_running_loop()
    request = f"GET /c/live/events HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()
    crowd = [_Viewer(request) for _ in range(viewers)]
    for i in range(0, viewers, 100):
        await asyncio.gather(
            *(loop.create_connection(lambda v=v: v, host, int(port)) for v in crowd[i : i + 100])
        )
    await asyncio.wait_for(asyncio.gather(*(v.connected for v in crowd)), 60)
    lines = [(0.0, "C0")] + [
        (12.0 + 8.0 * (k - 1) + 0.4 * side, ("C2", "C1")[(k + 1 + side) % 2])
        for k in range(1, 32)
        for side in (0, 1)
    ]
    latencies: list[float] = []
    for number, (elapsed, channel) in enumerate(lines[: impulses + 1], start=1):
        prior = min(v.position for v in crowd)
        at = RaceTime(START + round(elapsed * S), 4)
        sent = time.monotonic()
        device.write_line(format_line(number, channel, at))
        deadline = sent + 5
        while min(v.position for v in crowd) <= prior and time.monotonic() < deadline:
            await asyncio.sleep(0.001)
        if number > 1:  # the start impulse warms the caches up
            latencies += [v.at - sent for v in crowd if v.position > prior]
        await asyncio.sleep(0.05)
    for v in crowd:
        v.transport.close()
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000, 1)

    return {
        "live_viewers": viewers,
        "live_impulses": impulses,
        "live_samples": len(ordered),
        "live_p50_ms": pct(0.5) if ordered else -1,
        "live_p99_ms": pct(0.99) if ordered else -1,
    }


def _presets() -> set[str]:
    from pursuit.loading.format_files import preset_names

    return set(preset_names())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heats", type=int, default=200)
    parser.add_argument("--viewers", type=int, default=1000)
    parser.add_argument("--impulses", type=int, default=40, help="timed through the server")
    args = parser.parse_args()
    figures: dict[str, Any] = {"python": platform.python_version()}
    figures |= pure_cost(args.heats)
    figures |= core_cost(args.heats)
    figures |= burst()
    figures |= live(args.viewers, args.impulses)
    report(figures)


def report(figures: dict[str, Any]) -> None:
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        target = TARGETS.get(key)
        shown = f"{target[0]} {target[1]:g}" if target else ""
        print(f"{key:<{width}}  {value!s:<30} {shown}")
    met = {
        key: (figures[key] <= limit if op == "<=" else figures[key] >= limit)
        for key, (op, limit) in TARGETS.items()
        if key in figures
    }
    print("targets met: " + ", ".join(f"{k}={'yes' if v else 'NO'}" for k, v in met.items()))
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"figures": figures, "targets_met": met}, indent=2) + "\n")
    print(f"written {RESULTS}")


if __name__ == "__main__":
    main()
