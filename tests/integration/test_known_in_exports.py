"""What is known reaches every export: a team's line-up (and who dropped) in Markdown,
wikitext and CSV, how each heat was decided and how each ride is known in the JSON."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from pursuit.app.file_results import compute_file
from pursuit.export import csv_export, json_export, markdown, wikitext
from pursuit.views.results import ResultsView

EXAMPLE = Path(__file__).parents[2] / "examples" / "example-club-team-pursuit.toml"


@pytest.fixture(scope="module")
def view() -> ResultsView:
    return compute_file(EXAMPLE).view


def test_every_text_export_names_each_teams_line_up_and_who_dropped(view: ResultsView) -> None:
    dropped = [(rnd.name, row) for rnd in view.rounds for row in rnd.ranking if row.dropped]
    assert dropped, "the example has a rider who dropped"
    _, row = dropped[0]
    riders = ", ".join(f"{n} (dropped)" if n in row.dropped else n for n in row.lineup)
    assert f"line-up: {riders}" in markdown.render(view)
    assert f"line-up: {riders}" in wikitext.render(view)
    rows = list(csv.DictReader(io.StringIO(csv_export.render(view), newline="")))
    team_rows = [r for r in rows if r["section"] == "round"]
    assert all("line-up: " in r["note"] for r in team_rows)


def test_the_json_says_how_each_knockout_heat_was_decided_and_who_rode_it(
    view: ResultsView,
) -> None:
    doc = json_export.results_document(view)
    heats = [h for rnd in doc["rounds"][1:] for h in rnd["heats"] if h["rides"]]
    assert heats and all(
        h["decided_by"] in {"time", "last_lap", "catch", "outcome", "published"} for h in heats
    )
    assert "catch" in {h["decided_by"] for h in heats}  # the first-round catch
    assert all(len(r["lineup"]) >= 3 for h in heats for r in h["rides"])
