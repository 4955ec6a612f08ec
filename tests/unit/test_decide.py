"""`decide` on its own: each command accepted with exactly the events it causes, or refused
with its reason. No store, no service: the state is folded from decided events with `evolve`."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest
from deciding import given, refuses, split_at

from pursuit.app.creation import create_command
from pursuit.core import commands as c
from pursuit.core import events as ev
from pursuit.core.competition import Metadata
from pursuit.core.decide import decide
from pursuit.core.live_state import CompetitionState
from pursuit.core.times import RaceTime, parse_time
from pursuit.errors import RuleViolation
from pursuit.loading.format_files import format_definition

UCI = "uci-individual-pursuit"
OLYMPIC = "olympic-1968"
ANNA, BERT, CARL, DIRK = "Anna", "Bert", "Carl", "Dirk"


def t(text: str) -> RaceTime:
    return parse_time(text)


@cache
def _definition(name: str) -> dict[str, Any]:
    return format_definition(name)


def definition(name: str = UCI) -> dict[str, Any]:
    return dict(_definition(name))


def create(fmt: str = UCI, title: str = "Test pursuit", **kw: Any) -> c.CreateCompetition:
    return create_command(fmt, definition(fmt), title, **kw)


ENTERED = (create(), *(c.RegisterEntrant(n) for n in (ANNA, BERT, CARL, DIRK)))
DRAWN = (*ENTERED, c.DrawRound("Q", ((ANNA, BERT), (CARL, DIRK))))
STARTED = (*DRAWN, c.StartHeat("Q", 1))
START_IMPULSE = t("15:02:11.0342")
IMPULSE_STARTED = (*DRAWN, c.StartHeat("Q", 1, start_impulse=START_IMPULSE))


def with_splits(name: str, count: int) -> tuple[c.Command, ...]:
    return tuple(c.RecordSplit("Q", 1, name, split_at(k)) for k in range(1, count + 1))


def qualified(fmt: str = UCI, riders: int = 4) -> tuple[c.Command, ...]:
    """A competition whose qualifying round is imported: rider Rn rode 4:30 + n seconds."""
    names = [f"R{n}" for n in range(1, riders + 1)]
    rides = tuple(c.ImportRide("Q", n, time=t(f"4:{30 + i}.000")) for i, n in enumerate(names))
    return (create(fmt), *(c.RegisterEntrant(n) for n in names), *rides)


# --- any command ------------------------------------------------------------------------------


def test_a_command_before_the_competition_exists_is_refused() -> None:
    refuses(CompetitionState(), c.RegisterEntrant(ANNA), "no competition yet: create one first")


def test_a_command_decide_does_not_know_is_refused() -> None:
    class Shout(c.Command):
        pass

    refuses(given(create()), Shout(), "unknown command Shout")


# --- CreateCompetition ------------------------------------------------------------------------


def test_creating_a_competition_records_its_format_and_metadata() -> None:
    events = decide(CompetitionState(), create(venue="Grenchen", dates=("2026-10-20",)))
    meta = Metadata(
        title="Test pursuit",
        distance_m=4000,
        track_length_m=250.0,
        venue="Grenchen",
        dates=("2026-10-20",),
        precision=3,
    )
    assert events == [ev.CompetitionCreated(UCI, definition(), meta)]


def test_creating_a_competition_twice_is_refused() -> None:
    refuses(given(create()), create(), "the competition already exists")


@pytest.mark.parametrize("title", ["", "   "])
def test_a_competition_without_a_title_is_refused(title: str) -> None:
    refuses(CompetitionState(), create(title=title), "a competition needs a title")


def test_a_competition_with_an_unreadable_format_is_refused_with_the_format_error() -> None:
    broken = {**definition(), "precision": "0.5"}
    command = c.CreateCompetition(UCI, broken, create().meta)
    refuses(CompetitionState(), command, "precision")


@pytest.mark.parametrize(
    ("distance_m", "track_length_m", "field"),
    [
        (0, 250.0, "distance_m"),
        (-4000, 250.0, "distance_m"),
        (99, 250.0, "distance_m"),
        (10**30, 250.0, "distance_m"),
        (4000, 99.0, "track_length_m"),
        (4000, 501.0, "track_length_m"),
    ],
)
def test_a_competition_with_an_impossible_distance_or_track_is_refused_naming_the_field(
    distance_m: int, track_length_m: float, field: str
) -> None:
    command = create(distance_m=distance_m, track_length_m=track_length_m)
    refuses(CompetitionState(), command, f"{field} must be 100–")
    with pytest.raises(RuleViolation) as error:
        decide(CompetitionState(), command)
    assert error.value.field == field


@pytest.mark.parametrize("day", ["not-a-date", "1968-02-30", "17.10.1968", "19681017", ""])
def test_a_competition_on_a_day_that_is_not_a_real_iso_date_is_refused(day: str) -> None:
    refuses(CompetitionState(), create(dates=("1968-10-17", day)), "YYYY-MM-DD")


# --- RegisterEntrant --------------------------------------------------------------------------


def test_registering_an_entrant_records_every_fact_given() -> None:
    command = c.RegisterEntrant("  Anna Meier ", "SUI", "Meier", "12", t("4:31.000"), roster=None)
    assert decide(given(create()), command) == [
        ev.EntrantRegistered("Anna Meier", "SUI", "Meier", "12", t("4:31.000"), None)
    ]


def test_registering_a_team_records_its_roster() -> None:
    command = c.RegisterEntrant("Team A", "GER", roster=("A1", "A2", "A3", "A4"))
    assert decide(given(create()), command) == [
        ev.EntrantRegistered("Team A", "GER", roster=("A1", "A2", "A3", "A4"))
    ]


@pytest.mark.parametrize("name", ["", "  "])
def test_an_entrant_without_a_name_is_refused(name: str) -> None:
    refuses(given(create()), c.RegisterEntrant(name), "an entrant needs a name")


def test_entering_the_same_name_twice_is_refused() -> None:
    refuses(given(*ENTERED), c.RegisterEntrant(f" {ANNA} "), "Anna is already entered")


def test_entries_close_once_the_first_round_is_drawn() -> None:
    refuses(given(*DRAWN), c.RegisterEntrant("Eva"), "entries are closed: Q is drawn")


# --- ScheduleRound ----------------------------------------------------------------------------


def test_scheduling_a_round_records_its_day_and_start_time_trimmed() -> None:
    events = decide(given(create()), c.ScheduleRound("Q", " 2026-10-20 ", " 14:30 "))
    assert events == [ev.RoundScheduled("Q", "2026-10-20", "14:30")]


def test_moving_a_round_to_another_time_is_accepted() -> None:
    state = given(create(), c.ScheduleRound("Q", "2026-10-20", "14:30"))
    events = decide(state, c.ScheduleRound("Q", "2026-10-20", "16:00"))
    assert events == [ev.RoundScheduled("Q", "2026-10-20", "16:00")]


def test_scheduling_an_unknown_round_is_refused_naming_the_rounds_there_are() -> None:
    refuses(
        given(create()),
        c.ScheduleRound("SF", "2026-10-20"),
        "unknown round 'SF'; the format has Q, B, F",
    )


@pytest.mark.parametrize(
    ("date", "time", "problem"),
    [
        ("20.10.2026", None, "'20.10.2026' is not a date like 2026-10-20"),
        ("2026-10-20", "25:00", "'25:00' is not a start time like 14:30"),
    ],
)
def test_scheduling_a_round_at_an_unreadable_day_or_time_is_refused(
    date: str, time: str | None, problem: str
) -> None:
    command = c.ScheduleRound("Q", date, time)
    refuses(given(create()), command, re.escape(f"Qualifying: {problem}"))


def test_scheduling_a_round_where_it_already_is_is_refused() -> None:
    state = given(create(), c.ScheduleRound("Q", "2026-10-20", "14:30"))
    refuses(
        state, c.ScheduleRound("Q", "2026-10-20", "14:30"), "Qualifying is already scheduled then"
    )


# --- DrawRound --------------------------------------------------------------------------------


def test_drawing_qualifying_with_given_pairs_puts_the_first_of_each_pair_on_red() -> None:
    events = decide(given(*ENTERED), c.DrawRound("Q", ((ANNA, BERT), (CARL,), (DIRK,))))
    assert events == [
        ev.RoundDrawn(
            "Q",
            (
                ev.HeatDrawn(1, (ANNA, BERT), ("red", "green")),
                ev.HeatDrawn(2, (CARL,), ("red",)),
                ev.HeatDrawn(3, (DIRK,), ("red",)),
            ),
        )
    ]


def test_drawing_qualifying_by_seed_times_rides_the_fastest_pairs_last() -> None:
    seeds = {ANNA: "4:20.000", BERT: "4:22.000", CARL: "4:24.000", DIRK: "4:26.000"}
    state = given(create(), *(c.RegisterEntrant(n, seed_time=t(s)) for n, s in seeds.items()))
    assert decide(state, c.DrawRound("Q")) == [
        ev.RoundDrawn(
            "Q",
            (
                ev.HeatDrawn(1, (BERT, DIRK), ("red", "green")),
                ev.HeatDrawn(2, (ANNA, CARL), ("red", "green")),
            ),
        )
    ]


def test_drawing_a_round_again_before_it_starts_is_accepted() -> None:
    events = decide(given(*DRAWN), c.DrawRound("Q", ((ANNA, CARL), (BERT, DIRK))))
    assert events == [
        ev.RoundDrawn(
            "Q",
            (
                ev.HeatDrawn(1, (ANNA, CARL), ("red", "green")),
                ev.HeatDrawn(2, (BERT, DIRK), ("red", "green")),
            ),
        )
    ]


def test_drawing_a_started_round_again_is_refused() -> None:
    refuses(
        given(*STARTED),
        c.DrawRound("Q", ((ANNA, CARL), (BERT, DIRK))),
        "Qualifying has started; it cannot be drawn again",
    )


def test_drawing_an_unknown_round_is_refused() -> None:
    refuses(given(*ENTERED), c.DrawRound("QF"), "unknown round 'QF'")


def test_drawing_qualifying_with_nobody_entered_is_refused() -> None:
    refuses(given(create()), c.DrawRound("Q"), "nobody is entered")


@pytest.mark.parametrize(
    ("pairs", "reason"),
    [
        (((ANNA, BERT, CARL), (DIRK,)), "heat 1 has 3 competitors; 1 to 2"),
        (((ANNA, BERT), ()), "heat 2 has 0 competitors; 1 to 2"),
        (((ANNA, "Eva"),), "heat 1: 'Eva' is not entered"),
        (((ANNA, BERT), (CARL, ANNA)), "heat 2: Anna is already in another heat"),
    ],
)
def test_drawing_qualifying_with_impossible_pairs_is_refused(
    pairs: tuple[tuple[str, ...], ...], reason: str
) -> None:
    refuses(given(*ENTERED), c.DrawRound("Q", pairs), re.escape(reason))


def test_drawing_the_two_best_seeds_together_is_refused() -> None:
    seeds = {ANNA: "4:20.000", BERT: "4:22.000", CARL: "4:24.000", DIRK: "4:26.000"}
    state = given(create(), *(c.RegisterEntrant(n, seed_time=t(s)) for n, s in seeds.items()))
    refuses(
        state,
        c.DrawRound("Q", ((CARL, DIRK), (ANNA, BERT))),
        re.escape("heat 2 pairs the two best (Anna and Bert); the rules never pair them"),
    )


def test_drawing_a_knockout_round_pairs_from_the_format_the_faster_on_red() -> None:
    events = decide(given(*qualified()), c.DrawRound("F"))
    assert events == [ev.RoundDrawn("F", (ev.HeatDrawn(1, ("R1", "R2"), ("red", "green")),))]


def test_drawing_a_knockout_round_with_pairs_given_is_refused() -> None:
    refuses(
        given(*qualified()),
        c.DrawRound("F", (("R2", "R1"),)),
        "Final for gold is drawn from the format; pairs cannot be given",
    )


def test_drawing_a_knockout_round_before_its_sources_are_decided_is_refused() -> None:
    refuses(
        given(*ENTERED),
        c.DrawRound("F"),
        re.escape(
            "Final for gold heat 1 (Q#1 v Q#2) cannot be drawn yet: "
            "the rounds it depends on are not decided"
        ),
    )


# --- StartHeat --------------------------------------------------------------------------------


def test_starting_a_drawn_heat_records_it_with_its_start_impulse() -> None:
    events = decide(given(*DRAWN), c.StartHeat("Q", 2, start_impulse=START_IMPULSE))
    assert events == [ev.HeatStarted("Q", 2, START_IMPULSE)]


def test_starting_a_heat_without_a_timer_records_no_impulse() -> None:
    assert decide(given(*DRAWN), c.StartHeat("Q", 1)) == [ev.HeatStarted("Q", 1, None)]


def test_starting_a_heat_of_an_unknown_round_is_refused() -> None:
    refuses(given(*DRAWN), c.StartHeat("QF", 1), "unknown round 'QF'")


def test_starting_a_heat_that_is_not_drawn_is_refused() -> None:
    refuses(given(*DRAWN), c.StartHeat("Q", 3), "Qualifying heat 3 is not drawn")


def test_starting_a_heat_of_an_undrawn_round_is_refused() -> None:
    refuses(given(*ENTERED), c.StartHeat("Q", 1), "Qualifying heat 1 is not drawn")


def test_starting_a_heat_twice_is_refused() -> None:
    refuses(given(*STARTED), c.StartHeat("Q", 1), "Q heat 1 has already started")


def test_starting_a_heat_while_another_is_still_running_is_refused() -> None:
    refuses(given(*STARTED), c.StartHeat("Q", 2), "Q heat 1 is still running; finish it first")


def test_starting_the_next_heat_once_the_previous_is_over_is_accepted() -> None:
    state = given(
        *STARTED,
        c.RecordFinish("Q", 1, ANNA, t("4:20.000")),
        c.RecordFinish("Q", 1, BERT, t("4:25.000")),
    )
    assert decide(state, c.StartHeat("Q", 2)) == [ev.HeatStarted("Q", 2)]


# --- RecordSplit ------------------------------------------------------------------------------


def test_a_typed_split_is_recorded_at_the_next_half_lap() -> None:
    state = given(*STARTED, *with_splits(ANNA, 2))
    events = decide(state, c.RecordSplit("Q", 1, ANNA, t("28.000")))
    assert events == [ev.SplitRecorded("Q", 1, ANNA, 3, t("28.000"), False)]


def test_a_split_may_name_its_half_lap_and_be_marked_synthetic() -> None:
    command = c.RecordSplit("Q", 1, BERT, t("20.500"), half_lap=1, synthetic=True)
    events = decide(given(*STARTED), command)
    assert events == [ev.SplitRecorded("Q", 1, BERT, 1, t("20.500"), True)]


def test_a_split_from_a_timer_impulse_is_the_time_since_the_start_impulse() -> None:
    command = c.RecordSplit("Q", 1, ANNA, impulse=t("15:02:31.1342"))
    events = decide(given(*IMPULSE_STARTED), command)
    assert events == [ev.SplitRecorded("Q", 1, ANNA, 1, RaceTime(201_000, 4))]
    assert events[0].elapsed.digits == 4  # type: ignore[attr-defined]


def test_a_split_impulse_after_midnight_counts_from_a_start_before_it() -> None:
    state = given(*DRAWN, c.StartHeat("Q", 1, start_impulse=t("23:59:50.0000")))
    events = decide(state, c.RecordSplit("Q", 1, ANNA, impulse=t("10.0000")))
    assert events == [ev.SplitRecorded("Q", 1, ANNA, 1, t("20.0000"))]


def test_a_split_for_a_heat_not_drawn_is_refused() -> None:
    refuses(
        given(*STARTED), c.RecordSplit("Q", 5, ANNA, t("20.000")), "Qualifying heat 5 is not drawn"
    )


def test_a_split_for_someone_not_entered_is_refused() -> None:
    refuses(given(*STARTED), c.RecordSplit("Q", 1, "Eva", t("20.000")), "'Eva' is not entered")


def test_a_split_for_a_rider_not_in_the_heat_is_refused() -> None:
    refuses(
        given(*STARTED),
        c.RecordSplit("Q", 1, CARL, t("20.000")),
        re.escape("Carl does not ride in Q heat 1 (Anna v Bert)"),
    )


def test_a_split_before_the_heat_starts_is_refused() -> None:
    refuses(given(*DRAWN), c.RecordSplit("Q", 1, ANNA, t("20.000")), "Q heat 1 is not running")


def test_a_split_after_the_heat_is_over_is_refused() -> None:
    state = given(
        *STARTED,
        c.RecordFinish("Q", 1, ANNA, t("4:20.000")),
        c.RecordFinish("Q", 1, BERT, t("4:25.000")),
    )
    refuses(state, c.RecordSplit("Q", 1, ANNA, t("20.000")), "Q heat 1 is not running")


def test_a_split_for_a_rider_who_has_finished_is_refused() -> None:
    state = given(*STARTED, c.RecordFinish("Q", 1, ANNA, t("4:20.000")))
    refuses(
        state,
        c.RecordSplit("Q", 1, ANNA, t("20.000")),
        re.escape("Anna has already finished (4:20.000); use a correction to change it"),
    )


def test_a_split_with_both_a_time_and_an_impulse_is_refused() -> None:
    command = c.RecordSplit("Q", 1, ANNA, t("20.000"), impulse=t("15:02:31.0342"))
    refuses(given(*IMPULSE_STARTED), command, "Anna split: give either a time or a timer impulse")


def test_a_split_with_neither_a_time_nor_an_impulse_is_refused() -> None:
    refuses(
        given(*STARTED),
        c.RecordSplit("Q", 1, ANNA),
        "Anna split: give either a time or a timer impulse",
    )


def test_a_split_impulse_in_a_heat_started_without_a_start_impulse_is_refused() -> None:
    refuses(
        given(*STARTED),
        c.RecordSplit("Q", 1, ANNA, impulse=t("15:02:31.0342")),
        "Anna split: the heat was started without a start impulse; type the time",
    )


@pytest.mark.parametrize("half_lap", [0, 32, 33])
def test_a_split_at_a_half_lap_outside_the_distance_is_refused(half_lap: int) -> None:
    state = given(*STARTED, *with_splits(ANNA, 31))
    refuses(
        state,
        c.RecordSplit("Q", 1, ANNA, t("4:15.000"), half_lap=half_lap),
        re.escape(
            f"Anna: half lap {half_lap} is not between 1 and 31 "
            "(the finish is recorded as a finish)"
        ),
    )


def test_a_split_that_skips_a_half_lap_is_refused() -> None:
    state = given(*STARTED, *with_splits(ANNA, 2))
    refuses(
        state,
        c.RecordSplit("Q", 1, ANNA, split_at(4), half_lap=4),
        "Anna: half lap 4 recorded before half lap 3",
    )


def test_a_split_at_a_half_lap_already_recorded_is_refused_naming_the_recorded_time() -> None:
    state = given(*STARTED, *with_splits(ANNA, 2))
    refuses(
        state,
        c.RecordSplit("Q", 1, ANNA, t("21.000"), half_lap=2),
        re.escape("Anna: half lap 2 is already recorded (20.000); correct it with a reason"),
    )


def test_a_split_not_after_the_previous_one_is_refused() -> None:
    state = given(*STARTED, *with_splits(ANNA, 2))
    refuses(
        state,
        c.RecordSplit("Q", 1, ANNA, t("19.000")),
        re.escape("Anna: half lap 3 at 19.000 is not after half lap 2 (20.000)"),
    )


def test_a_split_implausibly_fast_is_refused() -> None:
    refuses(
        given(*STARTED),
        c.RecordSplit("Q", 1, ANNA, t("5.000")),
        "Anna: half lap 1 rejected: 125 m at 90 km/h is faster than any pursuit",
    )


def test_a_split_implausibly_slow_is_refused() -> None:
    state = given(*STARTED, *with_splits(ANNA, 1))
    refuses(
        state,
        c.RecordSplit("Q", 1, ANNA, t("43.000")),
        re.escape("Anna: half lap 2 rejected: 125 m at 14.5 km/h is slower than any pursuit"),
    )


# --- RecordFinish -----------------------------------------------------------------------------


def test_a_typed_finish_is_recorded_with_its_record() -> None:
    state = given(*STARTED, *with_splits(ANNA, 31))
    events = decide(state, c.RecordFinish("Q", 1, ANNA, t("4:20.000"), record="WR"))
    assert events == [ev.FinishRecorded("Q", 1, ANNA, t("4:20.000"), "typed", "WR")]


def test_a_finish_from_a_timer_impulse_is_the_time_since_the_start_impulse() -> None:
    command = c.RecordFinish("Q", 1, BERT, impulse=t("15:06:31.0342"))
    events = decide(given(*IMPULSE_STARTED), command)
    assert events == [ev.FinishRecorded("Q", 1, BERT, t("4:20.0000"), "impulse")]


def test_a_finish_with_both_a_time_and_an_impulse_is_refused() -> None:
    command = c.RecordFinish("Q", 1, ANNA, t("4:20.000"), impulse=t("15:06:31.0342"))
    refuses(given(*IMPULSE_STARTED), command, "Anna finish: give either a time or a timer impulse")


def test_a_finish_with_neither_a_time_nor_an_impulse_is_refused() -> None:
    refuses(
        given(*STARTED),
        c.RecordFinish("Q", 1, ANNA),
        "Anna finish: give either a time or a timer impulse",
    )


def test_a_finish_impulse_in_a_heat_started_without_a_start_impulse_is_refused() -> None:
    refuses(
        given(*STARTED),
        c.RecordFinish("Q", 1, ANNA, impulse=t("15:06:31.0342")),
        "Anna finish: the heat was started without a start impulse; type the time",
    )


def test_a_finish_not_after_the_last_split_is_refused() -> None:
    state = given(*STARTED, *with_splits(ANNA, 31))
    refuses(
        state,
        c.RecordFinish("Q", 1, ANNA, t("4:12.000")),
        re.escape("Anna: finish 4:12.000 is not after the last split 4:12.000"),
    )


def test_a_finish_implausibly_fast_is_refused() -> None:
    refuses(
        given(*STARTED),
        c.RecordFinish("Q", 1, ANNA, t("2:30.000")),
        "Anna: finish rejected: 4000 m at 96 km/h is faster than any pursuit",
    )


def test_a_finish_implausibly_slow_is_refused() -> None:
    refuses(
        given(*STARTED),
        c.RecordFinish("Q", 1, ANNA, t("17:00.000")),
        re.escape("Anna: finish rejected: 4000 m at 14.1 km/h is slower than any pursuit"),
    )


def test_a_second_finish_for_a_rider_is_refused() -> None:
    state = given(*STARTED, c.RecordFinish("Q", 1, ANNA, t("4:20.000")))
    refuses(
        state,
        c.RecordFinish("Q", 1, ANNA, t("4:21.000")),
        re.escape("Anna has already finished (4:20.000)"),
    )


def test_a_finish_before_the_heat_starts_is_refused() -> None:
    refuses(given(*DRAWN), c.RecordFinish("Q", 1, ANNA, t("4:20.000")), "Q heat 1 is not running")


FINAL = (*qualified(), c.DrawRound("F"), c.StartHeat("F", 1))


def test_a_catcher_whose_catch_ended_the_race_may_still_get_a_time() -> None:
    state = given(*FINAL, c.RecordCatch("F", 1, "R1", half_lap=14))
    assert state.heat("F", 1).done  # type: ignore[union-attr]
    events = decide(state, c.RecordFinish("F", 1, "R1", t("4:10.000")))
    assert events == [ev.FinishRecorded("F", 1, "R1", t("4:10.000"))]


def test_a_rider_caught_in_a_race_the_catch_ended_gets_no_time() -> None:
    state = given(*FINAL, c.RecordCatch("F", 1, "R1"))
    refuses(state, c.RecordFinish("F", 1, "R2", t("4:30.000")), "F heat 1 is not running")


# --- RecordCatch ------------------------------------------------------------------------------


def test_a_catch_names_the_other_rider_of_the_heat_as_caught() -> None:
    events = decide(given(*STARTED), c.RecordCatch("Q", 1, BERT, half_lap=12))
    assert events == [ev.CatchRecorded("Q", 1, BERT, ANNA, 12)]


def test_a_catch_by_a_rider_alone_in_the_heat_is_refused() -> None:
    state = given(*ENTERED, c.DrawRound("Q", ((ANNA,), (BERT, CARL), (DIRK,))), c.StartHeat("Q", 1))
    refuses(state, c.RecordCatch("Q", 1, ANNA), "Anna rides alone in heat 1: nobody to catch")


def test_catching_a_rider_already_caught_is_refused() -> None:
    state = given(*STARTED, c.RecordCatch("Q", 1, ANNA))  # qualifying: both ride on
    refuses(state, c.RecordCatch("Q", 1, ANNA), "Bert is already recorded as caught")


def test_a_caught_rider_catching_back_is_refused() -> None:
    state = given(*STARTED, c.RecordCatch("Q", 1, ANNA))
    refuses(
        state,
        c.RecordCatch("Q", 1, BERT),
        "Bert was caught; a caught rider cannot catch",
    )


def test_a_catch_in_a_heat_not_running_is_refused() -> None:
    refuses(given(*DRAWN), c.RecordCatch("Q", 1, ANNA), "Q heat 1 is not running")


def test_a_catch_by_a_rider_not_in_the_heat_is_refused() -> None:
    refuses(given(*STARTED), c.RecordCatch("Q", 1, CARL), "Carl does not ride in Q heat 1")


def test_catching_a_rider_who_has_already_finished_is_refused() -> None:
    state = given(*STARTED, c.RecordFinish("Q", 1, BERT, t("4:20.000")))
    refuses(state, c.RecordCatch("Q", 1, ANNA), "Bert")


# --- RecordNonStart ---------------------------------------------------------------------------


def test_a_non_start_is_recorded_with_the_heat() -> None:
    events = decide(given(*DRAWN), c.RecordNonStart("Q", CARL))
    assert events == [ev.OutcomeRecorded("Q", CARL, "dns", 2)]


def test_a_non_start_once_the_heat_has_started_is_refused() -> None:
    refuses(
        given(*STARTED),
        c.RecordNonStart("Q", ANNA),
        "Anna: heat 1 has started; record a DNF",
    )


def test_a_non_start_for_a_rider_who_already_has_a_result_is_refused() -> None:
    state = given(*DRAWN, c.RecordNonStart("Q", CARL))
    refuses(state, c.RecordNonStart("Q", CARL), "Carl already has a result in Q")


def test_a_non_start_for_a_rider_without_a_ride_in_the_round_is_refused() -> None:
    refuses(given(*ENTERED), c.RecordNonStart("Q", ANNA), "Anna has no ride in Q")


def test_a_non_start_for_someone_not_entered_is_refused() -> None:
    refuses(given(*DRAWN), c.RecordNonStart("Q", "Eva"), "'Eva' is not entered")


def test_a_non_start_in_an_unknown_round_is_refused() -> None:
    refuses(given(*DRAWN), c.RecordNonStart("QF", ANNA), "unknown round 'QF'")


# --- RecordNonFinish --------------------------------------------------------------------------


def test_a_non_finish_is_recorded_with_the_heat() -> None:
    events = decide(given(*STARTED), c.RecordNonFinish("Q", BERT))
    assert events == [ev.OutcomeRecorded("Q", BERT, "dnf", 1)]


def test_a_non_finish_before_the_heat_starts_is_refused() -> None:
    refuses(
        given(*DRAWN),
        c.RecordNonFinish("Q", ANNA),
        "Anna: the heat has not started; record a DNS",
    )


def test_a_non_finish_for_an_imported_ride_without_a_heat_is_refused() -> None:
    state = given(*ENTERED, c.ImportRide("Q", ANNA, time=t("4:30.000")))
    refuses(state, c.RecordNonFinish("Q", ANNA), "the heat has not started; record a DNS")


def test_a_non_finish_after_a_finish_is_refused() -> None:
    state = given(*STARTED, c.RecordFinish("Q", 1, ANNA, t("4:20.000")))
    refuses(state, c.RecordNonFinish("Q", ANNA), "Anna already has a result in Q")


# --- Disqualify and Relegate ------------------------------------------------------------------


def test_disqualifying_records_the_reason_trimmed() -> None:
    events = decide(given(*DRAWN), c.Disqualify("Q", ANNA, "  irregular start "))
    assert events == [ev.RiderDisqualified("Q", ANNA, "irregular start")]


@pytest.mark.parametrize("reason", ["", "   "])
def test_disqualifying_without_a_reason_is_refused(reason: str) -> None:
    refuses(
        given(*DRAWN),
        c.Disqualify("Q", ANNA, reason),
        "a reason is required: every correction says why",
    )


def test_disqualifying_twice_is_refused() -> None:
    state = given(*DRAWN, c.Disqualify("Q", ANNA, "irregular start"))
    refuses(state, c.Disqualify("Q", ANNA, "again"), "Anna is already disqualified in Q")


def test_disqualifying_without_a_ride_in_the_round_is_refused() -> None:
    refuses(given(*ENTERED), c.Disqualify("Q", ANNA, "why"), "Anna has no ride in Q")


def test_relegating_records_the_reason() -> None:
    events = decide(given(*DRAWN), c.Relegate("Q", BERT, "left the sprinters' lane"))
    assert events == [ev.RiderRelegated("Q", BERT, "left the sprinters' lane")]


def test_relegating_without_a_reason_is_refused() -> None:
    refuses(given(*DRAWN), c.Relegate("Q", BERT, " "), "a reason is required")


@pytest.mark.parametrize(
    ("sanction", "shown"),
    [(c.Relegate("Q", BERT, "lane"), "rel"), (c.Disqualify("Q", BERT, "start"), "dsq")],
)
def test_relegating_a_rider_already_relegated_or_disqualified_is_refused(
    sanction: c.Command, shown: str
) -> None:
    state = given(*DRAWN, sanction)
    refuses(state, c.Relegate("Q", BERT, "again"), f"Bert is already {shown} in Q")


def test_disqualifying_a_relegated_rider_is_accepted() -> None:
    state = given(*DRAWN, c.Relegate("Q", BERT, "lane"))
    events = decide(state, c.Disqualify("Q", BERT, "second offence"))
    assert events == [ev.RiderDisqualified("Q", BERT, "second offence")]


# --- CorrectRide ------------------------------------------------------------------------------


FINISHED = (*STARTED, c.RecordFinish("Q", 1, ANNA, t("4:20.000")))


def test_correcting_a_time_records_the_new_time_and_the_reason() -> None:
    command = c.CorrectRide("Q", ANNA, " timer misread ", time=t("4:21.000"))
    events = decide(given(*FINISHED), command)
    assert events == [ev.RideCorrected("Q", ANNA, "timer misread", t("4:21.000"), None, False)]


def test_correcting_a_status_and_clearing_the_time_is_accepted() -> None:
    command = c.CorrectRide("Q", ANNA, "did not finish", status="dnf", clear_time=True)
    events = decide(given(*FINISHED), command)
    assert events == [ev.RideCorrected("Q", ANNA, "did not finish", None, "dnf", True)]


def test_correcting_a_time_to_the_same_time_written_more_precisely_is_accepted() -> None:
    state = given(*STARTED, c.RecordFinish("Q", 1, ANNA, t("4:20.5")))
    events = decide(state, c.CorrectRide("Q", ANNA, "as timed", time=t("4:20.500")))
    assert events == [ev.RideCorrected("Q", ANNA, "as timed", t("4:20.500"))]


def test_a_correction_without_a_reason_is_refused() -> None:
    refuses(
        given(*FINISHED),
        c.CorrectRide("Q", ANNA, "", time=t("4:21.000")),
        "a reason is required",
    )


def test_a_correction_to_an_unknown_status_is_refused() -> None:
    refuses(
        given(*FINISHED),
        c.CorrectRide("Q", ANNA, "why", status="lost"),
        re.escape("status 'lost' is not one of "),
    )


def test_a_correction_with_nothing_to_change_is_refused() -> None:
    refuses(
        given(*FINISHED),
        c.CorrectRide("Q", ANNA, "why"),
        "a correction changes the time or the status; give one",
    )


@pytest.mark.parametrize(
    "command",
    [
        c.CorrectRide("Q", ANNA, "why", time=t("4:20.000")),
        c.CorrectRide("Q", ANNA, "why", time=t("4:20.000"), status="finished"),
    ],
)
def test_a_correction_to_the_result_already_recorded_is_refused(command: c.CorrectRide) -> None:
    refuses(given(*FINISHED), command, "Anna: that is already the recorded result")


def test_clearing_a_time_that_is_not_there_is_refused() -> None:
    command = c.CorrectRide("Q", CARL, "why", clear_time=True)
    refuses(given(*DRAWN), command, "Carl: that is already the recorded result")


def test_a_correction_for_a_rider_without_a_ride_is_refused() -> None:
    command = c.CorrectRide("Q", ANNA, "why", time=t("4:21.000"))
    refuses(given(*ENTERED), command, "Anna has no ride in Q")


# --- CorrectSplit -----------------------------------------------------------------------------


SPLIT = (*STARTED, *with_splits(ANNA, 3))  # 12.000, 20.000, 28.000


def test_correcting_a_split_records_the_new_time_and_the_reason() -> None:
    command = c.CorrectSplit("Q", ANNA, 2, t("19.500"), " misread impulse ")
    events = decide(given(*SPLIT), command)
    assert events == [ev.SplitCorrected("Q", ANNA, 2, t("19.500"), "misread impulse")]


def test_correcting_a_split_after_the_heat_is_over_is_accepted() -> None:
    state = given(
        *SPLIT,
        c.RecordFinish("Q", 1, ANNA, t("4:20.000")),
        c.RecordFinish("Q", 1, BERT, t("4:25.000")),
    )
    events = decide(state, c.CorrectSplit("Q", ANNA, 3, t("28.100"), "typo"))
    assert events == [ev.SplitCorrected("Q", ANNA, 3, t("28.100"), "typo")]


def test_correcting_a_split_without_a_reason_is_refused() -> None:
    refuses(given(*SPLIT), c.CorrectSplit("Q", ANNA, 2, t("19.500"), ""), "a reason is required")


def test_correcting_a_split_of_a_rider_without_splits_is_refused() -> None:
    refuses(
        given(*SPLIT),
        c.CorrectSplit("Q", BERT, 1, t("12.500"), "why"),
        re.escape("Bert: no split at half lap 1 to correct (no split recorded)"),
    )


@pytest.mark.parametrize("half_lap", [0, 4])
def test_correcting_a_split_not_recorded_is_refused(half_lap: int) -> None:
    refuses(
        given(*SPLIT),
        c.CorrectSplit("Q", ANNA, half_lap, t("40.000"), "why"),
        re.escape(f"Anna: no split at half lap {half_lap} to correct (half laps 1 to 3 recorded)"),
    )


def test_correcting_a_split_to_its_own_value_is_refused() -> None:
    refuses(
        given(*SPLIT),
        c.CorrectSplit("Q", ANNA, 2, t("20.000"), "why"),
        re.escape("Anna: half lap 2 is already 20.000"),
    )


def test_correcting_a_split_to_before_the_previous_one_is_refused() -> None:
    refuses(
        given(*SPLIT),
        c.CorrectSplit("Q", ANNA, 2, t("11.000"), "why"),
        re.escape("Anna: half lap 2 at 11.000 is not after half lap 1 (12.000)"),
    )


def test_correcting_the_first_split_to_zero_is_refused() -> None:
    refuses(
        given(*SPLIT),
        c.CorrectSplit("Q", ANNA, 1, t("0.000"), "why"),
        re.escape("Anna: half lap 1 at 0.000 is not after the start"),
    )


def test_correcting_a_split_to_after_the_next_one_is_refused() -> None:
    refuses(
        given(*SPLIT),
        c.CorrectSplit("Q", ANNA, 2, t("28.000"), "why"),
        re.escape("Anna: half lap 2 at 28.000 is not before the next crossing (28.000)"),
    )


def test_correcting_the_last_split_to_after_the_finish_is_refused() -> None:
    state = given(*STARTED, *with_splits(ANNA, 31), c.RecordFinish("Q", 1, ANNA, t("4:20.000")))
    refuses(
        state,
        c.CorrectSplit("Q", ANNA, 31, t("4:21.000"), "why"),
        re.escape("Anna: half lap 31 at 4:21.000 is not before the next crossing (4:20.000)"),
    )


def test_correcting_a_split_to_an_implausible_half_lap_is_refused() -> None:
    refuses(
        given(*SPLIT),
        c.CorrectSplit("Q", ANNA, 2, t("27.000"), "why"),
        re.escape("Anna: half lap 2 at 27.000 rejected: 125 m at 450 km/h is faster"),
    )


def test_correcting_a_split_of_someone_not_entered_is_refused() -> None:
    refuses(
        given(*SPLIT), c.CorrectSplit("Q", "Eva", 1, t("12.500"), "why"), "'Eva' is not entered"
    )


# --- RecordDecision ---------------------------------------------------------------------------


def test_a_disqualification_decision_records_its_authority_and_date() -> None:
    command = c.RecordDecision(
        "disqualify", " Commissaires' panel ", " doping ", "Q", ANNA, "2026-10-21"
    )
    events = decide(given(*FINISHED), command)
    assert events == [
        ev.DecisionRecorded("disqualify", "Commissaires' panel", "doping", "Q", ANNA, "2026-10-21")
    ]


def test_a_note_needs_no_round_or_entrant() -> None:
    events = decide(given(create()), c.RecordDecision("note", "UCI", "results confirmed"))
    assert events == [ev.DecisionRecorded("note", "UCI", "results confirmed")]


def test_reinstating_a_sanctioned_rider_is_accepted() -> None:
    state = given(*FINISHED, c.Disqualify("Q", ANNA, "start"))
    events = decide(
        state, c.RecordDecision("reinstate", "Jury of appeal", "appeal upheld", "Q", ANNA)
    )
    assert events == [
        ev.DecisionRecorded("reinstate", "Jury of appeal", "appeal upheld", "Q", ANNA)
    ]


def test_a_decision_with_an_unknown_effect_is_refused() -> None:
    refuses(
        given(*FINISHED),
        c.RecordDecision("fine", "panel", "why", "Q", ANNA),
        "a decision's effect is one of disqualify, reinstate, award, note",
    )


def test_a_decision_without_an_authority_is_refused() -> None:
    refuses(
        given(*FINISHED),
        c.RecordDecision("note", "  ", "why"),
        "a decision names its authority",
    )


@pytest.mark.parametrize("effect", ["disqualify", "reinstate"])
@pytest.mark.parametrize(("round_id", "name"), [(None, ANNA), ("Q", None)])
def test_a_sanction_decision_must_name_the_round_and_the_entrant(
    effect: str, round_id: str | None, name: str | None
) -> None:
    refuses(
        given(*FINISHED),
        c.RecordDecision(effect, "panel", "why", round_id, name),
        f"a decision to {effect} names the round and the entrant",
    )


def test_reinstating_a_rider_without_a_sanction_is_refused() -> None:
    refuses(
        given(*FINISHED),
        c.RecordDecision("reinstate", "panel", "why", "Q", ANNA),
        "Anna has no sanction in Q to lift",
    )


def test_a_decision_without_a_reason_is_refused() -> None:
    refuses(
        given(*FINISHED),
        c.RecordDecision("disqualify", "panel", "", "Q", ANNA),
        "a reason is required",
    )


def test_a_sanction_decision_for_a_rider_without_a_ride_is_refused() -> None:
    refuses(
        given(*ENTERED),
        c.RecordDecision("disqualify", "panel", "why", "Q", ANNA),
        "Anna has no ride in Q",
    )


def test_a_note_naming_someone_not_entered_is_refused() -> None:
    refuses(
        given(*FINISHED),
        c.RecordDecision("note", "panel", "warned", "Q", "Ghost"),
        "'Ghost' is not entered",
    )


def test_an_award_records_the_place_and_the_reference() -> None:
    command = c.RecordDecision(
        "award", "FIAC", "silver awarded", None, ANNA, "1968-11-30", 2, " communiqué 12 "
    )
    events = decide(given(*FINISHED), command)
    assert events == [
        ev.DecisionRecorded(
            "award", "FIAC", "silver awarded", None, ANNA, "1968-11-30", 2, "communiqué 12"
        )
    ]


@pytest.mark.parametrize(
    ("name", "place", "words"),
    [
        (None, 2, "a decision to award names the entrant and the place"),
        (ANNA, None, "a decision to award names the entrant and the place"),
        (ANNA, 0, "Anna: place 0 is not one of 1–"),
        (ANNA, 99, "Anna: place 99 is not one of 1–"),
    ],
)
def test_an_award_without_its_entrant_or_a_place_the_competition_has_is_refused(
    name: str | None, place: int | None, words: str
) -> None:
    refuses(
        given(*FINISHED), c.RecordDecision("award", "FIAC", "why", None, name, None, place), words
    )


def test_a_place_on_a_decision_that_does_not_award_is_refused() -> None:
    refuses(
        given(*FINISHED),
        c.RecordDecision("disqualify", "panel", "why", "Q", ANNA, None, 2),
        "a place goes with a decision to award, not to disqualify",
    )


def test_a_decision_dated_other_than_yyyy_mm_dd_is_refused() -> None:
    refuses(
        given(*FINISHED),
        c.RecordDecision("note", "panel", "why", date="21 Oct 1968"),
        "a decision's date is a day written YYYY-MM-DD",
    )


# --- ImportRide -------------------------------------------------------------------------------


def test_importing_a_ride_records_it_whole() -> None:
    command = c.ImportRide(
        "Q",
        ANNA,
        "overtaken",
        t("4:40.41"),
        heat=3,
        side="green",
        splits=(t("20.00"), t("36.00")),
        record="OR",
        published_rank="9",
        basis="published",
        lineup=("A1", "A2"),
    )
    assert decide(given(*ENTERED), command) == [
        ev.RideRecorded(
            "Q",
            ANNA,
            "overtaken",
            t("4:40.41"),
            3,
            "green",
            (t("20.00"), t("36.00")),
            "OR",
            "9",
            "published",
            ("A1", "A2"),
        )
    ]


def test_importing_a_ride_with_an_unknown_status_is_refused() -> None:
    refuses(
        given(*ENTERED),
        c.ImportRide("Q", ANNA, "lost"),
        re.escape("Anna: status 'lost' is not one of "),
    )


def test_importing_a_ride_of_someone_not_entered_is_refused() -> None:
    refuses(given(*ENTERED), c.ImportRide("Q", "Eva", time=t("4:40.41")), "'Eva' is not entered")


def test_importing_a_ride_in_an_unknown_round_is_refused() -> None:
    refuses(given(*ENTERED), c.ImportRide("QF", ANNA, time=t("4:40.41")), "unknown round 'QF'")


# --- PublishClassification --------------------------------------------------------------------


def test_publishing_a_classification_records_its_places() -> None:
    command = c.PublishClassification((("1", BERT), ("2", ANNA), ("AC", CARL)))
    assert decide(given(*ENTERED), command) == [
        ev.ClassificationPublished(
            (
                ev.PublishedPlace("1", BERT),
                ev.PublishedPlace("2", ANNA),
                ev.PublishedPlace("AC", CARL),
            )
        )
    ]


def test_publishing_a_classification_naming_someone_not_entered_is_refused() -> None:
    refuses(
        given(*ENTERED),
        c.PublishClassification((("1", BERT), ("2", "Eva"))),
        "'Eva' is not entered",
    )


# --- the 1968 format: a four-round knockout ---------------------------------------------------


def test_quarterfinals_of_1968_pair_first_and_eighth_the_faster_on_red() -> None:
    events = decide(given(*qualified(OLYMPIC, riders=8)), c.DrawRound("QF"))
    assert events == [
        ev.RoundDrawn(
            "QF",
            (
                ev.HeatDrawn(1, ("R1", "R8"), ("red", "green")),
                ev.HeatDrawn(2, ("R2", "R7"), ("red", "green")),
                ev.HeatDrawn(3, ("R3", "R6"), ("red", "green")),
                ev.HeatDrawn(4, ("R4", "R5"), ("red", "green")),
            ),
        )
    ]


def test_semifinals_of_1968_cannot_be_drawn_before_the_quarterfinals_are_ridden() -> None:
    state = given(*qualified(OLYMPIC, riders=8), c.DrawRound("QF"))
    refuses(state, c.DrawRound("SF"), "Semifinals heat 1 .* cannot be drawn yet")
