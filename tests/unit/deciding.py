"""Driving the core in unit tests: commands decided and folded in turn, a refusal that must
change nothing, and a plausible split at each half lap."""

from __future__ import annotations

import pytest

from pursuit.core import commands as c
from pursuit.core.decide import decide
from pursuit.core.evolve import evolve
from pursuit.core.live_state import CompetitionState
from pursuit.core.times import RaceTime
from pursuit.errors import RuleViolation


def given(*commands: c.Command) -> CompetitionState:
    """The state after deciding and folding each command in turn."""
    state = CompetitionState()
    for command in commands:
        for event in decide(state, command):
            evolve(state, event)
    return state


def refuses(state: CompetitionState, command: c.Command, match: str) -> RuleViolation:
    """`command` is refused with a message matching `match`, and the log has not moved."""
    position = state.position
    with pytest.raises(RuleViolation, match=match) as refused:
        decide(state, command)
    assert state.position == position
    return refused.value


def split_at(half_lap: int) -> RaceTime:
    """A plausible elapsed time at a half lap: 12 s for the first, 8 s for each after."""
    return RaceTime((12 + 8 * (half_lap - 1)) * 10_000, 3)
