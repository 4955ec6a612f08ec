"""Check a command against the rules and the state; return the events it causes.

`decide` never changes anything: a refused command raises `RuleViolation` naming
what is wrong (rider, heat, value) and the log stays as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pursuit.core import commands as c
from pursuit.core import events as ev
from pursuit.core.competition import is_iso_date, metadata_problem
from pursuit.core.decide_impulses import (
    discard_impulse,
    map_channels,
    report_status,
    take_impulse,
    take_noise,
)
from pursuit.core.decide_incidents import false_start, incident
from pursuit.core.decide_lineups import (
    assign_with_lineups,
    declare_lineup,
    drop_rider,
    start_with_lineups,
)
from pursuit.core.decide_orders import publish_order
from pursuit.core.decide_timing import catch, correct_split, finish, skip, split
from pursuit.core.decisions import EFFECTS
from pursuit.core.draw import check_pairs, knockout_heats, qualifying_pairs, with_sides
from pursuit.core.format_reader import format_from_mapping
from pursuit.core.formats import RoundKind
from pursuit.core.guards import entrant, need_reason, round_spec, sparse_splits
from pursuit.core.live_state import CompetitionState, RideState
from pursuit.core.outcomes import Status
from pursuit.core.schedule import slot
from pursuit.core.times import RaceTime
from pursuit.errors import FormatDefinitionError, RuleViolation

STATUSES = {s.value for s in Status}


def decide(state: CompetitionState, command: c.Command) -> list[ev.Event]:
    handler = _HANDLERS.get(type(command))
    if handler is None:
        raise RuleViolation(f"unknown command {type(command).__name__}")
    if not isinstance(command, c.CreateCompetition) and not state.created:
        raise RuleViolation("no competition yet: create one first")
    return handler(state, command)


def _create(state: CompetitionState, cmd: c.CreateCompetition) -> list[ev.Event]:
    if state.created:
        raise RuleViolation("the competition already exists")
    if not cmd.meta.title.strip():
        raise RuleViolation("a competition needs a title")
    try:
        format_from_mapping(cmd.format_definition, cmd.format_name)
    except FormatDefinitionError as e:
        raise RuleViolation(str(e)) from e
    meta = cmd.meta
    problem = metadata_problem(meta.distance_m, meta.track_length_m, meta.dates)
    if problem is not None:
        raise RuleViolation(problem[1], field=problem[0])
    return [ev.CompetitionCreated(cmd.format_name, cmd.format_definition, cmd.meta)]


def _register(state: CompetitionState, cmd: c.RegisterEntrant) -> list[ev.Event]:
    name = cmd.name.strip()
    if not name:
        raise RuleViolation("an entrant needs a name")
    if name in state.entrants:
        raise RuleViolation(f"{name} is already entered")
    assert state.format is not None
    first = state.format.rounds[0].id
    if state.heats.get(first):
        raise RuleViolation(f"entries are closed: {first} is drawn")
    return [
        ev.EntrantRegistered(
            name,
            cmd.nation,
            cmd.family_name,
            cmd.bib,
            cmd.seed_time,
            cmd.roster,
            cmd.note,
            tuple(cmd.aka),
            cmd.basis,
        )
    ]


def _schedule(state: CompetitionState, cmd: c.ScheduleRound) -> list[ev.Event]:
    spec = round_spec(state, cmd.round)
    try:
        when = slot(cmd.date, cmd.time)
    except ValueError as e:
        raise RuleViolation(f"{spec.name}: {e}") from None
    if state.schedule.get(spec.id) == when:
        raise RuleViolation(f"{spec.name} is already scheduled then")
    return [ev.RoundScheduled(spec.id, when.date, when.time)]


def _draw(state: CompetitionState, cmd: c.DrawRound) -> list[ev.Event]:
    spec = round_spec(state, cmd.round)
    if any(h.started for h in state.heats.get(spec.id, {}).values()):
        raise RuleViolation(f"{spec.name} has started; it cannot be drawn again")
    if spec.kind is RoundKind.KNOCKOUT:
        if cmd.pairs is not None:
            raise RuleViolation(f"{spec.name} is drawn from the format; pairs cannot be given")
        return [ev.RoundDrawn(spec.id, tuple(knockout_heats(state, spec)))]
    names = list(state.entrants)
    if len(names) < 1:
        raise RuleViolation("nobody is entered")
    pairs = (
        [tuple(p) for p in cmd.pairs]
        if cmd.pairs is not None
        else qualifying_pairs(names, state.seed_times)
    )
    check_pairs(pairs, names, state.seed_times, spec.competitors_per_heat)
    return [ev.RoundDrawn(spec.id, tuple(with_sides(i, p) for i, p in enumerate(pairs, 1)))]


def _ride(state: CompetitionState, round_id: str, name: str) -> RideState:
    round_spec(state, round_id)
    ride = state.ride(round_id, entrant(state, name))
    if ride is None:
        raise RuleViolation(f"{name} has no ride in {round_id}")
    return ride


def _non_start(state: CompetitionState, cmd: c.RecordNonStart) -> list[ev.Event]:
    ride = _ride(state, cmd.round, cmd.entrant)
    heat = state.heat(cmd.round, ride.heat) if ride.heat is not None else None
    if heat is not None and heat.started:
        raise RuleViolation(f"{cmd.entrant}: heat {heat.number} has started; record a DNF")
    if ride.finished:
        raise RuleViolation(f"{cmd.entrant} already has a result in {cmd.round}")
    return [ev.OutcomeRecorded(cmd.round, cmd.entrant, Status.DNS.value, ride.heat)]


def _non_finish(state: CompetitionState, cmd: c.RecordNonFinish) -> list[ev.Event]:
    ride = _ride(state, cmd.round, cmd.entrant)
    heat = state.heat(cmd.round, ride.heat) if ride.heat is not None else None
    if heat is None or not heat.started:
        raise RuleViolation(f"{cmd.entrant}: the heat has not started; record a DNS")
    if ride.finished:
        raise RuleViolation(f"{cmd.entrant} already has a result in {cmd.round}")
    return [ev.OutcomeRecorded(cmd.round, cmd.entrant, Status.DNF.value, ride.heat)]


def _disqualify(state: CompetitionState, cmd: c.Disqualify) -> list[ev.Event]:
    ride = _ride(state, cmd.round, cmd.entrant)
    if ride.status is Status.DSQ:
        raise RuleViolation(f"{cmd.entrant} is already disqualified in {cmd.round}")
    return [ev.RiderDisqualified(cmd.round, cmd.entrant, need_reason(cmd.reason))]


def _relegate(state: CompetitionState, cmd: c.Relegate) -> list[ev.Event]:
    ride = _ride(state, cmd.round, cmd.entrant)
    if ride.status in (Status.REL, Status.DSQ):
        raise RuleViolation(f"{cmd.entrant} is already {ride.status.value} in {cmd.round}")
    return [ev.RiderRelegated(cmd.round, cmd.entrant, need_reason(cmd.reason))]


def _correct(state: CompetitionState, cmd: c.CorrectRide) -> list[ev.Event]:
    ride = _ride(state, cmd.round, cmd.entrant)
    reason = need_reason(cmd.reason)
    if cmd.status is not None and cmd.status not in STATUSES:
        raise RuleViolation(f"status {cmd.status!r} is not one of {', '.join(sorted(STATUSES))}")
    time = cmd.time
    if time is None and cmd.status is None and not cmd.clear_time:
        raise RuleViolation("a correction changes the time or the status; give one")
    if _same_time(time, ride) and (cmd.status is None or cmd.status == ride.status.value):
        raise RuleViolation(f"{cmd.entrant}: that is already the recorded result")
    return [ev.RideCorrected(cmd.round, cmd.entrant, reason, time, cmd.status, cmd.clear_time)]


def _same_time(time: RaceTime | None, ride: RideState) -> bool:
    """The time is the recorded one, written alike (4:40.5 is not 4:40.50 as recorded)."""
    if time is None or ride.time is None:
        return time is ride.time
    return time.ticks == ride.time.ticks and time.digits == ride.time.digits


def _decision(state: CompetitionState, cmd: c.RecordDecision) -> list[ev.Event]:
    if cmd.effect not in EFFECTS:
        raise RuleViolation(f"a decision's effect is one of {', '.join(EFFECTS)}")
    if not cmd.authority.strip():
        raise RuleViolation("a decision names its authority (commissaires' panel, federation…)")
    if cmd.round is not None:
        round_spec(state, cmd.round)
    if cmd.entrant is not None:
        entrant(state, cmd.entrant)
    if cmd.date is not None and not is_iso_date(cmd.date):
        raise RuleViolation(f"a decision's date is a day written YYYY-MM-DD; got {cmd.date!r}")
    if cmd.effect == "award":
        _award(state, cmd)
    elif cmd.place is not None:
        raise RuleViolation(f"a place goes with a decision to award, not to {cmd.effect}")
    elif cmd.effect != "note":
        if cmd.round is None or cmd.entrant is None:
            raise RuleViolation(f"a decision to {cmd.effect} names the round and the entrant")
        ride = _ride(state, cmd.round, cmd.entrant)
        if cmd.effect == "reinstate" and ride.before_sanction is None:
            raise RuleViolation(f"{cmd.entrant} has no sanction in {cmd.round} to lift")
    return [
        ev.DecisionRecorded(
            cmd.effect,
            cmd.authority.strip(),
            need_reason(cmd.reason),
            cmd.round,
            cmd.entrant,
            cmd.date,
            cmd.place,
            cmd.reference.strip() if cmd.reference and cmd.reference.strip() else None,
            cmd.basis,
        )
    ]


def _award(state: CompetitionState, cmd: c.RecordDecision) -> None:
    """An award names the entrant and a place the competition has."""
    if cmd.entrant is None or cmd.place is None:
        raise RuleViolation("a decision to award names the entrant and the place")
    if not 1 <= cmd.place <= len(state.entrants):
        raise RuleViolation(
            f"{cmd.entrant}: place {cmd.place} is not one of 1–{len(state.entrants)}"
        )


def _import(state: CompetitionState, cmd: c.ImportRide) -> list[ev.Event]:
    round_spec(state, cmd.round)
    entrant(state, cmd.entrant)
    if cmd.status not in STATUSES:
        raise RuleViolation(
            f"{cmd.entrant}: status {cmd.status!r} is not one of {', '.join(sorted(STATUSES))}"
        )
    if cmd.splits and state.meta is not None:  # half-lap splits need the track length
        state.meta.require_track_length()
    if cmd.split_at:
        sparse_splits(state, cmd.entrant, cmd.splits, cmd.split_at)  # they must read
    return [
        ev.RideRecorded(
            cmd.round,
            cmd.entrant,
            cmd.status,
            cmd.time,
            cmd.heat,
            cmd.side,
            tuple(cmd.splits),
            cmd.record,
            cmd.published_rank,
            cmd.basis,
            tuple(cmd.lineup),
            tuple(cmd.dropped),
            tuple(cmd.split_at),
            cmd.note,
        )
    ]


def _publish(state: CompetitionState, cmd: c.PublishClassification) -> list[ev.Event]:
    for _, name in cmd.places:
        entrant(state, name)
    places = tuple(ev.PublishedPlace(r, n) for r, n in cmd.places)
    return [ev.ClassificationPublished(places, cmd.source)]


_HANDLERS: dict[type[c.Command], Callable[[CompetitionState, Any], list[ev.Event]]] = {
    c.CreateCompetition: _create,
    c.RegisterEntrant: _register,
    c.ScheduleRound: _schedule,
    c.DrawRound: _draw,
    c.StartHeat: start_with_lineups,  # a team without a declared line-up gets the default
    c.RecordSplit: split,
    c.SkipHalfLap: skip,
    c.RecordFinish: finish,
    c.RecordCatch: catch,
    c.RecordNonStart: _non_start,
    c.RecordNonFinish: _non_finish,
    c.Disqualify: _disqualify,
    c.Relegate: _relegate,
    c.CorrectRide: _correct,
    c.CorrectSplit: correct_split,
    c.RecordDecision: _decision,
    c.ImportRide: _import,
    c.PublishClassification: _publish,
    c.MapChannels: map_channels,
    c.TakeImpulse: take_impulse,
    c.TakeTimerNoise: take_noise,
    c.AssignImpulse: assign_with_lineups,  # a start placed by hand: as StartHeat
    c.DiscardImpulse: discard_impulse,
    c.ReportTimerStatus: report_status,
    c.DeclareLineup: declare_lineup,
    c.RecordRiderDropped: drop_rider,
}


# --- incidents: false starts and mishaps (core/decide_incidents.py) ---------------------------
_HANDLERS.update({c.RecordFalseStart: false_start, c.RecordIncident: incident})

# --- published orders without times (core/decide_orders.py) ---------------------------------
_HANDLERS[c.PublishOrder] = publish_order

# --- notes (core/notes.py) -------------------------------------------------------------------


def _note_round(state: CompetitionState, cmd: c.NoteRound) -> list[ev.Event]:
    spec = round_spec(state, cmd.round)
    return [ev.RoundNoted(spec.id, cmd.note)]


_HANDLERS[c.NoteRound] = _note_round
