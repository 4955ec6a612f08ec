"""The round results sheets say how each ride is known (a footnote for each way other than
published), how each knockout heat was decided, and who rode for a team."""

from __future__ import annotations

from pathlib import Path

from pursuit.sheets.round_page import round_page
from pursuit.sheets.source import SheetSource, from_competition_file

TEAMS = Path(__file__).parents[2] / "examples" / "example-club-team-pursuit.toml"


def test_the_qualifying_sheet_explains_each_way_a_ride_is_known_in_a_footnote(
    file_source: SheetSource,
) -> None:
    legend = round_page(file_source, "Q", charts=False).data["legend"]
    assert "inferred: worked out from other facts" in legend
    assert "name not printed with the time: the source prints the time by rank" in legend
    assert legend.count("published") == 0  # published needs no footnote


def test_a_team_round_sheet_names_each_line_up_and_how_each_heat_was_decided() -> None:
    sheet = round_page(from_competition_file(TEAMS), "R1", charts=False)
    groups = sheet.data["groups"]
    assert {g["decided"] for g in groups} == {"on time", "by a catch"}
    notes = [row[-1] for g in groups for row in g["rows"]]  # the note is the last column kept
    assert all("line-up: " in n for n in notes)
    assert any("(dropped)" in n for n in notes)
