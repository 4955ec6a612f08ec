"""One heat as ridden, the one model every output of a heat renders: the web's heat page
(`views.live_heat`), the heat sheet (`views.heat_sheet`) and, through the sheet, the charts.

The facts are values, never text: each rider's side, nation, outcome, time and splits; the
crossings (the splits, ended by the finish) and the lap times; at every half lap both crossings,
the gap and who leads; the catch the splits prove; whether the splits were made up by a replay.
Each output formats them its own way, in one place.

Rider A is the first rider: the red side (the home straight) before the green one; without
sides, the order the format expects, else the order given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pursuit.core.competition import Metadata, Ride
from pursuit.core.entrants import Entrant
from pursuit.core.outcomes import Status
from pursuit.core.race import catch_bound
from pursuit.core.splits import Mark
from pursuit.core.times import RaceTime


@dataclass(frozen=True, slots=True)
class HeatRider:
    """A rider of a heat: side, status, time and record."""

    name: str
    short: str  # the family name (a team's name), for legends and narrow columns
    nation: str
    side: str  # red | green | ""
    status: Status
    time: RaceTime | None
    record: str  # OR / WR as recorded, or ""
    splits: tuple[RaceTime, ...]  # as recorded (while riding: those so far)
    crossings: tuple[RaceTime | None, ...]  # elapsed at half laps 1, 2, … (finish included);
    # None where the split is not known (splits given only at some distances)
    laps: tuple[tuple[int, RaceTime], ...]  # (half lap the lap ends at, the lap's time)
    synthetic: bool  # the splits were made up by a replay, not measured
    missing: frozenset[int] = frozenset()  # half laps the timer missed: estimated, not shown
    marks: tuple[Mark, ...] = ()  # times at distances that are no crossing: shown, not compared
    lineup: tuple[str, ...] = ()  # team pursuit: the riders of the ride
    dropped: tuple[str, ...] = ()  # team pursuit: riders of the line-up who dropped
    remarks: tuple[str, ...] = ()  # what incidents made of the ride: "2nd start", "re-ride", …
    record_note: str = ""  # a recognised record in words: to be ratified, the time it beat

    @property
    def status_text(self) -> str:
        """The outcome in words with the incidents: "Considered beaten, fall at half lap 11"."""
        if not self.remarks:
            return self.status.label
        return ", ".join(p for p in (self.status.label, *self.remarks) if p)


@dataclass(frozen=True, slots=True)
class HalfLap:
    """A half lap of a heat: each rider's crossing and lap there, and the gap."""

    number: int
    distance_m: int
    crossings: tuple[RaceTime | None, ...]  # one per rider, None where not (yet) crossed
    laps: tuple[RaceTime | None, ...]  # the lap ending here, one per rider
    behind: int | None  # ticks by which A trails B (negative: A ahead); None unless both crossed
    finish: bool  # the finish line, not a half-lap split
    mark: bool = False  # a split at a distance that is no crossing (`number`: the half lap before)

    @property
    def gap(self) -> RaceTime | None:
        """The gap's size."""
        return None if self.behind is None else RaceTime(abs(self.behind), 4)

    @property
    def leader(self) -> int | None:
        """The index of the rider ahead; None when level or unknown."""
        if not self.behind:
            return None
        return 1 if self.behind > 0 else 0


@dataclass(frozen=True, slots=True)
class Catch:
    """A rider caught by the other, and the first half lap the splits prove it at."""

    catcher: str
    caught: str
    half_lap: int | None  # the first half lap at which the splits prove it


@dataclass(frozen=True, slots=True)
class Heat:
    """A heat half lap by half lap, as the heat's sheet and charts show it."""

    round_id: str
    number: int
    distance_m: int
    half_laps: int  # 0 when the track length is not known: no half lap can be shown
    half_lap_m: float  # 0 when the track length is not known
    precision: int  # decimals times are shown to
    riders: tuple[HeatRider, ...]  # one or two
    rows: tuple[HalfLap, ...]  # half laps 1 to the furthest any rider has crossed
    catch: Catch | None
    synthetic: bool

    @property
    def has_splits(self) -> bool:
        return any(len(r.crossings) > 1 or r.marks for r in self.riders)


def heat_of(
    meta: Metadata,
    entrants: Mapping[str, Entrant],
    round_id: str,
    number: int,
    rides: Sequence[Ride],
    expected: Sequence[str] = (),
) -> Heat:
    """The heat `number` of `round_id` ridden as `rides` (its riders in any order; `expected`:
    who the format puts there, in its order)."""
    half_laps = meta.half_laps or 0
    half_lap_m = meta.track_length_m / 2 if meta.track_length_m is not None else 0.0
    riders = tuple(_rider(r, entrants.get(r.entrant), half_laps) for r in _ordered(rides, expected))
    return Heat(
        round_id, number, meta.distance_m, half_laps, half_lap_m, meta.precision,
        riders, _rows(riders, half_laps, meta.distance_m), _catch(riders),
        any(r.synthetic for r in riders),
    )  # fmt: skip


def _ordered(rides: Sequence[Ride], expected: Sequence[str]) -> list[Ride]:
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


def crossings_of(ride: Ride, half_laps: int) -> list[RaceTime | None]:
    """Elapsed times at half laps 1, 2, …, None where not known: the splits, ended by the
    finish time when the splits stop one half lap short of it; with splits only at some
    distances, ended by the finish time, the half laps between left unknown."""
    splits = ride.splits
    out: list[RaceTime | None]
    if splits.dense:
        out = list(splits[:half_laps])
    else:
        out = [None] * min(splits.reached, half_laps)
        for k, t in splits.points():
            if k <= half_laps:
                out[k - 1] = t
    time = ride.outcome.time
    finished = ride.outcome.completed or ride.outcome.status is Status.OVERTAKEN
    if time is not None and finished and len(out) == half_laps - 1 and splits.dense:
        out.append(time)
    elif time is not None and ride.outcome.completed and not splits.dense and splits:
        out += [None] * (half_laps - len(out))
        out[-1] = time  # a finish is a crossing too
    return out


def _rider(ride: Ride, entrant: Entrant | None, half_laps: int) -> HeatRider:
    crossings = crossings_of(ride, half_laps)
    laps: list[tuple[int, RaceTime]] = []
    for k in range(half_laps % 2 or 2, len(crossings) + 1, 2):  # counted back from the finish
        if k in ride.missing or k - 2 in ride.missing:
            continue  # a lap the timer saw only one end of
        start = crossings[k - 3] if k >= 3 else RaceTime(0, 4)
        end = crossings[k - 1]
        if start is None or end is None:
            continue  # a lap with an end not known
        laps.append((k, RaceTime(end.ticks - start.ticks, 4)))
    family = entrant.family_name if entrant is not None else None
    return HeatRider(
        name=ride.entrant,
        short=family or (ride.entrant.split() or [ride.entrant])[-1],
        nation=(entrant.nation or "") if entrant is not None else "",
        side=ride.side.value if ride.side else "",
        status=ride.outcome.status,
        time=ride.outcome.time,
        record=ride.record or "",
        splits=tuple(ride.splits),
        crossings=tuple(crossings),
        laps=tuple(laps),
        synthetic=(ride.basis or "").startswith("synthetic"),
        missing=ride.missing,
        marks=ride.splits.marks,
        lineup=ride.lineup,
        dropped=ride.dropped,
        remarks=ride.remarks,
        record_note=ride.record_mark.note if ride.record_mark is not None else "",
    )


def _rows(riders: tuple[HeatRider, ...], half_laps: int, distance_m: int) -> tuple[HalfLap, ...]:
    """A row at each half lap up to the furthest crossed, leaving out those nobody has a
    split at (splits given only at some distances), and one at each mark's distance."""
    reached = max((len(r.crossings) for r in riders), default=0)
    rows: list[HalfLap] = []
    for k in range(1, reached + 1):
        crossed = tuple(
            r.crossings[k - 1] if len(r.crossings) >= k and k not in r.missing else None
            for r in riders
        )
        missed = any(k in r.missing for r in riders)
        if not missed and all(c is None for c in crossed) and k != half_laps:
            continue  # no split known here: not a row of blanks
        laps = tuple(next((t for end, t in r.laps if end == k), None) for r in riders)
        metres = round(distance_m * k / half_laps)
        rows.append(HalfLap(k, metres, crossed, laps, _behind(crossed), k == half_laps))
    return tuple(sorted((*rows, *_mark_rows(riders, half_laps, distance_m)), key=_distance))


def _distance(row: HalfLap) -> tuple[float, bool]:
    return (row.distance_m, row.mark)


def _behind(crossed: tuple[RaceTime | None, ...]) -> int | None:
    a, b = (*crossed, None)[:2]
    return a.ticks - b.ticks if a is not None and b is not None else None


def _mark_rows(riders: tuple[HeatRider, ...], half_laps: int, distance_m: int) -> list[HalfLap]:
    """A row at each distance a rider has a mark at; the gap where both have one there."""
    out: list[HalfLap] = []
    for metres in sorted({m.distance_m for r in riders for m in r.marks}):
        times = tuple(
            next((m.time for m in r.marks if m.distance_m == metres), None) for r in riders
        )
        before = int(metres * half_laps // distance_m)
        none = tuple(None for _ in riders)
        out.append(HalfLap(before, round(metres), times, none, _behind(times), False, True))
    return out


def _catch(riders: tuple[HeatRider, ...]) -> Catch | None:
    """An overtaken rider was caught by the other one; where, if the splits show it."""
    victim = next((r for r in riders if r.status is Status.OVERTAKEN), None)
    if victim is None or len(riders) != 2:
        return None
    catcher = riders[0] if riders[1] is victim else riders[1]
    return Catch(catcher.name, victim.name, catch_bound(catcher.crossings, victim.crossings))
