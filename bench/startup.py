"""Benchmark: how long a `pursuit` command takes as a whole process, start to exit.

Times, as separate processes and alternating (one of each, then again, `--runs` times):

  python -c pass                 the floor: the interpreter alone
  pursuit --help
  pursuit show EXAMPLE           the target: ≤ 150 ms and ≤ 12× `python -c pass`
  pursuit check EXAMPLE
  pursuit classify EXAMPLE --json
  pursuit show --db sqlite:///…  a database holding the example (imported once, untimed)
  pursuit sheet … --heat 3       one heat sheet with charts of a 128-entrant synthetic
                                 competition, as bench/sheets.py's ONE HEAT row (≤ 300 ms)
  show, argparse prototype       `pursuit show EXAMPLE` read by argparse instead of typer
  show, rules alone (no parser)  the same work without any argument parsing: the floor
                                 (both from bench/startup_argparse.py, "now" only)

Bytecode is compiled first and the processes run without PYTHONDONTWRITEBYTECODE (with it
every process recompiles every module it imports). Prints median and min of the wall time
with the ratio to `python -c pass`, the CPU time each process used (user + system: its own
work, apart from waiting for a core on a shared machine), the load average, and the biggest
imports of `pursuit show` from `python -X importtime` (the least of `--runs` runs each), and
how many dataclasses `pursuit show` creates and how long the stdlib's decorator took for them.
`--before SRC` times the same commands with another checkout's `src/` first on the path,
alternating with this one, for a before/after in one run. Writes JSON (default
bench/results/startup.json) with "targets".

    .venv/bin/python bench/startup.py
    .venv/bin/python bench/startup.py --runs 25 --before /tmp/main/src
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import synthetic
from report_file import write_report

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "mexico-1968-men-individual-pursuit.toml"
DEFAULT_JSON = ROOT / "bench" / "results" / "startup.json"
TARGET_MS = 150.0
TARGET_RATIO = 12.0
HEAT_TARGET_MS = 300.0
HEAT_ENTRANTS = 128
PROTOTYPE = ROOT / "bench" / "startup_argparse.py"
# Timed for this checkout only (not for --before): the floor and the prototypes.
NOW_ONLY = ("python -c pass", "show, argparse prototype", "show, rules alone (no parser)")
_SCRIPT = Path(sys.executable).with_name("pursuit")  # the command as installed, else -m
PURSUIT = (str(_SCRIPT),) if _SCRIPT.exists() else (sys.executable, "-m", "pursuit")
# A checkout from before the program's entry moved to pursuit.cli.entry (the console script
# installed here names it) is started as its own console script was: through cli.main.
OLD_ENTRY = (
    sys.executable,
    "-c",
    "import sys; from pursuit.cli.main import main; sys.exit(main())",
)


def environment(src: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env.pop("PYTHONPATH", None)
    if src is not None:
        env["PYTHONPATH"] = str(src)
    env["COLUMNS"] = "100"
    return env


def entry(src: Path | None) -> tuple[str, ...]:
    """How to start `pursuit` from the checkout whose sources are `src`."""
    if src is not None and not (src / "pursuit" / "cli" / "entry.py").exists():
        return OLD_ENTRY
    return PURSUIT


def commands(
    example: Path, db_url: str, heat_file: Path, pdf: Path, pursuit: tuple[str, ...] = PURSUIT
) -> dict[str, list[str]]:
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "pursuit --help": [*pursuit, "--help"],
        "pursuit show EXAMPLE": [*pursuit, "show", str(example)],
        "pursuit check EXAMPLE": [*pursuit, "check", str(example)],
        "pursuit classify EXAMPLE --json": [*pursuit, "classify", str(example), "--json"],
        "pursuit show --db sqlite:///…": [*pursuit, "show", "--db", db_url],
        "pursuit sheet … --heat 3 (one heat)": [*pursuit, "sheet", str(heat_file), "-r", "Q",
                                                "--heat", "3", "--kind", "heat", "--to", str(pdf)],
        "show, argparse prototype": [sys.executable, str(PROTOTYPE), "show", str(example)],
        "show, rules alone (no parser)": [sys.executable, str(PROTOTYPE), "--no-parser",
                                          str(example)],
    }  # fmt: skip


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds from start to exit, and the CPU seconds (user + system) the process
    used: on a shared machine the second shows the process's own work when the first
    also shows waiting for a core. A non-zero exit is an error of the benchmark."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert child.stderr is not None
    errors = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    child.stderr.close()
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {child.returncode}: {errors.decode()}")
    return seconds, usage.ru_utime + usage.ru_stime


def top_imports(argv: list[str], env: dict[str, str], runs: int, top: int) -> list[dict[str, Any]]:
    """The imports done at top level (not inside another import) by `argv`, biggest first:
    the least cumulative time of each over `runs` runs, in ms."""
    best: dict[str, int] = {}
    for _ in range(runs):
        done = subprocess.run(
            [
                sys.executable,
                "-X",
                "importtime",
                *(argv[1:] if argv[0] == sys.executable else argv),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for line in done.stderr.splitlines():
            if not line.startswith("import time:") or "self [us]" in line:
                continue
            _, cumulative, name = line.split("|")
            if name.startswith("   "):  # imported by another import: counted in it
                continue
            key = name.strip()
            best[key] = min(best.get(key, 1 << 62), int(cumulative))
    biggest = sorted(best.items(), key=lambda kv: -kv[1])[:top]
    return [{"module": name, "ms": round(us / 1000, 1)} for name, us in biggest]


# `pursuit show EXAMPLE` with the stdlib's dataclass decorator timed: the core's records are
# frozen dataclasses, and Python 3.11 compiles each one's methods as the class is created.
_DATACLASS_PROBE = """
import dataclasses, os, sys, time
real, spent = dataclasses.dataclass, [0.0, 0]
def timed(cls=None, /, **options):
    def make(c):
        start = time.perf_counter()
        made = real(c, **options)
        spent[0] += time.perf_counter() - start
        spent[1] += 1
        return made
    return make if cls is None else make(cls)
dataclasses.dataclass = timed
leave = os._exit
def report(code=0):
    sys.stdout.flush()
    sys.stderr.write(f"dataclasses {spent[1]} {spent[0]}\\n")
    leave(code)
os._exit = report
sys.argv = ["pursuit", *sys.argv[1:]]
from pursuit.cli.entry import main
main()
"""


def dataclass_cost(example: Path, env: dict[str, str], runs: int) -> dict[str, float]:
    """How many dataclasses `pursuit show` creates and the least time creating them took."""
    least, count = float("inf"), 0
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", _DATACLASS_PROBE, "show", str(example)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True,
        )  # fmt: skip
        line = next(x for x in done.stderr.splitlines() if x.startswith("dataclasses "))
        _, made, seconds = line.split()
        least, count = min(least, float(seconds)), int(made)
    return {"count": count, "min_ms": round(least * 1000, 1)}


def prepare(src_dirs: list[Path], argv_sets: list[tuple[list[str], dict[str, str]]]) -> None:
    """Bytecode for our sources, then one untimed run of each command writes the rest."""
    for src in src_dirs:
        compileall.compile_dir(str(src), quiet=1)
    for argv, env in argv_sets:
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def same_output(table: dict[str, list[str]], env: dict[str, str]) -> None:
    """The prototypes print what `pursuit show` prints, or their times would mean nothing."""
    shown = subprocess.run(table["pursuit show EXAMPLE"], env=env, capture_output=True).stdout
    for name in NOW_ONLY[1:]:
        printed = subprocess.run(table[name], env=env, capture_output=True).stdout
        if printed != shown:
            raise SystemExit(f"{name} does not print what `pursuit show` prints")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs of each command")
    parser.add_argument("--example", type=Path, default=EXAMPLE)
    parser.add_argument("--before", type=Path, help="another checkout's src/ to compare")
    parser.add_argument("--top", type=int, default=12, help="imports listed")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'example.db'}"
        versions: dict[str, Path | None] = {"now": ROOT / "src"}
        if args.before is not None:
            versions["before"] = args.before.resolve()
        setup = environment(versions["now"])
        imported = subprocess.run(
            [*PURSUIT, "import", str(args.example), "--db", db_url],
            env=setup,
            capture_output=True,
            text=True,
        )
        if imported.returncode != 0:
            raise SystemExit(f"could not import the example: {imported.stderr}")
        heat_file = Path(tmp) / f"synthetic-{HEAT_ENTRANTS}.toml"
        heat_file.write_text(synthetic.build(HEAT_ENTRANTS).text, "utf-8")
        pdf = Path(tmp) / "heat.pdf"
        table = commands(args.example, db_url, heat_file, pdf)
        runs: list[tuple[str, str, list[str], dict[str, str]]] = [
            (version, name, argv, environment(src))
            for version, src in versions.items()
            for name, argv in commands(args.example, db_url, heat_file, pdf, entry(src)).items()
            if version == "now" or name not in NOW_ONLY
        ]
        prepare([p for p in versions.values() if p], [(argv, env) for *_, argv, env in runs])
        same_output(table, setup)
        load_before = os.getloadavg()
        times: dict[tuple[str, str], list[float]] = {(v, n): [] for v, n, *_ in runs}
        cpu: dict[tuple[str, str], list[float]] = {(v, n): [] for v, n, *_ in runs}
        for _ in range(args.runs):
            for version, name, argv, env in runs:
                wall, used = run_once(argv, env)
                times[(version, name)].append(wall)
                cpu[(version, name)].append(used)
        load_after = os.getloadavg()
        imports = top_imports(table["pursuit show EXAMPLE"], setup, args.runs, args.top)
        classes = dataclass_cost(args.example, setup, args.runs)

    floor = times[("now", "python -c pass")]
    floor_median, floor_min = statistics.median(floor), min(floor)
    rows = []
    print(
        f"{args.runs} runs each, alternating; load average {load_before[0]:.2f} → "
        f"{load_after[0]:.2f}"
    )
    print(f"{'command':<36} {'version':<7} {'median':>9} {'min':>9} {'× pass (median/min)':>21}"
          f" {'CPU median':>11} {'CPU min':>8}")  # fmt: skip
    for (version, name), seconds in times.items():
        median, least = statistics.median(seconds) * 1000, min(seconds) * 1000
        ratio = (median / 1000 / floor_median, least / 1000 / floor_min)
        used = cpu[(version, name)]
        cpu_median, cpu_min = statistics.median(used) * 1000, min(used) * 1000
        rows.append(
            {"command": name, "version": version, "median_ms": round(median, 1),
             "min_ms": round(least, 1), "ratio_median": round(ratio[0], 1),
             "ratio_min": round(ratio[1], 1), "cpu_median_ms": round(cpu_median, 1),
             "cpu_min_ms": round(cpu_min, 1)}
        )  # fmt: skip
        print(f"{name:<36} {version:<7} {median:8.1f}  {least:8.1f}  {ratio[0]:9.1f}× / "
              f"{ratio[1]:4.1f}×  {cpu_median:9.1f}  {cpu_min:7.1f}")  # fmt: skip
    print(f"\nbiggest imports of `pursuit show EXAMPLE` (top level, least of {args.runs} runs):")
    for item in imports:
        print(f"  {item['ms']:7.1f} ms  {item['module']}")

    show = next(r for r in rows if r["command"] == "pursuit show EXAMPLE" and r["version"] == "now")
    heat = next(
        r for r in rows if r["command"].startswith("pursuit sheet") and r["version"] == "now"
    )
    parsed = next(r for r in rows if r["command"] == "show, argparse prototype")
    bare = next(r for r in rows if r["command"] == "show, rules alone (no parser)")
    note = (f"min {show['min_ms']} ms, CPU {show['cpu_median_ms']} ms; floor: python -c pass "
            f"{floor_median * 1000:.1f} ms median, {floor_min * 1000:.1f} ms min; the same work "
            f"without a command-line parser {bare['median_ms']} ms median, {bare['min_ms']} ms "
            f"min, of which creating {classes['count']} dataclasses {classes['min_ms']} ms "
            f"(least of {args.runs}); load {load_before[0]:.1f}")  # fmt: skip
    targets = [
        {"measure": "pursuit show example, whole process", "figure": show["median_ms"],
         "unit": "ms", "target": f"≤ {TARGET_MS:g} ms", "met": show["median_ms"] <= TARGET_MS,
         "note": note},
        {"measure": "pursuit show example, whole process, vs python -c pass",
         "figure": show["ratio_median"], "unit": "×", "target": f"≤ {TARGET_RATIO:g}×",
         "met": show["ratio_median"] <= TARGET_RATIO,
         "note": f"min/min {show['ratio_min']}×; " + note},
        {"measure": "one heat sheet with charts, whole process (bench/startup.py)",
         "figure": heat["median_ms"], "unit": "ms", "target": f"≤ {HEAT_TARGET_MS:g} ms",
         "met": heat["median_ms"] <= HEAT_TARGET_MS,
         "note": f"min {heat['min_ms']} ms, CPU {heat['cpu_median_ms']} ms; {HEAT_ENTRANTS} "
                 f"entrants, qualifying heat 3; load {load_before[0]:.1f}"},
    ]  # fmt: skip
    print(
        f"\ntyper's share of `pursuit show`: {show['median_ms'] - parsed['median_ms']:.1f} ms "
        f"median against the argparse prototype ({parsed['median_ms']} ms)"
    )
    print(
        f"dataclasses `pursuit show` creates: {classes['count']}, in {classes['min_ms']} ms "
        f"(the least of {args.runs} runs)"
    )
    report = {
        "benchmark": "startup",
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "runs": args.runs,
        "load_average": {"before": load_before, "after": load_after},
        "rows": rows,
        "show_imports": imports,
        "show_dataclasses": classes,
        "targets": targets,
    }
    write_report(args.json, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
