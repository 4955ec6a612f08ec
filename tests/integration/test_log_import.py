"""Importing an event log is all or nothing: a log whose events do not decode or fold is
refused with its line, and nothing reaches the database."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from pursuit.app.importing import commands_from_file
from pursuit.app.log_files import read_jsonl, write_jsonl
from pursuit.app.service import CompetitionService
from pursuit.core.engine import compute
from pursuit.errors import CompetitionFileError
from pursuit.store.open import open_store
from pursuit.views.results import build_view

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mexico-1968-men-individual-pursuit.toml"


@pytest.fixture(scope="module")
def log_lines() -> list[str]:
    svc = CompetitionService(open_store("memory://"))
    svc.handle("mx", commands_from_file(EXAMPLE), "import")
    return write_jsonl(svc.history("mx")).splitlines()


def test_an_event_missing_a_field_refuses_the_whole_import_naming_its_line(
    log_lines: list[str], tmp_path: Path
) -> None:
    row = json.loads(log_lines[1])
    del row["data"]["name"]
    path = tmp_path / "broken.jsonl"
    path.write_text("\n".join([log_lines[0], json.dumps(row), *log_lines[2:]]) + "\n", "utf-8")
    with pytest.raises(CompetitionFileError, match=r"broken.jsonl:2: event EntrantRegistered"):
        read_jsonl(path)


@pytest.mark.parametrize("half_lap", [10**9, 0, -3])
def test_a_split_beyond_the_distance_refuses_the_import_and_builds_nothing(
    tmp_path: Path, half_lap: int
) -> None:
    svc = CompetitionService(open_store("memory://"))
    svc.handle("mx", commands_from_file(EXAMPLE), "import")
    rows = [json.loads(line) for line in write_jsonl(svc.history("mx")).splitlines()]
    split = {
        "type": "SplitRecorded",
        "version": 1,
        "data": {"round": "Q", "heat": 1, "entrant": rows[1]["data"]["name"],
                 "half_lap": half_lap, "elapsed": "12.5"},
    }  # fmt: skip
    row = {**rows[-1], **split, "position": rows[-1].get("position", 0) + 1}
    path = tmp_path / "far.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [*rows, row]) + "\n", "utf-8")
    with pytest.raises(CompetitionFileError, match="half lap"):
        read_jsonl(path)


@pytest.mark.parametrize("nation", [-1, True, ["URS"]])
def test_a_number_where_a_nation_code_goes_refuses_the_import(
    log_lines: list[str], tmp_path: Path, nation: object
) -> None:
    row = json.loads(log_lines[1])
    row["data"]["nation"] = nation
    path = tmp_path / "nation.jsonl"
    path.write_text("\n".join([log_lines[0], json.dumps(row), *log_lines[2:]]) + "\n", "utf-8")
    with pytest.raises(CompetitionFileError, match=r"nation.jsonl:2: .*expected str"):
        read_jsonl(path)


def test_a_log_that_is_not_utf8_is_refused_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes("é".encode("latin-1"))
    with pytest.raises(CompetitionFileError, match="cannot read"):
        read_jsonl(path)


def _mutations(lines: list[str], count: int) -> list[list[str]]:
    """Logs with one field of one event dropped, retyped or emptied: a careless editor's work."""
    rng = random.Random(1968)
    out = []
    for _ in range(count):
        k = rng.randrange(len(lines))
        row = json.loads(lines[k])
        data = row["data"]
        if not data:
            continue
        name = rng.choice(sorted(data))
        change = rng.choice(["drop", "number", "list", "text"])
        if change == "drop":
            del data[name]
        elif change == "number":
            data[name] = 5
        elif change == "list":
            data[name] = ["x"]
        else:
            data[name] = "x"
        out.append([*lines[:k], json.dumps(row), *lines[k + 1 :]])
    return out


def test_a_mutated_log_is_either_refused_or_shows_without_a_crash(
    log_lines: list[str], tmp_path: Path
) -> None:
    refused = accepted = 0
    for n, lines in enumerate(_mutations(log_lines, 120)):
        path = tmp_path / f"m{n}.jsonl"
        path.write_text("\n".join(lines) + "\n", "utf-8")
        try:
            events = read_jsonl(path)
        except CompetitionFileError:
            refused += 1
            continue
        accepted += 1
        store = open_store("memory://")
        store.append("m", 0, events)
        svc = CompetitionService(store)
        build_view(compute(svc.existing("m").competition()))  # what show and serve do
    assert refused and accepted  # both kinds were tried
