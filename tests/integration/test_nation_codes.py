"""Nation codes through the command line: `pursuit check` reports unknown ones, an import
refuses them like any other finding, the entries CSV refuses them by line; codes a file
declares under [nations] go with the competition into the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_support import run_pursuit

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mexico-1968-men-individual-pursuit.toml"

_FILE = """[competition]
title = "T"
format = "olympic-1968"
NATIONS
[entrants]
riders = [
  { name = "Anna", nation = "URS" },
  { name = "Bert", nation = "NATION" },
]
"""


def _file(tmp_path: Path, nation: str, declared: str = "") -> str:
    text = _FILE.replace("NATIONS", declared).replace('"NATION"', f'"{nation}"')
    (tmp_path / "c.toml").write_text(text, "utf-8")
    return "c.toml"


def test_the_1968_example_checks_clean() -> None:
    result = run_pursuit("check", str(EXAMPLE))
    assert result.returncode == 0, result.stdout
    assert "clean" in result.stdout


@pytest.mark.parametrize(
    ("nation", "said"),
    [
        ("ZZZ", "c.toml:8: Bert: unknown nation code 'ZZZ': not an IOC code; declare it under"),
        ("ger", "c.toml:8: Bert: nation code 'ger' is written 'GER' [nation-case]"),
    ],
)
def test_check_reports_an_unknown_nation_code_on_its_line(
    tmp_path: Path, nation: str, said: str
) -> None:
    result = run_pursuit("check", _file(tmp_path, nation), cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert said in result.stdout


def test_a_declared_code_checks_clean(tmp_path: Path) -> None:
    name = _file(tmp_path, "NCL", '\n[nations]\nNCL = "New Caledonia"\n')
    result = run_pursuit("check", name, cwd=tmp_path)
    assert result.returncode == 0, result.stdout


@pytest.mark.slow
def test_import_refuses_an_unknown_code_and_show_still_prints(tmp_path: Path) -> None:
    name = _file(tmp_path, "ZZZ")
    imported = run_pursuit("import", name, "--db", "sqlite:///x.db", cwd=tmp_path)
    assert imported.returncode == 2 and "unknown nation code 'ZZZ'" in imported.stderr
    shown = run_pursuit("show", name, cwd=tmp_path)
    assert shown.returncode == 0 and "ZZZ" in shown.stdout


def _csv(tmp_path: Path, *lines: str) -> str:
    (tmp_path / "entries.csv").write_text("\n".join(["name,nation", *lines]) + "\n", "utf-8")
    return "entries.csv"


@pytest.mark.slow
def test_the_entries_import_refuses_an_unknown_code_by_line_and_registers_nothing(
    tmp_path: Path,
) -> None:
    db = ["--db", "sqlite:///x.db"]
    made = run_pursuit("new", "x", "--title", "T", "--format", "olympic-1968", *db, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    csv = _csv(tmp_path, "Anna,GDR", "Bert,ZZZ", "Carl,fra")
    refused = run_pursuit("entries", "import", csv, *db, "-c", "x", cwd=tmp_path)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "entries.csv:3: Bert: unknown nation code 'ZZZ'" in refused.stderr
    assert "entries.csv:4: Carl: nation code 'fra' is written 'FRA'" in refused.stderr
    assert "EntrantRegistered" not in run_pursuit("log", *db, "-c", "x", cwd=tmp_path).stdout
    csv = _csv(tmp_path, "Anna,GDR", "Bert,URS", "Carl,FRA")
    done = run_pursuit("entries", "import", csv, *db, "-c", "x", cwd=tmp_path)
    assert done.returncode == 0, done.stderr


@pytest.mark.slow
def test_the_entries_import_accepts_the_codes_the_imported_file_declared(tmp_path: Path) -> None:
    db = ["--db", "sqlite:///x.db"]
    name = _file(tmp_path, "NCL", '\n[nations]\nNCL = "New Caledonia"\n')
    imported = run_pursuit("import", name, *db, "-c", "x", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    csv = _csv(tmp_path, "Cleo,NCL", "Dora,WLF")
    refused = run_pursuit("entries", "import", csv, *db, "-c", "x", cwd=tmp_path)
    assert refused.returncode == 2 and "entries.csv:3: Dora: unknown nation code 'WLF'" in (
        refused.stderr
    )
    assert "entries.csv:2" not in refused.stderr
    exported = run_pursuit("export-log", *db, "-c", "x", cwd=tmp_path)
    assert '"nations":{"NCL":"New Caledonia"}' in exported.stdout  # compact JSON Lines
