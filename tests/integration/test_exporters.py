"""The exporters on the 1968 example: golden files plus checks that stand on their own.

Golden files live in tests/golden/mexico-1968.{md,wiki,csv,json}. To regenerate them after
an intended change, run

    PURSUIT_UPDATE_GOLDEN=1 .venv/bin/pytest tests/integration/test_exporters.py

then read every changed golden by eye against the published article before committing.
The published facts (every rank and time of each table as printed, names from the
project's data) come from tests/data/mexico-1968-published.json.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from pursuit.app.file_results import compute_file
from pursuit.errors import PursuitError
from pursuit.export import EXPORTERS, csv_export, json_export, markdown, render, wikitext
from pursuit.views.results import PlaceView, ResultsView

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mexico-1968-men-individual-pursuit.toml"
GOLDEN = ROOT / "tests" / "golden"
FACTS: dict[str, Any] = json.loads(
    (ROOT / "tests" / "data" / "mexico-1968-published.json").read_text("utf-8")
)
SUFFIX = {"markdown": "md", "wikitext": "wiki", "csv": "csv", "json": "json"}
UPDATE = os.environ.get("PURSUIT_UPDATE_GOLDEN") == "1"
SHARED_FIFTH = ["Cipriano Chemello", "Paul Crapez", "Rupert Kratzer", "Radamés Treviño"]


@pytest.fixture(scope="module")
def view() -> ResultsView:
    return compute_file(EXAMPLE).view


def published_table(title: str) -> list[dict[str, str]]:
    return next(t["rows"] for t in FACTS["tables"] if t["title"] == title)


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_output_matches_its_golden_file(view: ResultsView, fmt: str) -> None:
    path = GOLDEN / f"mexico-1968.{SUFFIX[fmt]}"
    out = render(view, fmt)
    if fmt == "json":  # written compact; its golden file is kept indented, to read by eye
        assert "\n" not in out[:-1] and out.endswith("}\n")
        out = json.dumps(json.loads(out), ensure_ascii=False, indent=2) + "\n"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as f:
            f.write(out)
        pytest.skip(f"wrote {path.name}; read it by eye before committing")
    with path.open(encoding="utf-8", newline="") as f:
        assert out == f.read()


def test_json_is_written_compact(view: ResultsView) -> None:
    text = json_export.render(view)
    assert text == json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":")) + "\n"


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_every_qualifying_time_and_accented_name_appears(view: ResultsView, fmt: str) -> None:
    out = render(view, fmt)
    for row in published_table("Qualifying round"):
        assert row["time"] in out
    for text in ("Daniel Rébillard", "Rajmund Zieliński", "Jiří Daler", "Gösta Pettersson"):
        assert text in out


def test_registry_names_five_formats_and_refuses_others(view: ResultsView) -> None:
    assert set(EXPORTERS) == {"markdown", "wikitext", "csv", "json", "odf"}
    assert render(view, "csv") == csv_export.render(view)
    with pytest.raises(PursuitError) as caught:
        render(view, "pdf")
    message = str(caught.value)
    assert "'pdf'" in message
    assert all(name in message for name in EXPORTERS)


def markdown_tables(text: str) -> dict[str, list[list[str]]]:
    """Each table's data rows as cells, keyed by the nearest heading above it."""
    tables: dict[str, list[list[str]]] = {}
    heading = ""
    for line in text.splitlines():
        if line.startswith("#"):
            heading = line.lstrip("#").strip()
        elif line.startswith("|") and not line.startswith("| ---"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            tables.setdefault(heading, []).append(cells)
    return {title: rows[1:] for title, rows in tables.items()}  # drop header rows


def test_markdown_round_tables_carry_the_published_ranks_times_and_names(
    view: ResultsView,
) -> None:
    tables = markdown_tables(markdown.render(view))
    for table in FACTS["tables"]:
        got = [(r[0], r[1], r[3]) for r in tables[table["title"]]]
        assert got == [(r["rank"], r["name"], r["time"]) for r in table["rows"]]
    overtaken = [r for r in tables["Qualifying round"] if r[0] == "–"]
    assert len(overtaken) == 6
    assert {r[4] for r in overtaken} == {"Overtaken"}


def test_markdown_marks_a_shared_rank_on_every_row_and_leaves_no_rank_blank(
    view: ResultsView,
) -> None:
    """Before, the 2nd to 4th of a shared 5th had a blank rank, as an unplaced row had."""
    rows = markdown_tables(markdown.render(view))["Final classification"]
    assert [r[1] for r in rows] == [p["name"] for p in FACTS["classification"]]
    fifth = [r for r in rows if r[1] in SHARED_FIFTH]
    assert [r[0] for r in fifth] == ["=5", "=5", "=5", "=5"]
    assert [r[1] for r in fifth] == SHARED_FIFTH
    assert [r[0] for r in rows[-6:]] == ["AC"] * 6
    assert all(r[0] for r in rows)
    assert [r[0] for r in rows[:4]] == ["1", "2", "3", "4"]


def test_markdown_layout_follows_the_article(view: ResultsView) -> None:
    text = markdown.render(view)
    headings = [line for line in text.splitlines() if line.startswith("#")]
    assert headings[0] == f"# {view.competition.title}"
    first = ["## Results", "### Qualifying round", "### Quarterfinals", "#### Quarterfinal 1"]
    assert headings[1:5] == first
    assert headings[-4:] == [
        "### Finals",
        "#### Bronze medal match",
        "#### Final",
        "## Final classification",
    ]
    assert "- **Dates:** 17–18 October 1968" in text
    assert "- **Track length:** 333.33 m" in text
    assert "- **Distance:** 4000 m" in text
    # the medal races have no Notes column in the article; the other rounds do
    tables = text.split("#### ")
    final = next(t for t in tables if t.startswith("Final\n"))
    quarter = next(t for t in tables if t.startswith("Quarterfinal 1\n"))
    assert "| Rank | Cyclist | Nation | Time |\n" in final
    assert "| Rank | Cyclist | Nation | Time | Notes |\n" in quarter


def test_wikitext_shared_fifth_is_one_rowspan_cell_over_four_riders(view: ResultsView) -> None:
    lines = wikitext.render(view).splitlines()
    at = lines.index("| rowspan=4 | 5 || [[Cipriano Chemello]] || {{flagIOC|ITA|1968 Summer}}")
    group = lines[at : at + 8]
    assert re.findall(r"\[\[(.+?)\]\]", "\n".join(group)) == SHARED_FIFTH
    assert group[2:7:2] == [  # the rest of the group has no rank cell of its own
        "| [[Paul Crapez]] || {{flagIOC|BEL|1968 Summer}}",
        "| [[Rupert Kratzer]] || {{flagIOC|FRG|1968 Summer}}",
        "| [[Radamés Treviño]] || {{flagIOC|MEX|1968 Summer}}",
    ]
    assert lines[at + 8].startswith("| 9 || [[Martín Emilio Rodríguez]]")
    assert sum("rowspan" in line for line in lines) == 2
    assert "| rowspan=6 | AC || [[Inocente Lizano]] || {{flagIOC|CRC|1968 Summer}}" in lines


def test_wikitext_tables_headings_and_flags(view: ResultsView) -> None:
    text = wikitext.render(view)
    assert text.startswith('==Results==\n\n===Qualifying round===\n\n{| class="wikitable"\n')
    for title in ("====Quarterfinal 1====", "====Semifinal 2====", "====Bronze medal match===="):
        assert f"\n{title}\n" in text
    assert "\n==Final classification==\n" in text
    assert text.count('{| class="wikitable"') == text.count("\n|}") == 10
    assert "| 1 || [[Xaver Kurmann]] || {{flagIOC|SUI|1968 Summer}} || 4:40.41 || OR" in text
    assert "| – || [[Denfield McNab]] || || 6:12.96 || Overtaken" in text  # nation unknown
    assert "| {{gold medal}} || [[Daniel Rébillard]] || {{flagIOC|FRA|1968 Summer}}" in text


def test_wikitext_without_olympic_games_or_completion(view: ResultsView) -> None:
    plain = replace(view, competition=replace(view.competition, title="Track nationals"))
    provisional = replace(plain, complete=False)
    text = wikitext.render(provisional)
    assert "{{flagIOC|SUI}}" in text
    assert "Summer" not in text
    assert "medal}}" not in text
    assert "| 1 || [[Daniel Rébillard]] || {{flagIOC|FRA}}" in text


def test_csv_parses_back_to_every_ride_and_place(view: ResultsView) -> None:
    rows = list(csv.DictReader(io.StringIO(csv_export.render(view), newline="")))
    assert list(rows[0]) == ["section", "round", "heat", "rank", "name", "nation", "time", "note"]
    places = [r for r in rows if r["section"] == "classification"]
    assert len(places) == 28
    assert [(p["rank"].removeprefix("="), p["name"]) for p in places] == [
        (p["rank"], p["name"]) for p in FACTS["classification"]
    ]
    assert [p["name"] for p in places if p["rank"] == "=5"] == SHARED_FIFTH
    rides = [r for r in rows if r["section"] == "round"]
    assert len(rides) == 28 + 8 + 4 + 2 + 2
    qualifying = [
        (r["rank"], r["name"], r["time"]) for r in rides if r["round"] == "Qualifying round"
    ]
    assert qualifying == [
        (r["rank"], r["name"], r["time"]) for r in published_table("Qualifying round")
    ]
    frey = next(r for r in rides if r["round"] == "Quarterfinals" and r["name"] == "Mogens Frey")
    assert (frey["heat"], frey["time"], frey["nation"]) == ("4", "4:37.54", "DEN")


def test_json_parses_with_five_rounds_and_the_cli_shape(view: ResultsView) -> None:
    text = json_export.render(view)
    assert "Rébillard" in text  # not \u-escaped
    doc = json.loads(text)
    assert doc == json_export.results_document(view)
    assert [r["id"] for r in doc["rounds"]] == ["Q", "QF", "SF", "B", "F"]
    assert doc["complete"] is True
    assert doc["competition"]["distance_m"] == 4000
    assert doc["competition"]["dates"] == ["1968-10-17", "1968-10-18"]
    assert len(doc["classification"]) == 28
    fifth = {"rank": "5", "name": "Cipriano Chemello", "nation": "ITA", "shared": True}
    assert doc["classification"][4] == fifth
    assert doc["classification"][3] == {"rank": "4", "name": "John Bylsma", "nation": "AUS"}
    assert doc["classification"][-1] == {"rank": "AC", "name": "Denfield McNab", "nation": ""}
    quarter = doc["rounds"][1]
    assert [h["title"] for h in quarter["heats"]] == [f"Quarterfinal {n}" for n in range(1, 5)]
    frey = {"name": "Mogens Frey", "nation": "DEN", "time": "4:37.54", "rank": "1"}
    assert quarter["heats"][3]["rides"][0] == frey | {"basis": "published"}
    assert [h["decided_by"] for h in quarter["heats"]] == ["time"] * 4
    first = doc["rounds"][0]["ranking"][0]
    assert set(first) == {"rank", "name", "nation", "time", "note", "basis"}
    lizano = next(r for r in doc["rounds"][0]["ranking"] if r["name"] == "Inocente Lizano")
    assert (lizano["basis"], lizano["basis_note"]) == ("inferred", "inferred")


def test_vacant_place_keeps_its_rank_with_an_empty_name(view: ResultsView) -> None:
    places = list(view.classification)
    places[1] = PlaceView(rank="2", name="", nation="", vacant=True)
    vacant = replace(view, classification=tuple(places))
    assert "| 2 |  |  |" in markdown.render(vacant).splitlines()
    assert "| {{silver medal}} || ||" in wikitext.render(vacant).splitlines()
    rows = list(csv.DictReader(io.StringIO(csv_export.render(vacant), newline="")))
    second = [r for r in rows if r["section"] == "classification"][1]
    assert (second["rank"], second["name"], second["note"]) == ("2", "", "vacant")
    assert json_export.results_document(vacant)["classification"][1]["name"] == ""


def test_pipes_and_markup_in_names_are_escaped(view: ResultsView) -> None:
    odd = "Anna | {{B}}"
    places = (replace(view.classification[0], name=odd), *view.classification[1:])
    weird = replace(view, classification=places)
    assert "| 1 | Anna \\| {{B}} | FRA |" in markdown.render(weird)
    assert "<nowiki>Anna | {{B}}</nowiki>" in wikitext.render(weird)
    assert "[[Anna" not in wikitext.render(weird)
    rows = list(csv.DictReader(io.StringIO(csv_export.render(weird), newline="")))
    assert next(r["name"] for r in rows if r["section"] == "classification") == odd


def test_a_heat_not_yet_ridden_lists_who_the_format_puts_there(view: ResultsView) -> None:
    final = view.rounds[-1]
    empty = replace(final, complete=False, heats=(replace(final.heats[0], rides=()),), ranking=())
    pending = replace(view, rounds=(*view.rounds[:-1], empty), complete=False)
    text = markdown.render(pending)
    assert "*Provisional: the competition is not complete.*" in text
    final_table = text.split("#### Final\n")[1].split("##")[0]
    assert "| – | Daniel Rébillard | FRA |  |" in final_table  # no place yet: "–"
    assert "| – | Mogens Frey | DEN |  |" in final_table
