"""Where a competition, a round and a heat stand: to come, drawn, running, provisional, official.

A round is official once complete; the competition once every round is. Until then results are
provisional.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pursuit.views.results import ResultsView, RoundView

if TYPE_CHECKING:  # the live state's modules: imported by what builds one, not by a file's sheets
    from pursuit.core.live_state import CompetitionState, HeatState, RideState

OFFICIAL = "official"
PROVISIONAL = "provisional"


@dataclass(frozen=True)
class RoundLine:
    """A round's line of the status: its kind, where it stands, when it is ridden."""

    id: str
    name: str
    kind: str  # timed | knockout
    status: str  # to come | drawn | running | provisional | official
    official: bool
    date: str = ""  # scheduled day (ISO), "" when not scheduled
    time: str = ""  # scheduled start (HH:MM)


@dataclass(frozen=True)
class HeatRef:
    """A heat by its round and number, with its title."""

    round: str
    number: int
    title: str


def heat_status(heat: HeatState | None) -> str:
    if heat is None:
        return "finished"  # known only from results (an imported competition)
    if heat.done:
        return "finished"
    return "running" if heat.started else "to ride"


def round_status(state: CompetitionState, rnd: RoundView) -> str:
    return status_of(rnd, [heat_status(h) for h in state.heats.get(rnd.id, {}).values()])


def status_of(rnd: RoundView, drawn: Sequence[str]) -> str:
    """Where a round stands, given the status of each heat drawn in it."""
    if rnd.complete:
        return OFFICIAL
    if "running" in drawn:
        return "running"
    if rnd.ranking:
        return PROVISIONAL
    return "drawn" if drawn else "to come"


def round_line(state: CompetitionState, rnd: RoundView) -> RoundLine:
    status = round_status(state, rnd)
    return line_of(rnd, status)


def line_of(rnd: RoundView, status: str) -> RoundLine:
    return RoundLine(rnd.id, rnd.name, rnd.kind, status, rnd.complete, rnd.date, rnd.time)


def find_round(view: ResultsView, round_id: str) -> RoundView | None:
    return next((r for r in view.rounds if r.id == round_id), None)


def heat_title(view: ResultsView, round_id: str, number: int) -> str:
    rnd = find_round(view, round_id)
    if rnd is not None:
        for heat in rnd.heats:
            if heat.number == number and rnd.kind == "knockout":
                return heat.title
        return f"{rnd.name}, heat {number}"
    return f"{round_id} heat {number}"


def running_heat(state: CompetitionState, view: ResultsView) -> HeatRef | None:
    heat = state.running_heat()
    if heat is None:
        return None
    return HeatRef(heat.round, heat.number, heat_title(view, heat.round, heat.number))


def nation(state: CompetitionState, name: str) -> str:
    entrant = state.entrants.get(name)
    return (entrant.nation or "") if entrant is not None else ""


def heat_rides(state: CompetitionState, round_id: str, number: int) -> list[RideState]:
    """The heat's rides as they stand, red side first; a drawn rider with nothing recorded yet
    has an empty ride."""
    from pursuit.core.live_state import RideState

    heat = state.heat(round_id, number)
    rides = state.rides.get(round_id, {})
    if heat is not None:
        found = [
            ride_in_heat(rides.get(n), number, s) or RideState(n, number, s)
            for n, s in zip(heat.entrants, heat.sides, strict=False)
        ]
    else:
        found = [r for r in rides.values() if r.heat == number]
    return sorted(found, key=lambda r: (r.side != "red", r.side != "green"))


def ride_in_heat(ride: RideState | None, number: int, side: str) -> RideState | None:
    """The ride as heat `number` saw it: a rider who re-rides elsewhere shows the ride set
    aside here (its splits so far), marked as such."""
    if ride is None or ride.heat is None or ride.heat == number:
        return ride
    from pursuit.core.live_state import RideState

    aside = next((a for a in reversed(ride.set_aside) if a.heat == number), None)
    return RideState(
        ride.entrant,
        number,
        side,
        splits=list(aside.splits) if aside is not None else [],
        finished=True,
        remarks=[f"ride set aside: re-rides in heat {ride.heat}"],
    )


def drawn_heat_title(view: ResultsView, heat: HeatState) -> str:
    """A drawn heat's title, marked when it is a re-ride added at the end of its round."""
    title = heat_title(view, heat.round, heat.number)
    return f"{title} (re-ride)" if heat.reride else title
