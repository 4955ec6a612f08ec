"""Compute one round from its rides: a timed ranking or knockout heats."""

from __future__ import annotations

from collections import Counter
from operator import attrgetter

from pursuit.core.competition import Ride
from pursuit.core.formats import OvertakenRule, RoundSpec
from pursuit.core.heats import decide_heat, walkover
from pursuit.core.outcomes import Status, finished
from pursuit.core.published_places import Row, merge, published_place
from pursuit.core.ranking import rank_by_time
from pursuit.core.resolver import Context
from pursuit.core.results import HeatResult, RankedRide, RoundResult
from pursuit.core.round_checks import check_fill, report_undecided

BY_PUBLISHED_PLACE = "by published place"
_HEAT = attrgetter("heat")
_TIME = attrgetter("outcome.time")
_SPLITS = attrgetter("splits")
_UNRANKED_ORDER = {
    Status.OVERTAKEN: 0,
    Status.FINISHED: 1,
    Status.CAUGHT_OPPONENT: 1,
    Status.DNF: 2,
    Status.BEATEN: 2,
    Status.REL: 3,
    Status.DNS: 4,
    Status.DSQ: 5,
}


def note_for(ride: Ride, extra: str = "") -> str:
    if not ride.readable:
        return "not readable"
    if not extra and not ride.record and not ride.remarks:  # nearly every ride: the status
        return ride.outcome.status.label
    parts = [p for p in (ride.outcome.status.label, extra, ride.record_shown, *ride.remarks) if p]
    return ", ".join(parts)


def _once_per_entrant(ctx: Context, spec: RoundSpec, rides: tuple[Ride, ...]) -> list[Ride]:
    first_rides = ctx.rides_by_round.get(spec.id, {})  # each entrant's first ride
    if len(first_rides) == len(rides):  # nobody rides twice
        return list(first_rides.values())
    seen: dict[str, Ride] = {}
    for ride in rides:
        if ride.entrant in seen:
            first = seen[ride.entrant]
            where = (
                f" (first at line {first.place.line})" if first.place and first.place.line else ""
            )
            ctx.find("two-rides", f"{ride.entrant} rides twice in {spec.name}{where}", ride.place)
            continue
        seen[ride.entrant] = ride
    return list(seen.values())


def _check_heat_sizes(ctx: Context, spec: RoundSpec, rides: list[Ride]) -> None:
    sizes = Counter(map(_HEAT, rides))
    sizes.pop(None, None)
    for number in sorted(n for n, size in sizes.items() if size > spec.competitors_per_heat):
        members = [r for r in rides if r.heat == number]
        names = ", ".join(r.entrant for r in members)
        ctx.find(
            "heat-size",
            f"{spec.name} heat {number} has {len(members)} competitors "
            f"({names}); a heat has at most {spec.competitors_per_heat}",
            members[-1].place,
        )


def timed_round(ctx: Context, spec: RoundSpec, first: bool) -> RoundResult:
    rides = _once_per_entrant(ctx, spec, ctx.competition.rides_of(spec.id))
    _check_heat_sizes(ctx, spec, rides)
    eliminate = spec.overtaken is OvertakenRule.ELIMINATE
    eligible: list[Ride] = []
    others: list[Ride] = []
    by_place: list[Ride] = []
    for ride in rides:
        status, time = ride.outcome.status, ride.outcome.time
        counts = status in (Status.FINISHED, Status.CAUGHT_OPPONENT) or (
            status is Status.OVERTAKEN and not eliminate
        )
        if counts and ride.readable and time is None and published_place(ride.published_rank):
            by_place.append(ride)  # no time, but a published place: ranked there
            continue
        (eligible if counts and time is not None and ride.readable else others).append(ride)

    by_time = rank_by_time(
        eligible,
        _TIME,  # every eligible ride has one
        _SPLITS,
        digits=ctx.digits,
        half_laps=ctx.half_laps,
        tie_break=ctx.tie_break,
        name=lambda r: ctx.sort_name(r.entrant),
    )
    ranked = merge(ctx, spec.name, by_time, by_place) if by_place else _as_rows(by_time)
    never = 10**12
    others.sort(
        key=lambda r: (
            _UNRANKED_ORDER[r.outcome.status],
            r.outcome.time.ticks if r.outcome.time else never,
            ctx.sort_name(r.entrant),
        )
    )
    rows = [
        RankedRide(
            r.ride,
            r.rank,
            r.shared,
            note_for(r.ride, BY_PUBLISHED_PLACE if r.by_published else ""),
            r.ride.heat,
            r.by_published,
        )
        for r in ranked
    ]
    rows += [
        RankedRide(
            r,
            None,
            False,
            note_for(r, "" if r.outcome.time or not r.outcome.completed else "no time"),
            r.heat,
        )
        for r in others
    ]
    count = spec.advance if spec.advance is not None else len(ranked)
    advanced = tuple(r.ride.entrant for r in ranked[:count])
    if 0 < count < len(ranked) and ranked[count].rank <= ranked[count - 1].rank:
        ctx.find(
            "tie-at-line",
            f"{spec.name}: {ranked[count - 1].ride.entrant} and "
            f"{ranked[count].ride.entrant} tie at the qualification line; a commissaires' "
            "decision is needed",
            ranked[count].ride.place,
        )
    eliminated = frozenset(r.entrant for r in others if r.outcome.status is Status.OVERTAKEN)
    complete = ctx.entrants.keys() <= {r.entrant for r in rides} if first else bool(rides)
    if complete:
        check_fill(ctx, spec, len(ranked))
    return RoundResult(spec, tuple(rows), (), advanced, eliminated, complete)


def _as_rows(ranked: list[tuple[int, bool, Ride]]) -> list[Row]:
    return [Row(rank, shared, ride, False) for rank, shared, ride in ranked]


def knockout_round(ctx: Context, spec: RoundSpec) -> RoundResult:
    rides = _once_per_entrant(ctx, spec, ctx.competition.rides_of(spec.id))
    expected = [tuple(ctx.resolve(ref) for ref in heat.refs) for heat in spec.heats]
    field_known = all(name is not None for names in expected for name in names)
    heat_of = {name: i + 1 for i, names in enumerate(expected) for name in names if name}
    placed: dict[int, list[Ride]] = {h.number: [] for h in spec.heats}
    for ride in rides:
        number = heat_of.get(ride.entrant)
        if number is None:
            if field_known:
                ctx.find(
                    "not-qualified",
                    f"{ride.entrant} rides in {spec.name} but the format does not put them there",
                    ride.place,
                )
                continue
            if ride.heat is None or spec.bracket_number(ride.heat) not in placed:
                ctx.find(
                    "heat-unknown",
                    f"{ride.entrant} in {spec.name}: no heat given and the "
                    "pairing is not known yet",
                    ride.place,
                )
                continue
            number = spec.bracket_number(ride.heat)  # a published number is in riding order
        elif ride.heat is not None and ride.heat != spec.riding_number(number):
            pair = " v ".join(n or "?" for n in expected[number - 1])
            ridden = " (in riding order)" if spec.run_order else ""
            ctx.find(
                "pairing",
                f"{ride.entrant} is entered in {spec.name} heat {ride.heat}, but "
                f"the format pairs {' v '.join(str(r) for r in spec.heats[number - 1].refs)} "
                f"in heat {spec.riding_number(number)}{ridden}: {pair}",
                ride.place,
            )
        placed[number].append(ride)
    heats: list[HeatResult] = []
    rows: list[RankedRide] = []
    places = (spec.places[0], spec.places[1]) if spec.places else (1, 2)
    for heat_spec in spec.heats:  # in bracket order, which references (QF.W1) name
        in_heat = placed[heat_spec.number]
        riding = spec.riding_number(heat_spec.number)  # the number the heat carries
        winner, loser, how = decide_heat(ctx, spec, in_heat)
        shown = in_heat
        if winner is None and (walk := walkover(expected[heat_spec.number - 1], in_heat)):
            winner, loser, how = walk[0], walk[1], "outcome"
            shown = [Ride(winner, finished(None), riding, remarks=("opponent out",))]
            shown += in_heat
        if winner is None and in_heat and spec.competitors_per_heat == 2:
            report_undecided(ctx, spec, spec.heat_title(heat_spec.number), in_heat)
        heat = HeatResult(
            spec.id,
            riding,
            spec.heat_title(riding),
            expected[heat_spec.number - 1],
            tuple(in_heat),
            winner,
            loser,
            how,
            places,
            heat_spec.number,
        )
        heats.append(heat)
        order = sorted(shown, key=lambda r: heat.rank_of(r.entrant) or 99)
        rows += [RankedRide(r, heat.rank_of(r.entrant), False, note_for(r), riding) for r in order]
    complete = all(h.decided for h in heats)
    return RoundResult(spec, tuple(rows), tuple(heats), (), frozenset(), complete)
