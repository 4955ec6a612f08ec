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
import re
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
    # Glasgow 2023: Ganna, Bigham, Milan (Cyclingnews).
    "glasgow-2023-worlds-men-individual-pursuit": Published(
        medals=("Filippo Ganna", "Daniel Bigham", "Jonathan Milan")
    ),
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


def recognised(doc: dict[str, Any]) -> dict[tuple[str, str], str]:
    """The rides the engine marks as beating a standing record, by (round, entrant)."""
    marks = {}
    for rnd in doc["rounds"]:
        for row in rnd["ranking"]:
            found = re.search(r"\b(WR|OR) to be ratified", row["note"])
            if found:
                marks[(rnd["id"], row["name"])] = found.group(1)
    return marks


def classified_text(text: str, tmp_path: Path) -> dict[str, Any]:
    copy = tmp_path / "copy.toml"
    copy.write_text(text, "utf-8")
    result = run("classify", str(copy), "--json")
    assert result.returncode == 0, result.stderr
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def test_tokyo_the_records_recognised_from_the_book_are_the_published_ones(
    tmp_path: Path,
) -> None:
    """Without the records typed in the file, the engine finds the published ones from the
    record book (WR 3:44.672 Denmark 2020, OR 3:50.265 Great Britain 2016) and the times,
    heat by heat: all but Italy's qualifying OR, which stood for a few minutes before
    Denmark rode (tuttobiciweb): the qualifying pairs are not known, so only the fastest
    ride of qualifying can be marked (docs/records.md)."""
    stem = "tokyo-2020-men-team-pursuit"
    untyped = re.sub(r' record = "(WR|OR)",', "", example(stem).read_text("utf-8"))
    assert not re.search(r'record = "(WR|OR)"', untyped)
    published = {
        (round_id, ride["team"]): ride["record"]
        for round_id, table in source(stem)["rounds"].items()
        for ride in table["rides"]
        if ride.get("record") in ("WR", "OR")
    }
    assert published.pop(("Q", "Italy")) == "OR"
    assert recognised(classified_text(untyped, tmp_path)) == published


def test_tokyo_the_typed_records_are_shown_as_published() -> None:
    doc = classified("tokyo-2020-men-team-pursuit")
    assert recognised(doc) == {}  # a typed record wins over one recognised
    notes = {(r["id"], row["name"]): row["note"] for r in doc["rounds"] for row in r["ranking"]}
    assert notes[("Q", "Denmark")].startswith("OR")
    assert notes[("R1", "Australia")].startswith("OR")
    assert notes[("R1", "Italy")].startswith("WR")
    assert notes[("F", "Italy")].startswith("WR")


@pytest.mark.parametrize(
    ("stem", "ride", "record"),
    [
        # Roubaix 2021: the WR was Italy's 3:42.032 of Tokyo
        ("roubaix-2021-worlds-men-team-pursuit", '"3:47.192"', "3:42.032"),
        # Glasgow 2023: the WR was Ganna's 3:59.636 of Saint-Quentin-en-Yvelines 2022
        ("glasgow-2023-worlds-men-individual-pursuit", '"4:01.976"', "3:59.636"),
    ],
)
def test_no_ride_beat_the_world_record_standing_then(
    stem: str, ride: str, record: str, tmp_path: Path
) -> None:
    """Nothing is marked; the winner's time made a thousandth faster than the record that
    stood (and no faster) would have been, which shows which record the file met."""
    assert recognised(classified(stem)) == {}
    text = example(stem).read_text("utf-8")
    assert text.count(ride) == 1
    minutes, seconds = record.split(":")
    faster = f"{minutes}:{float(seconds) - 0.001:06.3f}"
    beaten = recognised(classified_text(text.replace(ride, f'"{faster}"'), tmp_path))
    assert beaten == {("F", CASES[stem].medals[0]): "WR"}
    equal = recognised(classified_text(text.replace(ride, f'"{record}"'), tmp_path))
    assert equal == {}
