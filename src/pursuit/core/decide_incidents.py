"""Commands for incidents: a false start, a recognised mishap (UCI 3.2.021 ter, 3.2.074–075,
3.2.099–100). What each costs is the format's (`Format.incidents`, per the round's phase).

- A false start, or a mishap before the restart window closes (the first half lap), stops the
  heat and everyone in it starts again: another start each.
- A competitor who has used the round's `starts_per_phase` gets no further start: the incident
  that would give one costs the format's `second_false_start` sanction instead.
- A later mishap costs the format's `late_incident`: a re-ride alone at the end of the round
  (qualifying), considered beaten (finals), or nothing (a team going on with three).
"""

from __future__ import annotations

from dataclasses import replace

from pursuit.core import commands as c
from pursuit.core import events as ev
from pursuit.core.formats import RoundSpec
from pursuit.core.guards import About, entrant, round_spec
from pursuit.core.incident_rules import INCIDENT_KINDS, Consequence, IncidentRules
from pursuit.core.live_state import CompetitionState, HeatState, RideState
from pursuit.core.ordinals import ordinal
from pursuit.core.outcomes import Status


def false_start(state: CompetitionState, cmd: c.RecordFalseStart) -> list[ev.Event]:
    spec, heat, ride, at = _riding(state, cmd.round, cmd.heat, cmd.entrant)
    if ride.splits:
        raise replace(at, half_lap=1).refuse(
            f"{cmd.entrant} has passed half lap 1 in {spec.name} heat {cmd.heat}: a false "
            "start is called before; record a mishap instead"
        )
    why = f"false start by {cmd.entrant} ({ordinal(ride.starts)} start)"
    recorded = ev.FalseStartRecorded(spec.id, heat.number, cmd.entrant, ride.starts)
    return [recorded, *_restart(state, spec, heat, ride, why)]


def incident(state: CompetitionState, cmd: c.RecordIncident) -> list[ev.Event]:
    spec, heat, ride, at = _riding(state, cmd.round, cmd.heat, cmd.entrant)
    assert state.format is not None and state.meta is not None
    rules, team = state.format.incidents, state.format.event == "team"
    if cmd.kind not in INCIDENT_KINDS:
        raise replace(at, field="kind").refuse(
            f"{cmd.entrant}: {cmd.kind!r} is not a recognised mishap; it is one of "
            f"{', '.join(INCIDENT_KINDS)} (anything else earns nothing)"
        )
    if not team and (cmd.team_stops or cmd.short_team):
        field = "team_stops" if cmd.team_stops else "short_team"
        raise replace(at, field=field).refuse(f"{cmd.entrant} is a rider, not a team: {field}")
    half_lap = cmd.half_lap if cmd.half_lap is not None else len(ride.splits) + 1
    last = state.meta.counted_half_laps
    if not 1 <= half_lap <= last or half_lap <= len(ride.splits):
        raise replace(at, half_lap=half_lap, field="half_lap").refuse(
            f"{cmd.entrant}: half lap {half_lap} is not one still to ride "
            f"({len(ride.splits) + 1} to {last})"
        )
    what = f"{cmd.kind} of {cmd.entrant} at half lap {half_lap}"
    if half_lap <= rules.restart_half_laps and not cmd.short_team:
        stop = _restart(state, spec, heat, ride, what)
        consequence = _consequence_of(stop)
        recorded = ev.IncidentRecorded(
            spec.id, heat.number, cmd.entrant, cmd.kind, half_lap, consequence
        )
        return [recorded, *stop]
    chosen = _late(rules, spec, cmd, team, at)
    if chosen is Consequence.RERIDE and _no_start_left(state, ride):
        chosen = rules.second_false_start.of(spec.phase)
        what += f" after {ordinal(ride.starts)} start"
    recorded = ev.IncidentRecorded(
        spec.id, heat.number, cmd.entrant, cmd.kind, half_lap, chosen.value
    )
    if chosen is Consequence.RERIDE:
        number = max(state.heats.get(spec.id, {heat.number: heat})) + 1
        return [recorded, ev.RerideGranted(spec.id, cmd.entrant, number, what)]
    return [recorded, *_sanction(spec, heat, cmd.entrant, chosen, what)]


def _late(
    rules: IncidentRules, spec: RoundSpec, cmd: c.RecordIncident, team: bool, at: About
) -> Consequence:
    """What a mishap after the restart window costs, per the round's phase."""
    if cmd.short_team:
        return rules.short_team.of(spec.phase)
    chosen = rules.late_incident.of(spec.phase)
    if team and chosen is Consequence.RERIDE and not cmd.team_stops:
        return Consequence.IGNORED  # the team goes on with three
    if cmd.team_stops and chosen is not Consequence.RERIDE:
        raise replace(at, field="team_stops").refuse(
            f"{cmd.entrant}: in the {spec.name.lower()} a team does not stop for a mishap "
            f"({chosen.value}); it goes on, or is short of riders (short_team)"
        )
    return chosen


def _riding(
    state: CompetitionState, round_id: str, number: int, name: str
) -> tuple[RoundSpec, HeatState, RideState, About]:
    """The round, the running heat and the ride an incident is about; refused unless the
    competitor is riding that heat now."""
    spec = round_spec(state, round_id)
    entrant(state, name)
    at = About(name, round_id, number)
    heat = state.heat(round_id, number)
    if heat is None:
        raise at.refuse(f"{spec.name} heat {number} is not drawn")
    ride = state.ride(round_id, name)
    if name not in heat.entrants or ride is None or ride.heat != number:
        raise at.refuse(f"{name} does not ride in {spec.name} heat {number}")
    if not heat.started or heat.done:
        raise at.refuse(
            f"{spec.name} heat {number} is not running: an incident is recorded while it is"
        )
    if ride.finished:
        raise at.refuse(f"{name} is no longer riding in heat {number} ({_shown(ride)})")
    return spec, heat, ride, at


def _shown(ride: RideState) -> str:
    if ride.status is Status.FINISHED:
        return str(ride.time) if ride.time is not None else "finished"
    return ride.status.label or ride.status.value


def _no_start_left(state: CompetitionState, ride: RideState) -> bool:
    assert state.format is not None
    return ride.starts >= state.format.starts_per_phase


def _restart(
    state: CompetitionState, spec: RoundSpec, heat: HeatState, ride: RideState, why: str
) -> list[ev.Event]:
    """The heat stopped to start again; the competitor at fault sanctioned instead when the
    round's starts are used up (the others start again whatever their count)."""
    stopped = ev.HeatStopped(spec.id, heat.number, why)
    if not _no_start_left(state, ride):
        return [stopped]
    assert state.format is not None
    chosen = state.format.incidents.second_false_start.of(spec.phase)
    reason = f"{why}: no start left ({state.format.starts_per_phase} per round)"
    return [stopped, *_sanction(spec, heat, ride.entrant, chosen, reason)]


def _consequence_of(stop: list[ev.Event]) -> str:
    """What a stop made of the competitor at fault: a restart, or the sanction's name."""
    names = {
        ev.OutcomeRecorded: Consequence.ELIMINATED,
        ev.RiderRelegated: Consequence.RELEGATED,
        ev.ConsideredBeaten: Consequence.BEATEN,
        ev.RiderDisqualified: Consequence.DISQUALIFIED,
    }
    for event in stop[1:]:
        return names[type(event)].value
    return "restart"


def _sanction(
    spec: RoundSpec, heat: HeatState, name: str, chosen: Consequence, reason: str
) -> list[ev.Event]:
    if chosen is Consequence.ELIMINATED:
        return [ev.OutcomeRecorded(spec.id, name, Status.DNF.value, heat.number)]
    if chosen is Consequence.RELEGATED:
        return [ev.RiderRelegated(spec.id, name, reason)]
    if chosen is Consequence.DISQUALIFIED:
        return [ev.RiderDisqualified(spec.id, name, reason)]
    if chosen is Consequence.BEATEN:
        return [ev.ConsideredBeaten(spec.id, heat.number, name, reason)]
    return []  # ignored: the race goes on
