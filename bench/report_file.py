"""Where a benchmark leaves its figures: one JSON file per benchmark (`bench/results/` unless
told otherwise), which `bench/speed.py` reads for the rows of the speed targets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def write_report(path: Path, report: dict[str, Any]) -> None:
    """Write `report` as indented JSON at `path` (its folder made if needed) and say where."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"JSON: {path}")
