"""Benchmark: the full set of PDF sheets for a synthetic competition (default 128 entrants).

The full set is every start list, every heat sheet, every round's results and the final
classification (bench/synthetic.py makes an olympic-1968 competition with half-lap splits
for every ride, so every heat sheet has its table and, with charts, its two charts).
Phases, each timed on its own with `time.perf_counter`, best of `--repeat`:

  load        read the file, compute the results and the view   (sheets.source)
  data        every sheet's data from the read models, no charts (sheets.plan, charts=False)
  charts      every chart as SVG: 2 per heat, qualifying, bracket (data with charts − data)
  typeset     typst: the full set as one PDF                     (sheets.render)
  each        typst: one PDF per sheet instead                   (sheets.render, per sheet)

typst memoizes layout inside a process, so a second typesetting of the same sheets is far
faster than the first; every typst figure here is the first, each in a fresh process
(`--child`), and the warm figure is reported apart.

and the totals a user sees: the full set without charts (load + data + typeset) and with
them (+ charts). Imports are timed once, apart. Target: the full set in ≤ 1 s.
Prints a table and writes JSON (default bench/results/sheets.json).

    .venv/bin/python bench/sheets.py
    .venv/bin/python bench/sheets.py --entrants 32 --repeat 5
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import synthetic

TARGET_S = 1.0
DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "sheets.json"


def best(repeat: int, action: Callable[[], Any]) -> tuple[float, Any]:
    """The fastest of `repeat` runs (seconds) and the last run's result."""
    times: list[float] = []
    result: Any = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        times.append(time.perf_counter() - start)
    return min(times), result


def measure(entrants: int, repeat: int) -> dict[str, Any]:
    start = time.perf_counter()
    import matplotlib.figure  # noqa: F401  (what drawing the charts imports)

    from pursuit.sheets.plan import sheets_for
    from pursuit.sheets.render import render_pdf
    from pursuit.sheets.source import from_competition_file

    imports = time.perf_counter() - start
    case = synthetic.build(entrants)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"synthetic-{entrants}.toml"
        path.write_text(case.text, "utf-8")
        load, source = best(repeat, lambda: from_competition_file(path))
    header = source.computed.view.competition
    data, _ = best(repeat, lambda: sheets_for(source, charts=False))
    with_charts_s, drawn = best(repeat, lambda: sheets_for(source, charts=True))
    warm, pdf = best(repeat, lambda: render_pdf(header, drawn))
    pdfs = [render_pdf(header, [s]) for s in drawn]
    typeset = cold(entrants, "charts")
    typeset_plain = cold(entrants, "plain")
    each = cold(entrants, "each")
    images = sum(len(s.images) for s in drawn)
    kinds = {k: sum(1 for s in drawn if s.kind == k) for k in ("start-list", "heat", "round")}
    charts = max(with_charts_s - data, 0.0)
    without = load + data + typeset_plain
    total = load + with_charts_s + typeset
    return {
        "entrants": entrants,
        "sheets": len(drawn),
        "sheet_kinds": {**kinds, "classification": 1},
        "pages": pdf.count(b"/Type /Page\n") or _pages(pdf),
        "charts": images,
        "pdf_bytes": len(pdf),
        "pdf_bytes_each": sum(len(p) for p in pdfs),
        "seconds": {
            "imports": round(imports, 4),
            "load": round(load, 4),
            "data": round(data, 4),
            "charts": round(charts, 4),
            "typeset": round(typeset, 4),
            "typeset_again_warm": round(warm, 4),
            "typeset_without_charts": round(typeset_plain, 4),
            "each": round(each, 4),
            "full_set_without_charts": round(without, 4),
            "full_set_with_charts": round(total, 4),
        },
        "ms_per_chart": round(1000 * charts / images, 1) if images else None,
        "target_s": TARGET_S,
        "meets_target_without_charts": without <= TARGET_S,
        "meets_target_with_charts": total <= TARGET_S,
    }


def cold(entrants: int, mode: str) -> float:
    """Seconds of the first typesetting in a fresh process (see the module doc)."""
    done = subprocess.run(
        [sys.executable, __file__, "--entrants", str(entrants), "--child", mode],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def child(entrants: int, mode: str) -> float:
    from pursuit.sheets.plan import sheets_for
    from pursuit.sheets.render import render_pdf
    from pursuit.sheets.source import from_competition_file

    case = synthetic.build(entrants)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"synthetic-{entrants}.toml"
        path.write_text(case.text, "utf-8")
        source = from_competition_file(path)
    sheets = sheets_for(source, charts=mode != "plain")
    header = source.computed.view.competition
    start = time.perf_counter()
    if mode == "each":
        for sheet in sheets:
            render_pdf(header, [sheet])
    else:
        render_pdf(header, sheets)
    return time.perf_counter() - start


def _pages(pdf: bytes) -> int:
    return pdf.count(b"/Type/Page") or pdf.count(b"/Type /Page")


def table(result: dict[str, Any]) -> str:
    s = result["seconds"]
    rows = [
        ("imports (once: matplotlib, typst)", s["imports"]),
        ("load: file → results → view", s["load"]),
        ("data: every sheet, no charts", s["data"]),
        (f"charts: {result['charts']} SVGs ({result['ms_per_chart']} ms each)", s["charts"]),
        ("typeset: one PDF, with charts", s["typeset"]),
        ("  the same again (typst's memo cache warm)", s["typeset_again_warm"]),
        ("typeset: one PDF, without charts", s["typeset_without_charts"]),
        (f"typeset: {result['sheets']} PDFs, one per sheet", s["each"]),
        ("FULL SET without charts (load+data+typeset)", s["full_set_without_charts"]),
        ("FULL SET with charts", s["full_set_with_charts"]),
    ]
    width = max(len(r[0]) for r in rows)
    kinds = ", ".join(f"{v} {k}" for k, v in result["sheet_kinds"].items())
    lines = [
        f"{result['entrants']} entrants: {result['sheets']} sheets ({kinds}), "
        f"{result['pages']} pages, {result['pdf_bytes'] / 1e6:.1f} MB",
        f"{'phase':<{width}}  seconds",
        f"{'-' * width}  -------",
    ]
    lines += [f"{name:<{width}}  {value:7.3f}" for name, value in rows]
    verdict = {True: "meets", False: "misses"}
    lines.append(
        f"target ≤ {result['target_s']:.1f} s: without charts "
        f"{verdict[result['meets_target_without_charts']]}, with charts "
        f"{verdict[result['meets_target_with_charts']]}"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--entrants", type=int, default=128)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON)
    parser.add_argument("--child", choices=("plain", "charts", "each"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(child(args.entrants, args.child))
        return 0
    result = measure(args.entrants, args.repeat)
    result["machine"] = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
    }
    print(table(result))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", "utf-8")
    print(f"wrote {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
