"""The rules engine: from a competition's rides to every round and the classification."""

from __future__ import annotations

from dataclasses import replace

from pursuit.core.awards import with_awards
from pursuit.core.classification import classify
from pursuit.core.competition import Competition, Ride
from pursuit.core.decisions import awards
from pursuit.core.formats import RoundKind
from pursuit.core.lineups import check_lineups
from pursuit.core.records import with_marks
from pursuit.core.resolver import Context
from pursuit.core.results import ClassifiedPlace, RankedRide, Results, RoundResult
from pursuit.core.round_checks import check_published_orders
from pursuit.core.rounds import knockout_round, timed_round
from pursuit.core.sanctions import sanctioned


def compute(competition: Competition) -> Results:
    """Compute every round in format order, then the classification. Never raises on
    inconsistent data: contradictions become findings.

    A ride the rules count that beat a record standing when the competition began is marked
    (`core.records.with_marks`), and the competition computed again with its marks: only a
    competition with standing records is looked at, and computed twice only once one falls.

    The competition's decisions are applied on top of its rides: sanctions to the rides,
    places awarded to the classification (`core.decisions`)."""
    if competition.decisions:
        competition = replace(
            competition, rides=sanctioned(competition.rides, competition.decisions)
        )
    results = _compute(competition)
    if not competition.meta.standing_records:
        return results
    counted = {r.spec.id: [_in_heat(ranked) for ranked in r.ranking] for r in results.rounds}
    marked = with_marks(competition, counted)
    return results if marked is competition else _compute(marked)


def _in_heat(ranked: RankedRide) -> Ride:
    """The ride with the heat it was ridden in: a knockout ride the file gives no `heat` is
    in the heat the format places it in, so records move heat by heat there too."""
    ride = ranked.ride
    if ride.heat is None and ranked.heat is not None:
        return replace(ride, heat=ranked.heat)
    return ride


def _compute(competition: Competition) -> Results:
    ctx = Context(competition)
    for index, spec in enumerate(competition.format.rounds):
        ctx.rides_by_round[spec.id] = {}
        for ride in competition.rides_of(spec.id):
            ctx.rides_by_round[spec.id].setdefault(ride.entrant, ride)
        if spec.kind is RoundKind.TIMED:
            done = timed_round(ctx, spec, first=index == 0)
        else:
            done = knockout_round(ctx, spec)
        ctx.rounds[spec.id] = done
        _check_published_ranks(ctx, done)
        check_published_orders(ctx, spec)
        check_lineups(ctx, spec)
    classification = with_awards(classify(ctx), awards(competition.decisions))
    _check_published_classification(ctx, classification)
    return Results(
        competition,
        tuple(ctx.rounds[s.id] for s in competition.format.rounds),
        tuple(classification),
        tuple(ctx.findings),
    )


def _check_published_ranks(ctx: Context, done: RoundResult) -> None:
    if done.spec.kind is not RoundKind.TIMED:
        return  # knockout heats are checked as they are decided
    unreadable = [row.ride for row in done.ranking if not row.ride.readable]
    cutoff = _cutoff(ctx, [(r.published_rank, r) for r in unreadable], done.spec.name)
    for row in done.ranking:
        published = row.ride.published_rank
        if published is None or not row.ride.readable or not _before(published, cutoff):
            continue
        if _norm(published) != _norm(row.label):
            ctx.find(
                "published-rank",
                f"{done.spec.name}: {row.ride.entrant} is published "
                f"{published} but the times give {row.label}",
                row.ride.place,
            )


def _check_published_classification(ctx: Context, places: list[ClassifiedPlace]) -> None:
    published_places = ctx.competition.published_classification
    if not published_places:
        return
    published_rank = {p.entrant: p.rank for p in published_places}
    unreadable = [
        (published_rank.get(r.entrant), r)
        for rides in ctx.competition.rides.values()
        for r in rides
        if not r.readable
    ]
    cutoff = _cutoff(ctx, unreadable, "the published classification")
    derived = {p.entrant: p.label for p in places if p.entrant is not None}
    for published in published_places:
        mine = derived.get(published.entrant)
        if mine is None or not _before(published.rank, cutoff):
            continue
        if _norm(mine) != _norm(published.rank):
            ctx.find(
                "published-rank",
                f"classification: {published.entrant} is published "
                f"{published.rank} but the rules give {mine or 'no place yet'}",
                published.place,
            )


def _cutoff(ctx: Context, unreadable: list[tuple[str | None, Ride]], what: str) -> int | None:
    """The first published rank that a ride which could not be read may have displaced.

    Ranks above it are still compared; from it on they are not (one finding says so).
    """
    if not unreadable:
        return None
    ranks = [int(rank) for rank, _ in unreadable if rank is not None and rank.isdigit()]
    cutoff = min(ranks) if len(ranks) == len(unreadable) else 1
    rides = [ride for _, ride in unreadable]
    lines = ", ".join(str(r.place.line) for r in rides if r.place and r.place.line)
    scope = f"from rank {cutoff} on " if cutoff > 1 else ""
    ctx.find(
        "not-compared",
        f"{what}: published ranks {scope}not compared, as {len(rides)} ride(s) could not be "
        f"read (line {lines})",
        rides[0].place,
    )
    return cutoff


def _before(rank: str, cutoff: int | None) -> bool:
    if cutoff is None:
        return True
    rank = rank.strip().lstrip("=")
    return rank.isdigit() and int(rank) < cutoff


def _norm(label: str) -> str:
    label = label.strip().lstrip("=")
    return "–" if label in ("-", "—", "–") else label
