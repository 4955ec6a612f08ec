"""The virtual ranking: a finished ride's provisional rank, a riding one's projected rank."""

from __future__ import annotations

from pursuit.core.outcomes import Status
from pursuit.core.times import RaceTime, parse_time
from pursuit.views.virtual_ranking import (
    RideSoFar,
    VirtualRank,
    ordinal,
    projected_time,
    rank_among,
    virtual_ranks,
)

HALF_LAPS = 32  # 4 km on a 250 m track


def _done(name: str, time: str, status: Status = Status.FINISHED) -> RideSoFar:
    return RideSoFar(name, status, parse_time(time), finished=True)


def _riding(name: str, *splits: str) -> RideSoFar:
    return RideSoFar(name, splits=tuple(parse_time(s) for s in splits))


def _at_pace(name: str, half_laps: int, seconds: float) -> RideSoFar:
    """`half_laps` splits, every half lap in `seconds`."""
    ticks = round(seconds * 10_000)
    return RideSoFar(name, splits=tuple(RaceTime(k * ticks, 4) for k in range(1, half_laps + 1)))


def _labels(rides: list[RideSoFar], timed: bool = True) -> dict[str, str]:
    ranks = virtual_ranks(rides, timed=timed, half_laps=HALF_LAPS, digits=3)
    return {name: rank.label for name, rank in ranks.items()}


FIELD = [_done("A", "4:10.000"), _done("B", "4:12.000"), _done("C", "4:15.000")]


def test_a_finished_ride_is_ranked_among_those_finished_so_far() -> None:
    assert _labels([*FIELD, _done("D", "4:11.000")]) == {
        "A": "provisional 1st of 4",
        "D": "provisional 2nd of 4",
        "B": "provisional 3rd of 4",
        "C": "provisional 4th of 4",
    }


def test_equal_times_share_a_rank_at_the_precision() -> None:
    labels = _labels([*FIELD, _done("D", "4:12.0009")])  # 4:12.000 at 0.001
    assert labels["B"] == labels["D"] == "provisional =2nd of 4"
    assert labels["C"] == "provisional 4th of 4"


def test_a_riding_rider_gets_the_rank_of_the_projection() -> None:
    # 30 half laps at 7.5 s: 4:00.000 projected over 32, ahead of all three
    labels = _labels([*FIELD, _at_pace("D", 30, 7.5)])
    assert labels["D"] == "on course for 1st of 4"
    assert labels["A"] == "provisional 1st of 3"  # among the finished: a projection is no time
    # 20 half laps at 7.84375 s: 4:11.000 projected, between A and B
    assert _labels([*FIELD, _at_pace("E", 20, 7.84375)])["E"] == "on course for 2nd of 4"
    # level with B at the precision: a shared place
    assert _labels([*FIELD, _at_pace("F", 12, 7.875)])["F"] == "on course for =2nd of 4"


def test_no_rank_without_splits_after_a_dnf_or_when_overtaken() -> None:
    rides = [
        *FIELD,
        _riding("D"),  # not started, or no split yet
        _riding("E", "18.000"),  # one split: no pace yet
        RideSoFar("F", Status.DNF, None, finished=True),
        _done("G", "4:01.000", Status.OVERTAKEN),
    ]
    labels = _labels(rides)
    assert set(labels) == {"A", "B", "C"}
    assert labels["A"] == "provisional 1st of 3"  # the overtaken G's time does not rank


def test_a_knockout_round_has_no_virtual_ranking() -> None:
    assert _labels([*FIELD, _at_pace("D", 30, 7.5)], timed=False) == {}


def test_the_first_to_finish_and_the_first_on_the_track() -> None:
    assert _labels([_done("A", "4:10.000")]) == {"A": "provisional 1st of 1"}
    assert _labels([_riding("A", "1:00.000", "1:08.000")]) == {"A": "on course for 1st of 1"}


def test_projection_and_words() -> None:
    splits = [parse_time("20.000"), parse_time("28.000"), parse_time("36.000")]
    assert projected_time(splits, 8) == RaceTime(int(76.0 * 10_000), 4)  # 5 more at 8 s
    assert projected_time(splits[:1], 8) is None
    assert projected_time(splits, 3) is None  # the finish is crossed: the time counts
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th",
    ]  # fmt: skip
    assert rank_among(parse_time("4:00.00"), [], 2) == VirtualRank(1, 1, False, False)
