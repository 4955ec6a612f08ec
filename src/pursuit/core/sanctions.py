"""Sanctions decided after the race, applied to the rides they rule on (`core.decisions`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from pursuit.core.competition import Ride
from pursuit.core.decisions import SANCTIONS, Decision
from pursuit.core.outcomes import Outcome, Status


def sanctioned(
    rides: Mapping[str, tuple[Ride, ...]], decisions: tuple[Decision, ...]
) -> dict[str, tuple[Ride, ...]]:
    """The rides with the disqualifications and reinstatements applied, in order.

    Applying them to rides that already carry them (a live log folds each sanction as it
    is recorded) changes nothing: a DSQ stays a DSQ, a reinstated ride stays as ridden.

    The published ranks of a heat with a ride disqualified by a decision tell the race as
    ridden, not as decided: they are set aside (not compared), in that ride and in the other
    rides of its heat (the rides of the round with the same `heat`, or none written)."""
    before: dict[tuple[str, str], Outcome] = {}
    current = {rid: {r.entrant: r for r in rs} for rid, rs in rides.items()}
    for d in decisions:
        if d.effect not in SANCTIONS or d.round is None or d.entrant is None:
            continue
        ride = current.get(d.round, {}).get(d.entrant)
        if ride is None:
            continue
        key = (d.round, d.entrant)
        if d.effect == "disqualify":
            before.setdefault(key, ride.outcome)
            ride = replace(ride, outcome=Outcome(Status.DSQ, ride.outcome.time))
        elif key in before:
            ride = replace(ride, outcome=before.pop(key))
        current[d.round][d.entrant] = ride
    heats = {(rid, current[rid][name].heat) for rid, name in before}
    return {
        rid: tuple(_as_decided(current[rid].get(r.entrant, r), rid, heats) for r in rs)
        for rid, rs in rides.items()
    }


def _as_decided(ride: Ride, round_id: str, heats: set[tuple[str, int | None]]) -> Ride:
    if ride.published_rank is None or (round_id, ride.heat) not in heats:
        return ride
    return replace(ride, published_rank=None)
