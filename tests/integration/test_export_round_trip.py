"""`pursuit export-log --to toml` writes a file that `pursuit import` reads again, with the
format, the notes and every fact, wherever the file is taken."""

from __future__ import annotations

from pathlib import Path

import pytest

from cli_support import run_pursuit

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "examples" / "mexico-1968-men-individual-pursuit.toml"
PRESET = ROOT / "src" / "pursuit" / "formats" / "olympic-1968.toml"


@pytest.mark.slow
def test_a_competition_created_from_a_format_file_exports_to_a_file_that_imports_anywhere(
    tmp_path: Path,
) -> None:
    (tmp_path / "ip-1968.toml").write_text(
        PRESET.read_text("utf-8").replace('name = "olympic-1968"', 'name = "ip-1968"'), "utf-8"
    )
    text = EXAMPLE.read_text("utf-8").replace('format = "olympic-1968"', 'format = "ip-1968.toml"')
    text = text.replace("[rounds.Q]\n", '[rounds.Q]\nnote = "ridden in pairs"\n', 1)
    (tmp_path / "mx.toml").write_text(text, "utf-8")
    db = ["--db", "sqlite:///one.db"]
    done = run_pursuit("import", "mx.toml", *db, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    done = run_pursuit("export-log", "--to", "toml", "-o", "away/mx.toml", *db, cwd=tmp_path)
    assert done.returncode != 0  # the folder does not exist: refused, no traceback
    assert "Traceback" not in done.stderr
    (tmp_path / "away").mkdir()
    done = run_pursuit("export-log", "--to", "toml", "-o", "away/mx.toml", *db, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = (tmp_path / "away" / "mx.toml").read_text("utf-8")
    assert "[format]" in written and 'note = "ridden in pairs"' in written
    db2 = ["--db", "sqlite:///two.db"]
    done = run_pursuit("import", "away/mx.toml", *db2, cwd=tmp_path)
    assert done.returncode == 0, done.stderr  # before: unknown format 'ip-1968'
    again = run_pursuit("export-log", "--to", "toml", *db2, cwd=tmp_path)
    assert again.stdout.splitlines()[1:] == written.splitlines()[1:]  # all but who exported it
    one = run_pursuit("classify", "--json", *db, cwd=tmp_path).stdout
    two = run_pursuit("classify", "--json", *db2, cwd=tmp_path).stdout
    assert one == two
