"""The rules engine: from a competition's rides to every round and the classification."""

from __future__ import annotations

from pursuit.core.classification import classify
from pursuit.core.competition import Competition
from pursuit.core.context import Context
from pursuit.core.formats import RoundKind
from pursuit.core.results import ClassifiedPlace, Results, RoundResult
from pursuit.core.rounds import knockout_round, timed_round


def compute(competition: Competition) -> Results:
    """Compute every round in format order, then the classification. Never raises on
    inconsistent data: contradictions become findings."""
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
    classification = classify(ctx)
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
    for row in done.ranking:
        published = row.ride.published_rank
        if published is not None and _norm(published) != _norm(row.label):
            ctx.find(
                "published-rank",
                f"{done.spec.name}: {row.ride.entrant} is published "
                f"{published} but the times give {row.label}",
                row.ride.place,
            )


def _check_published_classification(ctx: Context, places: list[ClassifiedPlace]) -> None:
    derived = {p.entrant: p.label for p in places if p.entrant is not None}
    for published in ctx.competition.published_classification:
        mine = derived.get(published.entrant)
        if mine is not None and _norm(mine) != _norm(published.rank):
            ctx.find(
                "published-rank",
                f"classification: {published.entrant} is published "
                f"{published.rank} but the rules give {mine or 'no place yet'}",
                published.place,
            )


def _norm(label: str) -> str:
    label = label.strip().lstrip("=")
    return "–" if label in ("-", "—", "–") else label
