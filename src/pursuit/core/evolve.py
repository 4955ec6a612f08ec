"""Fold events into the competition state. `evolve` never fails on a valid log."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pursuit.core import events as ev
from pursuit.core.channels import ChannelMap, ChannelUse, parse_use
from pursuit.core.competition import PublishedPlace as ModelPlace
from pursuit.core.competition import Slot
from pursuit.core.entrants import Rider, Team
from pursuit.core.format_reader import format_from_mapping
from pursuit.core.formats import CatchEffect
from pursuit.core.live_state import (
    CompetitionState,
    Correction,
    HeatState,
    RideState,
    heat_over,
)
from pursuit.core.notes import EntrantNotes
from pursuit.core.outcomes import Status
from pursuit.core.passages import HeatPassages, PartOfPassage, Passage, SideProgress, Verdict
from pursuit.core.split_points import from_distances
from pursuit.core.times import RaceTime
from pursuit.core.timing_state import (
    DISCARDED,
    PART,
    START,
    TIMING,
    UNPLACED,
    ImpulseRecord,
    LinkStatus,
    NoiseRecord,
)


def _created(state: CompetitionState, e: ev.CompetitionCreated) -> None:
    fmt = format_from_mapping(e.format_definition, e.format_name)
    state.format = fmt
    state.format_name = e.format_name
    state.meta = e.meta


def _registered(state: CompetitionState, e: ev.EntrantRegistered) -> None:
    if e.roster is not None:
        roster = tuple(Rider(name, e.nation) for name in e.roster)
        state.entrants[e.name] = Team(e.name, e.nation, roster, e.bib)
    else:
        state.entrants[e.name] = Rider(e.name, e.nation, e.family_name, e.bib)
    if e.seed_time is not None:
        state.seed_times[e.name] = e.seed_time
    said = EntrantNotes(e.note, tuple(e.aka), e.basis)
    if said:
        state.entrant_notes[e.name] = said


def _scheduled(state: CompetitionState, e: ev.RoundScheduled) -> None:
    state.schedule[e.round] = Slot(e.date, e.time)


def _drawn(state: CompetitionState, e: ev.RoundDrawn) -> None:
    """The round's heats are the ones drawn now; a rider the new draw leaves out keeps only a
    result already recorded (a non-start), not a place in a heat."""
    heats = state.heats[e.round] = {}
    rides = state.rides.setdefault(e.round, {})
    drawn = {name for h in e.heats for name in h.entrants}
    for name in [n for n in rides if n not in drawn]:
        if rides[name].finished:
            rides[name].heat = rides[name].side = None
        else:
            del rides[name]
    for h in e.heats:
        heats[h.number] = HeatState(e.round, h.number, tuple(h.entrants), tuple(h.sides))
        for name, side in zip(h.entrants, h.sides, strict=False):
            ride = rides.setdefault(name, RideState(name))
            ride.heat, ride.side = h.number, side


def _started(state: CompetitionState, e: ev.HeatStarted) -> None:
    heat = state.heats[e.round][e.heat]
    heat.started = True
    heat.start_impulse = e.start_impulse
    state.timing.passages[e.round, e.heat] = _passages_for(state, heat)
    state.timing.last_heat = (e.round, e.heat)
    _count_starts(state, heat)


def _passages_for(state: CompetitionState, heat: HeatState) -> HeatPassages:
    """The impulse assignment of a heat that starts: its sides, its half laps, and the rider
    whose impulse times a passage (the format's `counting_rider` of a team, else the first)."""
    assert state.meta is not None and state.format is not None
    counting = state.format.counting_rider if state.format.event == "team" else 1
    sides = [
        SideProgress(name, side, counting)
        for name, side in zip(heat.entrants, heat.sides, strict=True)
        if side in ("red", "green")
    ]
    return HeatPassages(state.meta.half_lap_m, state.meta.counted_half_laps, sides)


def _ride(state: CompetitionState, round_id: str, entrant: str) -> RideState:
    rides = state.rides.get(round_id)
    if rides is None:
        rides = state.rides[round_id] = {}
    ride = rides.get(entrant)
    if ride is None:
        ride = rides[entrant] = RideState(entrant)
    return ride


def _within(state: CompetitionState, half_lap: int) -> None:
    """A split's half lap as a log may name it: 1 to the last before the finish (a log edited
    by hand may say anything, and nothing is made of a number beyond the distance)."""
    if state.meta is None:
        raise ValueError("a split before the competition was created")
    last = state.meta.counted_half_laps - 1
    if not 1 <= half_lap <= last:
        raise ValueError(f"half lap {half_lap} is not between 1 and {last}")


def _split(state: CompetitionState, e: ev.SplitRecorded) -> None:
    _within(state, e.half_lap)
    ride = _ride(state, e.round, e.entrant)
    splits = ride.splits
    del splits[e.half_lap - 1 :]
    if len(splits) < e.half_lap - 1:  # half laps the timer missed: estimated in between
        before = splits[-1].ticks if splits else 0
        gap = e.half_lap - 1 - len(splits)
        step = (e.elapsed.ticks - before) / (gap + 1)
        for i in range(1, gap + 1):
            ride.missing.add(len(splits) + 1)
            splits.append(RaceTime(before + round(step * i), 4))
    splits.append(e.elapsed)
    ride.missing.discard(e.half_lap)  # a half lap skipped, then timed after all
    ride.synthetic = ride.synthetic or e.synthetic
    passages = state.timing.passages.get((e.round, e.heat))
    if passages is not None:
        passages.note_time(e.entrant, e.half_lap, e.elapsed.ticks)


def _finish(state: CompetitionState, e: ev.FinishRecorded) -> None:
    ride = _ride(state, e.round, e.entrant)
    ride.time = e.time
    ride.record = e.record or ride.record
    ride.finished = True
    passages = state.timing.passages.get((e.round, e.heat))
    if passages is not None:
        passages.note_finish(e.entrant, e.time.ticks)
    _close_heat_if_over(state, e.round, e.heat)


def _catch(state: CompetitionState, e: ev.CatchRecorded) -> None:
    assert state.format is not None
    spec = state.format.round(e.round)
    catcher, caught = _ride(state, e.round, e.catcher), _ride(state, e.round, e.caught)
    caught.status = Status.OVERTAKEN
    if catcher.status is Status.FINISHED:
        catcher.status = Status.CAUGHT_OPPONENT
    if spec.catch is CatchEffect.ENDS_RACE:
        catcher.finished = caught.finished = True
    elif spec.catch is CatchEffect.EASE_UP:
        catcher.finished = True
    passages = state.timing.passages.get((e.round, e.heat))
    for ride in (catcher, caught):
        if passages is not None and ride.finished:
            passages.note_over(ride.entrant)
    _close_heat_if_over(state, e.round, e.heat)


def _outcome(state: CompetitionState, e: ev.OutcomeRecorded) -> None:
    ride = _ride(state, e.round, e.entrant)
    ride.status = Status(e.status)
    ride.finished = True
    heat = e.heat if e.heat is not None else ride.heat
    if heat is not None:
        _close_heat_if_over(state, e.round, heat)


def _sanction(status: Status) -> Callable[[CompetitionState, Any], None]:
    def apply(state: CompetitionState, e: ev.RiderDisqualified | ev.RiderRelegated) -> None:
        ride = _ride(state, e.round, e.entrant)
        if ride.before_sanction is None:
            ride.before_sanction = (ride.status, ride.time)
        ride.status = status
        ride.finished = True
        state.corrections.append(
            Correction(state.position, e.round, e.entrant, status.value.upper(), e.reason)
        )
        if ride.heat is not None:
            _close_heat_if_over(state, e.round, ride.heat)

    return apply


def _corrected(state: CompetitionState, e: ev.RideCorrected) -> None:
    ride = _ride(state, e.round, e.entrant)
    changes = []
    if e.time is not None or e.clear_time:
        changes.append(f"time {ride.time or '–'} → {e.time or '–'}")
        ride.time = e.time
    if e.status is not None:
        changes.append(f"status {ride.status.value} → {e.status}")
        ride.status = Status(e.status)
    ride.finished = True
    state.corrections.append(
        Correction(state.position, e.round, e.entrant, "; ".join(changes), e.reason)
    )
    if ride.heat is not None:
        _close_heat_if_over(state, e.round, ride.heat)


def _split_corrected(state: CompetitionState, e: ev.SplitCorrected) -> None:
    _within(state, e.half_lap)
    ride = _ride(state, e.round, e.entrant)
    old = ride.splits[e.half_lap - 1] if e.half_lap <= len(ride.splits) else "–"
    if e.half_lap <= len(ride.splits):
        ride.splits[e.half_lap - 1] = e.elapsed
        ride.missing.discard(e.half_lap)
    heat = state.heat_of(e.round, e.entrant)
    passages = state.timing.passages.get((e.round, heat.number)) if heat is not None else None
    if passages is not None:
        passages.note_time(e.entrant, e.half_lap, e.elapsed.ticks)
    state.corrections.append(
        Correction(
            state.position,
            e.round,
            e.entrant,
            f"half lap {e.half_lap} {old} → {e.elapsed}",
            e.reason,
        )
    )


def _decision(state: CompetitionState, e: ev.DecisionRecorded) -> None:
    state.decisions.append((state.position, e))
    if e.round is None or e.entrant is None:
        return
    ride = _ride(state, e.round, e.entrant)
    if e.effect == "disqualify":
        if ride.before_sanction is None:
            ride.before_sanction = (ride.status, ride.time)
            ride.sanction_decided = True
        ride.status = Status.DSQ
    elif e.effect == "reinstate" and ride.before_sanction is not None:
        ride.status, ride.time = ride.before_sanction
        ride.before_sanction = None
        ride.sanction_decided = False


def _recorded(state: CompetitionState, e: ev.RideRecorded) -> None:
    ride = _ride(state, e.round, e.entrant)
    ride.status = Status(e.status)
    ride.time = e.time
    ride.heat = e.heat if e.heat is not None else ride.heat
    ride.side = e.side if e.side is not None else ride.side
    ride.splits = list(e.splits)
    ride.sparse = None
    if e.split_at and state.meta is not None:  # splits at some distances only
        ride.sparse = from_distances(e.splits, e.split_at, state.meta.half_lap_m)
        ride.splits = []  # no half lap from the first: the live timing has none to go on
    ride.record, ride.published_rank, ride.basis = e.record, e.published_rank, e.basis
    ride.lineup = tuple(e.lineup)
    ride.dropped = tuple(e.dropped)
    ride.note = e.note
    ride.finished = True


def _published(state: CompetitionState, e: ev.ClassificationPublished) -> None:
    state.published = [ModelPlace(p.rank, p.entrant) for p in e.places]
    state.published_source = e.source


# --- the timer ------------------------------------------------------------------------------


def _channels(state: CompetitionState, e: ev.ChannelsMapped) -> None:
    uses = {}
    for channel, label, delay in zip(e.channels, e.uses, e.delays, strict=True):
        use = parse_use(label)
        if use is not None:
            uses[channel] = ChannelUse(use.kind, use.side, delay)
    state.timing.channel_map = ChannelMap(uses)


def _impulse(state: CompetitionState, e: ev.ImpulseReceived) -> None:
    record = ImpulseRecord(
        e.source,
        e.number,
        e.channel,
        e.time_of_day,
        e.received_at,
        e.manual,
        position=state.position,
    )
    state.timing.impulses[record.key] = record
    state.timing.latest[e.source, e.number] = record.key


def _noise(state: CompetitionState, e: ev.TimerNoiseReceived) -> None:
    state.timing.noise.append(NoiseRecord(e.source, e.raw, e.reason, e.received_at))


def _assigned(state: CompetitionState, e: ev.ImpulseAssigned) -> None:
    timing = state.timing
    record = timing.impulse(e.source, e.number)
    if record is None:
        return
    record.round, record.heat, record.entrant, record.half_lap = (
        e.round,
        e.heat,
        e.entrant,
        e.half_lap,
    )
    record.reason = e.reason
    heat = state.heat(e.round, e.heat)
    if e.half_lap == 0:
        record.status = START
        if heat is not None:
            heat.start_impulse = timing.corrected_time(record)
        return
    record.status = TIMING if e.timing else PART
    passages = timing.passages.get((e.round, e.heat))
    if passages is None or e.entrant is None or e.elapsed is None or e.line is None:
        return
    if e.timing:
        verdict: Verdict = Passage(e.entrant, e.half_lap, e.elapsed.ticks)
    else:
        verdict = PartOfPassage(e.entrant, e.half_lap, e.index)
    if e.line in passages.lines:
        passages.take(verdict, e.line, e.elapsed.ticks)


def _unplaced(state: CompetitionState, e: ev.ImpulseUnplaced) -> None:
    record = state.timing.impulse(e.source, e.number)
    if record is not None:
        record.status, record.reason = UNPLACED, e.reason


def _discarded(state: CompetitionState, e: ev.ImpulseDiscarded) -> None:
    record = state.timing.impulse(e.source, e.number)
    if record is not None:
        record.status, record.reason = DISCARDED, e.reason


def _link(state: CompetitionState, e: ev.TimerStatusReported) -> None:
    state.timing.links[e.source] = LinkStatus(e.connected, e.detail, e.at)


def _missed(state: CompetitionState, e: ev.HalfLapMissed) -> None:
    _ride(state, e.round, e.entrant).missing.add(e.half_lap)
    passages = state.timing.passages.get((e.round, e.heat))
    if passages is not None:
        passages.note_missed(e.entrant, e.half_lap)


def _lineup(state: CompetitionState, e: ev.LineupDeclared) -> None:
    _ride(state, e.round, e.team).lineup = tuple(e.riders)


def _dropped(state: CompetitionState, e: ev.RiderDropped) -> None:
    ride = _ride(state, e.round, e.team)
    ride.dropped = (*ride.dropped, e.rider)


def _close_heat_if_over(state: CompetitionState, round_id: str, number: int) -> None:
    heat = state.heat(round_id, number)
    if heat is None:
        return
    heat.done = heat_over(state, heat)


_HANDLERS: dict[type[ev.Event], Callable[[CompetitionState, Any], None]] = {
    ev.CompetitionCreated: _created,
    ev.EntrantRegistered: _registered,
    ev.RoundScheduled: _scheduled,
    ev.RoundDrawn: _drawn,
    ev.HeatStarted: _started,
    ev.SplitRecorded: _split,
    ev.FinishRecorded: _finish,
    ev.CatchRecorded: _catch,
    ev.OutcomeRecorded: _outcome,
    ev.RiderDisqualified: _sanction(Status.DSQ),
    ev.RiderRelegated: _sanction(Status.REL),
    ev.RideCorrected: _corrected,
    ev.SplitCorrected: _split_corrected,
    ev.DecisionRecorded: _decision,
    ev.RideRecorded: _recorded,
    ev.ClassificationPublished: _published,
    ev.ChannelsMapped: _channels,
    ev.ImpulseReceived: _impulse,
    ev.TimerNoiseReceived: _noise,
    ev.ImpulseAssigned: _assigned,
    ev.ImpulseUnplaced: _unplaced,
    ev.ImpulseDiscarded: _discarded,
    ev.HalfLapMissed: _missed,
    ev.TimerStatusReported: _link,
    ev.LineupDeclared: _lineup,
    ev.RiderDropped: _dropped,
}


# --- incidents: false starts, mishaps, restarts and re-rides (core/decide_incidents.py) -------


def _count_starts(state: CompetitionState, heat: HeatState) -> None:
    """Each competitor still riding the heat takes one more start in the round (its phase)."""
    rides = state.rides.get(heat.round, {})
    for name in heat.entrants:
        ride = rides.get(name)
        if ride is not None and not ride.finished and ride.heat == heat.number:
            ride.starts += 1


def _false_start(state: CompetitionState, e: ev.FalseStartRecorded) -> None:
    _ride(state, e.round, e.entrant).false_starts += 1


def _incident(state: CompetitionState, e: ev.IncidentRecorded) -> None:
    words = f"{e.kind} at half lap {e.half_lap}"
    if e.consequence == "ignored" and state.format is not None and state.format.event == "team":
        words += ", went on"
    _ride(state, e.round, e.entrant).remarks.append(words)


def _stopped(state: CompetitionState, e: ev.HeatStopped) -> None:
    """The heat is to be started again: not running, no start impulse, no passages; the rides
    still going are set aside and begin again (a competitor out of it stays out)."""
    heat = state.heats[e.round][e.heat]
    heat.started, heat.done, heat.start_impulse = False, False, None
    heat.stops += 1
    state.timing.passages.pop((e.round, e.heat), None)
    going = (Status.FINISHED, Status.CAUGHT_OPPONENT, Status.OVERTAKEN)
    for name in heat.entrants:
        ride = state.ride(e.round, name)
        if ride is not None and ride.heat == e.heat and ride.status in going:
            ride.set_ride_aside(e.reason)


def _reride(state: CompetitionState, e: ev.RerideGranted) -> None:
    """The ride is set aside and the competitor put alone in a heat added to the round."""
    ride = _ride(state, e.round, e.entrant)
    before = ride.heat
    passages = state.timing.passages.get((e.round, before)) if before is not None else None
    if passages is not None:
        passages.note_over(e.entrant)
    ride.set_ride_aside(e.reason)
    ride.heat, ride.side, ride.reride = e.heat, "red", True
    assert state.format is not None
    name = state.format.round(e.round).name
    ride.remarks.append(f"re-ride at the end of the {name.lower()}")
    heats = state.heats.setdefault(e.round, {})
    heats[e.heat] = HeatState(e.round, e.heat, (e.entrant,), ("red",), reride=True)
    if before is not None:
        _close_heat_if_over(state, e.round, before)


def _beaten(state: CompetitionState, e: ev.ConsideredBeaten) -> None:
    ride = _ride(state, e.round, e.entrant)
    ride.status, ride.finished = Status.BEATEN, True
    passages = state.timing.passages.get((e.round, e.heat))
    if passages is not None:
        passages.note_over(e.entrant)
    state.corrections.append(
        Correction(state.position, e.round, e.entrant, "considered beaten", e.reason)
    )
    _close_heat_if_over(state, e.round, e.heat)


_HANDLERS.update(
    {
        ev.FalseStartRecorded: _false_start,
        ev.IncidentRecorded: _incident,
        ev.HeatStopped: _stopped,
        ev.RerideGranted: _reride,
        ev.ConsideredBeaten: _beaten,
    }
)


def _order(state: CompetitionState, e: ev.OrderPublished) -> None:
    state.orders.setdefault(e.round, []).append(tuple(e.names))


_HANDLERS[ev.OrderPublished] = _order


def evolve(state: CompetitionState, event: ev.Event) -> CompetitionState:
    """Apply one event (the next position) to `state`, in place, and return it."""
    state.advance()
    _HANDLERS[type(event)](state, event)
    return state


# --- notes (core/notes.py) -------------------------------------------------------------------


def _round_noted(state: CompetitionState, e: ev.RoundNoted) -> None:
    if e.note:
        state.round_notes[e.round] = e.note
    else:
        state.round_notes.pop(e.round, None)


_HANDLERS[ev.RoundNoted] = _round_noted
