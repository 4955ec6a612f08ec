"""Benchmark: the unit layer's wall time, and where the whole suite's collection goes.

Runs `pytest tests/unit` (one process, as a developer runs it) `--repeat` times with the
sources compiled first and `PYTHONDONTWRITEBYTECODE` unset, and reports the median and
the min against the target (≤ 10 s). With `--collect` it also times
`pytest --collect-only tests` (the whole suite collected, nothing run), reported.
The suite itself (`scripts/test.sh`) is not run here: it takes minutes of both cores.

Prints a table and writes bench/results/suite.json with a `"targets"` list.

    .venv/bin/python bench/suite.py
    .venv/bin/python bench/suite.py --repeat 5 --collect
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from report_file import write_report

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSON = ROOT / "bench" / "results" / "suite.json"
UNIT_TARGET_S = 10.0
PYTEST = ("-m", "pytest", "-p", "no:cacheprovider")  # -q comes from pyproject


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def timed(python: str, args: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall and processor seconds of one pytest process, and its last line of output."""
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(
        [python, *PYTEST, *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    cpu = _children_cpu() - cpu
    last = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
    if done.returncode != 0:
        raise SystemExit(f"pytest {' '.join(args)} exited {done.returncode}: {last}")
    return wall, cpu, last


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the unit layer (and collection).")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the unit layer")
    parser.add_argument("--collect", action="store_true", help="also time collecting all")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    args = parser.parse_args(argv)
    python = sys.executable
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [python, "-m", "compileall", "-q", "src", "tests"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        check=False,
    )
    load_before = os.getloadavg()[0]
    runs, cpus = [], []
    for _ in range(max(1, args.repeat)):
        wall, cpu, last = timed(python, ["tests/unit"], env)
        runs.append(wall)
        cpus.append(cpu)
        print(f"unit layer: {wall:.2f} s, processor {cpu:.2f} s ({last})", file=sys.stderr)
    unit = statistics.median(runs)
    targets: list[dict[str, Any]] = [
        {
            "measure": "unit layer (pytest tests/unit, one process)",
            "figure": round(unit, 2),
            "unit": "s",
            "target": f"≤ {UNIT_TARGET_S:g} s",
            "met": unit <= UNIT_TARGET_S,
            "note": (
                f"median of {len(runs)}, min {min(runs):.2f} s; processor time "
                f"{statistics.median(cpus):.2f} s; {last}; "
                f"load average {load_before:.1f} → {os.getloadavg()[0]:.1f}"
            ),
        }
    ]
    print(f"unit layer: median {unit:.2f} s, min {min(runs):.2f} s (target ≤ 10 s)")
    if args.collect:
        wall, cpu, last = timed(python, ["--collect-only", "tests"], env)
        print(f"collecting the whole suite: {wall:.2f} s, processor {cpu:.2f} s ({last})")
        targets.append(
            {
                "measure": "collecting the whole suite (pytest --collect-only tests)",
                "figure": round(wall, 2),
                "unit": "s",
                "target": "reported",
                "met": None,
                "note": f"processor time {cpu:.2f} s; {last}",
            }
        )
    report = {
        "benchmark": "suite",
        "unit_runs_s": [round(r, 3) for r in runs],
        "unit_processor_s": [round(c, 3) for c in cpus],
        "load_average": os.getloadavg(),
        "targets": targets,
    }
    write_report(args.json, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
