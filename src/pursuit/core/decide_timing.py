"""Commands from the track: start, half-lap splits, finish, catch.

Impulses are checked for plausibility: a half lap far too fast or slow, a second
finish for one rider, an impulse for a heat that is not running — each refused
with its reason.
"""

from __future__ import annotations

from pursuit.core import commands as c
from pursuit.core import events as ev
from pursuit.core.guards import entrant, need_reason, round_spec
from pursuit.core.impulses import elapsed, implausible
from pursuit.core.live_state import CompetitionState, HeatState, RideState
from pursuit.core.outcomes import Status
from pursuit.core.race import catch_bound
from pursuit.core.times import RaceTime, format_time
from pursuit.errors import RuleViolation


def start(state: CompetitionState, cmd: c.StartHeat) -> list[ev.Event]:
    heat = _heat(state, cmd.round, cmd.heat)
    if heat.started:
        raise RuleViolation(
            f"{cmd.round} heat {cmd.heat} has already started", round=cmd.round, heat=cmd.heat
        )
    running = state.running_heat()
    if running is not None:
        raise RuleViolation(
            f"{running.round} heat {running.number} is still running; finish it first",
            round=cmd.round,
            heat=cmd.heat,
        )
    return [ev.HeatStarted(cmd.round, cmd.heat, cmd.start_impulse)]


def split(state: CompetitionState, cmd: c.RecordSplit) -> list[ev.Event]:
    heat, ride = _running_ride(state, cmd.round, cmd.heat, cmd.entrant)
    assert state.meta is not None
    time = _elapsed(heat, cmd.elapsed, cmd.impulse, f"{cmd.entrant} split")
    half_lap = cmd.half_lap if cmd.half_lap is not None else len(ride.splits) + 1
    if not 1 <= half_lap <= state.meta.half_laps - 1:
        raise RuleViolation(
            f"{cmd.entrant}: half lap {half_lap} is not between 1 and "
            f"{state.meta.half_laps - 1} (the finish is recorded as a finish)",
            entrant=cmd.entrant,
            round=cmd.round,
            heat=cmd.heat,
            half_lap=half_lap,
            field="half_lap",
        )
    if half_lap > len(ride.splits) + 1:
        raise RuleViolation(
            f"{cmd.entrant}: half lap {half_lap} recorded before half lap {len(ride.splits) + 1}",
            entrant=cmd.entrant,
            round=cmd.round,
            heat=cmd.heat,
            half_lap=half_lap,
            field="half_lap",
        )
    if half_lap <= len(ride.splits):
        raise RuleViolation(
            f"{cmd.entrant}: half lap {half_lap} is already recorded "
            f"({ride.splits[half_lap - 1]}); correct it with a reason",
            entrant=cmd.entrant,
            round=cmd.round,
            heat=cmd.heat,
            half_lap=half_lap,
            field="time",
        )
    previous = ride.splits[half_lap - 2] if half_lap >= 2 else RaceTime(0, 4)
    segment = time.ticks - previous.ticks
    if segment <= 0:
        raise RuleViolation(
            f"{cmd.entrant}: half lap {half_lap} at {format_time(time)} is not "
            f"after half lap {half_lap - 1} ({format_time(previous)})",
            entrant=cmd.entrant,
            round=cmd.round,
            heat=cmd.heat,
            half_lap=half_lap,
            field="time",
        )
    if reason := implausible(state.meta.track_length_m / 2, segment):
        raise RuleViolation(
            f"{cmd.entrant}: half lap {half_lap} rejected: {reason}",
            entrant=cmd.entrant,
            round=cmd.round,
            heat=cmd.heat,
            half_lap=half_lap,
            field="time",
        )
    return [ev.SplitRecorded(cmd.round, cmd.heat, cmd.entrant, half_lap, time, cmd.synthetic)]


def finish(state: CompetitionState, cmd: c.RecordFinish) -> list[ev.Event]:
    heat, ride = _running_ride(state, cmd.round, cmd.heat, cmd.entrant, catcher_time=True)
    assert state.meta is not None
    time = _elapsed(heat, cmd.time, cmd.impulse, f"{cmd.entrant} finish")
    if ride.splits and ride.splits[-1].ticks >= time.ticks:
        raise RuleViolation(
            f"{cmd.entrant}: finish {format_time(time)} is not after the last "
            f"split {ride.splits[-1]}",
            entrant=cmd.entrant,
            round=cmd.round,
            heat=cmd.heat,
            field="time",
        )
    if reason := implausible(state.meta.distance_m, time.ticks):
        raise RuleViolation(
            f"{cmd.entrant}: finish rejected: {reason}",
            entrant=cmd.entrant,
            round=cmd.round,
            heat=cmd.heat,
            field="time",
        )
    return [
        ev.FinishRecorded(
            cmd.round,
            cmd.heat,
            cmd.entrant,
            time,
            "impulse" if cmd.impulse is not None else "typed",
            cmd.record,
        )
    ]


def catch(state: CompetitionState, cmd: c.RecordCatch) -> list[ev.Event]:
    heat, ride = _running_ride(state, cmd.round, cmd.heat, cmd.catcher)
    others = [n for n in heat.entrants if n != cmd.catcher]
    if not others:
        raise RuleViolation(
            f"{cmd.catcher} rides alone in heat {cmd.heat}: nobody to catch",
            entrant=cmd.catcher,
            round=cmd.round,
            heat=cmd.heat,
        )
    caught = others[0]
    other = state.ride(cmd.round, caught)
    if other is not None and other.status is Status.OVERTAKEN:
        raise RuleViolation(
            f"{caught} is already recorded as caught",
            entrant=cmd.catcher,
            round=cmd.round,
            heat=cmd.heat,
        )
    if other is not None and other.finished:
        raise RuleViolation(
            f"{caught} has already finished ({other.time or other.status.value}); "
            "nobody can catch a rider off the track",
            entrant=cmd.catcher,
            round=cmd.round,
            heat=cmd.heat,
        )
    if ride.status is Status.OVERTAKEN:
        raise RuleViolation(
            f"{cmd.catcher} was caught; a caught rider cannot catch",
            entrant=cmd.catcher,
            round=cmd.round,
            heat=cmd.heat,
        )
    round_spec(state, cmd.round)
    return [ev.CatchRecorded(cmd.round, cmd.heat, cmd.catcher, caught, cmd.half_lap)]


def propose_catch(
    state: CompetitionState, round_id: str, number: int
) -> tuple[str, str, int] | None:
    """(catcher, caught, half lap) when the splits prove a catch not yet recorded."""
    heat = state.heat(round_id, number)
    if heat is None or len(heat.entrants) != 2 or heat.done:
        return None
    a, b = (state.ride(round_id, n) for n in heat.entrants)
    if a is None or b is None or Status.OVERTAKEN in (a.status, b.status):
        return None
    if (k := catch_bound(a.splits, b.splits)) is not None:
        return a.entrant, b.entrant, k
    if (k := catch_bound(b.splits, a.splits)) is not None:
        return b.entrant, a.entrant, k
    return None


def _heat(state: CompetitionState, round_id: str, number: int) -> HeatState:
    spec = round_spec(state, round_id)
    heat = state.heat(round_id, number)
    if heat is None:
        raise RuleViolation(f"{spec.name} heat {number} is not drawn", round=round_id, heat=number)
    return heat


def _running_ride(
    state: CompetitionState, round_id: str, number: int, name: str, catcher_time: bool = False
) -> tuple[HeatState, RideState]:
    """The heat and ride an impulse is for; refused unless the heat is running and the ride
    open. With `catcher_time`, a catcher whose catch ended the race may still get a time."""
    heat = _heat(state, round_id, number)
    entrant(state, name)
    if name not in heat.entrants:
        raise RuleViolation(
            f"{name} does not ride in {round_id} heat {number} ({' v '.join(heat.entrants)})",
            entrant=name,
            round=round_id,
            heat=number,
        )
    ride = state.ride(round_id, name)
    assert ride is not None
    if catcher_time and ride.status is Status.CAUGHT_OPPONENT and ride.time is None:
        return heat, ride
    if not heat.started or heat.done:
        raise RuleViolation(
            f"{round_id} heat {number} is not running", entrant=name, round=round_id, heat=number
        )
    if ride.finished:
        raise RuleViolation(
            f"{name} has already finished ({ride.time or ride.status.value}); "
            "use a correction to change it",
            entrant=name,
            round=round_id,
            heat=number,
        )
    return heat, ride


def _elapsed(
    heat: HeatState, typed: RaceTime | None, impulse: RaceTime | None, what: str
) -> RaceTime:
    if (typed is None) == (impulse is None):
        raise RuleViolation(
            f"{what}: give either a time or a timer impulse",
            round=heat.round,
            heat=heat.number,
            field="time",
        )
    if typed is not None:
        return typed
    assert impulse is not None
    if heat.start_impulse is None:
        raise RuleViolation(
            f"{what}: the heat was started without a start impulse; type the time",
            round=heat.round,
            heat=heat.number,
            field="time",
        )
    return elapsed(heat.start_impulse, impulse)


def correct_split(state: CompetitionState, cmd: c.CorrectSplit) -> list[ev.Event]:
    """A recorded split replaced, running heat or not: the new time must still lie between its
    neighbours (the finish included) at a speed a pursuit can ride."""
    spec = round_spec(state, cmd.round)
    name = entrant(state, cmd.entrant)
    reason = need_reason(cmd.reason)
    ride = state.ride(spec.id, name)
    splits = ride.splits if ride is not None else []
    if not 1 <= cmd.half_lap <= len(splits):
        recorded = f"half laps 1 to {len(splits)}" if splits else "no split"
        raise RuleViolation(
            f"{name}: no split at half lap {cmd.half_lap} to correct ({recorded} recorded)",
            entrant=name,
            round=spec.id,
            half_lap=cmd.half_lap,
            field="time",
        )
    assert ride is not None and state.meta is not None
    time = cmd.elapsed
    k = cmd.half_lap
    if time.ticks == splits[k - 1].ticks:
        raise RuleViolation(
            f"{name}: half lap {k} is already {splits[k - 1]}",
            entrant=name,
            round=spec.id,
            half_lap=cmd.half_lap,
            field="time",
        )
    before = splits[k - 2] if k >= 2 else RaceTime(0, 4)
    after = splits[k] if k < len(splits) else None
    if after is None and ride.time is not None and len(splits) == state.meta.half_laps - 1:
        after = ride.time
    shown = format_time(time)
    if time.ticks <= before.ticks:
        earlier = f"half lap {k - 1} ({format_time(before)})" if k >= 2 else "the start"
        raise RuleViolation(
            f"{name}: half lap {k} at {shown} is not after {earlier}",
            entrant=name,
            round=spec.id,
            half_lap=cmd.half_lap,
            field="time",
        )
    if after is not None and after.ticks <= time.ticks:
        raise RuleViolation(
            f"{name}: half lap {k} at {shown} is not before the next crossing "
            f"({format_time(after)})",
            entrant=name,
            round=spec.id,
            half_lap=cmd.half_lap,
            field="time",
        )
    half_lap_m = state.meta.track_length_m / 2
    segments = [time.ticks - before.ticks] + ([after.ticks - time.ticks] if after else [])
    for segment in segments:
        if why := implausible(half_lap_m, segment):
            raise RuleViolation(
                f"{name}: half lap {k} at {shown} rejected: {why}",
                entrant=name,
                round=spec.id,
                half_lap=cmd.half_lap,
                field="time",
            )
    return [ev.SplitCorrected(spec.id, name, k, time, reason)]
