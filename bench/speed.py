"""The speed targets' table: every benchmark's targets as one Markdown table.

Reads each `bench/results/*.json` that has a top-level `"targets"` list, each entry

    {"measure": "...", "figure": 142.0, "unit": "ms", "target": "≤ 150 ms",
     "met": true, "note": "..."}

and prints one row per entry: measure, figure, target, met (✓ / ✗), note, and under the
table the file each row came from and when it was written. With `--run` it first runs
the speed benchmarks (those not in the tree yet are skipped with a note), each in its own
process with bytecode written (`PYTHONDONTWRITEBYTECODE` unset, sources compiled first).

    .venv/bin/python bench/speed.py
    .venv/bin/python bench/speed.py --run
    .venv/bin/python bench/speed.py --results /tmp/other-results
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results"
# the speed benchmarks, in the order of its target table
ISSUE_14 = (
    ("startup.py",),
    ("sheets.py",),
    ("sse.py",),
    ("classify.py", "--sizes", "10000"),
    ("suite.py",),
)


def _cell(text: object) -> str:
    """Text for one Markdown table cell: on one line, `|` escaped."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _figure(row: dict[str, Any]) -> str:
    figure, unit = row.get("figure"), row.get("unit", "")
    if isinstance(figure, float):
        figure = f"{figure:,.3g}" if abs(figure) < 100 else f"{figure:,.0f}"
    elif isinstance(figure, int):
        figure = f"{figure:,}"
    elif figure is None:
        figure = "—"
    if not unit:
        return str(figure)
    return f"{figure}{unit}" if unit in ("×", "%") else f"{figure} {unit}"


def _met(row: dict[str, Any]) -> str:
    met = row.get("met")
    return "✓" if met is True else "✗" if met is False else "—"


def collect(folder: Path) -> tuple[list[tuple[str, dict[str, Any]]], list[str]]:
    """(file name, target row) for every row of every results file with targets, in file
    name order; and what could not be read, one line each."""
    rows: list[tuple[str, dict[str, Any]]] = []
    problems: list[str] = []
    for path in sorted(folder.glob("*.json")):
        try:
            report = json.loads(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
            problems.append(f"{path.name}: not readable JSON ({e})")
            continue
        targets = report.get("targets") if isinstance(report, dict) else None
        if targets is None:
            continue
        if not isinstance(targets, list) or not all(isinstance(t, dict) for t in targets):
            problems.append(f"{path.name}: targets is not a list of objects")
            continue
        rows.extend((path.name, t) for t in targets)
    return rows, problems


def table(rows: list[tuple[str, dict[str, Any]]]) -> str:
    """The Markdown table of the target rows."""
    lines = ["| measure | figure | target | met | note |", "|---|---:|---|:-:|---|"]
    for _, row in rows:
        cells = (
            row.get("measure", "?"),
            _figure(row),
            row.get("target", ""),
            _met(row),
            row.get("note", ""),
        )
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines)


def summary(rows: list[tuple[str, dict[str, Any]]]) -> str:
    met = sum(1 for _, r in rows if r.get("met") is True)
    missed = sum(1 for _, r in rows if r.get("met") is False)
    return f"{len(rows)} rows: {met} met, {missed} missed, {len(rows) - met - missed} reported"


def sources(folder: Path, rows: list[tuple[str, dict[str, Any]]]) -> list[str]:
    out = []
    for name in dict.fromkeys(n for n, _ in rows):
        written = datetime.datetime.fromtimestamp((folder / name).stat().st_mtime, datetime.UTC)
        count = sum(1 for n, _ in rows if n == name)
        out.append(f"{name}: {count} row(s), written {written:%Y-%m-%d %H:%M} UTC")
    return out


def run_benches(python: str) -> list[str]:
    """Run the speed benchmarks one after the other; what was skipped or failed."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [python, "-m", "compileall", "-q", str(ROOT / "src"), str(BENCH)],
        env=env,
        stdout=subprocess.DEVNULL,
        check=False,
    )
    notes = []
    for script, *args in ISSUE_14:
        if not (BENCH / script).exists():
            notes.append(f"{script}: not in the tree yet, skipped")
            continue
        print(f"== {script} {' '.join(args)}", file=sys.stderr, flush=True)
        done = subprocess.run([python, str(BENCH / script), *args], cwd=ROOT, env=env, check=False)
        if done.returncode != 0:
            notes.append(f"{script}: exited {done.returncode}; its last results are shown")
    return notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The speed targets as one table.")
    parser.add_argument("--run", action="store_true", help="run the speed benchmarks first")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder of results JSON")
    args = parser.parse_args(argv)
    notes = run_benches(sys.executable) if args.run else []
    rows, problems = collect(args.results)
    print(table(rows))
    print()
    print(summary(rows))
    for line in [*sources(args.results, rows), *problems, *notes]:
        print(f"- {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
