"""The 1980 Moscow example reproduces the published record through the CLI.

The expected facts are the published tables (Wikipedia 'Cycling at the 1980 Summer
Olympics – Men's individual pursuit', Olympedia results/154420): every rank and time as
printed. Only the 9th and 10th places contradict their own qualifying times; the engine
derives the order from the times and `pursuit check` reports the contradiction.
"""

from __future__ import annotations

import json
from pathlib import Path

from cli_support import run_pursuit as run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "moscow-1980-men-individual-pursuit.toml"

# (published rank, rider, published time) for each table, in the published order
QUALIFYING = [
    ("1", "Harald Wolf", "4:39.96"),
    ("2", "Hans-Henrik Ørsted", "4:39.98"),
    ("3", "Alain Bondue", "4:40.08"),
    ("4", "Robert Dill-Bundi", "4:40.71"),
    ("5", "Vladimir Osokin", "4:41.51"),
    ("6", "Pierangelo Bincoletto", "4:43.65"),
    ("7", "Sean Yates", "4:44.69"),
    ("8", "Martin Penc", "4:48.15"),
    ("9", "Kelvin Poole", "4:49.71"),
    ("10", "Joseph Smeets", "4:49.48"),
    ("11", "Sixten Wackström", "4:50.17"),
    ("12", "Zbigniew Woźnicki", "4:53.53"),
    ("13", "Antônio Silvestre", "4:54.52"),
    ("14", "Jhon Jarrín", "5:14.64"),
]
HEATS = {
    "QF": [
        [("1", "Robert Dill-Bundi", "4:34.92"), ("2", "Vladimir Osokin", "4:38.17")],
        [("1", "Alain Bondue", "4:36.27"), ("2", "Pierangelo Bincoletto", "4:43.84")],
        [("1", "Hans-Henrik Ørsted", "4:38.42"), ("2", "Sean Yates", "4:41.39")],
        [("1", "Harald Wolf", "4:37.18"), ("2", "Martin Penc", "4:47.87")],
    ],
    "SF": [
        [("1", "Alain Bondue", "4:36.23"), ("2", "Harald Wolf", "4:40.10")],
        [("1", "Robert Dill-Bundi", "4:32.29"), ("2", "Hans-Henrik Ørsted", "4:36.85")],
    ],
    "B": [[("3", "Hans-Henrik Ørsted", "4:36.54"), ("4", "Harald Wolf", "")]],
    "F": [[("1", "Robert Dill-Bundi", "4:35.66"), ("2", "Alain Bondue", "4:42.96")]],
}
CLASSIFICATION = [
    "Robert Dill-Bundi",
    "Alain Bondue",
    "Hans-Henrik Ørsted",
    "Harald Wolf",
    "Vladimir Osokin",
    "Sean Yates",
    "Pierangelo Bincoletto",
    "Martin Penc",
    "Kelvin Poole",
    "Joseph Smeets",
    "Sixten Wackström",
    "Zbigniew Woźnicki",
    "Antônio Silvestre",
    "Jhon Jarrín",
]
# The published 9th and 10th, whose qualifying times give the other order.
CONTRADICTED = {"Kelvin Poole": ("9", "10"), "Joseph Smeets": ("10", "9")}


def derived(published: str, name: str) -> str:
    """The rank the rules give: the published one, except for the contradicted pair."""
    return CONTRADICTED[name][1] if name in CONTRADICTED else published


def classified() -> dict[str, object]:
    result = run("classify", str(EXAMPLE), "--json")
    assert result.returncode == 0, result.stderr
    doc: dict[str, object] = json.loads(result.stdout)
    return doc


def test_every_qualifying_time_is_reproduced_and_ranked_by_time():
    doc = classified()
    rounds = doc["rounds"]
    assert isinstance(rounds, list)
    ranking = rounds[0]["ranking"]
    got = {r["name"]: (r["rank"], r["time"]) for r in ranking}
    assert got == {name: (derived(rank, name), time) for rank, name, time in QUALIFYING}
    # the table is printed in rank order: Smeets (faster) above Poole
    assert [r["name"] for r in ranking].index("Joseph Smeets") == 8


def test_every_knockout_heat_is_reproduced_in_the_published_riding_order():
    doc = classified()
    rounds = doc["rounds"]
    assert isinstance(rounds, list)
    by_id = {r["id"]: r for r in rounds}
    for round_id, heats in HEATS.items():
        got = [
            [(x["rank"], x["name"], x["time"]) for x in h["rides"]]
            for h in by_id[round_id]["heats"]
        ]
        assert got == heats, round_id


def test_the_classification_follows_the_rules_and_differs_from_the_record_only_at_9_and_10():
    doc = classified()
    places = doc["classification"]
    assert isinstance(places, list)
    got = {p["name"]: p["rank"] for p in places}
    assert got == {name: derived(str(i), name) for i, name in enumerate(CLASSIFICATION, 1)}
    assert doc["complete"] is True


def test_show_marks_the_world_record_of_the_semifinal():
    result = run("show", str(EXAMPLE))
    line = next(x for x in result.stdout.splitlines() if "4:32.29" in x)
    assert "Robert Dill-Bundi" in line and "WR" in line


def test_check_reports_exactly_the_contradiction_of_the_9th_and_10th():
    result = run("check", str(EXAMPLE), "--json")
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    assert {f["code"] for f in findings} == {"published-rank"}
    reported = sorted((f["message"].split(":")[0], f["message"].split(": ")[1]) for f in findings)
    expected = sorted(
        (where, f"{name} is published {published} but the {by} give {rules}")
        for name, (published, rules) in CONTRADICTED.items()
        for where, by in (("Qualifying round", "times"), ("classification", "rules"))
    )
    assert reported == expected
