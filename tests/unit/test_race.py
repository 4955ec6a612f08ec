"""One heat's arithmetic: last lap, gaps at each half lap, the catch bound, comparing times."""

from __future__ import annotations

from pursuit.core.competition import Metadata
from pursuit.core.race import catch_bound, compare_at, gaps, last_lap
from pursuit.core.times import RaceTime, parse_time


def times(*texts: str) -> list[RaceTime]:
    return [parse_time(t) for t in texts]


def test_the_last_lap_is_the_finish_time_minus_the_split_one_lap_earlier() -> None:
    # Six half laps: the split one lap before the finish is at half lap 4.
    splits = times("0:40.00", "1:20.00", "2:00.00", "2:41.00", "3:20.00")
    assert last_lap(parse_time("4:00.50"), splits, 6) == parse_time("1:19.50")


def test_the_last_lap_of_a_one_lap_race_is_the_whole_time() -> None:
    assert last_lap(parse_time("1:05.00"), [], 2) == parse_time("1:05.00")


def test_there_is_no_last_lap_without_enough_splits_or_without_a_time() -> None:
    splits = times("0:40.00", "1:20.00", "2:00.00")
    assert last_lap(parse_time("4:00.00"), splits, 6) is None
    assert last_lap(None, times("0:40.00", "1:20.00", "2:00.00", "2:40.00"), 6) is None


def test_a_split_after_the_finish_gives_no_last_lap() -> None:
    assert last_lap(parse_time("2:00.00"), times("1:00.00", "2:10.00"), 4) is None


def test_the_last_lap_keeps_the_finer_precision_of_its_two_times() -> None:
    lap = last_lap(parse_time("2:00.00"), times("1:00.00", "1:00.005"), 4)
    assert lap == parse_time("59.995")
    assert lap is not None and lap.digits == 3


def test_gaps_say_by_how_much_a_trails_b_at_every_half_lap_both_reached() -> None:
    a = times("0:20.00", "0:40.50", "1:00.00")
    b = times("0:20.10", "0:40.00")
    assert gaps(a, b) == [-1000, 5000]


def test_splits_bound_a_catch_once_the_chaser_reaches_a_line_the_other_crossed_earlier() -> None:
    # Half a lap apart: A has caught B by its k-th crossing if t_A(k) <= t_B(k - 1).
    chaser = times("0:10.00", "0:20.00", "0:29.00", "0:38.00")
    other = times("0:15.00", "0:30.00", "0:45.00", "1:00.00")
    assert catch_bound(chaser, other) == 3  # 0:29.00 <= 0:30.00, other's 2nd crossing


def test_the_catch_bound_counts_reaching_the_same_instant_as_a_catch() -> None:
    chaser = times("0:10.00", "0:15.00")
    other = times("0:15.00", "0:30.00")
    assert catch_bound(chaser, other) == 2


def test_there_is_no_catch_bound_while_the_chaser_is_still_behind() -> None:
    chaser = times("0:14.00", "0:28.00", "0:42.00")
    other = times("0:15.00", "0:30.00", "0:45.00")
    assert catch_bound(chaser, other) is None
    assert catch_bound([], other) is None


def test_comparing_at_a_precision_truncates_both_times_first() -> None:
    a, b = parse_time("4:40.419"), parse_time("4:40.411")
    assert compare_at(a, b, 2) == 0
    assert compare_at(a, b, 3) == 1
    assert compare_at(b, a, 3) == -1
    assert compare_at(parse_time("4:40.409"), parse_time("4:40.411"), 2) == -1


def test_half_laps_follow_from_distance_and_track_length() -> None:
    assert Metadata("x", distance_m=4000, track_length_m=333.33).half_laps == 24
    assert Metadata("x", distance_m=4000, track_length_m=250).half_laps == 32
    assert Metadata("x", distance_m=4000, track_length_m=285.714).half_laps == 28
    assert Metadata("x", distance_m=3000, track_length_m=400).half_laps == 15
