"""Commands from the track: start, half-lap splits, finish, catch.

Impulses are checked for plausibility: a half lap far too fast or slow, a second
finish for one rider, an impulse for a heat that is not running — each refused
with its reason.
"""

from __future__ import annotations

from dataclasses import replace

from pursuit.core import commands as c
from pursuit.core import events as ev
from pursuit.core.guards import About, entrant, need_reason, round_spec
from pursuit.core.impulses import elapsed, implausible
from pursuit.core.live_state import CompetitionState, HeatState, RideState
from pursuit.core.outcomes import Status
from pursuit.core.race import catch_bound
from pursuit.core.times import RaceTime, format_time
from pursuit.errors import RuleViolation


def start(state: CompetitionState, cmd: c.StartHeat) -> list[ev.Event]:
    heat = _heat(state, cmd.round, cmd.heat)
    at = About(round=cmd.round, heat=cmd.heat)
    if heat.started:
        raise at.refuse(f"{cmd.round} heat {cmd.heat} has already started")
    running = state.running_heat()
    if running is not None:
        raise at.refuse(f"{running.round} heat {running.number} is still running; finish it first")
    if heat.stops and heat.done:
        raise at.refuse(f"{cmd.round} heat {cmd.heat}: nobody is left to start it again")
    assert state.meta is not None
    state.meta.require_track_length()
    return [ev.HeatStarted(cmd.round, cmd.heat, cmd.start_impulse)]


class HalfLapTaken(RuleViolation):
    """A split or a skip for a half lap already recorded (`recorded`: its time now). It says
    which rider, heat and half lap; the shells add who recorded it and when, from the log."""

    def __init__(self, at: About, recorded: RaceTime, message: str | None = None) -> None:
        assert at.entrant is not None and at.half_lap is not None
        super().__init__(
            message
            or f"{at.entrant}: half lap {at.half_lap} is already recorded ({recorded}); "
            "correct it with a reason",
            entrant=at.entrant,
            round=at.round,
            heat=at.heat,
            half_lap=at.half_lap,
            field=at.field,
        )
        self.at = at
        self.recorded = recorded

    def reworded(self, message: str) -> HalfLapTaken:
        """The same refusal in other words."""
        return HalfLapTaken(self.at, self.recorded, message)


def next_half_lap(ride: RideState) -> int:
    """The half lap the ride's next split is for: after the last recorded, and after the
    half laps marked missed since (a skip)."""
    k = len(ride.splits) + 1
    while k in ride.missing:
        k += 1
    return k


def split(state: CompetitionState, cmd: c.RecordSplit) -> list[ev.Event]:
    heat, ride = _running_ride(state, cmd.round, cmd.heat, cmd.entrant)
    assert state.meta is not None
    time = _elapsed(heat, cmd.elapsed, cmd.impulse, f"{cmd.entrant} split")
    expected = next_half_lap(ride)
    half_lap = cmd.half_lap if cmd.half_lap is not None else expected
    at = About(cmd.entrant, cmd.round, cmd.heat, half_lap, "time")
    _within(state, at, half_lap)
    if half_lap <= len(ride.splits):
        raise HalfLapTaken(at, ride.splits[half_lap - 1])
    if half_lap > expected:
        raise replace(at, field="half_lap").refuse(
            f"{cmd.entrant}: half lap {half_lap} recorded before half lap {expected} "
            f"(skip half lap {expected} if nobody timed it)"
        )
    # half laps between the last split and this one were skipped: timed over all of them
    previous = ride.splits[-1] if ride.splits else RaceTime(0, 4)
    segment = time.ticks - previous.ticks
    if segment <= 0:
        before = len(ride.splits)
        raise at.refuse(
            f"{cmd.entrant}: half lap {half_lap} at {format_time(time)} is not "
            f"after half lap {before} ({format_time(previous)})"
        )
    half_laps = half_lap - len(ride.splits)
    if reason := implausible(state.meta.half_lap_m * half_laps, segment):
        raise at.refuse(f"{cmd.entrant}: half lap {half_lap} rejected: {reason}")
    return [ev.SplitRecorded(cmd.round, cmd.heat, cmd.entrant, half_lap, time, cmd.synthetic)]


def skip(state: CompetitionState, cmd: c.SkipHalfLap) -> list[ev.Event]:
    """The next half lap marked missed (nobody timed it): the split after it keeps its number,
    and the missed one is estimated from its neighbours until someone corrects it."""
    _, ride = _running_ride(state, cmd.round, cmd.heat, cmd.entrant)
    expected = next_half_lap(ride)
    half_lap = cmd.half_lap if cmd.half_lap is not None else expected
    at = About(cmd.entrant, cmd.round, cmd.heat, half_lap, "half_lap")
    _within(state, at, half_lap)
    if half_lap <= len(ride.splits):
        raise HalfLapTaken(at, ride.splits[half_lap - 1])
    if half_lap < expected:
        raise at.refuse(f"{cmd.entrant}: half lap {half_lap} is already marked missed")
    if half_lap > expected:
        raise at.refuse(
            f"{cmd.entrant}: half lap {half_lap} is not the next one (half lap {expected})"
        )
    return [ev.HalfLapMissed(cmd.round, cmd.heat, cmd.entrant, half_lap)]


def _within(state: CompetitionState, at: About, half_lap: int) -> None:
    assert state.meta is not None
    if not 1 <= half_lap <= state.meta.counted_half_laps - 1:
        raise replace(at, field="half_lap").refuse(
            f"{at.entrant}: half lap {half_lap} is not between 1 and "
            f"{state.meta.counted_half_laps - 1} (the finish is recorded as a finish)"
        )


def finish(state: CompetitionState, cmd: c.RecordFinish) -> list[ev.Event]:
    heat, ride = _running_ride(state, cmd.round, cmd.heat, cmd.entrant, catcher_time=True)
    assert state.meta is not None
    at = About(cmd.entrant, cmd.round, cmd.heat, field="time")
    time = _elapsed(heat, cmd.time, cmd.impulse, f"{cmd.entrant} finish")
    if ride.splits and ride.splits[-1].ticks >= time.ticks:
        raise at.refuse(
            f"{cmd.entrant}: finish {format_time(time)} is not after the last "
            f"split {ride.splits[-1]}"
        )
    if reason := implausible(state.meta.distance_m, time.ticks):
        raise at.refuse(f"{cmd.entrant}: finish rejected: {reason}")
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
    at = About(cmd.catcher, cmd.round, cmd.heat)
    others = [n for n in heat.entrants if n != cmd.catcher]
    if not others:
        raise at.refuse(f"{cmd.catcher} rides alone in heat {cmd.heat}: nobody to catch")
    caught = others[0]
    other = state.ride(cmd.round, caught)
    if other is not None and other.status is Status.OVERTAKEN:
        raise at.refuse(f"{caught} is already recorded as caught")
    if other is not None and other.finished:
        raise at.refuse(
            f"{caught} has already finished ({other.time or other.status.value}); "
            "nobody can catch a rider off the track"
        )
    if ride.status is Status.OVERTAKEN:
        raise at.refuse(f"{cmd.catcher} was caught; a caught rider cannot catch")
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
        raise About(round=round_id, heat=number).refuse(f"{spec.name} heat {number} is not drawn")
    return heat


def _running_ride(
    state: CompetitionState, round_id: str, number: int, name: str, catcher_time: bool = False
) -> tuple[HeatState, RideState]:
    """The heat and ride an impulse is for; refused unless the heat is running and the ride
    open. With `catcher_time`, a catcher whose catch ended the race may still get a time."""
    heat = _heat(state, round_id, number)
    entrant(state, name)
    at = About(name, round_id, number)
    if name not in heat.entrants:
        raise at.refuse(
            f"{name} does not ride in {round_id} heat {number} ({' v '.join(heat.entrants)})"
        )
    ride = state.ride(round_id, name)
    assert ride is not None
    if ride.heat is not None and ride.heat != number:
        raise at.refuse(f"{name} re-rides in {round_id} heat {ride.heat}, not heat {number}")
    if catcher_time and ride.status is Status.CAUGHT_OPPONENT and ride.time is None:
        return heat, ride
    if not heat.started or heat.done:
        raise at.refuse(f"{round_id} heat {number} is not running")
    if ride.finished:
        raise at.refuse(
            f"{name} has already finished ({ride.time or ride.status.value}); "
            "use a correction to change it"
        )
    return heat, ride


def _elapsed(
    heat: HeatState, typed: RaceTime | None, impulse: RaceTime | None, what: str
) -> RaceTime:
    at = About(round=heat.round, heat=heat.number, field="time")
    if (typed is None) == (impulse is None):
        raise at.refuse(f"{what}: give either a time or a timer impulse")
    if typed is not None:
        return typed
    assert impulse is not None
    if heat.start_impulse is None:
        raise at.refuse(f"{what}: the heat was started without a start impulse; type the time")
    return elapsed(heat.start_impulse, impulse)


def correct_split(state: CompetitionState, cmd: c.CorrectSplit) -> list[ev.Event]:
    """A recorded split replaced, running heat or not: the new time must still lie between its
    neighbours (the finish included) at a speed a pursuit can ride."""
    spec = round_spec(state, cmd.round)
    name = entrant(state, cmd.entrant)
    reason = need_reason(cmd.reason)
    ride = state.ride(spec.id, name)
    splits = ride.splits if ride is not None else []
    at = About(name, spec.id, half_lap=cmd.half_lap, field="time")
    if not 1 <= cmd.half_lap <= len(splits):
        recorded = f"half laps 1 to {len(splits)}" if splits else "no split"
        raise at.refuse(
            f"{name}: no split at half lap {cmd.half_lap} to correct ({recorded} recorded)"
        )
    assert ride is not None and state.meta is not None
    time = cmd.elapsed
    k = cmd.half_lap
    if time.ticks == splits[k - 1].ticks:
        raise at.refuse(f"{name}: half lap {k} is already {splits[k - 1]}")
    before = splits[k - 2] if k >= 2 else RaceTime(0, 4)
    after = splits[k] if k < len(splits) else None
    if after is None and ride.time is not None and len(splits) == state.meta.counted_half_laps - 1:
        after = ride.time
    shown = format_time(time)
    if time.ticks <= before.ticks:
        earlier = f"half lap {k - 1} ({format_time(before)})" if k >= 2 else "the start"
        raise at.refuse(f"{name}: half lap {k} at {shown} is not after {earlier}")
    if after is not None and after.ticks <= time.ticks:
        raise at.refuse(
            f"{name}: half lap {k} at {shown} is not before the next crossing "
            f"({format_time(after)})"
        )
    half_lap_m = state.meta.half_lap_m
    segments = [time.ticks - before.ticks] + ([after.ticks - time.ticks] if after else [])
    for segment in segments:
        if why := implausible(half_lap_m, segment):
            raise at.refuse(f"{name}: half lap {k} at {shown} rejected: {why}")
    return [ev.SplitCorrected(spec.id, name, k, time, reason)]
