"""Fuzz and abuse report: many more mutated inputs than CI tries, and schemathesis per role.

    .venv/bin/python bench/fuzz_report.py                   # 2,000 inputs per loader, 50 cases
    .venv/bin/python bench/fuzz_report.py --inputs 5000 --cases 100 --seed 7
    .venv/bin/python bench/fuzz_report.py --only loaders    # or: api

Uses the strategies and drivers of `tests/fuzz/` (fuzz_support, api_fuzz): competition files,
format files, entries CSVs and event logs mutated and read in process as the CLI reads them;
then schemathesis's valid and invalid cases for every API operation, anonymously and as each
role. Nothing fails: every crash is counted by its site (exception type and the deepest frame in
pursuit's code), with one input's diff from its seed, and every 5xx and nonconforming answer is
counted. Prints the tables and writes bench/results/fuzz.json. Targets: 0 tracebacks, 0 5xx.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests" / "fuzz"), str(ROOT / "tests")]

import api_fuzz  # noqa: E402
import fuzz_support  # noqa: E402
from hypothesis import given  # noqa: E402

from pursuit.errors import PursuitError  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "fuzz.json"


def loaders(inputs: int, seed: int) -> list[dict[str, Any]]:
    return [one_loader(loader, inputs, seed) for loader in fuzz_support.LOADERS]


def one_loader(loader: fuzz_support.Loader, inputs: int, seed: int) -> dict[str, Any]:
    outcomes: Counter[str] = Counter()
    sites: Counter[str] = Counter()
    examples: dict[str, str] = {}
    started = time.process_time()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{loader.suffix}"

        @fuzz_support.fuzz(inputs, seed)
        @given(data=loader.inputs())
        def one(data: bytes) -> None:
            path.write_bytes(data)
            try:
                loader.drive(path)
            except PursuitError:
                outcomes["refused"] += 1
            except BaseException as crash:  # counted, never raised: a report, not a test
                outcomes["traceback"] += 1
                site = fuzz_support.crash_site(crash)
                sites[site] += 1
                examples.setdefault(site, f"{crash}"[:200] + "\n" + fuzz_support.changes(data))
            else:
                outcomes["accepted"] += 1

        one()
    return {
        "loader": loader.name,
        "inputs": sum(outcomes.values()),
        **{k: outcomes[k] for k in ("accepted", "refused", "traceback")},
        "crash_sites": dict(sites.most_common()),
        "examples": examples,
        "cpu_s": round(time.process_time() - started, 1),
    }


def api(cases: int, seed: int) -> dict[str, Any]:
    tally = api_fuzz.Tally()
    started = time.process_time()
    with tempfile.TemporaryDirectory() as folder, api_fuzz.api(Path(folder)) as (client, schema):
        headers = api_fuzz.tokens(client)
        operations = len(api_fuzz.operations(schema))
        for who in api_fuzz.WHO:
            api_fuzz.run(client, schema, who, headers[who], cases, tally, False, seed)
    return {
        "operations": operations,
        "cases": dict(tally.cases),
        "server_errors": dict(tally.server_errors),
        "statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
        "nonconforming": tally.failures,
        "cpu_s": round(time.process_time() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=2000, help="inputs per loader")
    parser.add_argument("--cases", type=int, default=50, help="cases per operation and role")
    parser.add_argument("--seed", type=int, default=1968)
    parser.add_argument("--only", choices=["loaders", "api"])
    args = parser.parse_args()
    report: dict[str, Any] = {"seed": args.seed}
    if args.only != "api":
        report["loaders"] = rows = loaders(args.inputs, args.seed)
        print(
            f"{'loader':<18}{'inputs':>8}{'accepted':>10}{'refused':>9}{'tracebacks':>12}"
            f"{'sites':>7}{'cpu s':>8}"
        )
        for r in rows:
            print(
                f"{r['loader']:<18}{r['inputs']:>8}{r['accepted']:>10}{r['refused']:>9}"
                f"{r['traceback']:>12}{len(r['crash_sites']):>7}{r['cpu_s']:>8}"
            )
        for r in rows:
            for site, count in r["crash_sites"].items():
                print(f"  {r['loader']}: {count} × {site}")
    if args.only != "loaders":
        report["api"] = result = api(args.cases, args.seed)
        print(
            f"\nschemathesis: {result['operations']} operations, {args.cases} cases each per role"
        )
        print(f"{'caller':<12}{'cases':>8}{'5xx':>6}")
        for who in api_fuzz.WHO:
            key = str(who)
            label = "anonymous" if who is None else f"{who} ({api_fuzz.ROLES[who]})"
            print(
                f"{label:<12}{result['cases'].get(key, 0):>8}"
                f"{result['server_errors'].get(key, 0):>6}"
            )
        print("statuses:", result["statuses"])
        for title in result["nonconforming"]:
            print("  nonconforming:", title)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False), "utf-8")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
