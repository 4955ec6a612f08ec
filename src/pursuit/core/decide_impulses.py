"""Commands from the timer itself: impulses stored as they came, then placed.

Every impulse is recorded before anything is made of it (`ImpulseReceived`), so nothing the
timer sent is lost and a wrong placement can be undone. Then, by its channel:

- a start (or gate) impulse gives the running heat its start, if the heat was started by hand
  before the gates opened; otherwise it waits, unplaced, for an official to start a heat with
  it (start-impulse recovery);
- a pursuit-line impulse goes to the side and half lap whose passage is expected then
  (`passages.HeatPassages`): it times the half lap (`SplitRecorded`, or `FinishRecorded` at the
  last), or is part of a passage already timed, or fits nothing and stays unplaced. Half laps
  the timer missed on the way are marked (`HalfLapMissed`).

An official can place an unplaced impulse by hand (with a reason) or discard it.
"""

from __future__ import annotations

import dataclasses
import re

from pursuit.core import commands as c
from pursuit.core import events as ev
from pursuit.core.channels import ChannelUse, parse_use
from pursuit.core.guards import About, need_reason
from pursuit.core.impulses import elapsed
from pursuit.core.live_state import CompetitionState, HeatState
from pursuit.core.passages import PartOfPassage, Passage, Unplaced
from pursuit.core.times import RaceTime, format_time
from pursuit.core.timing_state import DISCARDED, START, TIMING, ImpulseRecord
from pursuit.errors import RuleViolation

_CHANNEL = re.compile(r"C\d{1,2}")


def map_channels(state: CompetitionState, cmd: c.MapChannels) -> list[ev.Event]:
    if not len(cmd.channels) == len(cmd.uses) == len(cmd.delays):
        raise RuleViolation("give each channel one use and one delay")
    if len(set(cmd.channels)) != len(cmd.channels):
        raise RuleViolation("a channel is named twice")
    for channel, use, delay in zip(cmd.channels, cmd.uses, cmd.delays, strict=True):
        if not _CHANNEL.fullmatch(channel):
            raise RuleViolation(f"{channel!r} is not a timer channel (C0 … C9)")
        if parse_use(use) is None:
            raise RuleViolation(
                f"{channel}: {use!r} is not start, gate red, gate green, line red or line green"
            )
        if not 0 <= delay < 10 * 10_000:
            raise RuleViolation(f"{channel}: a delay is between 0 and 10 s")
    lines = [u for u in cmd.uses if u.startswith("line")]
    if len(set(lines)) != len(lines):
        raise RuleViolation("each pursuit line has one channel")
    mapped = ev.ChannelsMapped(cmd.channels, cmd.uses, cmd.delays)
    current = state.timing.channel_map
    same = {ch: (u.label, u.delay_ticks) for ch, u in current.uses.items()} == {
        ch: (u, d) for ch, u, d in zip(cmd.channels, cmd.uses, cmd.delays, strict=True)
    }
    return [] if same else [mapped]


def take_impulse(state: CompetitionState, cmd: c.TakeImpulse) -> list[ev.Event]:
    timing = state.timing
    if (cmd.source, cmd.number, cmd.time_of_day.ticks) in timing.impulses:
        return []  # the timer sent it again: stored once
    received = ev.ImpulseReceived(
        cmd.source, cmd.number, cmd.channel, cmd.time_of_day, cmd.received_at, cmd.manual
    )
    record = ImpulseRecord(
        cmd.source, cmd.number, cmd.channel, cmd.time_of_day, cmd.received_at, cmd.manual
    )
    use = timing.channel_map.use_of(cmd.channel)
    if use is None:
        return [received, _unplaced(cmd, f"channel {cmd.channel} is not a start or a line")]
    at = timing.corrected_time(record)
    heat = state.running_heat()
    if use.kind != "line":
        return [received, *_start(state, cmd, heat, at)]
    if heat is None:
        return [received, *_after_the_heat(state, cmd, use, at)]
    if heat.start_impulse is None:
        return [
            received,
            _unplaced(
                cmd,
                f"{heat.round} heat {heat.number} has no start impulse: "
                "give it the gate's impulse first",
            ),
        ]
    return [received, *_line(state, cmd, heat, use, elapsed(heat.start_impulse, at))]


def _after_the_heat(
    state: CompetitionState, cmd: c.TakeImpulse, use: ChannelUse, at: RaceTime
) -> list[ev.Event]:
    """No heat is running: the last one's finish may still be passing (a second wheel)."""
    last = state.timing.last_heat
    heat = state.heat(*last) if last is not None else None
    passages = state.timing.passages.get(last) if last is not None else None
    if heat is None or passages is None or heat.start_impulse is None or use.side is None:
        return [_unplaced(cmd, "no heat is running")]
    since = elapsed(heat.start_impulse, at)
    part = passages.trailing(use.side, since.ticks)
    if part is None:
        return [_unplaced(cmd, "no heat is running")]
    return [
        ev.ImpulseAssigned(
            cmd.source,
            cmd.number,
            heat.round,
            heat.number,
            part.entrant,
            part.half_lap,
            use.side,
            since,
            part.index,
            timing=False,
        )
    ]


def take_noise(state: CompetitionState, cmd: c.TakeTimerNoise) -> list[ev.Event]:
    return [ev.TimerNoiseReceived(cmd.source, cmd.raw[:200], cmd.reason, cmd.received_at)]


def report_status(state: CompetitionState, cmd: c.ReportTimerStatus) -> list[ev.Event]:
    """A reader's link came up or went down; said once per change."""
    now = state.timing.links.get(cmd.source)
    if now is not None and (now.connected, now.detail) == (cmd.connected, cmd.detail):
        return []
    return [ev.TimerStatusReported(cmd.source, cmd.connected, cmd.detail[:200], cmd.at)]


def _unplaced(cmd: c.TakeImpulse, reason: str) -> ev.ImpulseUnplaced:
    return ev.ImpulseUnplaced(cmd.source, cmd.number, reason)


def _start(
    state: CompetitionState, cmd: c.TakeImpulse, heat: HeatState | None, at: RaceTime
) -> list[ev.Event]:
    if heat is None:
        return [_unplaced(cmd, "no heat is running: start a heat with this impulse if it is its")]
    if heat.start_impulse is not None:
        return [
            _unplaced(
                cmd,
                f"{heat.round} heat {heat.number} has its start already "
                f"({format_time(heat.start_impulse)})",
            )
        ]
    return [ev.ImpulseAssigned(cmd.source, cmd.number, heat.round, heat.number, None, 0)]


def _line(
    state: CompetitionState,
    cmd: c.TakeImpulse,
    heat: HeatState,
    use: ChannelUse,
    since_start: RaceTime,
) -> list[ev.Event]:
    assert use.side is not None
    passages = state.timing.passages.get((heat.round, heat.number))
    if passages is None:
        return [_unplaced(cmd, f"{heat.round} heat {heat.number} is not followed by the timer")]
    verdict = passages.judge(use.side, since_start.ticks)
    if isinstance(verdict, Unplaced):
        return [_unplaced(cmd, verdict.reason)]
    ride = state.ride(heat.round, verdict.entrant)
    if isinstance(verdict, Passage) and ride is not None and ride.finished:
        return [_unplaced(cmd, f"{verdict.entrant} has finished")]
    assigned = ev.ImpulseAssigned(
        cmd.source,
        cmd.number,
        heat.round,
        heat.number,
        verdict.entrant,
        verdict.half_lap,
        use.side,
        since_start,
        verdict.index if isinstance(verdict, PartOfPassage) else 0,
        timing=isinstance(verdict, Passage),
    )
    if isinstance(verdict, PartOfPassage):
        return [assigned]
    return [assigned, *_timed(heat, verdict.entrant, verdict.half_lap, since_start, verdict)]


def _timed(
    heat: HeatState, entrant: str, half_lap: int, time: RaceTime, verdict: Passage | None
) -> list[ev.Event]:
    missed = verdict.missed if verdict is not None else ()
    out: list[ev.Event] = [ev.HalfLapMissed(heat.round, heat.number, entrant, k) for k in missed]
    if verdict is not None and verdict.finish:
        out.append(ev.FinishRecorded(heat.round, heat.number, entrant, time, "impulse"))
    else:
        out.append(ev.SplitRecorded(heat.round, heat.number, entrant, half_lap, time))
    return out


# --- by hand ----------------------------------------------------------------------------------


def assign_impulse(state: CompetitionState, cmd: c.AssignImpulse) -> list[ev.Event]:
    """An official places an impulse: the start of a heat, or a passage of an entrant."""
    reason = need_reason(cmd.reason)
    record = _record(state, cmd.source, cmd.number)
    at = About(cmd.entrant, cmd.round, cmd.heat, cmd.half_lap or None)
    if record.status == TIMING:
        raise at.refuse(
            f"impulse {cmd.number} already times {record.entrant}'s half lap {record.half_lap}; "
            "correct that split instead"
        )
    heat = state.heat(cmd.round, cmd.heat)
    if heat is None:
        raise at.refuse(f"{cmd.round} heat {cmd.heat} is not drawn")
    time_of_day = state.timing.corrected_time(record)
    placed = ev.ImpulseAssigned(
        cmd.source,
        cmd.number,
        cmd.round,
        cmd.heat,
        cmd.entrant,
        cmd.half_lap,
        manual=True,
        reason=reason,
    )
    if cmd.half_lap == 0:
        return _start_by_hand(state, heat, placed, time_of_day, at)
    return _passage_by_hand(state, heat, cmd, placed, time_of_day, at)


def _start_by_hand(
    state: CompetitionState,
    heat: HeatState,
    placed: ev.ImpulseAssigned,
    time_of_day: RaceTime,
    at: About,
) -> list[ev.Event]:
    if heat.start_impulse is not None:
        raise at.refuse(
            f"{heat.round} heat {heat.number} has its start already "
            f"({format_time(heat.start_impulse)})"
        )
    if heat.started:
        return [placed]
    running = state.running_heat()
    if running is not None:
        raise at.refuse(f"{running.round} heat {running.number} is still running")
    if heat.done:
        raise at.refuse(f"{heat.round} heat {heat.number} is over")
    assert state.meta is not None
    state.meta.require_track_length()
    return [ev.HeatStarted(heat.round, heat.number, time_of_day), placed]


def _passage_by_hand(
    state: CompetitionState,
    heat: HeatState,
    cmd: c.AssignImpulse,
    placed: ev.ImpulseAssigned,
    time_of_day: RaceTime,
    at: About,
) -> list[ev.Event]:
    assert state.meta is not None
    name = cmd.entrant
    if name is None or name not in heat.entrants:
        raise at.refuse(f"{name} does not ride in {heat.round} heat {heat.number}")
    if heat.start_impulse is None:
        raise at.refuse(f"{heat.round} heat {heat.number} has no start impulse to time from")
    if not 1 <= cmd.half_lap <= state.meta.counted_half_laps:
        raise at.refuse(
            f"half lap {cmd.half_lap} is not between 1 and {state.meta.counted_half_laps}"
        )
    ride = state.ride(heat.round, name)
    splits = ride.splits if ride is not None else []
    missing = ride.missing if ride is not None else set()
    time = elapsed(heat.start_impulse, time_of_day)
    placed = dataclasses.replace(placed, entrant=name, elapsed=time)
    k = cmd.half_lap
    if k in missing:  # the half lap the timer missed, filled with its real time
        before = splits[k - 2] if k >= 2 else RaceTime(0, 4)
        after = splits[k] if k < len(splits) else None
        if time <= before or (after is not None and time >= after):
            raise at.refuse(f"{name}: {format_time(time)} does not fall between its neighbours")
        return [
            placed,
            ev.SplitCorrected(heat.round, name, k, time, placed.reason or "impulse placed"),
        ]
    if ride is not None and ride.finished:
        raise at.refuse(f"{name} has finished")
    if k <= len(splits):
        raise at.refuse(f"{name}: half lap {k} is recorded already; correct it with a reason")
    if splits and time <= splits[-1]:
        raise at.refuse(f"{name}: {format_time(time)} is not after half lap {len(splits)}")
    last = k == state.meta.counted_half_laps
    gap = tuple(range(len(splits) + 1, k))
    finish = Passage(name, k, time.ticks, gap, last)
    return [placed, *_timed(heat, name, k, time, finish)]


def discard_impulse(state: CompetitionState, cmd: c.DiscardImpulse) -> list[ev.Event]:
    reason = need_reason(cmd.reason)
    record = _record(state, cmd.source, cmd.number)
    if record.status == DISCARDED:
        raise RuleViolation(f"impulse {cmd.number} is discarded already")
    if record.status in (TIMING, START):
        raise RuleViolation(
            f"impulse {cmd.number} times {record.entrant or 'a start'}: correct that instead"
        )
    return [ev.ImpulseDiscarded(cmd.source, cmd.number, reason)]


def _record(state: CompetitionState, source: str, number: int) -> ImpulseRecord:
    record = state.timing.impulse(source, number)
    if record is None:
        raise RuleViolation(f"no impulse {number} from {source}")
    return record
