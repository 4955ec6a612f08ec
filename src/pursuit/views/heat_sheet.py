"""The read model of one heat: both riders, their sides, half-lap splits, lap times, the gap
at every half lap and the outcome, as numbers (for charts) and as text (for sheets and pages).

Rider A is the red-side rider (the home straight), B the green one; without sides, the order the
format or the file gives. Gaps are A minus B: positive when A is behind. Times are shown at the
competition's precision, truncated as the rules say.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from pursuit.core.competition import Ride
from pursuit.core.entrants import Entrant
from pursuit.core.formats import RoundKind
from pursuit.core.outcomes import Outcome, Status
from pursuit.core.race import catch_bound, gaps
from pursuit.core.results import Results
from pursuit.core.times import TICKS_PER_SECOND, RaceTime, format_time

_DECIDED_BY = {
    "time": "on time",
    "last_lap": "level on time, decided by the better last lap",
    "catch": "by catching the opponent",
    "outcome": "on the other rider's outcome",
    "published": "as published",
}


@dataclass(frozen=True, slots=True)
class RiderSheet:
    name: str
    short: str  # the family name (a team's name), for legends and narrow columns
    nation: str
    side: str  # red | green | ""
    rank: str  # place in the heat (knockout) or rank in the round (timed); "–" unranked
    time: str  # "" when none was taken
    status: str  # "" for a finish, else "Caught opponent", "Overtaken", "DNF", …
    record: str  # OR / WR as recorded, or ""
    crossings: tuple[float, ...]  # elapsed seconds at half laps 1, 2, … (the finish included)
    laps: tuple[tuple[int, float], ...]  # (half lap the lap ends at, lap seconds)
    last_lap: str
    synthetic: bool  # the splits were made up by a replay, not measured


@dataclass(frozen=True, slots=True)
class HalfLapRow:
    half_lap: int
    distance_m: int
    elapsed: tuple[str, str]  # A, B; "" where the rider has no split here
    lap: tuple[str, str]  # the lap ending here; "" where no lap ends
    gap_s: float | None  # A minus B in seconds; None unless both have a split
    gap: str  # the gap's size as text ("0.35"), "" when level or unknown
    leader: str  # who is ahead here, "" when level or unknown


@dataclass(frozen=True, slots=True)
class HeatSheet:
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
        return any(len(r.crossings) > 1 for r in self.riders)


def heat_numbers(results: Results, round_id: str) -> tuple[int, ...]:
    """The heats of a round that have riders: in running order for a knockout round."""
    result = results.round(round_id)
    if result.spec.kind is RoundKind.KNOCKOUT:
        order = [h.number for h in result.spec.heats_in_run_order] or [
            h.number for h in result.heats
        ]
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
    meta = comp.meta
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
        rides = _ordered([*heat.rides, *waiting], expected)
        winner, decided_by, title = heat.winner or "", heat.decided_by, heat.title
    else:
        rides = _ordered([r for r in comp.rides_of(round_id) if r.heat == number], [])
    if riding is not None:
        rides = _ordered(list(riding), expected)
    if not rides:
        raise KeyError(f"{round_id} heat {number}")
    digits, half_laps = meta.precision, meta.half_laps
    entrants = {e.name: e for e in comp.entrants}
    ranks = {r.ride.entrant: r.label for r in result.ranking}
    riders = tuple(
        _rider(r, entrants.get(r.entrant), ranks.get(r.entrant, ""), half_laps, digits)
        for r in rides
    )
    rows = _rows(riders, half_laps, meta.distance_m, digits)
    sheet = HeatSheet(
        round_id, spec.name, number, title, knockout, meta.distance_m, half_laps,
        meta.track_length_m / 2, riders, rows, winner, decided_by, "",
        _catch(rides, half_laps), any(r.synthetic for r in riders),
    )  # fmt: skip
    return replace(sheet, outcome=_outcome(sheet, rides))


def _ordered(rides: list[Ride], expected: list[str]) -> list[Ride]:
    """Red before green; without sides, the order the format expects, else as given."""
    rank = {name: i for i, name in enumerate(expected)}
    side_rank = {"red": 0, "green": 1}
    return sorted(
        rides,
        key=lambda r: (
            side_rank.get(r.side.value if r.side else "", 2),
            rank.get(r.entrant, len(rank)),
        ),
    )


def crossings_of(ride: Ride, half_laps: int) -> list[RaceTime]:
    """Elapsed times at half laps 1, 2, …: the splits, ended by the finish time when the
    splits stop one half lap short of it."""
    out = list(ride.splits[:half_laps])
    time = ride.outcome.time
    finished = ride.outcome.completed or ride.outcome.status is Status.OVERTAKEN
    if time is not None and finished and len(out) == half_laps - 1:
        out.append(time)
    return out


def _rider(
    ride: Ride, entrant: Entrant | None, rank: str, half_laps: int, digits: int
) -> RiderSheet:
    crossings = crossings_of(ride, half_laps)
    laps: list[tuple[int, float]] = []
    for k in range(half_laps % 2 or 2, len(crossings) + 1, 2):
        before = crossings[k - 3].ticks if k >= 3 else 0
        laps.append((k, (crossings[k - 1].ticks - before) / TICKS_PER_SECOND))
    last = ""
    if len(crossings) == half_laps and laps and laps[-1][0] == half_laps:
        last = _seconds_text(laps[-1][1], digits)
    time = ride.outcome.time
    family = entrant.family_name if entrant is not None else None
    return RiderSheet(
        name=ride.entrant,
        short=family or (ride.entrant.split() or [ride.entrant])[-1],
        nation=(entrant.nation or "") if entrant is not None else "",
        side=ride.side.value if ride.side else "",
        rank=rank,
        time=format_time(time, digits) if time is not None else "",
        status=ride.outcome.status.label,
        record=ride.record or "",
        crossings=tuple(c.seconds for c in crossings),
        laps=tuple(laps),
        last_lap=last,
        synthetic=(ride.basis or "").startswith("synthetic"),
    )


def _seconds_text(seconds: float, digits: int) -> str:
    return format_time(RaceTime(round(seconds * TICKS_PER_SECOND), 4), digits)


def _rows(
    riders: tuple[RiderSheet, ...], half_laps: int, distance_m: int, digits: int
) -> tuple[HalfLapRow, ...]:
    reached = max((len(r.crossings) for r in riders), default=0)
    if reached == 0:
        return ()
    pair = (riders[0], riders[1] if len(riders) > 1 else None)
    ticks = [
        [RaceTime(round(s * TICKS_PER_SECOND), 4) for s in r.crossings] if r else [] for r in pair
    ]
    diffs = gaps(ticks[0], ticks[1])
    rows: list[HalfLapRow] = []
    for k in range(1, reached + 1):
        elapsed = tuple(format_time(t[k - 1], digits) if len(t) >= k else "" for t in ticks)
        lap = tuple(
            next((_seconds_text(s, digits) for end, s in r.laps if end == k), "") if r else ""
            for r in pair
        )
        gap_s: float | None = None
        gap = leader = ""
        if k <= len(diffs):
            gap_s = diffs[k - 1] / TICKS_PER_SECOND
            size = format_time(RaceTime(abs(diffs[k - 1]), 4), digits)
            if size.strip("0.:"):
                gap = size
                ahead = pair[1] if diffs[k - 1] > 0 else pair[0]
                leader = ahead.name if ahead else ""
        metres = round(distance_m * k / half_laps)
        pairs = (elapsed[0], elapsed[1]), (lap[0], lap[1])
        rows.append(HalfLapRow(k, metres, *pairs, gap_s, gap, leader))
    return tuple(rows)


def _catch(rides: list[Ride], half_laps: int) -> int | None:
    chaser = next((r for r in rides if r.outcome.status is Status.CAUGHT_OPPONENT), None)
    victim = next((r for r in rides if r.outcome.status is Status.OVERTAKEN), None)
    if chaser is None or victim is None:
        return None
    return catch_bound(crossings_of(chaser, half_laps), crossings_of(victim, half_laps))


def _outcome(sheet: HeatSheet, rides: list[Ride]) -> str:
    by_name = {r.name: r for r in sheet.riders}
    parts: list[str] = []
    if sheet.winner:
        won = by_name[sheet.winner]
        timed = f" in {won.time}" if won.time else ""
        parts.append(f"{won.name} wins{timed}, {_DECIDED_BY.get(sheet.decided_by, '')}".strip(", "))
    elif sheet.knockout:
        over = [r for r in rides if r.outcome.time is not None or not r.outcome.rode]
        if not over:
            parts.append("Not ridden yet")
        else:
            parts.append("Not decided" if len(over) == len(rides) == 2 else "In progress")
    else:
        parts.append(f"Times count for the {sheet.round_name.lower()} ranking")
    chaser = next((r for r in rides if r.outcome.status is Status.CAUGHT_OPPONENT), None)
    victim = next((r for r in rides if r.outcome.status is Status.OVERTAKEN), None)
    if chaser is not None and victim is not None:
        where = ""
        if sheet.caught_at is not None:
            metres = round(sheet.distance_m * sheet.caught_at / sheet.half_laps)
            where = f" at half lap {sheet.caught_at} ({metres} m)"
        parts.append(f"{chaser.entrant} caught {victim.entrant}{where}")
    elif victim is not None:
        parts.append(f"{victim.entrant} was overtaken")
    return "; ".join(parts) + "."
