"""Team pursuit on the track: line-ups declared per round, and riders who drop.

A team names the riders it starts a round with (3.2.079) until its heat in that round starts;
a heat starting with a team that declared none takes its line-up from the team's previous
round, or else the first `team_size` riders of its roster, and says so in the log
(`by_default`). A team whose roster is short of `team_size` may not start (3.2.087). When a
rider drops, the team rides on while it still has its counting rider (the 3rd, whose front
wheel takes the time); with fewer it cannot finish and its ride is over (DNF: in a knockout
round it is beaten; the commissaires may relegate it with a reason).
"""

from __future__ import annotations

from pursuit.core import commands as c
from pursuit.core import events as ev
from pursuit.core.decide_impulses import assign_impulse
from pursuit.core.decide_timing import start
from pursuit.core.entrants import Team
from pursuit.core.guards import About, round_spec
from pursuit.core.lineups import lineup_problems
from pursuit.core.live_state import CompetitionState, HeatState
from pursuit.core.outcomes import Status


def declare_lineup(state: CompetitionState, cmd: c.DeclareLineup) -> list[ev.Event]:
    spec = round_spec(state, cmd.round)
    at = About(cmd.team, spec.id, field="riders")
    team = _team(state, cmd.team, at)
    heat = state.heat_of(spec.id, team.name)
    if heat is None:
        drawn = bool(state.heats.get(spec.id))
        raise at.refuse(
            f"{team.name} does not ride in {spec.name}"
            if drawn
            else f"{spec.name} is not drawn yet: draw it, then declare {team.name}'s line-up"
        )
    at = About(team.name, spec.id, heat.number, field="riders")
    if heat.started:
        raise at.refuse(
            f"{team.name}: {spec.name} heat {heat.number} has started; "
            "the line-up can no longer change"
        )
    riders = tuple(r.strip() for r in cmd.riders)
    assert state.format is not None
    problems = lineup_problems(riders, [r.name for r in team.roster], state.format.team_size)
    if problems:
        raise at.refuse(f"{team.name}: " + "; ".join(problems))
    ride = state.ride(spec.id, team.name)
    if ride is not None and ride.lineup == riders:
        raise at.refuse(f"{team.name}: that is already the line-up for {spec.name}")
    return [ev.LineupDeclared(spec.id, team.name, riders, heat.number)]


def start_with_lineups(state: CompetitionState, cmd: c.StartHeat) -> list[ev.Event]:
    """Start a heat (`decide_timing.start`), each team in it with a line-up: the declared
    one, or the default, or none when the team has no roster to take one from."""
    return _with_default_lineups(state, start(state, cmd))


def assign_with_lineups(state: CompetitionState, cmd: c.AssignImpulse) -> list[ev.Event]:
    """An impulse placed by hand (`decide_impulses.assign_impulse`); when it starts a heat,
    the teams in it get their line-ups as at any start."""
    return _with_default_lineups(state, assign_impulse(state, cmd))


def _with_default_lineups(state: CompetitionState, events: list[ev.Event]) -> list[ev.Event]:
    started = next((e for e in events if isinstance(e, ev.HeatStarted)), None)
    heat = state.heat(started.round, started.heat) if started is not None else None
    if heat is None:
        return events
    defaults: list[ev.Event] = []
    for name in heat.entrants:
        team = state.entrants.get(name)
        ride = state.ride(heat.round, name)
        if not isinstance(team, Team) or (ride is not None and ride.lineup):
            continue
        lineup = _default_lineup(state, heat.round, team, heat)
        if lineup:
            defaults.append(ev.LineupDeclared(heat.round, name, lineup, heat.number, True))
    return defaults + events


def _default_lineup(
    state: CompetitionState, round_id: str, team: Team, heat: HeatState
) -> tuple[str, ...]:
    assert state.format is not None
    size = state.format.team_size
    earlier = state.format.round_ids()
    for previous in reversed(earlier[: earlier.index(round_id)]):
        ride = state.ride(previous, team.name)
        if ride is not None and ride.lineup:
            return ride.lineup
    roster = tuple(r.name for r in team.roster)
    if roster and len(roster) < size:
        raise About(team.name, round_id, heat.number).refuse(
            f"{team.name} cannot start {round_id} heat {heat.number}: {len(roster)} riders on "
            f"the roster, and a team starts with {size} (an incomplete team may not start)"
        )
    return roster[:size]


def drop_rider(state: CompetitionState, cmd: c.RecordRiderDropped) -> list[ev.Event]:
    spec = round_spec(state, cmd.round)
    at = About(cmd.team, spec.id, cmd.heat, cmd.half_lap, field="rider")
    team = _team(state, cmd.team, at)
    heat = state.heat(spec.id, cmd.heat)
    if heat is None or team.name not in heat.entrants:
        raise at.refuse(f"{team.name} does not ride in {spec.name} heat {cmd.heat}")
    if not heat.started or heat.done:
        raise at.refuse(f"{spec.name} heat {cmd.heat} is not running")
    ride = state.ride(spec.id, team.name)
    assert ride is not None and state.format is not None and state.meta is not None
    if ride.finished:
        raise at.refuse(
            f"{team.name} has already finished ({ride.time or ride.status.value}) in {spec.name}"
        )
    rider = cmd.rider.strip()
    if rider not in ride.lineup:
        riding = ", ".join(ride.lineup) or "no line-up recorded"
        raise at.refuse(f"{rider} is not in {team.name}'s line-up for {spec.name} ({riding})")
    if rider in ride.dropped:
        raise at.refuse(f"{rider} of {team.name} has already dropped")
    if cmd.half_lap is not None and not 1 <= cmd.half_lap <= state.meta.counted_half_laps:
        raise at.refuse(
            f"half lap {cmd.half_lap} is not between 1 and {state.meta.counted_half_laps}"
        )
    events: list[ev.Event] = [ev.RiderDropped(spec.id, cmd.heat, team.name, rider, cmd.half_lap)]
    riding_on = len(ride.lineup) - len(ride.dropped) - 1
    if riding_on < state.format.counting_rider:
        events.append(ev.OutcomeRecorded(spec.id, team.name, Status.DNF.value, cmd.heat))
    return events


def _team(state: CompetitionState, name: str, at: About) -> Team:
    entrant = state.entrants.get(name.strip())
    if entrant is None:
        raise at.refuse(f"{name!r} is not entered")
    if not isinstance(entrant, Team):
        raise at.refuse(f"{name} is a rider; line-ups are for teams")
    return entrant
