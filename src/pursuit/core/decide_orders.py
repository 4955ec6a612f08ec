"""Deciding a published order: who was faster in a round, as a source gave it without times."""

from __future__ import annotations

from pursuit.core import commands as c
from pursuit.core import events as ev
from pursuit.core.guards import entrant, round_spec
from pursuit.core.live_state import CompetitionState
from pursuit.errors import RuleViolation


def publish_order(state: CompetitionState, cmd: c.PublishOrder) -> list[ev.Event]:
    spec = round_spec(state, cmd.round)
    names = tuple(entrant(state, name) for name in cmd.names)
    if len(names) < 2:
        raise RuleViolation("an order names at least two competitors, the faster first")
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise RuleViolation(f"{', '.join(twice)} named twice in the order of {spec.name}")
    return [ev.OrderPublished(spec.id, names)]
