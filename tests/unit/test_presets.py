"""The shipped format presets say what RULES.md §3 says, and the 1968 example reproduces §7.1."""

from __future__ import annotations

from pathlib import Path

import pytest

from pursuit.core.engine import compute
from pursuit.core.formats import (
    CatchEffect,
    HeatRef,
    OrderKind,
    OvertakenRule,
    RankRef,
    RoundKind,
)
from pursuit.core.results import Results
from pursuit.core.times import format_time
from pursuit.errors import FormatDefinitionError
from pursuit.loading.competition_file import Loaded, load_competition
from pursuit.loading.format_files import load_format, preset_names

EXAMPLE = Path(__file__).parents[2] / "examples" / "mexico-1968-men-individual-pursuit.toml"


def seeds(round_refs: tuple[tuple[object, ...], ...]) -> list[tuple[object, ...]]:
    return [tuple(str(r) for r in refs) for refs in round_refs]


def test_the_three_presets_are_shipped() -> None:
    assert {"olympic-1968", "olympic-1980", "uci-individual-pursuit"} <= set(preset_names())
    assert {"uci-team-pursuit", "olympic-team-pursuit"} <= set(preset_names())


@pytest.mark.parametrize("name", ["olympic-1968", "olympic-1980", "uci-individual-pursuit"])
def test_every_preset_loads_and_names_itself(name: str) -> None:
    fmt = load_format(name)
    assert fmt.name == name
    assert fmt.rounds[0].kind is RoundKind.TIMED
    assert fmt.rounds[0].catch is CatchEffect.RIDE_ON
    assert all(r.catch is CatchEffect.ENDS_RACE for r in fmt.rounds[1:])


def test_an_unknown_preset_is_refused_listing_the_known_ones() -> None:
    with pytest.raises(FormatDefinitionError) as error:
        load_format("olympic-1900")
    assert "olympic-1900" in str(error.value)
    assert "olympic-1968" in str(error.value)


def test_the_1968_preset_eliminates_overtaken_riders_and_pairs_1v8_2v7_3v6_4v5() -> None:
    fmt = load_format("olympic-1968")
    assert fmt.precision == 2
    q = fmt.round("Q")
    assert (q.overtaken, q.advance) == (OvertakenRule.ELIMINATE, 8)
    qf = fmt.round("QF")
    assert [h.refs for h in qf.heats] == [
        (RankRef("Q", 1), RankRef("Q", 8)),
        (RankRef("Q", 2), RankRef("Q", 7)),
        (RankRef("Q", 3), RankRef("Q", 6)),
        (RankRef("Q", 4), RankRef("Q", 5)),
    ]
    assert [h.refs for h in fmt.round("SF").heats] == [
        (HeatRef("QF", 1, True), HeatRef("QF", 3, True)),
        (HeatRef("QF", 2, True), HeatRef("QF", 4, True)),
    ]
    assert fmt.round("B").places == (3, 4)
    assert fmt.round("F").places == (1, 2)
    assert [b.order.kind for b in fmt.classification] == [
        OrderKind.LISTED,
        OrderKind.SHARED,
        OrderKind.RANK,
    ]
    assert fmt.unranked[0].label == "AC" and fmt.unranked[0].statuses == ("overtaken",)


def test_the_1980_preset_lets_time_count_and_rides_the_fastest_pair_last() -> None:
    fmt = load_format("olympic-1980")
    assert fmt.round("Q").overtaken is OvertakenRule.TIME_COUNTS
    assert seeds(tuple(h.refs for h in fmt.round("QF").heats)) == [
        ("Q#4", "Q#5"),
        ("Q#3", "Q#6"),
        ("Q#2", "Q#7"),
        ("Q#1", "Q#8"),
    ]
    # W(3v6) v W(1v8) and W(4v5) v W(2v7), as ridden in 1980.
    assert seeds(tuple(h.refs for h in fmt.round("SF").heats)) == [
        ("QF.W2", "QF.W4"),
        ("QF.W1", "QF.W3"),
    ]
    losers = fmt.classification[1]
    assert (str(losers.members), str(losers.order)) == ("losers:QF", "time:QF")


def test_the_uci_preset_sends_four_to_a_gold_and_a_bronze_final_at_thousandths() -> None:
    fmt = load_format("uci-individual-pursuit")
    assert fmt.precision == 3
    q = fmt.round("Q")
    assert (q.overtaken, q.advance) == (OvertakenRule.TIME_COUNTS, 4)
    assert seeds(tuple(h.refs for h in fmt.round("F").heats)) == [("Q#1", "Q#2")]
    assert seeds(tuple(h.refs for h in fmt.round("B").heats)) == [("Q#3", "Q#4")]
    assert fmt.round("F").places == (1, 2)
    assert fmt.round("B").places == (3, 4)


# ---------------------------------------------------------------------------------------------
# Mexico City 1968, men's individual pursuit: the facts of RULES.md §7.1, copied here by hand.

QUALIFYING_RANKED = [
    ("1", "Xaver Kurmann", "4:40.41"),
    ("2", "John Bylsma", "4:41.10"),
    ("3", "Daniel Rébillard", "4:42.15"),
    ("4", "Mogens Frey", "4:42.30"),
    ("5", "Cipriano Chemello", "4:43.58"),
    ("6", "Rupert Kratzer", "4:43.84"),
    ("7", "Radamés Treviño", "4:44.12"),
    ("8", "Paul Crapez", "4:44.93"),
    ("9", "Martín Emilio Rodríguez", "4:45.38"),
    ("10", "Rajmund Zieliński", "4:46.03"),
    ("11", "Knut Knudsen", "4:46.70"),
    ("12", "Juan Alberto Merlos", "4:47.81"),
    ("13", "Daniel Yuste", "4:50.36"),
    ("14", "Jiří Daler", "4:50.50"),
    ("15", "Ian Hallam", "4:50.62"),
    ("16", "Ole Wackström", "4:50.76"),
    ("17", "Gösta Pettersson", "4:51.37"),
    ("18", "David Brink", "4:55.40"),
    ("19", "Vernon Stauble", "5:07.80"),
    ("20", "Benjamin Evangelista", "5:22.12"),
    ("21", "Tarek Abou Al Dahab", "5:35.42"),
    ("22", "Colin Forde", "5:35.60"),
]
OVERTAKEN = [
    ("Inocente Lizano", "4:51.09"),
    ("Fedor den Hertog", "4:54.32"),
    ("Emil Rusu", "4:56.45"),
    ("Gwon Jung-hyeon", "5:09.90"),
    ("Pakanit Boriharnvanakhet", "5:34.50"),
    ("Denfield McNab", "6:12.96"),
]
QUARTERFINALS = [  # by seed pattern 1v8, 2v7, 3v6, 4v5: (winner, time, loser, time)
    ("Xaver Kurmann", "4:45.94", "Paul Crapez", "4:49.99"),
    ("John Bylsma", "4:41.66", "Radamés Treviño", "4:42.40"),
    ("Daniel Rébillard", "4:39.87", "Rupert Kratzer", "4:41.43"),
    ("Mogens Frey", "4:37.54", "Cipriano Chemello", "4:42.29"),
]
SEMIFINALS = [
    ("Daniel Rébillard", "4:42.05", "Xaver Kurmann", "4:44.26"),
    ("Mogens Frey", "4:41.80", "John Bylsma", "4:48.73"),
]
BRONZE = ("Xaver Kurmann", "4:39.42", "John Bylsma", "4:41.60")
FINAL = ("Daniel Rébillard", "4:41.71", "Mogens Frey", "4:42.43")
CLASSIFICATION = [
    ("1", "Daniel Rébillard"),
    ("2", "Mogens Frey"),
    ("3", "Xaver Kurmann"),
    ("4", "John Bylsma"),
    ("5", "Cipriano Chemello"),
    ("5", "Paul Crapez"),
    ("5", "Rupert Kratzer"),
    ("5", "Radamés Treviño"),
    *((rank, name) for rank, name, _ in QUALIFYING_RANKED[8:]),
    *(("AC", name) for name, _ in OVERTAKEN),
]


@pytest.fixture(scope="module")
def mexico() -> tuple[Loaded, Results]:
    loaded = load_competition(EXAMPLE)
    return loaded, compute(loaded.competition)


def time_of(results: Results, round_id: str, name: str) -> str:
    rides = [r for r in results.competition.rides_of(round_id) if r.entrant == name]
    assert len(rides) == 1
    time = rides[0].outcome.time
    assert time is not None
    return format_time(time)


def test_the_1968_example_loads_and_computes_without_a_single_finding(
    mexico: tuple[Loaded, Results],
) -> None:
    loaded, results = mexico
    assert loaded.findings == []
    assert results.findings == ()
    assert results.complete


def test_the_1968_example_reproduces_the_qualifying_ranks_and_times(
    mexico: tuple[Loaded, Results],
) -> None:
    q = mexico[1].round("Q")
    rows = [(row.label, row.ride.entrant, format_time(row.ride.outcome.time)) for row in q.ranking]
    assert rows[:22] == QUALIFYING_RANKED
    assert rows[22:] == [("–", name, time) for name, time in OVERTAKEN]
    assert q.advanced == tuple(name for _, name, _ in QUALIFYING_RANKED[:8])


def test_the_1968_example_reproduces_every_knockout_heat(mexico: tuple[Loaded, Results]) -> None:
    results = mexico[1]
    for round_id, heats in (
        ("QF", QUARTERFINALS),
        ("SF", SEMIFINALS),
        ("B", [BRONZE]),
        ("F", [FINAL]),
    ):
        computed = results.round(round_id).heats
        assert len(computed) == len(heats)
        for heat, (winner, w_time, loser, l_time) in zip(computed, heats, strict=True):
            assert (heat.winner, heat.loser) == (winner, loser)
            assert time_of(results, round_id, winner) == w_time
            assert time_of(results, round_id, loser) == l_time


def test_the_1968_example_reproduces_the_published_classification(
    mexico: tuple[Loaded, Results],
) -> None:
    classification = mexico[1].classification
    assert [(p.label, p.entrant) for p in classification] == CLASSIFICATION
    fifth = [p for p in classification if p.label == "5"]
    assert all(p.shared and p.rank == 5 for p in fifth)
    assert all(p.rank is None for p in classification if p.label == "AC")


def test_the_1968_example_keeps_the_basis_of_every_fact(mexico: tuple[Loaded, Results]) -> None:
    competition = mexico[1].competition
    q = {r.entrant: r for r in competition.rides_of("Q")}
    assert q["Gwon Jung-hyeon"].basis == "published"
    assert q["Inocente Lizano"].basis == "inferred"
    assert q["Colin Forde"].basis == "seed"
    frey = next(r for r in competition.rides_of("QF") if r.entrant == "Mogens Frey")
    assert (frey.record, frey.basis) == ("OR", "published")


TEAM_EXAMPLE = EXAMPLE.parent / "example-club-team-pursuit.toml"


@pytest.mark.parametrize("name", ["uci-team-pursuit", "olympic-team-pursuit"])
def test_the_team_pursuit_presets_ride_6v7_5v8_2v3_1v4_and_mark_who_goes_on(name: str) -> None:
    fmt = load_format(name)
    assert (fmt.name, fmt.event, fmt.team_size, fmt.counting_rider, fmt.precision) == (
        name,
        "team",
        4,
        3,
        3,
    )
    r1 = fmt.round("R1")
    assert seeds(tuple(h.refs for h in r1.heats)) == [
        ("Q#6", "Q#7"),
        ("Q#5", "Q#8"),
        ("Q#2", "Q#3"),
        ("Q#1", "Q#4"),
    ]
    assert (fmt.round("Q").advance, r1.catch) == (8, CatchEffect.EASE_UP)
    assert seeds(tuple(h.refs for h in fmt.round("F").heats)) == [("R1.W4", "R1.W3")]
    assert seeds(tuple(h.refs for h in fmt.round("B").heats)) == [("OTHERS#1", "OTHERS#2")]
    assert {r.id: r.mark for r in fmt.rounds if r.mark} == {"R1": "Q", "B": "QB", "F": "QG"}


def test_the_olympic_team_pursuit_adds_finals_for_5th_and_7th() -> None:
    fmt = load_format("olympic-team-pursuit")
    assert seeds(tuple(h.refs for h in fmt.round("F56").heats)) == [("OTHERS#3", "OTHERS#4")]
    assert seeds(tuple(h.refs for h in fmt.round("F78").heats)) == [("OTHERS#5", "OTHERS#6")]
    assert (fmt.round("F56").places, fmt.round("F78").places) == ((5, 6), (7, 8))


def test_the_team_pursuit_example_is_classified_completely_and_cleanly() -> None:
    loaded = load_competition(TEAM_EXAMPLE)
    results = compute(loaded.competition)
    assert loaded.findings == [] and results.findings == ()
    assert results.complete
    assert [(p.label, p.entrant) for p in results.classification] == [
        ("1", "Harbour Wheelers"),
        ("2", "Velo Club Nord"),
        ("3", "Riverside CC"),
        ("4", "Hilltop Cycling"),
        ("5", "Forest Pedal Club"),
        ("6", "Valley Road Club"),
        ("7", "Lakeside Velo"),
        ("8", "City Track Team"),
    ]
    city = next(r for r in results.round("R1").ranking if r.ride.entrant == "City Track Team")
    assert city.ride.dropped == ("Finn Platz",) and len(city.ride.lineup) == 4
