"""Published places as evidence in timed rounds; heats and rounds the record cannot finish."""

from __future__ import annotations

from builders import field_of, ride, run_rounds

UCI = "uci-individual-pursuit"


def _rows(r: object, round_id: str = "Q") -> list[tuple[str, str, bool]]:
    results = r.results  # type: ignore[attr-defined]
    return [
        (row.label, row.ride.entrant, row.by_published) for row in results.round(round_id).ranking
    ]


def test_rides_known_only_by_their_published_place_are_ranked_there() -> None:
    timed = [ride(name, time, rank=str(i)) for i, (name, time) in enumerate(field_of(8), 1)]
    tail = [ride(f"T{n}", rank=str(n)) for n in (11, 9, 10)]  # names and places, no times
    r = run_rounds(UCI, {"Q": [*timed, *tail]})
    rows = _rows(r)
    assert rows[8:] == [("9", "T9", True), ("10", "T10", True), ("11", "T11", True)]
    assert [label for label, _, published in rows[:8] if not published] == [
        str(n) for n in range(1, 9)
    ]
    assert r.findings == []
    assert r.results.round("Q").ranking[8].note == "by published place"
    assert r.label_of("T10") == "10"  # the classification follows the round


def test_an_untimed_ride_slots_in_between_the_timed_ones_and_can_go_on() -> None:
    rides = [
        ride("A", "4:20.000", rank="1"),
        ride("B", "4:22.000", rank="3"),
        ride("C", "4:23.000", rank="4"),
        ride("U", rank="2"),
        ride("D", "4:24.000", rank="5"),
    ]
    r = run_rounds(UCI, {"Q": rides})
    assert [(label, name) for label, name, _ in _rows(r)] == [
        ("1", "A"),
        ("2", "U"),
        ("3", "B"),
        ("4", "C"),
        ("5", "D"),
    ]
    assert r.results.round("Q").advanced == ("A", "U", "B", "C")
    assert r.findings == []


def test_an_untimed_place_that_contradicts_the_times_and_their_places_is_a_finding() -> None:
    timed = [ride(name, time, rank=str(i)) for i, (name, time) in enumerate(field_of(5), 1)]
    r = run_rounds(UCI, {"Q": [*timed, ride("U", rank="5")]})
    assert r.codes() == ["published-rank"]
    assert "R05 is published 5 but the times give 6" in r.findings[0].message


def test_two_untimed_rides_at_one_place_without_an_equals_sign_is_a_finding() -> None:
    timed = [ride(name, time) for name, time in field_of(4)]
    r = run_rounds(UCI, {"Q": [*timed, ride("U", rank="5"), ride("V", rank="5")]})
    assert r.codes() == ["published-rank"]
    assert "U and V are both published 5" in r.findings[0].message.replace("V and U", "U and V")
    assert [(label, name) for label, name, _ in _rows(r)][4:] == [("5", "U"), ("5", "V")]


def test_two_untimed_rides_published_equal_share_the_place() -> None:
    timed = [ride(name, time) for name, time in field_of(4)]
    r = run_rounds(UCI, {"Q": [*timed, ride("U", rank="=5"), ride("V", rank="=5")]})
    assert r.findings == []
    shared = [row.shared for row in r.results.round("Q").ranking][4:]
    assert shared == [True, True]


def test_an_untimed_ride_without_a_published_place_stays_unranked() -> None:
    timed = [ride(name, time) for name, time in field_of(4)]
    r = run_rounds(UCI, {"Q": [*timed, ride("U"), ride("V", rank="–")]})
    assert [label for label, _, _ in _rows(r)][4:] == ["–", "–"]


def test_a_knockout_heat_with_both_rides_published_first_is_reported_undecided() -> None:
    q = [ride(name, time) for name, time in field_of(4)]
    final = [ride("R01", rank="1"), ride("R02", rank="1")]
    r = run_rounds(UCI, {"Q": q, "F": final})
    assert r.heat("F") == (None, None, "")
    assert r.codes() == ["undecided"]
    assert "Final for gold" in r.findings[0].message
    assert "both published 1" in r.findings[0].message


def test_a_knockout_heat_with_no_times_and_no_outcome_is_reported_undecided() -> None:
    q = [ride(name, time) for name, time in field_of(4)]
    r = run_rounds(UCI, {"Q": q, "F": [ride("R01"), ride("R02")]})
    assert r.codes() == ["undecided"]
    assert "R01 and R02" in r.findings[0].message


def test_a_heat_with_one_ride_known_is_reported_once_the_record_has_gone_past_it() -> None:
    q = [ride(name, time) for name, time in field_of(4)]
    bronze = [ride("R03", "4:45.000")]
    final = [ride("R01", "4:40.000"), ride("R02", "4:41.000")]
    r = run_rounds(UCI, {"Q": q, "B": bronze, "F": final})
    assert r.codes() == ["undecided"]
    assert "only R03's ride is known" in r.findings[0].message
    # the last round, perhaps still on the track: nothing to say yet
    assert run_rounds(UCI, {"Q": q, "F": final[:1]}).findings == []


def test_a_complete_round_ranking_fewer_than_advance_is_reported_naming_the_waiting_heat() -> None:
    r = run_rounds("olympic-1968", {"Q": field_of(7)})
    assert r.codes() == ["cannot-fill"]
    message = r.findings[0].message
    assert "8 go on, but only 7 are ranked" in message
    assert "Quarterfinal 1 cannot be ridden" in message
    # a small field that leaves a whole heat empty keeps nobody waiting
    assert run_rounds(UCI, {"Q": field_of(2)}).findings == []
