"""Who wins a knockout heat: a catch, a time, the last lap, the outcome, or the published rank."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from builders import RideLike, Run, field_of, ride, run_rounds

UCI = "uci-individual-pursuit"
QUALIFYING = [("A", "4:20.000"), ("B", "4:21.000"), ("C", "4:22.000"), ("D", "4:23.000")]


def final(*rides: RideLike, qualifying: Sequence[RideLike] = QUALIFYING, **kw: Any) -> Run:
    """A UCI competition whose gold final (A v B after qualifying) has the given rides."""
    return run_rounds(UCI, {"Q": qualifying, "F": list(rides)}, **kw)


def test_a_catch_ends_the_race_and_the_catcher_wins_without_any_time() -> None:
    r = final(ride("B", status="caught", heat=1), ride("A", status="overtaken", heat=1))
    assert r.heat("F") == ("B", "A", "catch")
    assert r.label_of("B") == "1"
    assert r.label_of("A") == "2"


def test_a_catch_beats_a_faster_time_recorded_for_the_caught_rider() -> None:
    r = final(ride("B", status="caught"), ride("A", "4:10.000", status="overtaken"))
    assert r.heat("F") == ("B", "A", "catch")


def test_a_catch_entered_only_on_the_caught_riders_side_is_enough() -> None:
    r = final(ride("A"), ride("B", status="overtaken"))
    assert r.heat("F") == ("A", "B", "catch")


def test_the_faster_time_wins_a_heat() -> None:
    r = final(("A", "4:19.001"), ("B", "4:19.000"))
    assert r.heat("F") == ("B", "A", "time")
    assert r.findings == []


def test_a_heat_is_decided_at_the_precision_so_a_finer_difference_goes_to_the_last_lap() -> None:
    a = ride("A", "4:19.0009", splits=["1:05.000", "2:10.000"])  # last lap 2:09.000
    b = ride("B", "4:19.0001", splits=["1:04.000", "2:09.000"])  # last lap 2:10.000
    r = final(a, b, distance_m=1000, track_length_m=500)
    assert r.heat("F") == ("A", "B", "last_lap")


def test_equal_times_are_decided_by_the_better_last_lap() -> None:
    a = ride("A", "4:19.000", splits=["1:05.000", "2:10.500"])  # last lap 2:08.500
    b = ride("B", "4:19.000", splits=["1:04.000", "2:09.000"])  # last lap 2:10.000
    r = final(a, b, distance_m=1000, track_length_m=500)
    assert r.heat("F") == ("A", "B", "last_lap")
    assert r.findings == []


def test_equal_times_without_splits_leave_the_heat_undecided_with_a_tie_finding() -> None:
    r = final(("A", "4:19.000"), ("B", "4:19.000"))
    assert r.heat("F") == (None, None, "")
    assert "tie" in r.codes()
    assert not r.results.round("F").complete
    assert r.label_of("A") == "" and r.label_of("B") == ""


@pytest.mark.parametrize("status", ["dns", "dnf", "dsq", "rel"])
def test_a_rider_who_did_not_start_finish_or_was_thrown_out_loses_to_a_finisher(
    status: str,
) -> None:
    r = final(("A", "4:25.000"), ride("B", status=status))
    assert r.heat("F") == ("A", "B", "outcome")


def test_a_did_not_finish_with_a_time_still_loses_to_a_slower_finisher() -> None:
    r = final(("A", "4:35.000"), ride("B", "4:15.000", status="dnf"))
    assert r.heat("F") == ("A", "B", "outcome")


def test_a_non_starter_in_the_gold_final_takes_second_place() -> None:
    r = final(("A", "4:25.000"), ("B", "dns"))
    assert r.label_of("A") == "1"
    assert r.label_of("B") == "2"


def test_the_published_rank_decides_a_heat_whose_loser_has_no_time() -> None:
    # Moscow 1980: the bronze-race loser's time was never published; the result is known.
    r = run_rounds(
        UCI,
        {"Q": QUALIFYING, "B": [ride("D", "4:24.000", rank="3"), ride("C", rank="4")]},
    )
    assert r.heat("B") == ("D", "C", "published")
    assert r.label_of("D") == "3"
    assert r.label_of("C") == "4"
    assert r.findings == []


def test_a_heat_with_only_one_known_time_and_no_published_rank_stays_undecided() -> None:
    r = run_rounds(UCI, {"Q": QUALIFYING, "B": [("D", "4:24.000"), ("C", None)]})
    assert r.heat("B") == (None, None, "")


def test_a_published_rank_contradicting_the_times_is_a_finding_and_the_times_decide() -> None:
    r = final(ride("A", "4:19.500", rank="1"), ride("B", "4:19.000", rank="2"))
    assert r.heat("F") == ("B", "A", "time")
    contradictions = [f for f in r.findings if f.code == "published-rank"]
    assert {("A" in f.message, "B" in f.message) for f in contradictions} == {
        (True, False),
        (False, True),
    }


def test_a_heat_waits_while_only_one_rider_has_ridden() -> None:
    r = final(("A", "4:19.000"))
    assert r.heat("F") == (None, None, "")
    assert not r.results.round("F").complete


def test_the_format_puts_the_right_seeds_in_each_heat() -> None:
    r = run_rounds("olympic-1968", {"Q": field_of(10)})
    expected = [h.expected for h in r.results.round("QF").heats]
    assert expected == [("R01", "R08"), ("R02", "R07"), ("R03", "R06"), ("R04", "R05")]


def test_the_1980_format_numbers_heats_in_running_order_with_the_fastest_pair_last() -> None:
    r = run_rounds("olympic-1980", {"Q": field_of(10)})
    expected = [h.expected for h in r.results.round("QF").heats]
    assert expected == [("R04", "R05"), ("R03", "R06"), ("R02", "R07"), ("R01", "R08")]


def test_winners_go_on_to_the_semifinal_pairs_the_format_names() -> None:
    qf = [
        ride("R01", "4:40.00", heat=1),
        ride("R08", "4:41.00", heat=1),
        ride("R07", "4:40.00", heat=2),
        ride("R02", "4:41.00", heat=2),
        ride("R03", "4:40.00", heat=3),
        ride("R06", "4:41.00", heat=3),
        ride("R05", "4:40.00", heat=4),
        ride("R04", "4:41.00", heat=4),
    ]
    r = run_rounds("olympic-1968", {"Q": field_of(8), "QF": qf})
    semis = [h.expected for h in r.results.round("SF").heats]
    assert semis == [("R01", "R03"), ("R07", "R05")]


def test_a_rider_the_format_does_not_put_in_a_round_is_reported_and_ignored() -> None:
    r = final(("A", "4:19.000"), ("B", "4:20.000"), ("C", "4:18.000"))
    assert "not-qualified" in r.codes()
    assert r.heat("F") == ("A", "B", "time")
