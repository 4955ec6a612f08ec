"""The shipped examples of the current formats (Olympic and UCI team pursuit, UCI individual
pursuit) reproduce their published record through the command line.

Each example file holds the published facts: every time, the published ranks (`rank` on
the rides) and the published classification. `pursuit classify --json` must give back
every one of them, the medallists named here from the sources, and `pursuit check` must
report nothing but the contradictions of the published record each file explains in a
comment (listed here, with the reason, per example).
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from cli_support import run_pursuit as run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


@dataclass(frozen=True)
class Published:
    """What the sources say outside the file's own tables: the medallists, and the
    findings `pursuit check` must report (code, a word of the message), each a genuine
    contradiction of the published record explained in the example file."""

    medals: tuple[str, str, str]
    findings: tuple[tuple[str, str], ...] = field(default=())


CASES = {
    # Tokyo 2020 (held 2021): Italy, Denmark, Australia (Wikipedia; Cyclingnews).
    "tokyo-2020-men-team-pursuit": Published(medals=("Italy", "Denmark", "Australia")),
    # Roubaix 2021: Italy, France, Great Britain (Reuters).
    "roubaix-2021-worlds-men-team-pursuit": Published(medals=("Italy", "France", "Great Britain")),
}


def example(stem: str) -> Path:
    return EXAMPLES / f"{stem}.toml"


def classified(stem: str) -> dict[str, Any]:
    result = run("classify", str(example(stem)), "--json")
    assert result.returncode == 0, result.stderr
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def source(stem: str) -> dict[str, Any]:
    with example(stem).open("rb") as f:
        return tomllib.load(f)


def rides_of(round_doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Every ride of a computed round by entrant: from the ranking of a timed round, from
    the heats of a knockout round."""
    if round_doc["heats"]:
        return {r["name"]: r for heat in round_doc["heats"] for r in heat["rides"]}
    return {r["name"]: r for r in round_doc["ranking"]}


def plain(rank: object) -> str:
    return str(rank).lstrip("=")


@pytest.mark.parametrize("stem", sorted(CASES))
def test_check_reports_only_the_contradictions_the_file_explains(stem: str) -> None:
    result = run("check", "--json", str(example(stem)))
    found = json.loads(result.stdout)
    expected = CASES[stem].findings
    assert [f["code"] for f in found] == [code for code, _ in expected], found
    for finding, (_, word) in zip(found, expected, strict=True):
        assert word in finding["message"], finding
    assert result.returncode == (1 if expected else 0), result.stderr


@pytest.mark.parametrize("stem", sorted(CASES))
def test_every_published_time_and_rank_of_every_round_is_reproduced(stem: str) -> None:
    doc = classified(stem)
    computed = {r["id"]: rides_of(r) for r in doc["rounds"]}
    compared = 0
    for round_id, table in source(stem)["rounds"].items():
        for ride in table["rides"]:
            name = ride.get("team", ride.get("rider"))
            got = computed[round_id][name]
            assert got["time"] == ride.get("time", ""), (round_id, name, got)
            if "rank" in ride:
                assert got["rank"] == plain(ride["rank"]), (round_id, name, got)
            compared += 1
    assert compared == sum(len(t["rides"]) for t in source(stem)["rounds"].values())


@pytest.mark.parametrize("stem", sorted(CASES))
def test_the_classification_and_the_medals_are_as_published(stem: str) -> None:
    doc = classified(stem)
    got = [(p["rank"], p["name"]) for p in doc["classification"]]
    published = source(stem)["published"]["classification"]
    assert got == [(plain(p["rank"]), p["rider"]) for p in published]
    assert tuple(name for _, name in got[:3]) == CASES[stem].medals
    assert doc["complete"] is True


def test_tokyo_denmark_won_heat_4_by_the_catch_and_britain_rode_for_seventh() -> None:
    """The commissaires ruled that Denmark had caught Great Britain before the crash:
    Denmark go through without a time; Great Britain's given 4:28.489 is the slowest of
    the six, which sends them to the final for 7th place against Switzerland."""
    doc = classified("tokyo-2020-men-team-pursuit")
    rounds = {r["id"]: r for r in doc["rounds"]}
    heat4 = rounds["R1"]["heats"][3]["rides"]
    assert [(r["name"], r["rank"], r["time"]) for r in heat4] == [
        ("Denmark", "1", ""),
        ("Great Britain", "2", "4:28.489"),
    ]
    finals = {rid: {r["name"] for r in rides_of(rounds[rid]).values()} for rid in rounds}
    assert finals["F"] == {"Italy", "Denmark"}
    assert finals["B"] == {"Australia", "New Zealand"}
    assert finals["F56"] == {"Canada", "Germany"}
    assert finals["F78"] == {"Great Britain", "Switzerland"}


def test_tokyo_show_prints_the_line_ups_and_the_catch() -> None:
    result = run("show", str(example("tokyo-2020-men-team-pursuit")))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "Caught opponent" in text and "Overtaken" in text
    assert "Roger Kluge, Felix Groß, Leon Rohde, Domenic Weinstein" in text
    assert "Rodenberg Madsen (dropped)" in text
