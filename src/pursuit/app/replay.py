"""Replay a recorded competition through the live commands, in (accelerated) time.

`replay_script` turns a competition into timed commands: create, register, and for
each round draw, start each heat, half-lap splits of both riders as they would
arrive, catches, finishes. Where a ride has no splits (the 1968 results have none),
plausible ones consistent with its time are made up and marked synthetic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from pursuit.app.importing import setup_commands
from pursuit.core import commands as c
from pursuit.core.competition import Competition, Ride
from pursuit.core.engine import compute
from pursuit.core.formats import CatchEffect, RoundKind, RoundSpec
from pursuit.core.outcomes import Status
from pursuit.core.race import catch_bound
from pursuit.core.results import RoundResult
from pursuit.core.times import RaceTime

GAP_BETWEEN_HEATS_S = 90.0  # track time between one heat's finish and the next start
GAP_BETWEEN_ROUNDS_S = 300.0


@dataclass(frozen=True)
class Step:
    at: float  # seconds of competition time since the replay began
    command: c.Command


def synthetic_splits(time: RaceTime, half_laps: int) -> list[RaceTime]:
    """Elapsed times at half laps 1 … N−1 that end in `time`: a standing start (the first
    half lap half as slow again as the rest) and a slight fade, at the time's precision."""
    weights = [1.5] + [1.0 + 0.04 * k / half_laps for k in range(1, half_laps)]
    total = sum(weights)
    unit = 10 ** (4 - time.digits)
    out: list[RaceTime] = []
    elapsed = 0.0
    for w in weights[:-1]:
        elapsed += time.ticks * w / total
        ticks = int(elapsed) // unit * unit
        out.append(RaceTime(ticks, time.digits))
    return out


def replay_script(
    comp: Competition,
    format_name: str,
    definition: dict[str, object],
    pause_heats: float = GAP_BETWEEN_HEATS_S,
) -> list[Step]:
    meta = comp.meta
    steps = [Step(0.0, command) for command in setup_commands(comp, format_name, definition)]
    clock = 0.0
    results = compute(comp)
    for spec in comp.format.rounds:
        rides = comp.rides_of(spec.id)
        if not rides:
            break
        pairs = None
        if spec.kind is RoundKind.TIMED:
            heats = list(enumerate(_heats(spec, rides), start=1))
            pairs = tuple(tuple(r.entrant for r in heat) for _, heat in heats)
        else:
            heats = _knockout_heats(spec, results.round(spec.id))
        steps.append(Step(clock, c.DrawRound(spec.id, pairs)))
        for number, heat in heats:
            clock += 5.0
            heat_steps, length = _heat_steps(spec, number, heat, meta.counted_half_laps)
            steps += [Step(clock + s.at, s.command) for s in heat_steps]
            clock += length + pause_heats
        clock += GAP_BETWEEN_ROUNDS_S
    return steps


def _knockout_heats(spec: RoundSpec, result: RoundResult) -> list[tuple[int, list[Ride]]]:
    """A knockout round's heats as the format draws them (whether or not the file gives heat
    numbers), by the numbers they carry: the order they are ridden in."""
    heats = sorted(result.heats, key=lambda heat: heat.number)
    return [(heat.number, list(heat.rides)) for heat in heats if heat.rides]


def _heats(spec: RoundSpec, rides: Sequence[Ride]) -> list[list[Ride]]:
    """Heats as ridden: given heat numbers, else (qualifying) a pairing that lets every
    overtaken rider meet someone faster, slow heats first."""
    if all(r.heat is not None for r in rides):
        numbers = sorted({r.heat for r in rides if r.heat is not None})
        return [[r for r in rides if r.heat == n] for n in numbers]

    def ticks(r: Ride) -> int:
        return r.outcome.time.ticks if r.outcome.time else 10**12

    caught = sorted((r for r in rides if r.outcome.status is Status.OVERTAKEN), key=ticks)
    others = sorted((r for r in rides if r.outcome.status is not Status.OVERTAKEN), key=ticks)
    catchers = (
        others[2 : 2 + len(caught)] if len(others) >= 2 + len(caught) else others[: len(caught)]
    )
    rest = [r for r in others if r not in catchers]
    heats = [[a, b] for a, b in zip(catchers, reversed(caught), strict=False)]
    pairs: list[list[Ride]] = []
    if len(rest) >= 4:
        pairs = [[rest[0], rest[2]], [rest[1], rest[3]]]
        rest = rest[4:]
    if len(rest) % 2:
        pairs.append([rest.pop()])
    pairs += [[rest[i], rest[i + 1]] for i in range(0, len(rest), 2)]
    heats += pairs
    return sorted(heats, key=lambda h: -min(ticks(r) for r in h))


def _heat_steps(
    spec: RoundSpec, number: int, heat: list[Ride], half_laps: int
) -> tuple[list[Step], float]:
    """The commands of one heat with their times from its start, and the heat's length."""
    # a team's line-up is declared before its heat starts; the engine's default (the previous
    # round's, then the roster) is not necessarily who rode
    steps = [Step(0.0, c.DeclareLineup(spec.id, r.entrant, r.lineup)) for r in heat if r.lineup]
    steps.append(Step(0.0, c.StartHeat(spec.id, number)))
    timed: list[tuple[float, int, c.Command]] = []
    splits: dict[str, list[RaceTime]] = {}
    for ride in heat:
        status, time = ride.outcome.status, ride.outcome.time
        if status in (Status.DNS,):
            steps.append(Step(0.0, c.RecordNonStart(spec.id, ride.entrant)))
            continue
        if time is None:
            continue
        # splits at some distances only (1, 2, 3 km) are no half laps from the first: a
        # replay makes the half laps up for them too, and says so
        measured = list(ride.splits[: half_laps - 1]) if ride.splits.dense else []
        own = measured or synthetic_splits(time, half_laps)
        splits[ride.entrant] = own
        synthetic = not measured
        for rider in ride.dropped:  # when in the ride is not recorded: half way, for the replay
            dropped = c.RecordRiderDropped(spec.id, number, ride.entrant, rider)
            timed.append((time.seconds / 2, 0, dropped))
        for k, s in enumerate(own, start=1):
            timed.append(
                (
                    s.seconds,
                    1,
                    c.RecordSplit(spec.id, number, ride.entrant, s, None, k, synthetic),
                )
            )
        if status is Status.DNF:
            timed.append((own[-1].seconds + 1, 2, c.RecordNonFinish(spec.id, ride.entrant)))
        else:
            timed.append(
                (
                    time.seconds,
                    3,
                    c.RecordFinish(spec.id, number, ride.entrant, time, None, ride.record),
                )
            )
    timed += _catches(spec, number, heat, splits)
    timed.sort(key=lambda t: (t[0], t[1]))
    timed = _cut_after_catch(spec, timed)
    steps += [Step(at, command) for at, _, command in timed]
    length = max((at for at, _, _ in timed), default=0.0)
    return steps, length


def _catches(
    spec: RoundSpec, number: int, heat: list[Ride], splits: dict[str, list[RaceTime]]
) -> list[tuple[float, int, c.Command]]:
    caught = [r for r in heat if r.outcome.status is Status.OVERTAKEN]
    catchers = [r for r in heat if r.outcome.status is not Status.OVERTAKEN]
    if not caught or not catchers:
        return []
    catcher, victim = catchers[0], caught[0]
    mine, theirs = splits.get(catcher.entrant, []), splits.get(victim.entrant, [])
    k = catch_bound(mine, theirs)
    if k is not None:
        at = mine[k - 1].seconds
    elif mine:
        at = mine[-1].seconds
    elif catcher.outcome.time is not None:
        at = catcher.outcome.time.seconds - 1
    else:
        at = 0.0
    return [(at + 0.001, 2, c.RecordCatch(spec.id, number, catcher.entrant, k))]


def _cut_after_catch(
    spec: RoundSpec, timed: list[tuple[float, int, c.Command]]
) -> list[tuple[float, int, c.Command]]:
    """Where a catch ends the race, nothing of the heat follows it but the catcher's time."""
    if spec.catch is CatchEffect.RIDE_ON:
        return timed
    out: list[tuple[float, int, c.Command]] = []
    caught_at = None
    for item in timed:
        if caught_at is None:
            out.append(item)
            if isinstance(item[2], c.RecordCatch):
                caught_at = item[0]
        elif isinstance(item[2], c.RecordFinish) and spec.catch is CatchEffect.EASE_UP:
            out.append(item)
    return out


def run(
    steps: Sequence[Step],
    execute: Callable[[c.Command], None],
    speed: float,
    sleep: Callable[[float], None],
) -> Iterator[Step]:
    """Execute the steps in order, waiting (at `speed` times real time; 0 = no waiting)."""
    now = 0.0
    for step in steps:
        if speed > 0 and step.at > now:
            sleep((step.at - now) / speed)
            now = step.at
        execute(step.command)
        yield step
