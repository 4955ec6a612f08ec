"""What the live desk relies on below the web: a skipped half lap, a split refused with who
recorded its half lap and when, times at the competition's precision, a time of day refused in
an elapsed-time field, riders by family name and events in words."""

from __future__ import annotations

import re

import pytest
from test_decide import ANNA, BERT, STARTED, create, given, refuses, split_at, t, with_splits

from pursuit.app.actions import ACTIONS, BadBody, Split, at_precision, read_body
from pursuit.app.describe import narrate
from pursuit.app.recorded_by import clock_time, setter, with_who
from pursuit.app.service import CompetitionService
from pursuit.core import commands as c
from pursuit.core.decide import decide
from pursuit.core.decide_timing import HalfLapTaken
from pursuit.core.guards import About
from pursuit.core.times import RaceTime
from pursuit.errors import RuleViolation
from pursuit.store.events import StoredEvent
from pursuit.store.memory import MemoryEventStore
from pursuit.web.console.desk import by_family_name


def test_a_skipped_half_lap_keeps_the_next_split_at_its_own_number() -> None:
    state = given(*STARTED, *with_splits(ANNA, 2), c.SkipHalfLap("Q", 1, ANNA))
    ride = state.rides["Q"][ANNA]
    assert len(ride.splits) == 2 and ride.missing == {3}
    events = decide(state, c.RecordSplit("Q", 1, ANNA, split_at(4)))  # no half lap given
    assert [(e.half_lap, e.elapsed) for e in events] == [(4, split_at(4))]  # type: ignore[attr-defined]
    state = given(
        *STARTED,
        *with_splits(ANNA, 2),
        c.SkipHalfLap("Q", 1, ANNA),
        c.RecordSplit("Q", 1, ANNA, split_at(4)),
    )
    ride = state.rides["Q"][ANNA]
    assert ride.splits[3] == split_at(4) and ride.missing == {3}
    assert ride.splits[2] == RaceTime((split_at(2).ticks + split_at(4).ticks) // 2, 4)  # estimated


def test_a_skip_must_be_the_next_half_lap_and_the_finish_cannot_be_skipped() -> None:
    state = given(*STARTED, *with_splits(ANNA, 2))
    refuses(state, c.SkipHalfLap("Q", 1, ANNA, 5), "half lap 5 is not the next one .half lap 3.")
    refuses(state, c.SkipHalfLap("Q", 1, ANNA, 2), re.escape("half lap 2 is already recorded"))
    last = given(*STARTED, *with_splits(ANNA, 31))
    refuses(last, c.SkipHalfLap("Q", 1, ANNA), "half lap 32 is not between 1 and 31")


def test_a_skipped_half_lap_timed_after_all_is_no_longer_missed() -> None:
    state = given(
        *STARTED,
        *with_splits(ANNA, 2),
        c.SkipHalfLap("Q", 1, ANNA),
        c.RecordSplit("Q", 1, ANNA, split_at(3), half_lap=3),
    )
    assert state.rides["Q"][ANNA].missing == set()
    assert len(state.rides["Q"][ANNA].splits) == 3


def test_a_split_ahead_of_the_next_half_lap_is_refused_unless_the_ones_between_are_skipped() -> (
    None
):
    state = given(*STARTED, *with_splits(ANNA, 2))
    refuses(
        state,
        c.RecordSplit("Q", 1, ANNA, split_at(4), half_lap=4),
        re.escape("half lap 4 recorded before half lap 3 (skip half lap 3 if nobody timed it)"),
    )


def test_the_service_names_who_recorded_a_half_lap_and_when() -> None:
    times = iter(f"2026-05-01T13:04:{s:02d}.000000+00:00" for s in range(60))
    svc = CompetitionService(MemoryEventStore(), clock=lambda: next(times))
    for command in (*STARTED, *with_splits(ANNA, 2)):
        svc.handle("cup", command, "tk2" if isinstance(command, c.RecordSplit) else "setup")
    with pytest.raises(HalfLapTaken) as refused:
        svc.handle("cup", c.RecordSplit("Q", 1, ANNA, t("21.000"), half_lap=2), "tk1")
    when = clock_time("2026-05-01T13:04:08.000000+00:00")  # the 9th command: the 2nd split
    assert str(refused.value) == (
        f"half lap 2 of Anna is already recorded: 20.000 by tk2 at {when}; correct it with a reason"
    )
    assert refused.value.about() == {
        "entrant": ANNA,
        "round": "Q",
        "heat": 1,
        "half_lap": 2,
        "field": "time",
    }
    assert svc.state("cup").position == 9  # nothing written


def test_the_last_event_that_set_a_half_lap_is_the_one_named() -> None:
    def stored(position: int, kind: str, actor: str, half_lap: int = 2) -> StoredEvent:
        data = {"round": "Q", "heat": 1, "entrant": ANNA, "half_lap": half_lap}
        return StoredEvent("cup", position, kind, 1, data, "x", actor, "2026-05-01T13:00:00+00:00")

    error = HalfLapTaken(About(ANNA, "Q", 1, 2, "time"), t("20.000"))
    log = [
        stored(1, "SplitRecorded", "tk1"),
        stored(2, "SplitCorrected", "chief"),
        stored(3, "SplitRecorded", "tk3", 3),
    ]
    found = setter(log, error)
    assert found is not None and found.actor == "chief"
    assert "by chief at" in str(with_who(error, found))
    assert with_who(error, None) is error  # nothing found: the core's words


def test_a_typed_time_is_written_to_the_competitions_precision() -> None:
    state = given(create(precision=2))
    assert str(at_precision(state, t("29.8"))) == "29.80"
    assert str(at_precision(state, t("1:02"))) == "1:02.00"
    assert str(at_precision(state, t("29.805"))) == "29.805"  # finer: kept as typed
    assert at_precision(state, None) is None
    body = read_body(Split, {"round": "Q", "heat": 1, "entrant": ANNA, "time": "29.8"})
    command = ACTIONS["split"].build(given(*STARTED), body)
    assert str(command.elapsed) == "29.800"  # the test competition is timed to 0.001 s


def test_a_time_of_day_in_a_split_or_finish_is_refused_with_where_it_belongs() -> None:
    for action in ("split", "finish"):
        with pytest.raises(BadBody) as refused:
            read_body(
                ACTIONS[action].body,
                {"round": "Q", "heat": 1, "entrant": ANNA, "time": "15:02:11.03"},
                action,
            )
        assert refused.value.field == "time"
        message = str(refused.value)
        assert "15:02:11.03 is a time of day" in message and "timing panel" in message
    with pytest.raises(BadBody, match="not a race time: '1:2:3:4'"):
        read_body(Split, {"round": "Q", "heat": 1, "entrant": ANNA, "time": "1:2:3:4"})
    impulse = read_body(Split, {"round": "Q", "heat": 1, "entrant": ANNA, "impulse": "15:02:11.03"})
    assert impulse.impulse == t("15:02:11.03")  # as an impulse it is what it should be


def test_riders_are_listed_by_family_name() -> None:
    state = given(
        create(),
        c.RegisterEntrant("Zoé Àdams", family_name="Àdams"),
        c.RegisterEntrant("Anna van Zandt", family_name="van Zandt"),
        c.RegisterEntrant("Bert Meyer"),
        c.RegisterEntrant("Carl Ōta"),
    )
    assert by_family_name(state, state.entrants) == (
        "Zoé Àdams",  # accents ignored
        "Bert Meyer",  # no family name given: the last word
        "Carl Ōta",
        "Anna van Zandt",
    )


def test_events_in_words_for_the_desk() -> None:
    split = {
        "round": "Q",
        "heat": 3,
        "entrant": "Daniel Rebillard",
        "half_lap": 4,
        "elapsed": "1:16.00",
    }
    assert (
        narrate("SplitRecorded", split, "tk1")
        == "Q heat 3: Daniel Rebillard, half lap 4 at 1:16.00 (tk1)"
    )
    missed = {"round": "Q", "heat": 3, "entrant": "Daniel Rebillard", "half_lap": 5}
    assert (
        narrate("HalfLapMissed", missed, "tk2")
        == "Q heat 3: Daniel Rebillard, half lap 5 missed (skipped) (tk2)"
    )
    dns = {"round": "F", "entrant": "Anna", "status": "dns", "heat": 1}
    assert narrate("OutcomeRecorded", dns, "com") == "F heat 1: Anna DNS (com)"
    catch = {"round": "Q", "heat": 1, "catcher": ANNA, "caught": BERT, "half_lap": 9}
    assert narrate("CatchRecorded", catch) == "Q heat 1: Anna caught Bert at half lap 9"
    assert narrate(
        "ImpulseDiscarded", {"source": "tcp:x", "number": 4, "reason": "bird"}, "tk"
    ) == ("ImpulseDiscarded source=tcp:x, number=4, reason=bird (tk)")


def test_a_rule_violation_is_still_what_a_taken_half_lap_is() -> None:
    assert issubclass(HalfLapTaken, RuleViolation)
