"""bench/speed.py: the speed targets from every results file as one Markdown table."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

SPEED = Path(__file__).resolve().parents[2] / "bench" / "speed.py"


@pytest.fixture(scope="module")
def speed() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_speed", SPEED)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_speed"] = module
    spec.loader.exec_module(module)
    return module


def _write(folder: Path, name: str, report: object) -> None:
    (folder / name).write_text(json.dumps(report, ensure_ascii=False), "utf-8")


def _results(folder: Path) -> Path:
    _write(
        folder,
        "startup.json",
        {
            "targets": [
                {
                    "measure": "pursuit show example, whole process",
                    "figure": 142.0,
                    "unit": "ms",
                    "target": "≤ 150 ms",
                    "met": True,
                    "note": "floor: python -c pass 15 ms (9.5×)",
                },
                {
                    "measure": "pursuit show, vs python -c pass",
                    "figure": 13.25,
                    "unit": "×",
                    "target": "≤ 12×",
                    "met": False,
                    "note": "a | in a note",
                },
            ]
        },
    )
    _write(
        folder,
        "classify.json",
        {"sizes": [], "targets": [{"measure": "classify load", "figure": 1.31, "unit": "×"}]},
    )
    _write(folder, "replay.json", {"benchmark": "replay"})  # no targets: not in the table
    (folder / "broken.json").write_text("{", "utf-8")
    return folder


def test_every_target_row_is_one_table_row_in_file_order(speed: ModuleType, tmp_path: Path) -> None:
    rows, problems = speed.collect(_results(tmp_path))
    assert [name for name, _ in rows] == ["classify.json", "startup.json", "startup.json"]
    assert problems == [problems[0]] and problems[0].startswith("broken.json: not readable")
    lines = speed.table(rows).splitlines()
    assert lines[0] == "| measure | figure | target | met | note |"
    assert len(lines) == 2 + 3
    assert lines[2] == "| classify load | 1.31× |  | — |  |"
    assert lines[3] == (
        "| pursuit show example, whole process | 142 ms | ≤ 150 ms | ✓ "
        "| floor: python -c pass 15 ms (9.5×) |"
    )
    assert lines[4].startswith("| pursuit show, vs python -c pass | 13.2× | ≤ 12× | ✗ |")
    assert lines[4].endswith("| a \\| in a note |")  # a bar in a cell does not split it
    assert speed.summary(rows) == "3 rows: 1 met, 1 missed, 1 reported"


def test_the_script_prints_the_table_and_where_each_row_came_from(
    speed: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert speed.main(["--results", str(_results(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert out.startswith("| measure | figure | target | met | note |\n")
    assert "- startup.json: 2 row(s), written " in out
    assert "- classify.json: 1 row(s)" in out
    assert "replay.json" not in out
