"""`pursuit show` on the 1968 example prints the published article's tables.

The expected facts (every rank and time as printed in the article, with the
names from the project's data) live in tests/data/mexico-1968-published.json.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from cli_support import run_pursuit as run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mexico-1968-men-individual-pursuit.toml"
FACTS = json.loads((ROOT / "tests" / "data" / "mexico-1968-published.json").read_text("utf-8"))


def section(lines: list[str], title: str, start: int) -> int:
    for i in range(start, len(lines)):
        if lines[i].strip() == title:
            return i
    raise AssertionError(f"no table titled {title!r} after line {start}")


def cells(line: str) -> list[str]:
    return [c for c in re.split(r"\s{2,}", line.strip()) if c]


def test_show_prints_every_published_table_in_the_article_order_with_ranks_times_and_names():
    result = run("show", str(EXAMPLE))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    at = 0
    for table in FACTS["tables"]:
        at = section(lines, table["title"], at)
        for row in table["rows"]:
            at = next(i for i in range(at + 1, len(lines)) if row["name"] in lines[i])
            found = cells(lines[at])
            assert found[:2] == [row["rank"], row["name"]], (table["title"], lines[at])
            assert row["time"] in found, (table["title"], lines[at])
            if "note" in row:  # with how the ride is known after it ("Overtaken; inferred")
                assert found[-1].split("; ")[0] == row["note"], (table["title"], lines[at])


def test_show_prints_the_classification_with_the_shared_fifth_and_ac_on_every_row():
    """A shared rank reads `=5` on each of its rows and AC on each AC row: no row is blank,
    so none reads as tied with the row above (before, only the first row had its rank)."""
    result = run("show", str(EXAMPLE))
    lines = result.stdout.splitlines()
    at = section(lines, "Final classification", 0)
    ranks = [place["rank"] for place in FACTS["classification"]]
    for place in FACTS["classification"]:
        at = next(i for i in range(at + 1, len(lines)) if place["name"] in lines[i])
        found = cells(lines[at])
        shared = place["rank"].isdigit() and ranks.count(place["rank"]) > 1
        assert found[0] == ("=" if shared else "") + place["rank"], lines[at]


def test_classify_json_gives_every_round_and_the_classification_as_published():
    result = run("classify", str(EXAMPLE), "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    got = [(p["rank"], p["name"]) for p in doc["classification"]]
    assert got == [(p["rank"], p["name"]) for p in FACTS["classification"]]
    qualifying = doc["rounds"][0]["ranking"]
    want = FACTS["tables"][0]["rows"]
    assert [(r["rank"], r["name"], r["time"]) for r in qualifying] == [
        (r["rank"], r["name"], r["time"]) for r in want
    ]
    heats = [h for rnd in doc["rounds"][1:] for h in rnd["heats"]]
    assert [[(r["rank"], r["name"], r["time"]) for r in h["rides"]] for h in heats] == [
        [(r["rank"], r["name"], r["time"]) for r in t["rows"]] for t in FACTS["tables"][1:]
    ]


def test_check_on_the_example_is_clean():
    result = run("check", str(EXAMPLE))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "clean" in result.stdout


def test_show_says_how_each_heat_was_decided_and_how_a_ride_is_known():
    result = run("show", str(EXAMPLE))
    lines = result.stdout.splitlines()
    at = section(lines, "Quarterfinal 1", 0)
    assert next(line for line in lines[at:] if line.startswith("decided")).strip() == (
        "decided on time"
    )
    assert sum(line.strip() == "decided on time" for line in lines) == 8  # QF, SF, finals
    lizano = next(line for line in lines if "Inocente Lizano" in line)
    assert cells(lizano)[-1] == "Overtaken; inferred"
