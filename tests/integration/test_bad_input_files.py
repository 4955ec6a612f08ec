"""Files in the wrong encoding or beyond a parser's limits get a clear error naming the file and
exit 2, never a traceback; nothing is written."""

from __future__ import annotations

from pathlib import Path

from cli_support import run_pursuit


def _new(tmp_path: Path) -> list[str]:
    db = ["--db", "sqlite:///x.db"]
    made = run_pursuit("new", "x", "--title", "T", "--format", "olympic-1968", *db, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    return [*db, "-c", "x"]


def _refused(result: object, *words: str) -> None:
    assert result.returncode == 2  # type: ignore[attr-defined]
    err = result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in err and err.startswith("error: ")
    for word in words:
        assert word in err


def test_an_entries_file_not_in_utf8_is_refused_by_name(tmp_path: Path) -> None:
    db = _new(tmp_path)
    (tmp_path / "latin1.csv").write_bytes("name\nJosé\n".encode("latin-1"))
    _refused(run_pursuit("entries", "import", "latin1.csv", *db, cwd=tmp_path), "latin1.csv")
    log = run_pursuit("log", *db, cwd=tmp_path).stdout
    assert "EntrantRegistered" not in log


def test_an_entries_field_beyond_the_csv_limit_is_refused_by_name(tmp_path: Path) -> None:
    db = _new(tmp_path)
    (tmp_path / "huge.csv").write_text("name\n" + "a" * 200_000 + "\n", "utf-8")
    _refused(run_pursuit("entries", "import", "huge.csv", *db, cwd=tmp_path), "huge.csv", "CSV")


def test_a_format_file_not_in_utf8_is_refused_by_name(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_bytes('name = "é"\n'.encode("latin-1"))
    result = run_pursuit(
        "new", "y", "--title", "T", "--format", "mine.toml", "--db", "sqlite:///y.db", cwd=tmp_path
    )
    _refused(result, "mine.toml", "UTF-8")
