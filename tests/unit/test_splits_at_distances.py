"""Splits given at known distances (1, 2, 3 km; "lap 13"): placed on their half laps, the
others left unknown, a distance off the crossings kept as a mark; bad distances are findings
on the split at fault; the last lap breaks a tie only when its start is known."""

from __future__ import annotations

from typing import Any

import pytest
from builders import competition_text, line_of, ride, run
from deciding import given, refuses

from pursuit.app.creation import create_command
from pursuit.core import commands as c
from pursuit.core.race import last_lap
from pursuit.core.split_points import parse_distance, place, splits_at
from pursuit.core.splits import Mark, Splits
from pursuit.core.times import parse_time
from pursuit.loading.format_files import format_definition

T = parse_time
TRACK_1972 = 285.714  # Munich 1972: 7 half laps to the kilometre
KM_SPLITS = [{"at": "1000 m", "time": "1:13.60"}, {"at": "2000 m", "time": "2:24.10"},
             {"at": "3000 m", "time": "3:34.80"}]  # fmt: skip


def _heat(a: dict[str, Any], b: dict[str, Any], track: float = TRACK_1972) -> str:
    return competition_text("uci-individual-pursuit", {"Q": [a, b]}, track_length_m=track)


def _splits_of(text: str, name: str) -> Splits:
    r = run(text)
    return next(x.splits for x in r.loaded.competition.rides_of("Q") if x.entrant == name)


def test_a_kilometre_on_a_285_714_m_track_is_every_seventh_half_lap() -> None:
    text = _heat(ride("Ann", "4:45.20", splits=KM_SPLITS), ride("Bea", "4:47.00"))
    splits = _splits_of(text, "Ann")
    assert splits.half_laps == (7, 14, 21)
    assert splits.half_lap(14) == T("2:24.10") and splits.half_lap(13) is None
    assert not splits.dense and splits.marks == ()
    assert run(text).codes() == []


@pytest.mark.parametrize(("track", "every"), [(333.33, 6), (250, 8), (400, 5)])
def test_split_every_places_plain_times_on_every_kilometre(track: float, every: int) -> None:
    a = ride("Ann", "4:45.20", splits=["1:13.60", "2:24.10"], split_every="1000 m")
    splits = _splits_of(_heat(a, ride("Bea", "4:47.00"), track), "Ann")
    assert splits.half_laps == (every, 2 * every)


def test_a_distance_that_is_no_crossing_is_kept_as_a_mark_and_not_placed() -> None:
    a = ride("Ann", "4:45.20", splits=[{"at": "1000 m", "time": "1:13.60"},
                                        {"at": "2 km", "time": "2:24.10"}])  # fmt: skip
    splits = _splits_of(_heat(a, ride("Bea", "4:47.00"), 458.0), "Ann")
    assert splits.half_laps == () and len(splits) == 0
    assert splits.marks == (Mark(1000.0, T("1:13.60")), Mark(2000.0, T("2:24.10")))


@pytest.mark.parametrize(
    ("bad", "words"),
    [
        ({"at": "5000 m", "time": "4:50.00"}, "beyond the 4000 m race"),
        ({"at": "500 m", "time": "4:40.00"}, "is not after the one before"),
        ({"at": "a kilometre", "time": "4:40.00"}, "is not a distance"),
        ({"at": "3500 m", "time": "2:00.00"}, "is not after split 3"),
        ({"at": "3500 m"}, "has no time"),
        ("4:40.00", "needs at ="),
    ],
)
def test_a_bad_distance_is_a_finding_on_its_line_naming_the_rider(bad: Any, words: str) -> None:
    a = ride("Ann", "4:45.20", splits=[*KM_SPLITS, bad])
    text = _heat(a, ride("Bea", "4:47.00"))
    r = run(text)
    found = [f for f in r.load_findings if f.code == "bad-splits"]
    assert len(found) == 1, r.load_findings
    assert words in found[0].message and "Ann" in found[0].message
    assert found[0].place is not None and found[0].place.line == line_of(text, 'rider = "Ann"')
    assert _splits_of(text, "Ann") == Splits()  # dropped, never half kept


def test_a_split_at_the_finish_distance_must_be_the_time() -> None:
    a = ride("Ann", "4:45.20", splits=[*KM_SPLITS, {"at": "4000 m", "time": "4:45.30"}])
    r = run(_heat(a, ride("Bea", "4:47.00")))
    assert [f.code for f in r.load_findings] == ["bad-splits"]
    assert "is not the time" in r.load_findings[0].message


def test_distances_read_in_metres_kilometres_laps_and_half_laps() -> None:
    half = TRACK_1972 / 2
    assert parse_distance("1000 m", half) == 1000
    assert parse_distance("2.5 km", half) == 2500
    assert place(parse_distance("lap 13", half), half).half_lap == 26
    assert place(parse_distance("half lap 7", half), half).half_lap == 7
    assert place(1000, half).half_lap == 7  # 7 × 142.857 m is 999.999 m: the crossing
    assert place(1100, half).half_lap is None


def test_the_last_lap_needs_the_split_one_lap_before_the_finish_among_the_known() -> None:
    half = TRACK_1972 / 2
    km = splits_at([(1000, T("1:13.60")), (2000, T("2:24.10"))], half)
    assert last_lap(T("4:45.20"), km, 28) is None  # no split at half lap 26: unknown
    with_26 = splits_at([(1000, T("1:13.60")), (26 * half, T("4:25.00"))], half)
    assert last_lap(T("4:45.20"), with_26, 28) == T("20.20")


def test_a_tie_is_broken_by_the_last_lap_only_when_both_starts_of_it_are_known() -> None:
    lap13 = {"at": "lap 13", "time": "4:25.00"}
    faster = ride("Ann", "4:45.20", splits=[*KM_SPLITS, {**lap13, "time": "4:25.50"}])
    slower = ride("Bea", "4:45.20", splits=[*KM_SPLITS, lap13])
    ranked = run(_heat(faster, slower)).results.round("Q").ranking
    assert [(r.ride.entrant, r.label) for r in ranked][:2] == [("Ann", "1"), ("Bea", "2")]
    only_km = run(_heat(ride("Ann", "4:45.20", splits=KM_SPLITS), slower))
    labels = {r.ride.entrant: r.label for r in only_km.results.round("Q").ranking}
    assert labels["Ann"] == labels["Bea"]  # Ann's last lap is not known: the tie stays


def test_an_imported_ride_with_distances_that_do_not_read_is_refused() -> None:
    fmt = "uci-individual-pursuit"
    state = given(create_command(fmt, format_definition(fmt), "Cup"), c.RegisterEntrant("Ann"))
    times = (T("1:13.60"), T("2:24.10"))
    refuses(state, c.ImportRide("Q", "Ann", splits=times, split_at=("1000 m", "far")), "far")
    refuses(state, c.ImportRide("Q", "Ann", splits=times, split_at=("1000 m",)), "2 split times")


def test_sparse_splits_answer_by_half_lap_and_equal_only_the_same_points() -> None:
    sparse = Splits.at([(14, T("2:24.10")), (7, T("1:13.60"))])
    assert sparse.half_laps == (7, 14) and sparse.reached == 14
    assert sparse.half_lap(7) == T("1:13.60") and sparse.half_lap(1) is None
    assert sparse.ticks_at(14) == T("2:24.10").ticks and sparse.ticks_at(8) is None
    assert sparse != Splits.of([T("1:13.60"), T("2:24.10")])  # those are half laps 1 and 2
    assert Splits.at([(1, T("12.0")), (2, T("20.0"))]).dense  # 1, 2, …: dense after all
