"""Benchmark: writing the results as JSON at 10,000 entrants, compact against indented.

Builds the results document of a synthetic competition (bench/synthetic.py) once, then
writes it `--repeat` times each way, alternating: compact (`export --to json` and
`classify --json` since the speed work, `pursuit.export.json_export.render`) and indented by 2
(what they wrote before). Prints median (min) ms and writes bench/results/json_export.json
with a `"targets"` row.

    .venv/bin/python bench/json_export.py
    .venv/bin/python bench/json_export.py --entrants 1000 --repeat 9
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import synthetic
from pursuit.core.engine import compute
from pursuit.export.json_export import render, results_document
from pursuit.loading.competition_file import load_competition
from pursuit.views.results import build_view
from report_file import write_report

DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "json_export.json"


def indented(document: object) -> str:
    """The document as written before indented by 2."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the JSON export, compact vs indented.")
    parser.add_argument("--entrants", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pursuit-bench-") as tmp:
        path = Path(tmp) / "synthetic.toml"
        path.write_text(synthetic.build(args.entrants).text, "utf-8")
        view = build_view(compute(load_competition(path).competition))
    document = results_document(view)
    compact_text, indented_text = render(view), indented(document)
    assert json.loads(compact_text) == json.loads(indented_text)  # the same data
    samples: dict[str, list[float]] = {"compact": [], "indented": []}
    ways = (("compact", lambda: render(view)), ("indented", lambda: indented(document)))
    for _ in range(max(1, args.repeat)):
        for name, write in ways:
            gc.collect()
            start = time.perf_counter()
            write()
            samples[name].append((time.perf_counter() - start) * 1000)
    # render also builds the document from the view; the indented row only writes it
    start = time.perf_counter()
    results_document(view)
    building = (time.perf_counter() - start) * 1000
    med = {k: statistics.median(v) for k, v in samples.items()}
    for name, values in samples.items():
        print(f"{name:>9}: {med[name]:8.1f} ms median, {min(values):8.1f} ms min")
    megabytes = [len(text.encode()) / 1e6 for text in (compact_text, indented_text)]
    sizes = f"{megabytes[0]:.1f} MB compact, {megabytes[1]:.1f} MB indented"
    print(f"document built from the view: {building:.1f} ms; {sizes}")
    ratio = med["indented"] / med["compact"]
    print(f"compact (with building the document) is {ratio:.1f}× faster than indented alone")
    report = {
        "benchmark": "json_export",
        "entrants": args.entrants,
        "samples_ms": {k: [round(x, 2) for x in v] for k, v in samples.items()},
        "document_ms": round(building, 2),
        "bytes": {"compact": len(compact_text.encode()), "indented": len(indented_text.encode())},
        "load_average": os.getloadavg(),
        "targets": [
            {
                "measure": f"JSON export at {args.entrants:,} entrants (compact)",
                "figure": round(med["compact"], 1),
                "unit": "ms",
                "target": "compact where no person reads it",
                "met": None,
                "note": (
                    f"indented by 2 (before): {med['indented']:.0f} ms, {ratio:.1f}×; "
                    f"median of {len(samples['compact'])}; {sizes}"
                ),
            }
        ],
    }
    write_report(args.json, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
