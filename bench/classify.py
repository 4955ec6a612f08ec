"""Benchmark: load a competition file, compute every round and the classification, build the view.

For each size a synthetic olympic-1968 competition (bench/synthetic.py) is written to a
temporary folder, checked once against what the generator says the rules must give, then
timed `--repeat` times, each phase on its own with `time.perf_counter_ns`:

  load     read + parse TOML + build the model  (pursuit.loading.competition_file.load_competition)
  compute  every round and the classification   (pursuit.core.engine.compute)
  view     the results read model                (pursuit.views.results.build_view)
  total    the three together
  tomllib  `tomllib.loads` alone on the same file (read and parsed, no model), timed in the
           same repetition just before load: the floor load is measured against

Prints a table (median, and min in brackets) and writes JSON (default
bench/results/classify.json). `--profile load|compute|view` adds a cProfile listing of
that phase at every size.

    .venv/bin/python bench/classify.py
    .venv/bin/python bench/classify.py --sizes 128,10000 --repeat 9 --profile compute
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import platform
import pstats
import statistics
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import synthetic
from pursuit.core.engine import compute
from pursuit.core.results import Results
from pursuit.loading.competition_file import Loaded, load_competition
from pursuit.views.results import build_view
from report_file import write_report

PHASES = ("load", "compute", "view", "total")
DEFAULT_SIZES = (8, 128, 1_000, 10_000)
DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "classify.json"
TARGETS_MS = {128: 4.0, 10_000: 100.0}  # per phase, and the growth must stay linear
LOAD_VS_TOMLLIB = 1.5  # load at 10,000 entrants ≤ 1.5× tomllib alone on the file


@dataclass
class Measured:
    size: int
    file_bytes: int
    rides: int
    samples_ns: dict[str, list[int]] = field(default_factory=dict)
    gc_ns: dict[str, list[int]] = field(default_factory=dict)  # of which in the GC
    tomllib_ns: list[int] = field(default_factory=list)  # tomllib alone, same repetitions

    def load_vs_tomllib(self) -> float:
        """Median load over median tomllib alone (both from the same repetitions)."""
        return statistics.median(self.samples_ns["load"]) / statistics.median(self.tomllib_ns)

    def median_ms(self, phase: str) -> float:
        return statistics.median(self.samples_ns[phase]) / 1e6

    def min_ms(self, phase: str) -> float:
        return min(self.samples_ns[phase]) / 1e6


def check(case: synthetic.Synthetic, loaded: Loaded, results: Results) -> None:
    """Stop unless the engine gives what the generator built: no findings, same places."""
    problems: list[str] = [str(f) for f in (*loaded.findings, *results.findings)][:5]
    places = results.classification
    if len(places) != case.n:
        problems.append(f"{len(places)} places for {case.n} entrants")
    if [p.entrant for p in places[:4]] != case.podium:
        problems.append(f"podium {[p.entrant for p in places[:4]]} != {case.podium}")
    if list(results.round("Q").advanced) != case.seeds:
        problems.append("qualifying seeds differ from the generator's")
    if sorted(p.entrant or "" for p in places if p.label == "5") != sorted(
        case.quarterfinal_losers
    ):
        problems.append("the quarterfinal losers are not 5th")
    if sorted(p.entrant or "" for p in places if p.label == "AC") != sorted(case.overtaken):
        problems.append("the overtaken riders are not AC")
    if not results.complete:
        problems.append("the competition is not complete")
    if problems:
        raise SystemExit(f"{case.n} entrants: synthetic file and engine disagree: {problems}")


class GcClock:
    """Time spent in the cyclic garbage collector, read before and after each phase."""

    def __init__(self) -> None:
        self.total_ns = 0
        self._start = 0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter_ns()
        else:
            self.total_ns += time.perf_counter_ns() - self._start


def run_once(path: Path, clock: GcClock, freeze: bool) -> tuple[list[int], list[int]]:
    """One repetition: (wall ns, GC ns) for load, compute, view and total.

    Everything it builds is dropped on return, so each repetition starts from the same
    heap (one competition in memory, as in the CLI or one web request). With `freeze`,
    the loaded model is moved out of the collector's sight (`gc.freeze()`, untimed)
    before compute, as an application could do; that experiment is off by default.
    """
    g0 = clock.total_ns
    t0 = time.perf_counter_ns()
    loaded = load_competition(path)
    t1, g1 = time.perf_counter_ns(), clock.total_ns
    if freeze:
        gc.freeze()
    t1b = time.perf_counter_ns()
    results = compute(loaded.competition)
    t2, g2 = time.perf_counter_ns(), clock.total_ns
    build_view(results)
    t3, g3 = time.perf_counter_ns(), clock.total_ns
    if freeze:
        gc.unfreeze()
    load, comp, view = t1 - t0, t2 - t1b, t3 - t2
    return [load, comp, view, load + comp + view], [g1 - g0, g2 - g1, g3 - g2, g3 - g0]


def measure(
    size: int, repeat: int, folder: Path, seed: int, freeze: bool = False
) -> tuple[Measured, Path]:
    case = synthetic.build(size, seed)
    path = folder / f"synthetic-{size}.toml"
    path.write_text(case.text, "utf-8")
    loaded = load_competition(path)  # untimed warm-up, and the correctness check
    results = compute(loaded.competition)
    build_view(results)
    check(case, loaded, results)
    rides = sum(len(r) for r in loaded.competition.rides.values())
    del loaded, results, case
    out = Measured(size, path.stat().st_size, rides)
    clock = GcClock()
    gc.callbacks.append(clock)
    try:
        for _ in range(repeat):
            gc.collect()
            t0 = time.perf_counter_ns()
            tomllib.loads(path.read_text("utf-8"))
            out.tomllib_ns.append(time.perf_counter_ns() - t0)
            gc.collect()
            wall, in_gc = run_once(path, clock, freeze)
            for phase, ns, gc_ns in zip(PHASES, wall, in_gc, strict=True):
                out.samples_ns.setdefault(phase, []).append(ns)
                out.gc_ns.setdefault(phase, []).append(gc_ns)
    finally:
        gc.callbacks.remove(clock)
    return out, path


def profile(phase: str, path: Path, top: int) -> None:
    loaded = load_competition(path)
    results = compute(loaded.competition)
    calls: dict[str, Callable[[], Any]] = {
        "load": lambda: load_competition(path),
        "compute": lambda: compute(loaded.competition),
        "view": lambda: build_view(results),
    }
    profiler = cProfile.Profile()
    profiler.runcall(calls[phase])
    print(f"\ncProfile: {phase}, {path.name} (top {top} by own time)")
    pstats.Stats(profiler, stream=sys.stdout).sort_stats("tottime").print_stats(top)


def table(rows: list[Measured]) -> str:
    head = f"{'entrants':>9} {'rides':>6} {'file KB':>8}"
    head += "".join(f" {p + ' ms':>18}" for p in PHASES) + f" {'compute µs/entrant':>19}"
    lines = [head, "-" * len(head)]
    for m in rows:
        cells = "".join(f" {f'{m.median_ms(p):.2f} ({m.min_ms(p):.2f})':>18}" for p in PHASES)
        per = m.median_ms("compute") * 1000 / m.size
        lines.append(f"{m.size:>9,} {m.rides:>6} {m.file_bytes / 1024:>8.0f}{cells} {per:>19.1f}")
    lines.append("median (min) of the repetitions; of which in the cyclic GC (median ms):")
    for m in rows:
        spent = ", ".join(f"{p} {statistics.median(m.gc_ns[p]) / 1e6:.1f}" for p in PHASES[:3])
        lines.append(f"{m.size:>9,}  {spent}")
    return "\n".join(lines)


def growth(rows: list[Measured]) -> dict[str, float] | None:
    by_size = {m.size: m for m in rows}
    if 1_000 not in by_size or 10_000 not in by_size:
        return None
    small, big = by_size[1_000], by_size[10_000]
    return {p: big.median_ms(p) / small.median_ms(p) for p in PHASES}


def verdicts(rows: list[Measured]) -> list[dict[str, Any]]:
    out = []
    for m in rows:
        if m.size in TARGETS_MS:
            target = TARGETS_MS[m.size]
            for phase in PHASES:
                median = m.median_ms(phase)
                out.append(
                    {
                        "entrants": m.size,
                        "phase": phase,
                        "target_ms": target,
                        "median_ms": round(median, 3),
                        "met": median <= target,
                        "factor": round(median / target, 2),
                    }
                )
    return out


def targets(rows: list[Measured]) -> list[dict[str, Any]]:
    """The speed target's row: load at 10,000 entrants against tomllib alone, in the same run."""
    out = []
    for m in rows:
        if m.size != 10_000:
            continue
        ratio = m.load_vs_tomllib()
        toml_ms = statistics.median(m.tomllib_ns) / 1e6
        out.append(
            {
                "measure": "classify load at 10,000 entrants vs tomllib alone",
                "figure": round(ratio, 2),
                "unit": "×",
                "target": f"≤ {LOAD_VS_TOMLLIB:g}× tomllib",
                "met": ratio <= LOAD_VS_TOMLLIB,
                "note": (
                    f"load {m.median_ms('load'):.0f} ms, tomllib {toml_ms:.0f} ms "
                    f"(medians of {len(m.tomllib_ns)}, min {m.min_ms('load'):.0f} / "
                    f"{min(m.tomllib_ns) / 1e6:.0f} ms)"
                ),
            }
        )
    return out


def machine() -> dict[str, Any]:
    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time load, compute and view of a competition.")
    parser.add_argument(
        "--sizes",
        default=",".join(str(s) for s in DEFAULT_SIZES),
        help="comma-separated entrant counts (default: %(default)s)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="repetitions (default: 5)")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    parser.add_argument("--seed", type=int, default=1968, help="synthetic data seed")
    parser.add_argument("--profile", choices=("load", "compute", "view"), action="append")
    parser.add_argument("--top", type=int, default=20, help="profile lines (default: 20)")
    parser.add_argument(
        "--freeze", action="store_true", help="experiment: gc.freeze() the model before compute"
    )
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    if args.repeat < 1 or not sizes:
        parser.error("need at least one size and one repetition")

    rows: list[Measured] = []
    with tempfile.TemporaryDirectory(prefix="pursuit-bench-") as tmp:
        for size in sizes:
            measured, path = measure(size, args.repeat, Path(tmp), args.seed, args.freeze)
            rows.append(measured)
            print(f"{size:,} entrants: done", file=sys.stderr)
            for phase in args.profile or ():
                profile(phase, path, args.top)

    print(table(rows))
    ratios = growth(rows)
    if ratios is not None:
        print(
            "growth 10,000 vs 1,000 entrants (linear = 10.0): "
            + ", ".join(f"{p} {r:.1f}×" for p, r in ratios.items())
        )
    for m in rows:
        print(
            f"load vs tomllib alone at {m.size:,}: {m.load_vs_tomllib():.2f}× "
            f"(tomllib {statistics.median(m.tomllib_ns) / 1e6:.2f} "
            f"({min(m.tomllib_ns) / 1e6:.2f}) ms)"
        )
    judged = verdicts(rows)
    for v in judged:
        mark = "ok  " if v["met"] else "MISS"
        print(
            f"{mark} {v['phase']:<7} at {v['entrants']:>6,}: {v['median_ms']:>9.2f} ms "
            f"(target ≤ {v['target_ms']:g} ms, {v['factor']}×)"
        )

    report = {
        "benchmark": "classify",
        "machine": machine(),
        "repeat": args.repeat,
        "gc_freeze_before_compute": args.freeze,
        "seed": args.seed,
        "format": "olympic-1968",
        "targets_ms": {str(k): v for k, v in TARGETS_MS.items()},
        "sizes": [
            {
                "entrants": m.size,
                "rides": m.rides,
                "file_bytes": m.file_bytes,
                **{
                    p: {
                        "median_ms": round(m.median_ms(p), 3),
                        "min_ms": round(m.min_ms(p), 3),
                        "samples_ms": [round(ns / 1e6, 3) for ns in m.samples_ns[p]],
                        "gc_ms": [round(ns / 1e6, 3) for ns in m.gc_ns[p]],
                    }
                    for p in PHASES
                },
                "compute_us_per_entrant": round(m.median_ms("compute") * 1000 / m.size, 2),
                "tomllib_ms": [round(ns / 1e6, 3) for ns in m.tomllib_ns],
            }
            for m in rows
        ],
        "growth_10000_vs_1000": ratios,
        "verdicts": judged,
        "targets": targets(rows),
        "load_average": os.getloadavg(),
    }
    write_report(args.json, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
