"""The 1968 Olympic team pursuit through the CLI: each state of its story with --as-of, from
the shipped file and from a database the file was imported into."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from cli_support import run_pursuit

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mexico-1968-men-team-pursuit.toml"

RACE_DAY = [("1", "West Germany"), ("2", "Denmark"), ("3", "Italy"), ("4", "Soviet Union")]
AFTER_PROTEST = [("1", "Denmark"), ("2", ""), ("3", "Italy"), ("4", "Soviet Union")]
FIRST_ANNOUNCEMENT = [("1", "Denmark"), ("2", "Italy"), ("3", "Soviet Union"), ("4", "")]
AFTER_FIAC = [("1", "Denmark"), ("2", "West Germany"), ("3", "Italy"), ("4", "Soviet Union")]


def classify(*args: str, cwd: Path | None = None) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if k != "PURSUIT_DATABASE_URL"}
    result = run_pursuit("classify", *args, "--json", cwd=cwd, env=env)
    assert result.returncode == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def podium(document: dict[str, Any]) -> list[tuple[str, str]]:
    return [(p["rank"], p["name"]) for p in document["classification"][:4]]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (("--as-of", "1968-10-20"), RACE_DAY),
        (("--decisions", "0"), RACE_DAY),
        (("--decisions", "3"), FIRST_ANNOUNCEMENT),
        (("--as-of", "1968-10-21"), AFTER_PROTEST),
        (("--as-of", "1968-11-29"), AFTER_PROTEST),
        (("--as-of", "1968-11-30"), AFTER_FIAC),
        ((), AFTER_FIAC),
    ],
)
def test_each_state_of_the_1968_team_pursuit_from_the_file(
    options: tuple[str, ...], expected: list[tuple[str, str]]
) -> None:
    assert podium(classify(str(EXAMPLE), *options)) == expected


def test_after_the_protest_west_germany_is_disqualified_and_the_silver_vacant() -> None:
    document = classify(str(EXAMPLE), "--as-of", "1968-10-21")
    assert {"rank": "DSQ", "name": "West Germany", "nation": "FRG"} in document["classification"]
    final = next(r for r in document["rounds"] if r["id"] == "F")
    assert [(row["rank"], row["name"], row["note"]) for row in final["ranking"]] == [
        ("1", "Denmark", ""),
        ("2", "West Germany", "DSQ"),
    ]
    assert [d["what"] for d in document["decisions"]] == [
        "disqualify F, West Germany",
        "award place 2 to Italy",
        "award place 3 to Soviet Union",
        "award place 3 to Italy",
        "award place 4 to Soviet Union",
    ]


def test_the_federations_award_is_shown_with_who_when_and_where() -> None:
    document = classify(str(EXAMPLE))
    silver = document["classification"][1]
    assert silver["name"] == "West Germany"
    assert silver["awarded"].startswith("awarded by FIAC")
    assert silver["awarded"].endswith("1968-11-30")
    fiac = document["decisions"][-1]
    assert fiac["effect"] == "award" and fiac["basis"] == "inferred"
    assert "November 1968" in fiac["reference"]
    assert [p["name"] for p in document["classification"]].count("West Germany") == 1


def test_check_finds_nothing_to_report_in_the_1968_team_pursuit() -> None:
    result = run_pursuit("check", str(EXAMPLE))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "clean" in result.stdout


def test_the_decisions_imported_into_a_database_give_the_same_states(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PURSUIT_DATABASE_URL"}
    db = ("--db", "sqlite:///tp68.db")
    imported = run_pursuit("import", str(EXAMPLE), *db, cwd=tmp_path, env=env)
    assert imported.returncode == 0, imported.stderr
    assert podium(classify(*db, "--as-of", "1968-10-20", cwd=tmp_path)) == RACE_DAY
    assert podium(classify(*db, "--as-of", "1968-10-21", cwd=tmp_path)) == AFTER_PROTEST
    assert podium(classify(*db, "--decisions", "3", cwd=tmp_path)) == FIRST_ANNOUNCEMENT
    assert podium(classify(*db, cwd=tmp_path)) == AFTER_FIAC
    log = run_pursuit("log", *db, cwd=tmp_path, env=env)
    assert "entrant=West Germany, date=1968-11-30, place=2, reference=FIAC meeting" in log.stdout
    shown = run_pursuit("show", *db, cwd=tmp_path, env=env)
    assert shown.returncode == 0, shown.stderr
    assert "Decisions" in shown.stdout and "award place 2 to West" in shown.stdout


def test_a_log_position_with_a_file_or_a_date_not_written_yyyy_mm_dd_is_refused() -> None:
    by_position = run_pursuit("classify", str(EXAMPLE), "--as-of", "12")
    assert by_position.returncode == 2
    assert "--as-of N reads an event log" in by_position.stderr
    badly_dated = run_pursuit("show", str(EXAMPLE), "--as-of", "21.10.1968")
    assert badly_dated.returncode == 2
    assert "--as-of takes a day written YYYY-MM-DD" in badly_dated.stderr
