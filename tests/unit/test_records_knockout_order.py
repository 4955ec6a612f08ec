"""A record in a knockout round moves heat by heat in the format's order, also when the file
gives the rides no `heat` (the format places them): Tokyo 2020, where Australia's Olympic
record of heat 2 stood until Italy's world record of heat 3."""

from __future__ import annotations

from pursuit.core.engine import compute
from pursuit.loading.competition_file import competition_from_text

TEAMS = ["A", "B", "C", "D", "E", "F", "G", "H"]
# The standing WR of the men's team pursuit for a competition in 2028: 3:39.977 (the book).
QUALIFYING = ["3:45.100", "3:45.200", "3:45.300", "3:45.400", "3:45.500", "3:45.600"]
QUALIFYING += ["3:45.700", "3:45.800"]


def _file(first_round: dict[str, str]) -> str:
    teams = ", ".join(f'{{ name = "{t}" }}' for t in TEAMS)
    q = ", ".join(
        f'{{ team = "{t}", time = "{time}" }}' for t, time in zip(TEAMS, QUALIFYING, strict=True)
    )
    r1 = ", ".join(f'{{ team = "{t}", time = "{time}" }}' for t, time in first_round.items())
    return f"""
[competition]
title = "Worlds"
event = "team pursuit"
gender = "men"
dates = ["2028-10-20"]
format = "uci-team-pursuit"

[entrants]
teams = [{teams}]

[rounds.Q]
rides = [{q}]

[rounds.R1]
rides = [{r1}]
"""


def _marked(text: str) -> list[tuple[str, str]]:
    results = compute(competition_from_text(text, "worlds.toml").competition)
    return sorted(
        (rnd.spec.id, ranked.ride.entrant)
        for rnd in results.rounds
        for ranked in rnd.ranking
        if ranked.ride.record_mark is not None
    )


def test_a_record_of_an_earlier_heat_stands_until_a_later_heat_betters_it() -> None:
    # heat 1 F v G, heat 2 E v H (E 3:39.900 beats the WR), heat 3 B v C (B 3:39.500 beats
    # E's), heat 4 A v D: neither file ride has a `heat`; the format gives 2 before 3
    first_round = {
        "F": "3:46.000", "G": "3:46.500", "E": "3:39.900", "H": "3:47.000",
        "B": "3:39.500", "C": "3:44.000", "A": "3:43.000", "D": "3:44.500",
    }  # fmt: skip
    assert _marked(_file(first_round)) == [("R1", "B"), ("R1", "E")]


def test_a_slower_ride_of_a_later_heat_sets_no_record() -> None:
    # the other way round: B (heat 3) is slower than E (heat 2), so only E is a record
    first_round = {
        "F": "3:46.000", "G": "3:46.500", "E": "3:39.500", "H": "3:47.000",
        "B": "3:39.900", "C": "3:44.000", "A": "3:43.000", "D": "3:44.500",
    }  # fmt: skip
    assert _marked(_file(first_round)) == [("R1", "E")]
