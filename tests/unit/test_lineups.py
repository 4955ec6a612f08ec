"""Team line-ups: riders from the team's roster, each once, as many as a team starts with."""

from __future__ import annotations

from pursuit.core.engine import compute
from pursuit.loading.competition_file import competition_from_text

HEAD = """[competition]
title = "Team pursuit"
format = "uci-individual-pursuit"

[entrants]
teams = [
  { name = "Denmark", nation = "DEN", roster = ["Holm", "Krog", "Lund", "Vang", "Ry"] },
  { name = "Italy", nation = "ITA", roster = ["Ganna", "Milan", "Consonni", "Lamon"] },
]

[rounds.Q]
rides = [
"""


def lineup_findings(
    denmark: str, italy: str = '"Ganna", "Milan", "Consonni", "Lamon"'
) -> list[str]:
    text = HEAD + (
        f'  {{ team = "Denmark", time = "3:45.014", lineup = [{denmark}] }},\n'
        f'  {{ team = "Italy", time = "3:46.000", lineup = [{italy}] }},\n]\n'
    )
    loaded = competition_from_text(text, "tp.toml")
    assert loaded.findings == []
    found = [f for f in compute(loaded.competition).findings if f.code == "lineup"]
    assert all(f.place is not None and f.place.line == 13 for f in found), found
    return [f.message for f in found]


def test_four_riders_of_the_roster_is_a_line_up_without_findings() -> None:
    assert lineup_findings('"Holm", "Krog", "Lund", "Ry"') == []


def test_a_rider_not_entered_for_the_team_is_a_finding_naming_the_roster() -> None:
    assert lineup_findings('"Holm", "Krog", "Lund", "Ganna"') == [
        "Qualifying: Denmark: Ganna not on the team's roster (Holm, Krog, Lund, Ry, Vang)"
    ]


def test_a_rider_named_twice_and_an_incomplete_team_are_findings() -> None:
    assert lineup_findings('"Holm", "Krog", "Holm"') == [
        "Qualifying: Denmark: Holm named twice in the line-up",
        "Qualifying: Denmark: a line-up of 3; a team starts with 4 riders",
    ]


def test_a_line_up_on_a_riders_ride_is_a_finding() -> None:
    text = HEAD.replace("teams = [", "riders = [").replace(
        ', roster = ["Holm", "Krog", "Lund", "Vang", "Ry"]', ""
    )
    text = text.replace(', roster = ["Ganna", "Milan", "Consonni", "Lamon"]', "")
    text += '  { rider = "Denmark", time = "3:45.014", lineup = ["Holm"] },\n]\n'
    loaded = competition_from_text(text, "tp.toml")
    messages = [f.message for f in compute(loaded.competition).findings if f.code == "lineup"]
    assert messages == ["Qualifying: Denmark is a rider; a line-up is for a team"]
