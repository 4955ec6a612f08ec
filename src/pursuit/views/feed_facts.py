"""What the feeds need beside the results view: each ride's outcome and half-lap splits, each
round's phase and places, and the heats being ridden now. Values only; `export.odf` turns them
into codes and text.

Built from the same computed `Results` the view is built from, so a feed never disagrees with
the pages on a rank or a time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from pursuit.core.live_state import CompetitionState
from pursuit.core.results import Results
from pursuit.core.times import format_time
from pursuit.views.heat import crossings_of


@dataclass(frozen=True, slots=True)
class RideFacts:
    status: str  # the outcome's wire name: finished, caught, overtaken, dns, dnf, dsq, rel, …
    splits: tuple[tuple[int, str], ...] = ()  # (metres ridden, elapsed time as published)


@dataclass(frozen=True, slots=True)
class RoundFacts:
    phase: str  # qualifying | first_round | final (the UCI phase of the round)
    places: tuple[int, ...] = ()  # the places a final's winner and loser get (bronze: 3, 4)


@dataclass(frozen=True, slots=True)
class FeedFacts:
    rides: Mapping[tuple[str, str], RideFacts]  # by (round id, competitor)
    rounds: Mapping[str, RoundFacts]
    running: frozenset[tuple[str, int]] = field(default=frozenset())  # (round id, heat)
    drawn: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # round -> start order


def drawn_of(state: CompetitionState) -> dict[str, tuple[str, ...]]:
    """Who is drawn in each round, heat by heat in heat order: the start lists."""
    return {
        round_id: tuple(n for _, heat in sorted(heats.items()) for n in heat.entrants)
        for round_id, heats in state.heats.items()
    }


def running_of(state: CompetitionState) -> frozenset[tuple[str, int]]:
    """The heat on the track now, as (round id, heat), if any."""
    heat = state.running_heat()
    return frozenset({(heat.round, heat.number)}) if heat is not None else frozenset()


def feed_facts(results: Results, state: CompetitionState | None = None) -> FeedFacts:
    """The facts of `results`; with the live `state` they were computed from, also the heat
    on the track now and the start lists (a file has neither)."""
    meta = results.competition.meta
    # an unknown track length: no half lap, so no split, can be placed
    digits, half_laps, distance = meta.precision, meta.half_laps or 0, meta.distance_m
    rides: dict[tuple[str, str], RideFacts] = {}
    rounds: dict[str, RoundFacts] = {}
    for rnd in results.rounds:
        rounds[rnd.id] = RoundFacts(rnd.spec.phase.value, rnd.spec.places)
        for ranked in rnd.ranking:
            ride = ranked.ride
            crossings = crossings_of(ride, half_laps)
            splits = tuple(
                (round(distance * k / half_laps), format_time(t, digits))
                for k, t in enumerate(crossings, 1)
                if t is not None and k not in ride.missing
            )
            rides[rnd.id, ride.entrant] = RideFacts(ride.outcome.status.value, splits)
    if state is None:
        return FeedFacts(rides, rounds)
    return FeedFacts(rides, rounds, running_of(state), drawn_of(state))
