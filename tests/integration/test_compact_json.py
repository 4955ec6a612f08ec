"""JSON that programs read is written compact: `classify --json`, `export --to json`,
`check --json` and the exported event log (no indentation, no spaces after `,` and `:`)."""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import run_pursuit as run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mexico-1968-men-individual-pursuit.toml"
PLANTED = ROOT / "tests" / "data" / "planted-mistakes.toml"


def _is_compact(text: str) -> bool:
    """One line of JSON exactly as the compact encoder writes it."""
    line = text.removesuffix("\n")
    compact = json.dumps(json.loads(line), ensure_ascii=False, separators=(",", ":"))
    return "\n" not in line and line == compact


def test_classify_json_is_compact_and_the_export_itself() -> None:
    classified = run("classify", str(EXAMPLE), "--json")
    exported = run("export", str(EXAMPLE), "--to", "json")
    assert classified.returncode == 0 and exported.returncode == 0, classified.stderr
    assert _is_compact(classified.stdout)
    assert classified.stdout == exported.stdout
    assert json.loads(classified.stdout)["classification"][0]["rank"] == "1"


def test_check_json_is_compact() -> None:
    result = run("check", str(PLANTED), "--json")
    assert result.returncode == 1, result.stderr
    assert _is_compact(result.stdout)
    assert len(json.loads(result.stdout)) > 3  # the planted mistakes, each a finding


def test_exported_log_is_compact_json_lines(tmp_path: Path) -> None:
    db = ["--db", "sqlite:///x.db"]
    assert run("import", str(EXAMPLE), *db, "-c", "x", cwd=tmp_path).returncode == 0
    exported = run("export-log", *db, "-c", "x", cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    lines = exported.stdout.splitlines()
    assert len(lines) > 10
    assert all(_is_compact(line) for line in lines)
    logged = run("log", "--json", *db, "-c", "x", cwd=tmp_path)
    assert logged.returncode == 0, logged.stderr
    assert all(_is_compact(line) for line in logged.stdout.splitlines())
