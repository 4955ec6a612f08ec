"""The heat sheet's model: the one heat model (`views.heat`) with the heat's result (rank,
winner, how it was decided, the outcome in one sentence) and its times as the sheet prints
them; the charts draw it too.

Rider A is the red-side rider (the home straight), B the green one; without sides, the order the
format or the file gives. Gaps are A minus B: positive when A is behind. Times are shown at the
competition's precision, truncated as the rules say.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pursuit.core.competition import Ride
from pursuit.core.formats import RoundKind
from pursuit.core.outcomes import Outcome, Status
from pursuit.core.results import Results
from pursuit.core.times import TICKS_PER_SECOND, RaceTime, format_time
from pursuit.views.heat import Heat, HeatRider, heat_of

_DECIDED_BY = {
    "time": "on time",
    "last_lap": "level on time, decided by the better last lap",
    "catch": "by catching the opponent",
    "outcome": "on the other rider's outcome",
    "published": "as published",
}


@dataclass(frozen=True, slots=True)
class RiderSheet:
    """A rider as a heat's sheet prints them."""

    name: str
    short: str  # the family name (a team's name), for legends and narrow columns
    nation: str
    side: str  # red | green | ""
    rank: str  # place in the heat (knockout) or rank in the round (timed); "–" unranked
    time: str  # "" when none was taken
    status: str  # "" for a finish, else "Caught opponent", "Overtaken", "DNF", …
    record: str  # OR / WR as recorded, or ""
    crossings: tuple[float | None, ...]  # elapsed seconds at half laps 1, 2, … (the finish
    # included); None where not known
    laps: tuple[tuple[int, float], ...]  # (half lap the lap ends at, lap seconds)
    last_lap: str
    synthetic: bool  # the splits were made up by a replay, not measured
    record_note: str = ""  # a recognised record: to be ratified, and the time it beat


@dataclass(frozen=True, slots=True)
class HalfLapRow:
    """A line of a heat sheet's table: both riders at one half lap, as text."""

    half_lap: int
    distance_m: int
    elapsed: tuple[str, str]  # A, B; "" where the rider has no split here
    lap: tuple[str, str]  # the lap ending here; "" where no lap ends
    gap_s: float | None  # A minus B in seconds; None unless both have a split
    gap: str  # the gap's size as text ("0.35"), "" when level or unknown
    leader: str  # who is ahead here, "" when level or unknown
    mark: bool = False  # a split at a distance that is no crossing


@dataclass(frozen=True, slots=True)
class HeatSheet:
    """Everything a heat's sheet prints."""

    round_id: str
    round_name: str
    number: int
    title: str
    knockout: bool
    distance_m: int
    half_laps: int
    half_lap_m: float
    riders: tuple[RiderSheet, ...]  # one or two
    rows: tuple[HalfLapRow, ...]
    winner: str
    decided_by: str  # time | last_lap | catch | outcome | published | ""
    outcome: str  # one sentence for the sheet
    caught_at: int | None  # half lap at which the splits show a catch
    synthetic: bool

    @property
    def has_splits(self) -> bool:
        return any(len(r.crossings) > 1 for r in self.riders) or any(r.mark for r in self.rows)


def heat_numbers(results: Results, round_id: str) -> tuple[int, ...]:
    """The heats of a round that have riders: in running order for a knockout round."""
    result = results.round(round_id)
    if result.spec.kind is RoundKind.KNOCKOUT:
        order = sorted(h.number for h in result.heats)  # numbered in riding order
        known = {h.number for h in result.heats if h.rides or any(h.expected)}
        return tuple(n for n in order if n in known)
    rides = results.competition.rides_of(round_id)
    return tuple(sorted({r.heat for r in rides if r.heat is not None}))


def build_heat_sheet(
    results: Results, round_id: str, number: int, riding: Sequence[Ride] | None = None
) -> HeatSheet:
    """The sheet of heat `number` of `round_id`; KeyError if the heat has nobody in it.

    `riding`: the heat's rides as they stand while it is ridden (a rider still on the track
    has splits and no outcome yet, so the results do not hold the ride); they take the place
    of the rides the results hold, and the winner, if decided, still comes from the results."""
    comp = results.competition
    result = results.round(round_id)
    spec = result.spec
    knockout = spec.kind is RoundKind.KNOCKOUT
    winner, decided_by, title = "", "", spec.heat_title(number)
    expected: list[str] = []
    if knockout:
        heat = next((h for h in result.heats if h.number == number), None)
        if heat is None:
            raise KeyError(f"{round_id} heat {number}")
        expected = [n for n in heat.expected if n]
        ridden = {r.entrant for r in heat.rides}
        waiting = [Ride(n, Outcome(Status.FINISHED)) for n in expected if n not in ridden]
        rides = [*heat.rides, *waiting]
        winner, decided_by, title = heat.winner or "", heat.decided_by, heat.title
    else:
        rides = [r for r in comp.rides_of(round_id) if r.heat == number]
    if riding is not None:
        rides = list(riding)
    if not rides:
        raise KeyError(f"{round_id} heat {number}")
    entrants = {e.name: e for e in comp.entrants}
    model = heat_of(comp.meta, entrants, round_id, number, rides, expected)
    ranks = {r.ride.entrant: r.label for r in result.ranking}
    digits, half_laps = model.precision, model.half_laps
    riders = tuple(_rider(r, ranks.get(r.name, ""), half_laps, digits) for r in model.riders)
    return HeatSheet(
        round_id, spec.name, number, title, knockout, model.distance_m, half_laps,
        model.half_lap_m, riders, _rows(model), winner, decided_by,
        _outcome(model, spec.name, knockout, winner, decided_by),
        model.catch.half_lap if model.catch else None, model.synthetic,
    )  # fmt: skip


def _text(time: RaceTime, digits: int) -> str:
    """A crossing, a lap or a gap as the sheet prints it: at the competition's precision."""
    return format_time(RaceTime(time.ticks, 4), digits)


def _rider(rider: HeatRider, rank: str, half_laps: int, digits: int) -> RiderSheet:
    last = ""
    if len(rider.crossings) == half_laps and rider.laps and rider.laps[-1][0] == half_laps:
        last = _text(rider.laps[-1][1], digits)
    return RiderSheet(
        name=rider.name,
        short=rider.short,
        nation=rider.nation,
        side=rider.side,
        rank=rank,
        time=format_time(rider.time, digits) if rider.time is not None else "",
        status=rider.status_text,
        record=rider.record,
        crossings=tuple(c.seconds if c is not None else None for c in rider.crossings),
        laps=tuple((end, lap.seconds) for end, lap in rider.laps),
        last_lap=last,
        synthetic=rider.synthetic,
        record_note=rider.record_note,
    )


def _rows(heat: Heat) -> tuple[HalfLapRow, ...]:
    digits = heat.precision
    rows: list[HalfLapRow] = []
    for row in heat.rows:
        a, b = (*row.crossings, None)[:2], (*row.laps, None)[:2]  # (A, B); B None when solo
        elapsed = tuple(_text(t, digits) if t is not None else "" for t in a)
        lap = tuple(_text(t, digits) if t is not None else "" for t in b)
        gap_s: float | None = None
        gap = leader = ""
        if row.behind is not None:
            gap_s = row.behind / TICKS_PER_SECOND
            size = _text(RaceTime(abs(row.behind), 4), digits)
            if size.strip("0.:"):  # level at the precision shown: no gap, no leader
                gap = size
                leader = heat.riders[1 if row.behind > 0 else 0].name
        pairs = (elapsed[0], elapsed[1]), (lap[0], lap[1])
        rows.append(HalfLapRow(row.number, row.distance_m, *pairs, gap_s, gap, leader, row.mark))
    return tuple(rows)


def _outcome(heat: Heat, round_name: str, knockout: bool, winner: str, decided_by: str) -> str:
    parts: list[str] = []
    if winner:
        won = next(r for r in heat.riders if r.name == winner)
        timed = f" in {format_time(won.time, heat.precision)}" if won.time is not None else ""
        parts.append(f"{won.name} wins{timed}, {_DECIDED_BY.get(decided_by, '')}".strip(", "))
    elif knockout:
        over = [r for r in heat.riders if r.time is not None or r.status in _NOT_RIDDEN]
        if not over:
            parts.append("Not ridden yet")
        else:
            parts.append("Not decided" if len(over) == len(heat.riders) == 2 else "In progress")
    else:
        parts.append(f"Times count for the {round_name.lower()} ranking")
    catch = heat.catch
    victim = next((r for r in heat.riders if r.status is Status.OVERTAKEN), None)
    if catch is not None:
        where = ""
        if catch.half_lap is not None:
            metres = round(heat.distance_m * catch.half_lap / heat.half_laps)
            where = f" at half lap {catch.half_lap} ({metres} m)"
        parts.append(f"{catch.catcher} caught {catch.caught}{where}")
    elif victim is not None:
        parts.append(f"{victim.name} was overtaken")
    return "; ".join(parts) + "."


_NOT_RIDDEN = (Status.DNS, Status.DSQ)  # see `Outcome.rode`
