"""The final classification under each preset: blocks, shared ranks, AC, vacant places."""

from __future__ import annotations

from typing import Any

import pytest
from builders import Run, field_of, ride, run_rounds

# ---------------------------------------------------------------------------------------------
# Olympic 1968 (F1): QF losers share 5th, 9+ by qualifying, overtaken riders eliminated (AC).

Q_1968 = [
    ("R01", "4:40.00"),
    ("R02", "4:40.50"),
    ("R03", "4:41.00"),
    ("R04", "4:41.50"),
    ("R05", "4:42.00"),
    ("R06", "4:42.50"),
    ("R07", "4:43.00"),
    ("R08", "4:43.50"),
    ("R09", "4:44.00"),
    ("R10", "4:44.50"),
    ride("Fast Overtaken", "4:39.00", status="overtaken"),  # fastest of all, yet out
    ride("Mid Overtaken", "4:44.20", status="overtaken"),  # between ranks 9 and 10
    ride("Slow Overtaken", "5:30.00", status="overtaken"),
    ("Non Finisher", "dnf"),
    ("Non Starter", "dns"),
]
QF_1968 = [  # heats 1v8, 2v7, 3v6, 4v5; losers' times in an order that must not matter
    ride("R01", "4:45.00", heat=1),
    ride("R08", "4:41.00", heat=1, status="dnf"),
    ride("R02", "4:44.00", heat=2),
    ride("R07", "4:46.00", heat=2),
    ride("R03", "4:43.00", heat=3),
    ride("R06", "4:47.00", heat=3),
    ride("R04", "4:42.00", heat=4),
    ride("R05", "4:48.00", heat=4),
]
SF_1968 = [  # W(1v8) v W(3v6), W(2v7) v W(4v5)
    ride("R01", "4:44.00", heat=1),
    ride("R03", "4:43.00", heat=1),
    ride("R02", "4:45.00", heat=2),
    ride("R04", "4:42.00", heat=2),
]
B_1968 = [("R01", "4:41.00"), ("R02", "4:42.00")]
F_1968 = [("R03", "4:41.00"), ("R04", "4:40.00")]


def full_1968(**changes: Any) -> Run:
    rounds = {"Q": Q_1968, "QF": QF_1968, "SF": SF_1968, "B": B_1968, "F": F_1968}
    rounds.update(changes)
    return run_rounds("olympic-1968", rounds)


def test_the_1968_classification_is_built_block_by_block() -> None:
    r = full_1968()
    assert r.classification() == [
        ("1", "R04"),
        ("2", "R03"),
        ("3", "R01"),
        ("4", "R02"),
        ("5", "R05"),
        ("5", "R06"),
        ("5", "R07"),
        ("5", "R08"),
        ("9", "R09"),
        ("10", "R10"),
        ("AC", "Fast Overtaken"),
        ("AC", "Mid Overtaken"),
        ("AC", "Slow Overtaken"),
        ("DNF", "Non Finisher"),
        ("DNS", "Non Starter"),
    ]
    assert r.findings == []


def test_1968_quarterfinal_losers_share_fifth_and_the_next_rank_is_ninth() -> None:
    places = {p.entrant: p for p in full_1968().results.classification}
    for loser in ("R05", "R06", "R07", "R08"):
        assert (places[loser].rank, places[loser].shared) == (5, True)
    assert (places["R09"].rank, places["R09"].shared) == (9, False)


def test_1968_overtaken_riders_never_take_a_qualifying_place_however_fast() -> None:
    q = full_1968().results.round("Q")
    assert q.advanced == ("R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08")
    assert q.eliminated == {"Fast Overtaken", "Mid Overtaken", "Slow Overtaken"}
    rows = {row.ride.entrant: row for row in q.ranking}
    assert rows["Fast Overtaken"].label == "–"
    assert rows["R09"].rank == 9


def test_1968_quarterfinal_loser_times_do_not_order_the_shared_fifth_place() -> None:
    # QF losers' times run R07 4:46, R06 4:47, R05 4:48 (R08 did not finish): the listing
    # at =5 is by name, and the quarterfinal times change nothing.
    r = full_1968()
    fifth = [name for label, name in r.classification() if label == "5"]
    assert fifth == ["R05", "R06", "R07", "R08"]
    assert r.label_of("R08") == "5"  # a quarterfinal DNF still shares 5th as a loser


def test_a_disqualification_in_the_1968_final_leaves_second_vacant_and_nobody_moves_up() -> None:
    r = full_1968(F=[("R03", "4:41.00"), ride("R04", "4:40.00", status="dsq")])
    assert r.classification()[:5] == [
        ("1", "R03"),
        ("2", None),
        ("3", "R01"),
        ("4", "R02"),
        ("5", "R05"),
    ]
    assert r.classification()[-1] == ("DSQ", "R04")
    vacant = r.results.classification[1]
    assert vacant.vacant and vacant.rank == 2


def test_a_disqualified_quarterfinal_loser_does_not_move_ninth_up() -> None:
    qf = [ride("R05", status="dsq", heat=4) if r["rider"] == "R05" else r for r in QF_1968]
    r = full_1968(QF=qf)
    assert r.label_of("R09") == "9"
    assert r.label_of("R05") == "DSQ"
    assert [r.label_of(n) for n in ("R06", "R07", "R08")] == ["5", "5", "5"]


# ---------------------------------------------------------------------------------------------
# Olympic 1980 (F2): QF losers 5-8 by QF time, overtaken riders ranked by time.

Q_1980 = [
    ("S1", "4:40.00"),
    ("S2", "4:40.50"),
    ride("S3", "4:41.00", status="overtaken"),  # overtaken, but only the time counts
    ("S4", "4:41.50"),
    ("S5", "4:42.00"),
    ("S6", "4:42.50"),
    ("S7", "4:43.00"),
    ("S8", "4:43.50"),
    ("S9", "4:44.00"),
    ride("S10", "4:44.50", status="overtaken"),
]
QF_1980 = [  # no heat numbers: the format draws the pairs (4v5, 3v6, 2v7, 1v8)
    ("S5", "4:45.00"),
    ("S4", "4:46.00"),
    ("S3", "4:44.00"),
    ("S6", "4:47.50"),
    ("S2", "4:43.00"),
    ("S7", "4:44.50"),
    ("S1", "caught"),
    ("S8", "overtaken"),
]
SF_1980 = [("S1", "4:41.00"), ("S3", "4:42.00"), ("S5", "4:43.00"), ("S2", "4:42.00")]
B_1980 = [ride("S3", "4:43.00", rank="3"), ride("S5", rank="4")]  # loser's time unpublished
F_1980 = [("S1", "4:40.00"), ("S2", "4:39.99")]


def test_the_1980_classification_ranks_everyone_with_quarterfinal_losers_by_their_times() -> None:
    r = run_rounds(
        "olympic-1980", {"Q": Q_1980, "QF": QF_1980, "SF": SF_1980, "B": B_1980, "F": F_1980}
    )
    assert r.classification() == [
        ("1", "S2"),
        ("2", "S1"),
        ("3", "S3"),
        ("4", "S5"),
        ("5", "S7"),
        ("6", "S4"),
        ("7", "S6"),
        ("8", "S8"),
        ("9", "S9"),
        ("10", "S10"),
    ]
    assert r.findings == []


def test_1980_overtaken_riders_are_ranked_by_time_and_may_qualify() -> None:
    q = run_rounds("olympic-1980", {"Q": Q_1980}).results.round("Q")
    assert "S3" in q.advanced
    assert q.eliminated == frozenset()
    ranks = {row.ride.entrant: row.rank for row in q.ranking}
    assert (ranks["S3"], ranks["S10"]) == (3, 10)


def test_1980_quarterfinal_pairs_are_drawn_from_qualifying_when_no_heat_is_given() -> None:
    r = run_rounds("olympic-1980", {"Q": Q_1980, "QF": QF_1980})
    heats = [(h.winner, h.loser) for h in r.results.round("QF").heats]
    assert heats == [("S5", "S4"), ("S3", "S6"), ("S2", "S7"), ("S1", "S8")]


# ---------------------------------------------------------------------------------------------
# Current UCI individual pursuit (F6): 1v2 gold final, 3v4 bronze final, 5+ by qualifying time.

UCI = "uci-individual-pursuit"
Q_UCI = [
    ("U1", "4:10.000"),
    ride("U2", "4:11.000", status="overtaken"),  # caught in qualifying: only the time counts
    ("U3", "4:12.000"),
    ("U4", "4:13.000"),
    ("U5", "4:14.000"),
    ride("U6", "4:15.000", status="caught"),
    ("U7", "4:16.000"),
]


def test_uci_finals_give_one_to_four_and_everyone_else_follows_qualifying_time() -> None:
    r = run_rounds(
        UCI,
        {
            "Q": Q_UCI,
            "F": [("U1", "4:09.000"), ("U2", "4:09.500")],
            "B": [("U3", "caught"), ("U4", "overtaken")],
        },
    )
    assert r.classification() == [
        ("1", "U1"),
        ("2", "U2"),
        ("3", "U3"),
        ("4", "U4"),
        ("5", "U5"),
        ("6", "U6"),
        ("7", "U7"),
    ]
    assert r.results.round("Q").advanced == ("U1", "U2", "U3", "U4")
    assert r.findings == []


def test_uci_a_disqualified_gold_finalist_leaves_second_vacant_and_third_unchanged() -> None:
    r = run_rounds(
        UCI,
        {
            "Q": Q_UCI,
            "F": [("U1", "4:09.000"), ride("U2", status="dsq")],
            "B": [("U3", "4:11.000"), ("U4", "4:12.000")],
        },
    )
    assert r.classification()[:5] == [
        ("1", "U1"),
        ("2", None),
        ("3", "U3"),
        ("4", "U4"),
        ("5", "U5"),
    ]
    assert ("DSQ", "U2") in r.classification()


def test_uci_a_disqualified_bronze_finalist_leaves_fourth_vacant_and_fifth_unchanged() -> None:
    r = run_rounds(
        UCI,
        {
            "Q": Q_UCI,
            "F": [("U1", "4:09.000"), ("U2", "4:09.500")],
            "B": [ride("U3", "4:11.000", status="dsq"), ("U4", "4:12.000")],
        },
    )
    assert r.classification()[2:5] == [("3", "U4"), ("4", None), ("5", "U5")]


def test_uci_non_qualifiers_with_dnf_and_dns_come_after_every_ranked_rider() -> None:
    q = [*Q_UCI, ("Quitter", "dnf"), ("Absent", "dns")]
    r = run_rounds(UCI, {"Q": q, "F": [("U1", "4:09.000"), ("U2", "4:09.500")]})
    labels = [label for label, _ in r.classification()]
    assert r.label_of("Quitter") == "DNF"
    assert r.label_of("Absent") == "DNS"
    last_number = max(i for i, label in enumerate(labels) if label.isdigit())
    assert labels.index("DNF") > last_number
    assert labels.index("DNS") > labels.index("DNF")
    assert r.label_of("U3") == ""  # the bronze final is still to be ridden


# ---------------------------------------------------------------------------------------------
# Partial competitions: every entrant still appears exactly once.


PARTIAL_FIELD = [*field_of(12), ride("Caught", "4:41.10", status="overtaken"), ("Out", "dnf")]


@pytest.mark.parametrize("preset", ["olympic-1968", "olympic-1980", UCI])
def test_after_qualifying_only_every_entrant_is_classified_exactly_once(preset: str) -> None:
    r = run_rounds(preset, {"Q": PARTIAL_FIELD})
    names = [name for _, name in r.classification()]
    assert None not in names
    assert sorted(n for n in names if n is not None) == sorted(
        ["Caught", "Out", *(f"R{i:02d}" for i in range(1, 13))]
    )
    assert r.label_of("Out") == "DNF"


@pytest.mark.parametrize("preset", ["olympic-1968", "olympic-1980", UCI])
def test_after_qualifying_only_exactly_the_qualifiers_are_still_in_competition(
    preset: str,
) -> None:
    # Under olympic-1980 and UCI rules the overtaken rider's 4:41.10 qualifies (4th); he is
    # still in competition, not AC.
    r = run_rounds(preset, {"Q": PARTIAL_FIELD})
    q = r.results.round("Q")
    assert q.spec.advance is not None and len(q.advanced) == q.spec.advance
    still_in = [name for label, name in r.classification() if label == ""]
    assert sorted(still_in) == sorted(q.advanced)
    assert ("Caught" in q.advanced) is (preset != "olympic-1968")


def test_after_qualifying_only_1968_non_qualifiers_already_hold_places_from_ninth() -> None:
    r = run_rounds("olympic-1968", {"Q": field_of(12)})
    assert [(label, n) for label, n in r.classification() if label not in ("", "AC", "DNF")] == [
        ("9", "R09"),
        ("10", "R10"),
        ("11", "R11"),
        ("12", "R12"),
    ]


def test_after_the_quarterfinals_1968_losers_already_share_fifth() -> None:
    r = run_rounds("olympic-1968", {"Q": Q_1968, "QF": QF_1968})
    assert [r.label_of(n) for n in ("R05", "R06", "R07", "R08")] == ["5", "5", "5", "5"]
    assert [r.label_of(n) for n in ("R01", "R02", "R03", "R04")] == ["", "", "", ""]
    assert len(r.classification()) == len(Q_1968)


def test_a_caught_semifinal_loser_is_still_in_competition_until_the_bronze_race() -> None:
    sf = [
        ride("R01", heat=1, status="overtaken"),
        ride("R03", heat=1, status="caught"),
        ride("R02", "4:45.00", heat=2, status="dnf"),
        ride("R04", "4:42.00", heat=2),
    ]
    r = run_rounds("olympic-1968", {"Q": Q_1968, "QF": QF_1968, "SF": sf})
    assert r.results.round("B").heats[0].expected == ("R01", "R02")
    assert r.label_of("R01") == ""
    assert r.label_of("R02") == ""


def test_while_qualifying_is_unfinished_nobody_is_placed_yet_but_everyone_is_listed() -> None:
    field = field_of(10)
    r = run_rounds("olympic-1968", {"Q": field[:6]}, riders=[n for n, _ in field])
    assert not r.results.round("Q").complete
    assert r.classification() == [("", n) for n, _ in field]


def test_a_qualifier_without_a_time_is_unranked_not_still_in_competition_once_all_is_ridden() -> (
    None
):
    # Current rules: no time, no rank; whether he caught his opponent or finished unseen.
    r = run_rounds(
        UCI,
        {
            "Q": [*Q_UCI, ("Catcher Without Time", "caught"), ("Finisher Without Time", None)],
            "F": [("U1", "4:09.000"), ("U2", "4:09.500")],
            "B": [("U3", "4:11.000"), ("U4", "4:12.000")],
        },
    )
    assert r.results.complete
    assert r.label_of("U7") == "7"
    for name in ("Catcher Without Time", "Finisher Without Time"):
        place = next(p for p in r.results.classification if p.entrant == name)
        assert place.rank is None
        assert place.label != "", f"{name} is shown as still in competition"
