"""Findings for rounds the record cannot finish: too few to go on, heats nothing decides."""

from __future__ import annotations

from pursuit.core.competition import Ride
from pursuit.core.formats import RoundSpec
from pursuit.core.published_orders import check_orders
from pursuit.core.refs import RankRef
from pursuit.core.resolver import Context


def check_fill(ctx: Context, spec: RoundSpec, ranked: int) -> None:
    """A complete timed round ranks fewer than the format sends on, and a later heat pairs
    one it ranked with a place nobody fills: that heat stays open for ever (`cannot-fill`).
    (Places missing on both sides of a heat leave nobody waiting: a small field.)"""
    if spec.advance is None or ranked >= spec.advance:
        return
    waiting: list[str] = []
    for later in ctx.competition.format.rounds:
        for heat in later.heats:
            places = [r.n for r in heat.refs if isinstance(r, RankRef) and r.source == spec.id]
            if any(n <= ranked for n in places) and any(n > ranked for n in places):
                waiting.append(later.heat_title(heat.number))
    if not waiting:
        return
    empty = (
        f"place {spec.advance}"
        if ranked + 1 == spec.advance
        else f"places {ranked + 1}–{spec.advance}"
    )
    ctx.find(
        "cannot-fill",
        f"{spec.name}: {spec.advance} go on, but only {ranked} are ranked; nobody fills "
        f"{empty}, so {', '.join(waiting)} cannot be ridden and stays open",
    )


def report_undecided(ctx: Context, spec: RoundSpec, title: str, rides: list[Ride]) -> None:
    """Say why a heat with its results in stays undecided (`undecided`), naming the heat. A
    heat with one ride known is reported once a later round has rides (run live, the other
    ride may still be on the track)."""
    if len(rides) == 1 and not moved_on(ctx, spec):
        return
    why = _why_undecided(rides)
    if why is not None:
        ctx.find("undecided", f"{title}: undecided, {why}", rides[-1].place if rides else None)


def _why_undecided(rides: list[Ride]) -> str | None:
    if len(rides) == 1:
        only = rides[0]
        return (
            f"only {only.entrant}'s ride is known and nothing says the opponent is out "
            "(give the other ride, or a published rank)"
        )
    if len(rides) != 2:
        return None
    a, b = rides
    if a.outcome.time is not None and b.outcome.time is not None:
        return None  # equal times: reported as a `tie`
    ra, rb = (r.published_rank for r in rides)
    if ra is not None and rb is not None and ra.strip() == rb.strip():
        return f"{a.entrant} and {b.entrant} are both published {ra.strip()}"
    status = a.outcome.status.label or "finished"
    if a.outcome.status is b.outcome.status:
        return (
            f"{a.entrant} and {b.entrant} are both {status.lower()} with no time to tell "
            "them apart and no published rank"
        )
    timed = [r.entrant for r in rides if r.outcome.time is not None]
    if timed:
        return f"only {timed[0]} has a time, and no published rank says who won"
    return f"nothing tells {a.entrant} and {b.entrant} apart"


def moved_on(ctx: Context, spec: RoundSpec) -> bool:
    """Whether a round after `spec` has rides: the record went past it."""
    rounds = ctx.competition.format.rounds
    later = rounds[[r.id for r in rounds].index(spec.id) + 1 :]
    return any(ctx.competition.rides_of(r.id) for r in later)


def check_published_orders(ctx: Context, spec: RoundSpec) -> None:
    """A round's published orders against its rides, its times and each other."""
    chains = ctx.competition.orders.get(spec.id)
    if not chains:
        return
    rides = ctx.rides_by_round.get(spec.id, {})
    for message, ride in check_orders(spec, rides, chains, ctx.digits):
        ctx.find("published-order", message, ride.place if ride is not None else None)
