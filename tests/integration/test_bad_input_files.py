"""Files in the wrong encoding or beyond a parser's limits get a clear error naming the file and
exit 2, never a traceback; nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

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


_COMPETITION = """[competition]
title = "T"
format = "FORMAT"

[entrants]
riders = [
  { name = "A", nation = "FRA" },
  { name = "B", nation = "ITA" },
]

[rounds.Q]
rides = [
  { rider = "A", time = "4:40.41" },
  { rider = "B", time = "4:41.00" },
]
"""


def competition(tmp_path: Path, extra: str = "", fmt: str = "olympic-1968") -> str:
    (tmp_path / "c.toml").write_text(_COMPETITION.replace("FORMAT", fmt) + extra, "utf-8")
    return "c.toml"


def test_a_competition_file_nested_too_deeply_is_refused_not_a_recursion_error(
    tmp_path: Path,
) -> None:
    name = competition(tmp_path, "\n[published]\nsource = " + "[" * 500 + "]" * 500 + "\n")
    for command in ("check", "show"):
        _refused(run_pursuit(command, name, cwd=tmp_path), "c.toml", "nested too deeply")


def test_a_format_file_field_of_the_wrong_type_is_refused_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "mine.toml").write_text(
        'name = "mine"\ntie_break = true\n\n[[rounds]]\nid = "Q"\nkind = "timed"\n\n'
        '[[classification]]\nmembers = "not_advanced:Q"\norder = "rank:Q"\n',
        "utf-8",
    )
    name = competition(tmp_path, fmt="mine.toml")
    _refused(run_pursuit("check", name, cwd=tmp_path), "mine.toml:2", "tie_break")


def test_a_time_of_thousands_of_digits_is_a_finding_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "c.toml").write_text(
        _COMPETITION.replace("FORMAT", "olympic-1968").replace("4:40.41", "9" * 5000), "utf-8"
    )
    result = run_pursuit("check", "c.toml", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "c.toml:13: A: not a race time" in result.stdout


def test_a_nation_that_is_not_text_is_a_finding_and_show_still_prints(tmp_path: Path) -> None:
    name = competition(tmp_path)
    (tmp_path / name).write_text(
        (tmp_path / name).read_text("utf-8").replace('nation = "FRA"', "nation = 5"), "utf-8"
    )
    checked = run_pursuit("check", name, cwd=tmp_path)
    assert checked.returncode == 1 and "c.toml:7: A: nation must be text" in checked.stdout
    shown = run_pursuit("show", name, cwd=tmp_path)
    assert shown.returncode == 0 and "Traceback" not in shown.stderr


def test_a_number_too_long_for_python_is_refused_as_bad_toml(tmp_path: Path) -> None:
    from pursuit.errors import PursuitError
    from pursuit.loading.competition_file import competition_from_text
    from pursuit.loading.format_files import format_from_text

    long_number = "9" * 4400
    with pytest.raises(PursuitError, match="not valid TOML"):
        competition_from_text(f"distance_m = {long_number}\n", "long.toml")
    with pytest.raises(PursuitError, match="not valid TOML"):
        format_from_text(f"precision = {long_number}\n", "long-format.toml")
