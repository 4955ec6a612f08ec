"""Who won a knockout heat: a catch, a time, the last lap, or the other's outcome."""

from __future__ import annotations

from pursuit.core.competition import Ride
from pursuit.core.formats import CatchEffect, RoundSpec, TieBreak
from pursuit.core.outcomes import Status
from pursuit.core.race import compare_at, last_lap
from pursuit.core.resolver import Context

# How well an outcome stands against the other rider's when times cannot decide.
_STANDING = {
    Status.CAUGHT_OPPONENT: 5,
    Status.FINISHED: 4,
    Status.OVERTAKEN: 3,
    Status.DNF: 2,
    Status.BEATEN: 1,
    Status.REL: 1,
    Status.DNS: 0,
    Status.DSQ: -1,
}


def decide_heat(
    ctx: Context, spec: RoundSpec, rides: list[Ride]
) -> tuple[str | None, str | None, str]:
    """(winner, loser, how) for a two-competitor heat; (None, None, "") while undecided."""
    if len(rides) == 1 and spec.competitors_per_heat == 1:
        solo = rides[0]
        return (solo.entrant, None, "outcome") if solo.outcome.completed else (None, None, "")
    if len(rides) != 2:
        return None, None, ""
    a, b = rides
    decided = _by_outcomes(ctx, spec, a, b)
    if decided is None:
        decided = _by_published(a, b)
    if decided is None:
        if a.outcome.time and b.outcome.time and a.outcome.completed and b.outcome.completed:
            ctx.find(
                "tie",
                f"{spec.name}: {a.entrant} and {b.entrant} cannot be separated "
                "(same time, no different last lap); a commissaires' decision is needed",
                b.place,
            )
        return None, None, ""
    winner, loser, how = decided
    _check_published(ctx, spec, winner, loser)
    return winner.entrant, loser.entrant, how


def _by_outcomes(ctx: Context, spec: RoundSpec, a: Ride, b: Ride) -> tuple[Ride, Ride, str] | None:
    sa, sb = a.outcome.status, b.outcome.status
    if spec.catch is not CatchEffect.RIDE_ON:
        a_caught_b = sa is Status.CAUGHT_OPPONENT or sb is Status.OVERTAKEN
        b_caught_a = sb is Status.CAUGHT_OPPONENT or sa is Status.OVERTAKEN
        if a_caught_b and not b_caught_a and sb is not Status.DSQ:
            return a, b, "catch"
        if b_caught_a and not a_caught_b and sa is not Status.DSQ:
            return b, a, "catch"
    ta, tb = a.outcome.time, b.outcome.time
    counts_a = a.outcome.completed or (spec.catch is CatchEffect.RIDE_ON and sa is Status.OVERTAKEN)
    counts_b = b.outcome.completed or (spec.catch is CatchEffect.RIDE_ON and sb is Status.OVERTAKEN)
    if counts_a and counts_b and ta is not None and tb is not None:
        cmp = compare_at(ta, tb, ctx.digits)
        if cmp:
            return (a, b, "time") if cmp < 0 else (b, a, "time")
        if TieBreak.LAST_LAP not in ctx.tie_break:
            return None
        la = last_lap(ta, a.splits, ctx.half_laps)
        lb = last_lap(tb, b.splits, ctx.half_laps)
        if la is not None and lb is not None and compare_at(la, lb, ctx.digits):
            return (a, b, "last_lap") if compare_at(la, lb, ctx.digits) < 0 else (b, a, "last_lap")
        return None
    if _STANDING[sa] != _STANDING[sb]:
        return (a, b, "outcome") if _STANDING[sa] > _STANDING[sb] else (b, a, "outcome")
    return None


def _by_published(a: Ride, b: Ride) -> tuple[Ride, Ride, str] | None:
    ra, rb = _as_int(a.published_rank), _as_int(b.published_rank)
    if ra is None or rb is None or ra == rb:
        return None
    return (a, b, "published") if ra < rb else (b, a, "published")


def _as_int(text: str | None) -> int | None:
    return int(text) if text is not None and text.isdigit() else None


def _check_published(ctx: Context, spec: RoundSpec, winner: Ride, loser: Ride) -> None:
    places = spec.places or (1, 2)
    for ride, rank in ((winner, places[0]), (loser, places[1])):
        published = (ride.published_rank or "").strip().lstrip("=")
        if ride.published_rank is not None and published != str(rank):
            ctx.find(
                "published-rank",
                f"{spec.name}: {ride.entrant} is published {ride.published_rank}"
                f" but the times and outcomes give {rank}",
                ride.place,
            )


# A ride over without covering the distance: its opponent wins even without a ride of its own.
_OUT = (Status.DNS, Status.DNF, Status.REL, Status.DSQ, Status.BEATEN)


def walkover(expected: tuple[str | None, ...], rides: list[Ride]) -> tuple[str, str] | None:
    """(winner, loser) of a two-competitor heat in which one is out (did not start, did not
    finish, relegated, disqualified, considered beaten) and the other has no result yet: the
    opponent wins (3.2.060: a non-starter in a final is ranked 2nd or 4th; 3.2.075)."""
    named = [name for name in expected if name is not None]
    if len(rides) != 1 or len(named) != 2:
        return None
    out = rides[0]
    others = [name for name in named if name != out.entrant]
    if out.outcome.status not in _OUT or len(others) != 1:
        return None
    return others[0], out.entrant
