"""One round-results PDF for 128 riders without charts: ours, typst's floor, and the peer.

Used by `bench/sheets.py` (its row "one results PDF, 128 riders, no charts"). Each counted run
typesets a *different* competition (synthetic, one seed each): typst memoizes layout within a
compiler, so typesetting the same data again would measure its cache, not the work a new
result asks for. The first `WARMUP` runs are not counted (the compiler, its fonts and the
template loaded); every figure is in process.

  ours         `render_pdf` of the qualifying round's results sheet (`results-Q`): the JSON, the
               template, typst, the PDF — what printing that sheet costs once the process is up
  typst floor  the simplest typst document holding the same table: a plain `table` of the same
               cells (strings, no styles, no page header or footer), same compiler and fonts
  lines floor  less than a table: each column's cells as one paragraph in a grid, on one long
               page (no styles, no stripes, no page header or footer, no pages to cut): about
               the least typst does to set these cells in columns
  peer         metarace (metarace-trackmeet's report library, cairo/pango) writing the same
               ranking as an individual-pursuit result report, `report.output_pdf` timed, in its
               own interpreter (`bench/peer_pdf.py --serve`, one ranking at a time)

Ours, the two floors and the peer alternate run by run (the same competition for each), so a
change in the machine's load falls on all of them.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import synthetic

WARMUP = 2
ENTRANTS = 128
PEER_SCRIPT = Path(__file__).resolve().parent / "peer_pdf.py"
ISSUE_PEER_MS = 27.0  # the peer's figure in the speed targets, for when the peer cannot run here
TARGET_RATIO = 1.5
MEASURE = "one results PDF, 128 riders, no charts"

# The floor: the same cells in a plain typst table on A4, nothing else.
FLOOR = b"""
#let data = json(bytes(sys.inputs.data))
#set page(paper: "a4", margin: (top: 34mm, bottom: 18mm, x: 14mm))
#set text(font: "DejaVu Sans", size: 8.5pt)
#let sheet = data.sheets.at(0)
#table(
  columns: sheet.columns.len(),
  table.header(..sheet.columns.map(c => c.head)),
  ..sheet.groups.map(g => g.rows).flatten(),
)
"""

# Below the floor: each column as one paragraph, one page as long as it needs.
LINES = b"""
#let data = json(bytes(sys.inputs.data))
#set page(width: 210mm, height: auto, margin: 14mm)
#set text(font: "DejaVu Sans", size: 8.5pt)
#let sheet = data.sheets.at(0)
#let rows = sheet.groups.map(g => g.rows).flatten().chunks(sheet.columns.len())
#grid(
  columns: sheet.columns.len(),
  column-gutter: 8pt,
  ..range(sheet.columns.len()).map(c => rows.map(r => r.at(c)).join("\\n")),
)
"""


@dataclass(frozen=True)
class Case:
    """One competition's qualifying results: the header and sheet we typeset, and the ranking
    handed to the peer."""

    header: Any
    sheets: list[Any]
    ranking: dict[str, Any]


def cases(entrants: int, count: int) -> list[Case]:
    from pursuit.sheets.plan import sheets_for
    from pursuit.sheets.source import from_competition_file

    made = []
    with tempfile.TemporaryDirectory() as folder:
        for seed in range(count):
            path = Path(folder) / f"synthetic-{entrants}-{seed}.toml"
            path.write_text(synthetic.build(entrants, seed=seed).text, "utf-8")
            source = from_competition_file(path)
            first = source.computed.results.rounds[0].id
            sheets = sheets_for(source, round_id=first, kinds=("round",), charts=False)
            made.append(Case(source.computed.view.competition, sheets, peer_ranking(sheets[0])))
    return made


def peer_ranking(sheet: Any) -> dict[str, Any]:
    """The sheet's ranking as the peer script reads it: rank, name, nation, heat, time, Q."""
    keys = [c["key"] for c in sheet.data["columns"]]
    rows = []
    for group in sheet.data["groups"]:
        for values in group["rows"]:
            row = dict(zip(keys, values, strict=True))
            rows.append(
                [
                    row.get("rank", ""),
                    row.get("name", ""),
                    row.get("nation", ""),
                    row.get("heat", ""),
                    row.get("time", ""),
                    row.get("q", "") == "Q",
                ]
            )
    return {"heading": sheet.data["title"], "rows": rows}


def summary(values: list[float]) -> dict[str, float]:
    return {
        "median": round(1000 * statistics.median(values), 2),
        "min": round(1000 * min(values), 2),
    }


def measure(entrants: int, repeat: int, peer_python: str | None) -> dict[str, Any]:
    from pursuit.sheets.render import render_pdf
    from pursuit.sheets.sheet import competition_data
    from pursuit.sheets.typesetting import _compiler

    made = cases(entrants, WARMUP + repeat)
    peer_error = ""
    server: Peer | None = None
    if peer_python:
        try:
            server = Peer(peer_python, made[0].header)
        except OSError as e:
            peer_error = f"{type(e).__name__}: {e}"
    peer_runs: list[dict[str, Any]] = []
    ours: list[float] = []
    ours_cpu: list[float] = []
    floor: list[float] = []
    lines: list[float] = []
    pages = 0
    with tempfile.TemporaryDirectory() as root:
        for i, case in enumerate(made):
            start, start_cpu = time.perf_counter(), time.process_time()
            pdf = render_pdf(case.header, case.sheets)
            wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
            data = {
                "competition": competition_data(case.header),
                "sheets": [s.data for s in case.sheets],
            }
            inputs = {"data": json.dumps(data, ensure_ascii=False)}
            start = time.perf_counter()
            _compiler().compile(input=FLOOR, root=root, format="pdf", sys_inputs=inputs)
            floor_wall = time.perf_counter() - start
            start = time.perf_counter()
            _compiler().compile(input=LINES, root=root, format="pdf", sys_inputs=inputs)
            lines_wall = time.perf_counter() - start
            if server is not None and not peer_error:
                try:
                    answer = server.run(case.ranking)
                    if i >= WARMUP:
                        peer_runs.append(answer)
                except (OSError, ValueError) as e:
                    peer_error = f"{type(e).__name__}: {e}"
            if i >= WARMUP:
                ours.append(wall)
                ours_cpu.append(cpu)
                floor.append(floor_wall)
                lines.append(lines_wall)
            pages = len(_page_objects(pdf))
    if server is not None:
        peer_error = server.close() or peer_error
    peer = None
    if peer_runs and not peer_error:
        peer = {
            "seconds": [r["seconds"] for r in peer_runs],
            "cpu_seconds": [r["cpu_seconds"] for r in peer_runs],
            "pages": peer_runs[-1]["pages"],
            "metarace": peer_runs[-1]["metarace"],
        }
    result: dict[str, Any] = {
        "entrants": entrants,
        "repeat": repeat,
        "pages": pages,
        "ours_ms": summary(ours),
        "ours_cpu_ms": summary(ours_cpu),
        "typst_floor_ms": summary(floor),
        "lines_floor_ms": summary(lines),
        "peer": None,
        "peer_error": peer_error,
    }
    if peer is not None:
        result["peer"] = {
            "ms": summary(peer["seconds"]),
            "cpu_ms": summary(peer["cpu_seconds"]),
            "pages": peer["pages"],
            "runs": len(peer["seconds"]),
            "library": f"metarace {peer['metarace']}",
        }
    return result


def _page_objects(pdf: bytes) -> list[bytes]:
    import re

    return re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf)


class Peer:
    """The peer in its own interpreter (`bench/peer_pdf.py --serve`), one ranking at a time."""

    def __init__(self, python: str, header: Any) -> None:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        self.job = {
            "title": header.title,
            "subtitle": "Individual pursuit",
            "host": header.venue,
            "date": ", ".join(header.dates),
        }
        self.process = subprocess.Popen(
            [python, str(PEER_SCRIPT), "--serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )

    def run(self, ranking: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps({**self.job, "rankings": [ranking]}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise ValueError(f"the peer stopped: {self.close()}")
        answer: dict[str, Any] = json.loads(line)
        return answer

    def close(self) -> str:
        """Ends the peer's process; what it said on stderr if it failed, else ""."""
        _, errors = self.process.communicate(timeout=60)
        if self.process.returncode:
            return (errors.strip().splitlines() or ["failed"])[-1]
        return ""


def target(result: dict[str, Any], load: list[float]) -> dict[str, Any]:
    """The row of the speed targets' table: our median, against the peer's measured median
    (or the peer's published 27 ms, said to be not measured here, when the peer could not run)."""
    ours = result["ours_ms"]
    floor = result["typst_floor_ms"]
    lines = result["lines_floor_ms"]
    peer = result["peer"]
    if peer is not None:
        peer_ms = peer["ms"]["median"]
        cpu = result["ours_cpu_ms"]["median"] / peer["cpu_ms"]["median"]
        against = (
            f"peer ({peer['library']}, cairo/pango) {peer_ms:.1f} ms in the same run "
            f"(processor time: ours {cpu:.2f}× the peer's)"
        )
    else:
        peer_ms = ISSUE_PEER_MS
        why = result["peer_error"] or "no --peer given"
        against = f"peer NOT measured here ({why}): the peer's published {ISSUE_PEER_MS:.0f} ms"
    ratio = ours["median"] / peer_ms
    note = (
        f"{against}: {ratio:.2f}×; min {ours['min']:.1f} ms; typst floor (a plain table of "
        f"the same cells) {floor['median']:.1f} ms, ours {ours['median'] / floor['median']:.2f}× "
        f"it; lines floor (a paragraph per column) {lines['median']:.1f} ms, ours "
        f"{ours['median'] / lines['median']:.2f}× it; median of {result['repeat']} in process, "
        f"load average {load}"
    )
    return {
        "measure": MEASURE,
        "figure": ours["median"],
        "unit": "ms",
        "target": f"≤ {TARGET_RATIO}× peer",
        "met": ratio <= TARGET_RATIO,
        "note": note,
    }


def table_rows(result: dict[str, Any]) -> list[tuple[str, dict[str, float]]]:
    """Rows for the sheets benchmark's table, in milliseconds."""
    rows = [
        (f"{MEASURE}: ours", result["ours_ms"]),
        ("  processor time of it", result["ours_cpu_ms"]),
        ("  typst floor: plain table, same cells", result["typst_floor_ms"]),
        ("  lines floor: a paragraph per column", result["lines_floor_ms"]),
    ]
    if result["peer"] is not None:
        rows.append((f"  peer: {result['peer']['library']}", result["peer"]["ms"]))
    return rows


if __name__ == "__main__":  # a quick look without the rest of the sheets benchmark
    peer_python = sys.argv[1] if len(sys.argv) > 1 else None
    found = measure(128, 15, peer_python)
    print(json.dumps(found, indent=2))
    print(json.dumps(target(found, [round(os.getloadavg()[0], 2)]), indent=2, ensure_ascii=False))
