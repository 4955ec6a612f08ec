"""Incidents (UCI 3.2.021 ter, 3.2.060, 3.2.074–075, 3.2.099–100): false starts, mishaps,
restarts, re-rides and considered beaten, each consequence as the format and the round's phase
say; and a non-starter in a final."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from deciding import given, refuses, split_at
from hypothesis import given as hypothesis_given
from hypothesis import settings
from hypothesis import strategies as st

from pursuit.app.creation import create_command
from pursuit.core import commands as c
from pursuit.core import events as ev
from pursuit.core.decide import decide
from pursuit.core.engine import compute
from pursuit.core.evolve import evolve
from pursuit.core.format_reader import format_from_mapping
from pursuit.core.incident_rules import Consequence, Phase
from pursuit.core.live_state import CompetitionState
from pursuit.core.outcomes import Status
from pursuit.core.results import Results
from pursuit.core.times import parse_time
from pursuit.errors import FormatDefinitionError
from pursuit.loading.format_files import format_definition
from pursuit.views.classification import classification
from pursuit.views.heat_sheet import build_heat_sheet
from pursuit.views.live_heat import live_heat
from pursuit.views.results import build_view

UCI = "uci-individual-pursuit"
OLYMPIC = "olympic-1968"
ANNA, BERT, CARL, DIRK = "Anna", "Bert", "Carl", "Dirk"


@cache
def _definition(name: str) -> dict[str, Any]:
    return format_definition(name)


def definition(name: str = UCI, **changes: Any) -> dict[str, Any]:
    return {**_definition(name), **changes}


def create(fmt: str = UCI, **changes: Any) -> c.CreateCompetition:
    return create_command(fmt, definition(fmt, **changes), "Incidents")


def then(state: CompetitionState, *commands: c.Command) -> list[ev.Event]:
    """Decide and fold `commands` on `state`; the events of the last one."""
    events: list[ev.Event] = []
    for command in commands:
        events = decide(state, command)
        for event in events:
            evolve(state, event)
    return events


def splits(round_id: str, heat: int, name: str, count: int) -> tuple[c.Command, ...]:
    return tuple(c.RecordSplit(round_id, heat, name, split_at(k)) for k in range(1, count + 1))


def results(state: CompetitionState) -> Results:
    return compute(state.competition())


def note_of(state: CompetitionState, round_id: str, name: str) -> str:
    return next(r.note for r in results(state).round(round_id).ranking if r.ride.entrant == name)


def place_of(state: CompetitionState, name: str) -> str:
    return next(p.label for p in results(state).classification if p.entrant == name)


QUALIFYING = (
    create(),
    *(c.RegisterEntrant(n) for n in (ANNA, BERT, CARL, DIRK)),
    c.DrawRound("Q", ((ANNA, BERT), (CARL, DIRK))),
    c.StartHeat("Q", 1),
)


def qualified(fmt: str = UCI, riders: int = 4, **changes: Any) -> tuple[c.Command, ...]:
    """Qualifying imported: rider Rn rode 4:30 + n seconds."""
    names = [f"R{n}" for n in range(1, riders + 1)]
    rides = (c.ImportRide("Q", n, time=parse_time(f"4:{30 + i}.000")) for i, n in enumerate(names))
    return (create(fmt, **changes), *(c.RegisterEntrant(n) for n in names), *rides)


# A team pursuit: the UCI preset ridden by teams, with the team defaults of [incidents]
TEAM: dict[str, Any] = {"event": "team", "incidents": {}}
IN_THE_FINAL = (*qualified(), c.DrawRound("F"), c.StartHeat("F", 1))


# --- the format -------------------------------------------------------------------------------


def test_the_uci_defaults_are_the_current_rules() -> None:
    fmt = format_from_mapping(definition())
    rules = fmt.incidents
    assert fmt.starts_per_phase == 2 and rules.restart_half_laps == 1
    assert rules.second_false_start.of(Phase.QUALIFYING) is Consequence.ELIMINATED
    assert rules.second_false_start.of(Phase.FIRST_ROUND) is Consequence.RELEGATED
    assert rules.second_false_start.of(Phase.FINAL) is Consequence.BEATEN
    assert rules.late_incident.of(Phase.QUALIFYING) is Consequence.RERIDE
    assert rules.late_incident.of(Phase.FINAL) is Consequence.BEATEN
    assert [r.phase for r in fmt.rounds] == [Phase.QUALIFYING, Phase.FINAL, Phase.FINAL]


def test_a_rounds_phase_is_derived_or_as_written() -> None:
    fmt = format_from_mapping(definition(OLYMPIC))
    assert [r.phase.value for r in fmt.rounds] == [
        "qualifying",
        "first_round",
        "first_round",
        "final",
        "final",
    ]
    rounds = [dict(r) for r in definition(OLYMPIC)["rounds"]]
    rounds[2]["phase"] = "final"
    assert format_from_mapping(definition(OLYMPIC, rounds=rounds)).rounds[2].phase is Phase.FINAL


def test_a_team_format_goes_on_with_three_in_knockout_rounds_by_default() -> None:
    rules = format_from_mapping(definition(**TEAM)).incidents
    assert rules.late_incident.of(Phase.FINAL) is Consequence.IGNORED
    assert rules.short_team.of(Phase.FINAL) is Consequence.BEATEN
    assert rules.short_team.of(Phase.FIRST_ROUND) is Consequence.RELEGATED


def test_incident_settings_are_read_from_the_format() -> None:
    table = {"second_false_start": {"qualifying": "disqualified"}, "restart_half_laps": 2}
    fmt = format_from_mapping(definition(incidents=table, starts_per_phase=3))
    assert fmt.starts_per_phase == 3 and fmt.incidents.restart_half_laps == 2
    assert fmt.incidents.second_false_start.of(Phase.QUALIFYING) is Consequence.DISQUALIFIED
    assert fmt.incidents.second_false_start.of(Phase.FINAL) is Consequence.BEATEN


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"second_false_start": {"qualifying": "beaten"}}, "second_false_start.qualifying"),
        ({"second_false_start": {"final": "reride"}}, "second_false_start.final"),
        ({"late_incident": {"final": "reride"}}, "late_incident.final"),
        ({"late_incident": {"semifinal": "beaten"}}, "a phase is qualifying"),
        ({"late_incident": "reride"}, "incidents.late_incident"),
        ({"restart_half_laps": -1}, "restart_half_laps"),
    ],
)
def test_an_impossible_incident_setting_is_refused_naming_it(
    table: dict[str, Any], message: str
) -> None:
    with pytest.raises(FormatDefinitionError, match=message):
        format_from_mapping(definition(incidents=table))


def test_a_phase_that_does_not_fit_the_rounds_kind_is_refused() -> None:
    rounds = [dict(r) for r in definition()["rounds"]]
    rounds[1]["phase"] = "qualifying"
    with pytest.raises(FormatDefinitionError, match=r"rounds\[1\]\.phase: a timed round is"):
        format_from_mapping(definition(rounds=rounds))


# --- false starts -----------------------------------------------------------------------------


def test_a_false_start_stops_the_heat_and_sets_aside_the_splits() -> None:
    state = given(*QUALIFYING, *splits("Q", 1, BERT, 1))
    events = then(state, c.RecordFalseStart("Q", 1, ANNA))
    assert events == [
        ev.FalseStartRecorded("Q", 1, ANNA, 1),
        ev.HeatStopped("Q", 1, "false start by Anna (1st start)"),
    ]
    heat = state.heat("Q", 1)
    assert heat is not None and not heat.started and heat.stops == 1
    bert = state.ride("Q", BERT)
    assert bert is not None and bert.splits == [] and bert.set_aside[0].splits == (split_at(1),)
    assert state.running_heat() is None


def test_the_restart_is_the_second_start_and_says_so() -> None:
    state = given(*QUALIFYING, c.RecordFalseStart("Q", 1, ANNA), c.StartHeat("Q", 1))
    anna, bert = state.ride("Q", ANNA), state.ride("Q", BERT)
    assert anna is not None and bert is not None and (anna.starts, bert.starts) == (2, 2)
    then(state, c.RecordFinish("Q", 1, ANNA, parse_time("4:35.000")))
    assert note_of(state, "Q", ANNA) == "false start, 2nd start"


def test_a_second_false_start_in_qualifying_eliminates() -> None:
    state = given(*QUALIFYING, c.RecordFalseStart("Q", 1, ANNA), c.StartHeat("Q", 1))
    events = then(state, c.RecordFalseStart("Q", 1, ANNA))
    assert events[0] == ev.FalseStartRecorded("Q", 1, ANNA, 2)
    assert events[2] == ev.OutcomeRecorded("Q", ANNA, "dnf", 1)
    refuses(state, c.RecordFalseStart("Q", 1, ANNA), "heat 1 is not running")
    then(state, c.StartHeat("Q", 1))  # Bert starts again alone
    refuses(state, c.RecordFalseStart("Q", 1, ANNA), "Anna is no longer riding in heat 1 .DNF.")
    refuses(state, c.RecordSplit("Q", 1, ANNA, split_at(1)), "Anna has already finished")
    bert = state.ride("Q", BERT)
    assert bert is not None and bert.starts == 3  # the innocent one starts again
    assert place_of(state, ANNA) == "DNF"


def test_the_starts_are_counted_per_round_not_per_heat() -> None:
    """A re-ride is the next start in the round: a false start in it is the second."""
    state = given(
        *QUALIFYING,
        *splits("Q", 1, ANNA, 5),
        c.RecordIncident("Q", 1, ANNA, "puncture"),
        c.RecordFinish("Q", 1, BERT, parse_time("4:40.000")),
        c.StartHeat("Q", 3),
    )
    events = then(state, c.RecordFalseStart("Q", 3, ANNA))
    assert events[0] == ev.FalseStartRecorded("Q", 3, ANNA, 2)
    assert ev.OutcomeRecorded("Q", ANNA, "dnf", 3) in events


def test_a_third_start_is_refused() -> None:
    state = given(*QUALIFYING, c.RecordFalseStart("Q", 1, ANNA), c.StartHeat("Q", 1))
    then(state, c.RecordFalseStart("Q", 1, ANNA), c.RecordNonStart("Q", BERT))
    refuses(state, c.StartHeat("Q", 1), "Q heat 1: nobody is left to start it again")


def test_a_false_start_after_the_first_half_lap_is_refused() -> None:
    state = given(*QUALIFYING, *splits("Q", 1, ANNA, 1))
    error = refuses(state, c.RecordFalseStart("Q", 1, ANNA), "Anna has passed half lap 1")
    assert error.entrant == ANNA and error.heat == 1


def test_a_false_start_outside_a_running_heat_is_refused() -> None:
    refuses(given(*QUALIFYING), c.RecordFalseStart("Q", 2, CARL), "heat 2 is not running")
    refuses(given(*QUALIFYING), c.RecordFalseStart("Q", 1, CARL), "Carl does not ride")


def test_a_second_false_start_in_a_first_round_relegates() -> None:
    state = given(*qualified(OLYMPIC, 8), c.DrawRound("QF"), c.StartHeat("QF", 1))
    then(state, c.RecordFalseStart("QF", 1, "R1"), c.StartHeat("QF", 1))
    events = then(state, c.RecordFalseStart("QF", 1, "R1"))
    assert isinstance(events[-1], ev.RiderRelegated) and events[-1].entrant == "R1"
    heat = results(state).round("QF").heats[0]
    assert (heat.winner, heat.loser) == ("R8", "R1")


def test_a_second_false_start_in_a_final_loses_it() -> None:
    state = given(*IN_THE_FINAL, c.RecordFalseStart("F", 1, "R1"), c.StartHeat("F", 1))
    events = then(state, c.RecordFalseStart("F", 1, "R1"))
    assert isinstance(events[-1], ev.ConsideredBeaten)
    assert (place_of(state, "R2"), place_of(state, "R1")) == ("1", "2")
    assert note_of(state, "F", "R1") == "Considered beaten, 2 false starts, 2nd start"


def test_the_starts_per_phase_is_a_format_setting() -> None:
    one = (create(starts_per_phase=1), *QUALIFYING[1:])
    events = then(given(*one), c.RecordFalseStart("Q", 1, ANNA))
    assert ev.OutcomeRecorded("Q", ANNA, "dnf", 1) in events


@settings(max_examples=40, deadline=None)
@hypothesis_given(
    limit=st.integers(min_value=1, max_value=4),
    culprits=st.lists(st.sampled_from([ANNA, BERT]), max_size=12),
)
def test_false_starts_never_give_a_competitor_more_starts_than_the_format_allows(
    limit: int, culprits: list[str]
) -> None:
    state = given(create(starts_per_phase=limit), *QUALIFYING[1:])
    for culprit in culprits:
        heat = state.heat("Q", 1)
        assert heat is not None
        if not heat.started:
            if heat.done:
                break
            then(state, c.StartHeat("Q", 1))
        ride = state.ride("Q", culprit)
        assert ride is not None
        if not ride.finished:
            then(state, c.RecordFalseStart("Q", 1, culprit))
    for name in (ANNA, BERT):
        ride = state.ride("Q", name)
        assert ride is not None
        assert ride.false_starts <= limit
        if ride.false_starts == limit:
            assert ride.status is Status.DNF
        other = state.ride("Q", BERT if name == ANNA else ANNA)
        assert other is not None
        assert ride.starts <= limit + other.false_starts  # only the other's can add more


# --- mishaps ----------------------------------------------------------------------------------


def test_a_mishap_in_the_first_half_lap_restarts_the_heat() -> None:
    state = given(*QUALIFYING)
    events = then(state, c.RecordIncident("Q", 1, BERT, "fall"))
    assert events == [
        ev.IncidentRecorded("Q", 1, BERT, "fall", 1, "restart"),
        ev.HeatStopped("Q", 1, "fall of Bert at half lap 1"),
    ]
    then(state, c.StartHeat("Q", 1))
    anna = state.ride("Q", ANNA)
    assert anna is not None and anna.starts == 2


def test_a_second_mishap_in_the_first_half_lap_costs_as_a_second_false_start() -> None:
    state = given(*QUALIFYING, c.RecordIncident("Q", 1, BERT, "fall"), c.StartHeat("Q", 1))
    events = then(state, c.RecordIncident("Q", 1, BERT, "breakage", half_lap=1))
    assert events[0] == ev.IncidentRecorded("Q", 1, BERT, "breakage", 1, "eliminated")
    assert events[-1] == ev.OutcomeRecorded("Q", BERT, "dnf", 1)


def test_a_later_mishap_in_qualifying_gives_a_reride_at_the_end_that_counts() -> None:
    state = given(*QUALIFYING, *splits("Q", 1, ANNA, 8), *splits("Q", 1, BERT, 8))
    events = then(state, c.RecordIncident("Q", 1, ANNA, "puncture"))
    assert events == [
        ev.IncidentRecorded("Q", 1, ANNA, "puncture", 9, "reride"),
        ev.RerideGranted("Q", ANNA, 3, "puncture of Anna at half lap 9"),
    ]
    then(
        state,
        c.RecordFinish("Q", 1, BERT, parse_time("4:40.000")),
        c.StartHeat("Q", 2),
        c.RecordFinish("Q", 2, CARL, parse_time("4:38.000")),
        c.RecordFinish("Q", 2, DIRK, parse_time("4:39.000")),
    )
    heat = state.heat("Q", 1)
    assert heat is not None and heat.done  # the first heat is over without Anna
    refuses(state, c.RecordSplit("Q", 1, ANNA, split_at(9)), "Anna re-rides in Q heat 3")
    then(state, c.StartHeat("Q", 3), c.RecordFinish("Q", 3, ANNA, parse_time("4:37.000")))
    ranking = results(state).round("Q").ranking
    assert [(r.ride.entrant, r.label) for r in ranking][:2] == [(ANNA, "1"), (CARL, "2")]
    anna = ranking[0].ride
    assert anna.heat == 3 and len(anna.splits) == 0  # the set-aside splits are not in results
    assert ranking[0].note == "puncture at half lap 9, re-ride at the end of the qualifying"
    assert results(state).round("Q").complete


def test_a_later_mishap_in_a_final_means_considered_beaten() -> None:
    state = given(*IN_THE_FINAL, *splits("F", 1, "R1", 10), *splits("F", 1, "R2", 9))
    events = then(state, c.RecordIncident("F", 1, "R1", "fall"))
    assert events[-1] == ev.ConsideredBeaten("F", 1, "R1", "fall of R1 at half lap 11")
    heat = results(state).round("F").heats[0]
    assert (heat.winner, heat.loser) == ("R2", "R1")
    then(state, c.RecordFinish("F", 1, "R2", parse_time("4:45.000")))
    assert (place_of(state, "R2"), place_of(state, "R1")) == ("1", "2")


def test_a_mishap_after_the_finish_or_before_a_recorded_split_is_refused() -> None:
    state = given(*QUALIFYING, *splits("Q", 1, ANNA, 3))
    refuses(state, c.RecordIncident("Q", 1, ANNA, "fall", half_lap=2), "half lap 2 is not one")
    then(state, c.RecordFinish("Q", 1, BERT, parse_time("4:40.000")))
    finished = r"Bert is no longer riding in heat 1 .4:40.000."
    refuses(state, c.RecordIncident("Q", 1, BERT, "fall"), finished)


def test_a_mishap_in_the_first_half_lap_of_a_last_start_in_a_final_loses_it() -> None:
    state = given(*IN_THE_FINAL, c.RecordFalseStart("F", 1, "R2"), c.StartHeat("F", 1))
    events = then(state, c.RecordIncident("F", 1, "R2", "breakage"))
    assert events[0] == ev.IncidentRecorded("F", 1, "R2", "breakage", 1, "beaten")
    assert (place_of(state, "R1"), place_of(state, "R2")) == ("1", "2")


def test_an_unrecognised_mishap_is_refused_naming_the_field() -> None:
    error = refuses(given(*QUALIFYING), c.RecordIncident("Q", 1, ANNA, "cramp"), "cramp")
    assert error.field == "kind"


def test_team_options_for_a_rider_are_refused() -> None:
    command = c.RecordIncident("Q", 1, ANNA, "fall", half_lap=5, team_stops=True)
    refuses(given(*QUALIFYING, *splits("Q", 1, ANNA, 4)), command, "a rider, not a team")


# --- team pursuit -----------------------------------------------------------------------------


def _team(name: str) -> c.RegisterEntrant:
    return c.RegisterEntrant(name, roster=tuple(f"{name} {k}" for k in range(1, 5)))


TEAM_QUALIFYING = (
    create(**TEAM),
    *(_team(n) for n in (ANNA, BERT, CARL, DIRK)),
    c.DrawRound("Q", ((ANNA, BERT), (CARL, DIRK))),
    c.StartHeat("Q", 1),
    *splits("Q", 1, ANNA, 4),
)


def test_a_team_in_qualifying_goes_on_with_three_or_stops_to_reride() -> None:
    events = then(given(*TEAM_QUALIFYING), c.RecordIncident("Q", 1, ANNA, "puncture"))
    assert events == [ev.IncidentRecorded("Q", 1, ANNA, "puncture", 5, "ignored")]
    stops = c.RecordIncident("Q", 1, ANNA, "puncture", team_stops=True)
    events = then(given(*TEAM_QUALIFYING), stops)
    assert events[-1] == ev.RerideGranted("Q", ANNA, 3, "puncture of Anna at half lap 5")


def test_a_team_in_a_final_ignores_a_mishap_unless_left_with_fewer_than_three() -> None:
    teams = [f"R{n}" for n in range(1, 5)]
    final = (
        create(**TEAM),
        *(_team(n) for n in teams),
        *(c.ImportRide("Q", n, time=parse_time(f"4:0{i}.000")) for i, n in enumerate(teams)),
        c.DrawRound("F"),
        c.StartHeat("F", 1),
        *splits("F", 1, "R1", 6),
    )
    state = given(*final)
    refuses(
        state,
        c.RecordIncident("F", 1, "R1", "fall", team_stops=True),
        "a team does not stop for a mishap",
    )
    ignored = then(state, c.RecordIncident("F", 1, "R1", "fall"))
    assert ignored == [ev.IncidentRecorded("F", 1, "R1", "fall", 7, "ignored")]
    events = then(state, c.RecordIncident("F", 1, "R1", "fall", short_team=True))
    assert events[-1] == ev.ConsideredBeaten("F", 1, "R1", "fall of R1 at half lap 7")


# --- a non-starter in a final (3.2.060) --------------------------------------------------------


def test_a_non_starter_in_the_gold_final_is_ranked_second() -> None:
    state = given(*qualified(), c.DrawRound("F"), c.RecordNonStart("F", "R1"))
    heat = results(state).round("F").heats[0]
    assert (heat.winner, heat.loser, heat.decided_by) == ("R2", "R1", "outcome")
    assert (place_of(state, "R2"), place_of(state, "R1")) == ("1", "2")
    rows = results(state).round("F").ranking
    assert [(r.ride.entrant, r.label, r.note) for r in rows] == [
        ("R2", "1", "opponent out"),
        ("R1", "2", "DNS"),
    ]


def test_a_non_starter_in_the_bronze_final_is_ranked_fourth() -> None:
    state = given(*qualified(), c.DrawRound("B"), c.RecordNonStart("B", "R4"))
    assert (place_of(state, "R3"), place_of(state, "R4")) == ("3", "4")


def test_a_non_starter_whose_reason_is_refused_leaves_the_place_vacant() -> None:
    state = given(
        *qualified(),
        c.DrawRound("F"),
        c.RecordNonStart("F", "R1"),
        c.Disqualify("F", "R1", "reason not accepted"),
    )
    places = [(p.label, p.entrant, p.vacant) for p in results(state).classification[:2]]
    assert places == [("1", "R2", False), ("2", None, True)]


TEAMS = tuple(f"T{n}" for n in range(1, 9))


def _team_first_round(*out: str, teams: tuple[str, ...] = TEAMS) -> CompetitionState:
    """The UCI team pursuit preset to its first round, 8 `teams` ranked in
    that order in qualifying; `out` did not start their first-round heat; every other team
    rides it, the first fastest."""
    path = "uci-team-pursuit"
    times = {n: parse_time(f"4:0{i}.000") for i, n in enumerate(teams)}
    rides = [c.ImportRide("Q", n, time=times[n]) for n in teams]
    rides += [c.RecordNonStart("R1", n) for n in out]
    rides += [c.ImportRide("R1", n, time=times[n]) for n in teams if n not in out]
    create_team = create_command(path, format_definition(path), "Team pursuit")
    return given(
        create_team,
        *(_team(n) for n in teams),
        rides[0],
        *rides[1:8],
        c.DrawRound("R1"),
        *rides[8:],
    )


def test_a_team_non_starter_in_the_first_round_is_ranked_eighth() -> None:
    state = _team_first_round("T7")
    heat = results(state).round("R1").heats[0]  # 6 v 7
    assert (heat.winner, heat.loser) == ("T6", "T7")
    assert place_of(state, "T7") == "8"


# --- in words ----------------------------------------------------------------------------------


def _reridden() -> CompetitionState:
    return given(
        *QUALIFYING,
        *splits("Q", 1, ANNA, 8),
        c.RecordIncident("Q", 1, ANNA, "puncture"),
        c.RecordFinish("Q", 1, BERT, parse_time("4:40.000")),
        c.StartHeat("Q", 3),
        *splits("Q", 3, ANNA, 2),
    )


def test_the_live_heat_shows_the_ride_set_aside_and_the_reride() -> None:
    state = _reridden()
    view = build_view(results(state))
    first = live_heat("cup", "Q", 1)(state, view)
    anna = next(r for r in first.riders if r.name == ANNA)
    assert anna.status == "ride set aside: re-rides in heat 3" and len(anna.splits) == 8
    again = live_heat("cup", "Q", 3)(state, view)
    assert again.heat_title == "Qualifying, heat 3 (re-ride)"
    assert [(r.name, r.status, len(r.splits)) for r in again.riders] == [
        (ANNA, "puncture at half lap 9, re-ride at the end of the qualifying", 2)
    ]


def test_the_sheets_and_the_classification_say_2nd_start_and_considered_beaten() -> None:
    state = given(*IN_THE_FINAL, c.RecordFalseStart("F", 1, "R1"), c.StartHeat("F", 1))
    then(state, *splits("F", 1, "R1", 10), c.RecordIncident("F", 1, "R1", "fall"))
    sheet = build_heat_sheet(results(state), "F", 1)
    assert [r.status for r in sheet.riders if r.name == "R1"] == [
        "Considered beaten, false start, fall at half lap 11, 2nd start"
    ]
    notes = classification("cup")(state, build_view(results(state))).notes
    assert any(n.startswith("Considered beaten: lost the heat") for n in notes)
    assert any(n.startswith("2nd start: the heat was stopped") for n in notes)


def test_several_team_non_starters_are_ranked_upward_from_eighth_in_qualifying_order() -> None:
    teams = ("Aus", "Den", "Gbr", "Ger", "Ita", "Nzl", "Sui", "Can")  # Can qualified 8th
    state = _team_first_round("Sui", "Can", teams=teams)  # 6v7 and 5v8: Sui and Can out
    assert [(p.label, p.entrant) for p in results(state).classification[:4]] == [
        ("5", "Ita"),
        ("6", "Nzl"),
        ("7", "Sui"),
        ("8", "Can"),
    ]
    assert not [f for f in results(state).findings if f.code == "pool-tie"]
