"""Benchmark: the full set of PDF sheets for a synthetic competition (default 128 entrants).

The full set is every start list, every heat sheet, every round's results and the final
classification (bench/synthetic.py makes an olympic-1968 competition with half-lap splits
for every ride, so every heat sheet has its table and, with charts, its two charts).
Every figure is the median of `--repeat` runs (the minimum is kept in the JSON):

  imports     once: the chart modules (matplotlib's too, for the charts row), typst, the
              sheet modules
  load        read the file, compute the results and the view      (sheets.source)
  data        every sheet's data from the read models, no charts    (sheets.plan, charts=False)
  charts      every chart the sheets still draw with matplotlib (pursuit.charts.book: SVG
              layers), in this process and across worker processes — none since typst draws
              every chart of the sheets from its model (the row stays for charts without one)
  typeset     typst only, the charts already drawn: the full set as one PDF, the same without
              charts, one PDF per sheet — each the first typesetting in a fresh process
              (typst memoizes layout inside a process; the warm figure is reported apart)
  FULL SET    end to end in a fresh process, imports excluded: load + sheet data + charts +
              typesetting, exactly what `pursuit sheet FILE --to all.pdf` does after its
              imports — with charts and with --no-charts. This is the figure the target is for.
  warm cache  the same with charts, with a chart cache (PURSUIT_CHART_CACHE): it no longer
              holds anything for the sheets (typst draws their charts), so it is the same run.
  results PDF one round-results PDF for 128 riders without charts, in process, a different
              competition each run, against typst's floor and the open-source peer measured in
              the same run (`bench/results_pdf.py`; the peer with `--peer PYTHON`, the
              interpreter that has metarace: see `bench/peer_pdf.py`). Its row of the speed targets
              (≤ 1.5× the peer) goes into the JSON's "targets".

  ONE HEAT    one heat sheet with its two charts as the user runs it, the whole process:
              `pursuit sheet FILE -r Q --heat N --kind heat --to x.pdf` (median and min of
              --heat-repeat, default 7); beside it the same sheet from a script that imports only
              the sheet modules (what the command costs without the CLI's own imports), typst's
              own time for that one document (its first typesetting in a fresh process: the
              floor) and `python -c pass`.

Targets: the full set with charts in ≤ 1 s; one heat sheet with charts, whole
process, ≤ 300 ms. Prints a table and writes JSON (default bench/results/sheets.json, with a
"targets" list) with the machine's load average before and after. Child processes run with
bytecode caching on (PYTHONDONTWRITEBYTECODE unset, `src` compiled first).

    .venv/bin/python bench/sheets.py
    .venv/bin/python bench/sheets.py --entrants 32 --repeat 7
    .venv/bin/python bench/sheets.py --only results-pdf --peer /tmp/peer-venv/bin/python

Processes it starts run without PYTHONDONTWRITEBYTECODE (a bytecode cache, as users have).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import results_pdf
import synthetic

TARGET_S = 1.0
HEAT_TARGET_S = 0.3
HEAT = ("Q", 3)  # the heat sheet measured: qualifying heat 3 (two riders, splits, a catch)
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "sheets.json"
CHILD_MODES = ("full", "plain", "typeset", "typeset-plain", "each", "heat", "heat-typeset")
CHART_MODULES = ("pursuit.charts.book", "pursuit.charts.heat", "pursuit.charts.qualifying",
                 "pursuit.charts.bracket")  # fmt: skip


def timed(repeat: int, action: Callable[[], Any]) -> tuple[dict[str, float], Any]:
    """Median and minimum seconds of `repeat` runs, and the last run's result."""
    times: list[float] = []
    result: Any = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return _summary(times), result


def _summary(times: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(times), 4), "min": round(min(times), 4)}


def competition_file(entrants: int, folder: str) -> Path:
    path = Path(folder) / f"synthetic-{entrants}.toml"
    path.write_text(synthetic.build(entrants).text, "utf-8")
    return path


def measure(entrants: int, repeat: int) -> dict[str, Any]:
    start = time.perf_counter()
    import typst  # noqa: F401

    for module in CHART_MODULES:
        importlib.import_module(module)
    from pursuit.charts.book import draw, plan
    from pursuit.sheets.plan import sheets_for
    from pursuit.sheets.render import drawn_charts, render_pdf
    from pursuit.sheets.source import from_competition_file

    imports = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        path = competition_file(entrants, folder)
        load, source = timed(repeat, lambda: from_competition_file(path))
    header = source.computed.view.competition
    data, _ = timed(repeat, lambda: sheets_for(source, charts=False))

    def fresh_charts() -> list[Any]:
        """The charts the PDF draws with matplotlib (typst draws the heat charts itself)."""
        return [c for s in sheets_for(source, charts=True) for c in drawn_charts(s)]

    here, _ = timed(repeat, lambda: draw(fresh_charts(), workers=1))
    spread, _ = timed(repeat, lambda: draw(fresh_charts()))
    drawn = sheets_for(source, charts=True)
    pdf = render_pdf(header, drawn)
    warm, _ = timed(repeat, lambda: render_pdf(header, drawn))
    pdf_bytes_each = sum(len(render_pdf(header, [s])) for s in drawn)
    cold = {m: child_runs(entrants, m, repeat) for m in CHILD_MODES if not m.startswith("heat")}
    with tempfile.TemporaryDirectory() as kept:
        env = {**os.environ, "PURSUIT_CHART_CACHE": kept}
        child_run(entrants, "full", env)  # fills the cache
        warm_cache = child_runs(entrants, "full", repeat, env)
    charts = sum(len(s.charts) for s in drawn)
    typst_drawn = sum(len(s.plots) for s in drawn)
    drawings = len(plan([c for s in drawn for c in drawn_charts(s)])[0])
    kinds = {k: sum(1 for s in drawn if s.kind == k) for k in ("start-list", "heat", "round")}
    full = cold["full"]["median"]
    plain = cold["plain"]["median"]
    return {
        "entrants": entrants,
        "sheets": len(drawn),
        "sheet_kinds": {**kinds, "classification": 1},
        "pages": _pages(pdf),
        "charts": charts,
        "charts_drawn_by_typst": typst_drawn,
        "drawings": drawings,
        "pdf_bytes": len(pdf),
        "pdf_bytes_each": pdf_bytes_each,
        "repeat": repeat,
        "seconds": {
            "imports": round(imports, 4),
            "load": load,
            "data": data,
            "charts_one_process": here,
            "charts_across_processes": spread,
            "typeset": cold["typeset"],
            "typeset_again_warm": warm,
            "typeset_without_charts": cold["typeset-plain"],
            "each": cold["each"],
            "full_set_without_charts": cold["plain"],
            "full_set_with_charts": cold["full"],
            "full_set_with_charts_warm_cache": warm_cache,
        },
        "ms_per_chart_one_process": (
            round(1000 * here["median"] / (charts - typst_drawn), 1)
            if charts > typst_drawn
            else None
        ),
        "target_s": TARGET_S,
        "meets_target_without_charts": plain <= TARGET_S,
        "meets_target_with_charts": full <= TARGET_S,
    }


def heat_runs(entrants: int, repeat: int) -> dict[str, Any]:
    """One heat sheet with charts: the `pursuit sheet` command as a whole process, the same
    sheet from a script importing only the sheet modules, typst's own first typesetting of
    it, and `python -c pass` — alternating, `repeat` rounds."""
    with tempfile.TemporaryDirectory() as folder:
        path = competition_file(entrants, folder)
        out = Path(folder) / "heat.pdf"
        command = [str(Path(sys.executable).parent / "pursuit"), "sheet", str(path), "-r",
                   HEAT[0], "--heat", str(HEAT[1]), "--kind", "heat", "--to", str(out)]  # fmt: skip
        script = [sys.executable, __file__, "--entrants", str(entrants), "--file", str(path)]
        runs: dict[str, list[float]] = {"command": [], "script": [], "typst": [], "python": []}
        for _ in range(repeat):
            runs["command"].append(_wall(command))
            runs["script"].append(_wall([*script, "--child", "heat"]))
            runs["typst"].append(float(_output([*script, "--child", "heat-typeset"])))
            runs["python"].append(_wall([sys.executable, "-c", "pass"]))
    return {name: _summary(times) for name, times in runs.items()}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as a user's machine: bytecode cached
    return env


def _wall(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, capture_output=True, check=True, env=_env())
    return time.perf_counter() - start


def _output(argv: list[str]) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, check=True, env=_env())
    return done.stdout.strip().splitlines()[-1]


def child_runs(
    entrants: int, mode: str, repeat: int, env: dict[str, str] | None = None
) -> dict[str, float]:
    """Median and minimum of `repeat` fresh processes (see `child`)."""
    return _summary([child_run(entrants, mode, env) for _ in range(repeat)])


def child_run(entrants: int, mode: str, env: dict[str, str] | None = None) -> float:
    argv = [sys.executable, __file__, "--entrants", str(entrants), "--child", mode]
    done = subprocess.run(argv, capture_output=True, text=True, check=True, env=env or _env())
    return float(done.stdout.strip().splitlines()[-1])


def child(entrants: int, mode: str, file: Path | None = None) -> float:
    """Seconds of one phase in this fresh process, after the imports:

    full, plain      load + sheet data + (charts) + one PDF: the user's wait after the imports
    typeset(-plain)  one PDF, the charts already drawn (the first typesetting of the process)
    each             one PDF per sheet, the charts already drawn
    heat             one heat sheet with charts, imports included (only the sheet modules)
    heat-typeset     typst's first typesetting of that heat sheet (the floor)
    """
    if mode.startswith("heat"):
        return heat_child(mode, file)
    import typst  # noqa: F401

    from pursuit.sheets.plan import sheets_for
    from pursuit.sheets.render import draw_charts, render_pdf
    from pursuit.sheets.source import from_competition_file

    with tempfile.TemporaryDirectory() as folder:
        path = competition_file(entrants, folder)
        if mode in ("full", "plain"):
            start = time.perf_counter()
            source = from_competition_file(path)
            render_pdf(source.computed.view.competition, sheets_for(source, charts=mode == "full"))
            return time.perf_counter() - start
        source = from_competition_file(path)
    sheets = sheets_for(source, charts=mode != "typeset-plain")
    draw_charts(sheets)
    header = source.computed.view.competition
    start = time.perf_counter()
    if mode == "each":
        for sheet in sheets:
            render_pdf(header, [sheet])
    else:
        render_pdf(header, sheets)
    return time.perf_counter() - start


def heat_child(mode: str, file: Path | None) -> float:
    """One heat sheet (`HEAT`) of `file`: the whole script's work, or typst's part of it."""
    assert file is not None
    from pursuit.sheets.plan import sheets_for
    from pursuit.sheets.render import render_pdf
    from pursuit.sheets.source import from_competition_file

    source = from_competition_file(file)
    sheets = sheets_for(source, HEAT[0], HEAT[1], ("heat",))
    assert sheets[0].plots, "the heat measured has charts drawn by typst"
    start = time.perf_counter()
    render_pdf(source.computed.view.competition, sheets)
    return time.perf_counter() - start


def _pages(pdf: bytes) -> int:
    """Page objects (not the /Pages tree; the charts are embedded as forms, not pages)."""
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))


def table(result: dict[str, Any]) -> str:
    s = result["seconds"]
    imports = s["imports"]
    here = s["charts_one_process"]
    rows = [
        ("imports (once: charts, typst, sheet modules)", {"median": imports, "min": imports}),
        ("load: file → results → view", s["load"]),
        ("data: every sheet, no charts", s["data"]),
        (f"charts: {result['charts']} ({result['drawings']} drawings), one process", here),
        ("charts: the same across worker processes", s["charts_across_processes"]),
        ("typeset: one PDF, with charts (drawn)", s["typeset"]),
        ("  the same again (typst's memo cache warm)", s["typeset_again_warm"]),
        ("typeset: one PDF, without charts", s["typeset_without_charts"]),
        (f"typeset: {result['sheets']} PDFs, one per sheet", s["each"]),
        ("FULL SET without charts (end to end)", s["full_set_without_charts"]),
        ("FULL SET with charts (end to end)", s["full_set_with_charts"]),
        ("  the same, charts in the chart cache", s["full_set_with_charts_warm_cache"]),
    ]
    width = max(len(r[0]) for r in rows)
    kinds = ", ".join(f"{v} {k}" for k, v in result["sheet_kinds"].items())
    load = result.get("machine", {}).get("loadavg_1min", ())
    lines = [
        f"{result['entrants']} entrants: {result['sheets']} sheets ({kinds}), "
        f"{result['pages']} pages, {result['pdf_bytes'] / 1e6:.1f} MB; "
        f"median (min) of {result['repeat']}; load average {load}",
        f"{'phase':<{width}}  seconds",
        f"{'-' * width}  ---------------",
    ]
    heat = result.get("one_heat_sheet")
    if heat:
        rows += [
            ("ONE HEAT SHEET with charts: `pursuit sheet`, whole process", heat["command"]),
            ("  the same sheet, a script importing only the sheet modules", heat["script"]),
            ("  typst's own time for it (first typesetting, the floor)", heat["typst"]),
            ("  python -c pass", heat["python"]),
        ]
        width = max(len(r[0]) for r in rows)
    lines[1:3] = [f"{'phase':<{width}}  seconds", f"{'-' * width}  ---------------"]
    lines += [f"{name:<{width}}  {v['median']:7.3f} ({v['min']:.3f})" for name, v in rows]
    verdict = {True: "meets", False: "misses"}
    lines.append(
        f"target ≤ {result['target_s']:.1f} s: without charts "
        f"{verdict[result['meets_target_without_charts']]}, with charts "
        f"{verdict[result['meets_target_with_charts']]} " + _chart_cost(result)
    )
    return "\n".join(lines)


def _chart_cost(result: dict[str, Any]) -> str:
    """What one chart costs before typesetting, as the verdict's last words."""
    each = result.get("ms_per_chart_one_process")
    if each is not None:
        return f"({each} ms per chart drawn by matplotlib, in one process)"
    charts, typst = result["charts"], result.get("charts_drawn_by_typst", 0)
    made = 1000 * result["seconds"]["charts_one_process"]["median"] / max(charts, 1)
    return f"({typst} of {charts} charts drawn by typst; their data {made:.2f} ms per chart)"


def pdf_table(pdf: dict[str, Any], target: dict[str, Any], load: list[float]) -> str:
    rows = results_pdf.table_rows(pdf)
    width = max(len(name) for name, _ in rows)
    lines = [
        f"one results PDF ({pdf['pages']} pages), a different competition each run; "
        f"median (min) of {pdf['repeat']}; load average {load}",
        f"{'measure':<{width}}  ms",
        f"{'-' * width}  ---------------",
    ]
    lines += [f"{name:<{width}}  {v['median']:7.1f} ({v['min']:.1f})" for name, v in rows]
    verdict = "met" if target["met"] else "MISSED"
    lines.append(f"target {target['target']}: {verdict} — {target['note']}")
    return "\n".join(lines)


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The rows of the speed targets' table this benchmark covers."""
    full = result["seconds"]["full_set_with_charts"]
    typeset = result["seconds"]["typeset"]
    heat = result["one_heat_sheet"]
    entrants = result["entrants"]
    load = "–".join(f"{v:g}" for v in result["machine"]["loadavg_1min"])
    return [
        {
            "measure": "one heat sheet with charts, whole process (pursuit sheet … --heat)",
            "figure": round(heat["command"]["median"] * 1000, 1),
            "unit": "ms",
            "target": f"≤ {HEAT_TARGET_S * 1000:.0f} ms",
            "met": heat["command"]["median"] <= HEAT_TARGET_S,
            "note": (
                f"min {heat['command']['min'] * 1000:.0f} ms; the sheet modules alone "
                f"{heat['script']['median'] * 1000:.0f} ms; floor: typst's own typesetting "
                f"{heat['typst']['median'] * 1000:.0f} ms + python -c pass "
                f"{heat['python']['median'] * 1000:.0f} ms; load average {load} on "
                f"{result['machine']['cpus']} cores"
            ),
        },
        {
            "measure": f"full {entrants}-entrant set with charts, end to end after imports",
            "figure": round(full["median"] * 1000, 1),
            "unit": "ms",
            "target": f"≤ {TARGET_S * 1000:.0f} ms",
            "met": full["median"] <= TARGET_S,
            "note": (
                f"min {full['min'] * 1000:.0f} ms; floor: typst's own typesetting of the set "
                f"{typeset['median'] * 1000:.0f} ms (without charts "
                f"{result['seconds']['typeset_without_charts']['median'] * 1000:.0f} ms); "
                f"{result['charts_drawn_by_typst']} of {result['charts']} charts drawn by typst; "
                f"load average {load} on {result['machine']['cpus']} cores"
            ),
        },
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--entrants", type=int, default=128)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    parser.add_argument("--heat-repeat", type=int, default=7)
    parser.add_argument("--child", choices=CHILD_MODES, help=argparse.SUPPRESS)
    parser.add_argument("--peer", help="the peer's Python (with metarace), for the results PDF")
    parser.add_argument("--pdf-repeat", type=int, default=15, help="counted runs, results PDF")
    parser.add_argument("--only", choices=("all", "results-pdf"), default="all")
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not args.child:  # cold figures draw every chart; the warm one sets its own cache
        os.environ.pop("PURSUIT_CHART_CACHE", None)
    if args.child:
        print(child(args.entrants, args.child, args.file))
        return 0
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], env=_env())
    before = os.getloadavg()[0]
    pdf = results_pdf.measure(results_pdf.ENTRANTS, args.pdf_repeat, args.peer)
    result: dict[str, Any] = {}
    if args.only == "all":
        result = measure(args.entrants, args.repeat)
        result["one_heat_sheet"] = heat_runs(args.entrants, args.heat_repeat)
    load = [round(before, 2), round(os.getloadavg()[0], 2)]
    result["results_pdf"] = pdf
    result["machine"] = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "loadavg_1min": load,
    }
    pdf_target = results_pdf.target(pdf, load)
    result["targets"] = ([*targets(result), pdf_target]) if args.only == "all" else [pdf_target]
    if args.only == "all":
        print(table(result))
    print(pdf_table(pdf, pdf_target, load))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    print(f"wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
