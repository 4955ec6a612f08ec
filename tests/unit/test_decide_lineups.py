"""Team pursuit commands: line-ups declared per round, the default line-up a start takes, a
rider dropped; each refusal names the team, the rider or the field and changes nothing."""

from __future__ import annotations

import re

import pytest
from deciding import given, refuses

from pursuit.app.creation import create_command
from pursuit.core import commands as c
from pursuit.core import events as ev
from pursuit.core.decide import decide
from pursuit.core.live_state import CompetitionState
from pursuit.core.times import parse_time
from pursuit.loading.format_files import format_definition

UCI_TP = "uci-team-pursuit"


def roster(team: str, size: int = 4) -> tuple[str, ...]:
    return tuple(f"{team} {k}" for k in range(1, size + 1))


def teams(*sizes: int) -> tuple[c.Command, ...]:
    """A UCI team pursuit on a 250 m track: teams A, B, C, D with rosters of `sizes` riders,
    qualifying drawn A v C, B v D."""
    create = create_command(UCI_TP, format_definition(UCI_TP), "Cup", track_length_m=250.0)
    names = [chr(ord("A") + i) for i in range(len(sizes))]
    entries = [
        c.RegisterEntrant(n, seed_time=parse_time(f"4:0{i}.0"), roster=roster(n, size))
        for i, (n, size) in enumerate(zip(names, sizes, strict=True))
    ]
    return (create, *entries, c.DrawRound("Q", (("A", "C"), ("B", "D"))))


def heat_of(state: CompetitionState, team: str) -> int:
    heat = state.heat_of("Q", team)
    assert heat is not None
    return heat.number


def test_a_declared_line_up_becomes_the_ride_s_line_up_and_may_change_until_the_start() -> None:
    state = given(*teams(5, 4, 4, 4))
    first = ("A 1", "A 2", "A 3", "A 5")
    state = given(*teams(5, 4, 4, 4), c.DeclareLineup("Q", "A", first))
    assert state.ride("Q", "A").lineup == first  # type: ignore[union-attr]
    again = given(
        *teams(5, 4, 4, 4), c.DeclareLineup("Q", "A", first), c.DeclareLineup("Q", "A", roster("A"))
    )
    assert again.ride("Q", "A").lineup == roster("A")  # type: ignore[union-attr]
    refuses(
        given(*teams(5, 4, 4, 4), c.DeclareLineup("Q", "A", first)),
        c.DeclareLineup("Q", "A", first),
        "A: that is already the line-up for Qualifying",
    )
    assert state.ride("Q", "C").lineup == ()  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("riders", "message"),
    [
        (("A 1", "A 2", "A 3", "Zed"), "A: Zed not on the team's roster (A 1, A 2, A 3, A 4)"),
        (("A 1", "A 1", "A 2", "A 3"), "A: A 1 named twice in the line-up"),
        (("A 1", "A 2", "A 3"), "A: a line-up of 3; a team starts with 4 riders"),
    ],
)
def test_a_line_up_off_the_roster_twice_or_short_is_refused(
    riders: tuple[str, ...], message: str
) -> None:
    refused = refuses(
        given(*teams(4, 4, 4, 4)), c.DeclareLineup("Q", "A", riders), re.escape(message)
    )
    assert refused.about() == {"entrant": "A", "round": "Q", "heat": 1, "field": "riders"}


def test_a_line_up_for_a_rider_an_undrawn_round_or_a_started_heat_is_refused() -> None:
    state = given(*teams(4, 4, 4, 4))
    refuses(state, c.DeclareLineup("R1", "A", roster("A")), "First round is not drawn yet")
    refuses(state, c.DeclareLineup("Q", "Nobody", roster("A")), "'Nobody' is not entered")
    started = given(*teams(4, 4, 4, 4), c.StartHeat("Q", 1))
    refuses(started, c.DeclareLineup("Q", "A", roster("A")), "has started; the line-up can no")


def test_a_start_gives_a_team_without_a_line_up_the_first_riders_of_its_roster() -> None:
    state = given(*teams(5, 4, 4, 4))
    events = decide(state, c.StartHeat("Q", heat_of(state, "A")))
    assert events[:2] == [
        ev.LineupDeclared("Q", "A", roster("A"), 1, by_default=True),
        ev.LineupDeclared("Q", "C", roster("C"), 1, by_default=True),
    ]
    assert isinstance(events[2], ev.HeatStarted)


def test_a_team_whose_roster_is_short_cannot_start() -> None:
    state = given(*teams(4, 4, 3, 4))
    refuses(state, c.StartHeat("Q", 1), "C cannot start Q heat 1: 3 riders on the roster")


def test_a_dropped_rider_leaves_three_riding_a_second_ends_the_ride() -> None:
    state = given(*teams(4, 4, 4, 4), c.StartHeat("Q", 1))
    one = c.RecordRiderDropped("Q", 1, "C", "C 4", 20)
    assert decide(state, one) == [ev.RiderDropped("Q", 1, "C", "C 4", 20)]
    state = given(*teams(4, 4, 4, 4), c.StartHeat("Q", 1), one)
    refuses(state, one, "C 4 of C has already dropped")
    refuses(
        state,
        c.RecordRiderDropped("Q", 1, "C", "A 1"),
        r"A 1 is not in C's line-up for Qualifying \(C 1, C 2, C 3, C 4\)",
    )
    second = decide(state, c.RecordRiderDropped("Q", 1, "C", "C 3"))
    assert second[1] == ev.OutcomeRecorded("Q", "C", "dnf", 1)


def test_a_rider_cannot_drop_outside_a_running_heat() -> None:
    state = given(*teams(4, 4, 4, 4))
    refuses(state, c.RecordRiderDropped("Q", 1, "A", "A 1"), "Qualifying heat 1 is not running")
    state = given(*teams(4, 4, 4, 4), c.StartHeat("Q", 1))
    refuses(
        state, c.RecordRiderDropped("Q", 1, "A", "A 1", 99), "half lap 99 is not between 1 and 32"
    )


def test_a_start_placed_by_hand_from_a_timer_impulse_gives_the_default_line_ups_too() -> None:
    start = parse_time("15:02:11.0342")
    state = given(
        *teams(4, 4, 4, 4),
        c.TakeImpulse("keyboard", 1, "C0", start, "2026-06-13T15:02:11Z"),
    )
    events = decide(state, c.AssignImpulse("keyboard", 1, "Q", 1, None, 0, "early gate"))
    assert [type(e) for e in events] == [
        ev.LineupDeclared,
        ev.LineupDeclared,
        ev.HeatStarted,
        ev.ImpulseAssigned,
    ]
