"""A competition in the database as its decisions stood: on a day, or after the first N.

The log is folded without its decisions, which gives the race as ridden; the decisions in
force are then set on the competition, and the engine applies them (`core.decisions`).
"""

from __future__ import annotations

from dataclasses import replace

from pursuit.app.service import CompetitionService, UnknownCompetition, event_of
from pursuit.core.competition import Competition
from pursuit.core.decisions import Cutoff, Decision, in_force
from pursuit.core.events import DecisionRecorded
from pursuit.core.evolve import evolve
from pursuit.core.live_state import CompetitionState, as_decision


def decided_as_of(
    svc: CompetitionService, competition: str, cutoff: Cutoff, position: int | None = None
) -> Competition:
    """The competition up to log `position` (all of it when None), with only the decisions
    `cutoff` admits."""
    state = CompetitionState()
    decisions: list[Decision] = []
    for stored in svc.store.read(competition, 0, position):
        event = event_of(stored)
        if isinstance(event, DecisionRecorded):
            decisions.append(as_decision(event))
            state.advance()
            continue
        evolve(state, event)
    if not state.created:
        raise UnknownCompetition.named(competition, svc.competitions())
    return replace(state.competition(), decisions=in_force(tuple(decisions), cutoff))
