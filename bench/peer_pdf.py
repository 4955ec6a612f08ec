"""The open-source peer's results PDF, timed: metarace (metarace-trackmeet's report library,
cairo/pango) writing one individual-pursuit results report for the riders it is given.

Run with the peer's own interpreter, never the project's (metarace is no project dependency):

    /tmp/peer-venv/bin/python bench/peer_pdf.py < riders.json > times.json

`bench/sheets.py --peer /tmp/peer-venv/bin/python` starts it with `--serve` and hands it the
same rankings it typesets itself, one at a time, alternating with its own runs.

Setting up the peer (Debian 12; PyGObject and pycairo from apt, because pip would build them
from source against headers the image does not have):

    apt-get install python3-gi python3-gi-cairo python3-cairo gir1.2-pango-1.0 gir1.2-rsvg-2.0
    /usr/bin/python3 -m venv --system-site-packages /tmp/peer-venv
    /tmp/peer-venv/bin/pip install metarace-trackmeet

Input (stdin, JSON): {"title", "subtitle", "host", "date", "warmup": n, "rankings":
[{"heading", "rows": [[rank, name, nation, heat, time, advances], ...]}, ...]}. For each ranking
the report is built the way trackmeet's timed event builds its result section (a
`report.section` whose lines are rank, number, name, class — "Q" for a rider who advances —,
time and the time behind the fastest) and `report.output_pdf` is timed, paginating included;
the first `warmup` runs are not counted.
Output (stdout, JSON): seconds and processor seconds per counted run, the last PDF's pages
and bytes, the library's version. `--pdf PATH` keeps the last PDF (for a screenshot).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from metarace import __version__ as metarace_version  # type: ignore[import-not-found]
from metarace import report  # type: ignore[import-not-found]


def seconds(text: str) -> float:
    """'4:21.69' -> 261.69 (the ranking's own time text)."""
    minutes, _, rest = text.rpartition(":")
    return (int(minutes) * 60 if minutes else 0) + float(rest)


def behind(time_text: str, fastest: float | None) -> str | None:
    if fastest is None or not time_text:
        return None
    return f"+{seconds(time_text) - fastest:.2f}"


def results_report(job: dict[str, Any], ranking: dict[str, Any]) -> Any:
    """One report holding one result section, as trackmeet prints a timed round's result."""
    rep = report.report()
    rep.strings["title"] = job["title"]
    rep.strings["subtitle"] = job["subtitle"]
    rep.strings["host"] = job.get("host", "")
    rep.strings["datestr"] = job.get("date", "")
    rep.strings["docstr"] = "Results"
    for key in ("commstr", "orgstr", "diststr"):
        rep.strings[key] = ""
    rep.set_provisional(False)
    sec = report.section("ev-1")
    sec.nobreak = True
    sec.heading = ranking["heading"]
    sec.subheading = "Result"
    timed = [r[4] for r in ranking["rows"] if r[4]]
    fastest = seconds(timed[0]) if timed else None
    for rank, name, nation, heat, time_text, advances in ranking["rows"]:
        shown_rank = f"{rank}." if rank.isdigit() else rank
        cls = f"Q {nation}" if advances else nation
        line = [shown_rank, heat, name, cls, time_text, behind(time_text, fastest)]
        sec.lines.append(line)
    rep.add_section(sec)
    return rep


def one(job: dict[str, Any], ranking: dict[str, Any]) -> tuple[float, float, bytes]:
    """Seconds and processor seconds of `output_pdf` for one ranking, and the PDF."""
    rep = results_report(job, ranking)
    out = io.BytesIO()
    start, start_cpu = time.perf_counter(), time.process_time()
    rep.output_pdf(out)
    return time.perf_counter() - start, time.process_time() - start_cpu, out.getvalue()


def serve() -> int:
    """One request a line: a job whose "rankings" holds one ranking; answers one line with its
    seconds, processor seconds and pages (so a caller can alternate the peer with its own runs)."""
    for line in sys.stdin:
        job = json.loads(line)
        wall, cpu, pdf = one(job, job["rankings"][0])
        pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))
        answer = {"seconds": wall, "cpu_seconds": cpu, "pages": pages, "metarace": metarace_version}
        print(json.dumps(answer), flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pdf", type=Path, help="keep the last PDF here")
    parser.add_argument("--serve", action="store_true", help="one ranking a line (see `serve`)")
    args = parser.parse_args()
    if args.serve:
        return serve()
    job = json.load(sys.stdin)
    warmup = int(job.get("warmup", 2))
    wall: list[float] = []
    cpu: list[float] = []
    pdf = b""
    for i, ranking in enumerate(job["rankings"]):
        seconds_, cpu_seconds, pdf = one(job, ranking)
        if i >= warmup:
            wall.append(seconds_)
            cpu.append(cpu_seconds)
    if args.pdf:
        args.pdf.write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", pdf))
    done = {"seconds": wall, "cpu_seconds": cpu, "pages": pages, "bytes": len(pdf)}
    json.dump({**done, "metarace": metarace_version}, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
