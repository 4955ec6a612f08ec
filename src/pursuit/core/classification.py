"""The final classification, built in blocks top to bottom as the format says."""

from __future__ import annotations

from pursuit.core.formats import Block, OrderKind, RoundKind, UnrankedBlock, UnrankedOrder
from pursuit.core.outcomes import Status
from pursuit.core.resolver import Context
from pursuit.core.results import ClassifiedPlace

_STATUS_KEYS = {
    Status.DNF: "dnf",
    Status.REL: "rel",
    Status.DNS: "dns",
    Status.DSQ: "dsq",
}


def classify(ctx: Context) -> list[ClassifiedPlace]:
    """Every entrant exactly once: ranked, unranked (AC, DNF, …) or still in competition."""
    disqualified = _disqualified(ctx)
    placed: set[str] = set()
    out: list[ClassifiedPlace] = []
    next_rank = 1
    for block in ctx.competition.format.classification:
        next_rank = _place_block(ctx, block, next_rank, placed, disqualified, out)
    rest = [e.name for e in ctx.competition.entrants if e.name not in placed]
    alive = _still_in_competition(ctx)
    statuses = {name: _unranked_status(ctx, name, disqualified, alive) for name in rest}
    for unranked in ctx.competition.format.unranked:
        members = [n for n in rest if statuses[n] in unranked.statuses]
        out.extend(
            ClassifiedPlace(unranked.label, n) for n in _unranked_order(ctx, unranked, members)
        )
        placed.update(members)
    out.extend(
        ClassifiedPlace("–", n) for n in rest if n not in placed and statuses[n] != "pending"
    )
    out.extend(ClassifiedPlace("", n) for n in rest if statuses[n] == "pending")
    return out


def _place_block(
    ctx: Context,
    block: Block,
    first: int,
    placed: set[str],
    disqualified: set[str],
    out: list[ClassifiedPlace],
) -> int:
    """Place one block from rank `first`; returns the rank after it.

    A place not known yet still takes its number; a disqualified member leaves
    the place vacant (nobody moves up).
    """
    members = [m for m in ctx.members(block.members) if m is None or m not in placed]
    if block.order.kind is OrderKind.LISTED:
        for i, name in enumerate(members):
            if name is not None:
                out.append(_place(first + i, name, False, name in disqualified))
    else:
        known = [m for m in members if m is not None]
        if disqualified:
            vacant = [m for m in known if m in disqualified]
            known = [m for m in known if m not in disqualified]
        else:
            vacant = []
        ranked = ctx.order(known, block.order)
        out.extend(
            ClassifiedPlace(str(first + rank - 1), name, first + rank - 1, shared)
            for rank, shared, name in ranked
        )
        out.extend(_place(first + len(ranked) + i, m, False, True) for i, m in enumerate(vacant))
    placed.update(m for m in members if m is not None and m not in disqualified)
    return first + len(members)


def _place(rank: int, name: str, shared: bool, vacant: bool) -> ClassifiedPlace:
    if vacant:
        return ClassifiedPlace(str(rank), None, rank, False, vacant=True)
    return ClassifiedPlace(str(rank), name, rank, shared)


def _disqualified(ctx: Context) -> set[str]:
    return {
        ride.entrant
        for rides in ctx.competition.rides.values()
        for ride in rides
        if ride.outcome.status is Status.DSQ
    }


def _still_in_competition(ctx: Context) -> set[str]:
    """Entrants the format may still place: due in an undecided heat, or with a ride that
    counts in a timed round not yet complete."""
    alive: set[str] = set()
    for done in ctx.rounds.values():
        if done.spec.kind is RoundKind.TIMED:
            if not done.complete:
                alive.update(row.ride.entrant for row in done.ranking if row.rank is not None)
        else:
            for heat in done.heats:
                if not heat.decided:
                    alive.update(name for name in heat.expected if name is not None)
    return alive


def _unranked_status(ctx: Context, name: str, disqualified: set[str], alive: set[str]) -> str:
    """Why an entrant has no place: dsq, overtaken, dnf, rel, dns; "unranked" (a ride with
    no time); "pending" while still in competition or not yet ridden."""
    if name in disqualified:
        return "dsq"
    if name in alive:
        return "pending"
    last = None
    for spec in ctx.competition.format.rounds:
        ride = ctx.rides_by_round.get(spec.id, {}).get(name)
        if ride is not None:
            last = ride
        done = ctx.rounds.get(spec.id)
        if done is not None and name in done.eliminated:
            return "overtaken"
    if last is None:
        return "pending"
    status = last.outcome.status
    if status is Status.OVERTAKEN and last.outcome.time is None:
        return "overtaken"
    return _STATUS_KEYS.get(status, "unranked")


def _unranked_order(ctx: Context, block: UnrankedBlock, members: list[str]) -> list[str]:
    if block.order is UnrankedOrder.NAME:
        return sorted(members, key=ctx.sort_name)
    never = 10**12

    def best_time(name: str) -> int:
        times = [
            rides[name].outcome.time
            for rides in ctx.rides_by_round.values()
            if name in rides and rides[name].outcome.time is not None
        ]
        return min(t.ticks for t in times if t is not None) if times else never

    return sorted(members, key=lambda n: (best_time(n), ctx.sort_name(n)))
