"""The operator's desk: every drawn heat with its riders, what can be started or drawn next,
and the catch the splits show but nobody has confirmed yet."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pursuit.core.decide_timing import next_half_lap, propose_catch
from pursuit.core.entrants import sort_key
from pursuit.core.live_state import CompetitionState, RideState
from pursuit.core.outcomes import Status
from pursuit.views.results import ResultsView
from pursuit.views.status import (
    drawn_heat_title,
    heat_status,
    nation,
    ride_in_heat,
    round_status,
)
from pursuit.views.virtual_ranking import VirtualRanking
from pursuit.views.virtual_ranking import virtual_ranking as virtual_ranking_of


@dataclass(frozen=True)
class DeskRider:
    name: str
    nation: str
    side: str
    splits: int
    last_split: str
    time: str
    status: str
    done: bool
    index: int = 0  # place in the heat (0: the first side drawn): the form ids follow it
    next_half_lap: int = 1  # the half lap the next split is for
    missed: tuple[int, ...] = ()  # half laps marked missed (skipped or left by the timer)
    dns: bool = False


@dataclass(frozen=True)
class DeskHeat:
    key: str  # "Q/3"
    round: str
    number: int
    title: str
    status: str
    riders: tuple[DeskRider, ...]
    by_family: tuple[str, ...] = ()  # the riders' names as lists offer them

    def side(self, side: str | None) -> tuple[DeskRider, ...]:
        """The riders one side's timekeeper times (all, for "both" or a side not here)."""
        mine = tuple(r for r in self.riders if r.side == side)
        return mine or self.riders


@dataclass(frozen=True)
class DeskRound:
    id: str
    name: str
    kind: str
    status: str
    drawn: bool
    when: str = ""  # scheduled day and time, as written
    drawable: bool = True  # who rides it is known: a knockout round's earlier rounds are decided
    started: bool = False  # a heat of it has started: it cannot be drawn again


@dataclass(frozen=True)
class Proposal:
    heat: str
    round: str
    number: int
    catcher: str
    caught: str
    half_lap: int


@dataclass(frozen=True)
class Desk:
    competition: str
    title: str
    half_laps: int
    rounds: tuple[DeskRound, ...]
    heats: tuple[DeskHeat, ...]
    running: str | None  # key of the running heat
    next_to_start: str | None
    entrants: tuple[str, ...]
    entries_open: bool
    proposal: Proposal | None
    # the virtual ranking of the heat on the track, timed rounds only (`views.virtual_ranking`)
    virtual_ranking: VirtualRanking | None = None

    def heat(self, key: str | None) -> DeskHeat | None:
        return next((h for h in self.heats if h.key == key), None)

    def next_after(self, key: str) -> DeskHeat | None:
        """The heat after heat `key`: the first one after it not yet ridden (running or to
        ride), else any such one."""
        keys = [h.key for h in self.heats]
        later = self.heats[keys.index(key) + 1 :] if key in keys else self.heats
        waiting = [h for h in (*later, *self.heats) if h.status != "finished"]
        return waiting[0] if waiting else None

    def selected(self, wanted: str | None) -> DeskHeat | None:
        """The heat asked for, else the running one, the next to start, or the last."""
        for key in (wanted, self.running, self.next_to_start):
            if (found := self.heat(key)) is not None:
                return found
        return self.heats[-1] if self.heats else None


def desk(competition: str) -> Callable[[CompetitionState, ResultsView], Desk]:
    def build(state: CompetitionState, view: ResultsView) -> Desk:
        assert state.meta is not None
        heats: list[DeskHeat] = []
        for round_id, drawn in state.heats.items():
            for h in drawn.values():
                riders = [
                    _rider(
                        state,
                        round_id,
                        name,
                        side,
                        i,
                        ride_in_heat(state.ride(round_id, name), h.number, side),
                    )
                    for i, (name, side) in enumerate(zip(h.entrants, h.sides, strict=False))
                ]
                heats.append(
                    DeskHeat(
                        f"{round_id}/{h.number}",
                        round_id,
                        h.number,
                        drawn_heat_title(view, h),
                        heat_status(h),
                        tuple(riders),
                        by_family_name(state, h.entrants),
                    )
                )
        running = next((h.key for h in heats if h.status == "running"), None)
        waiting = next((h.key for h in heats if h.status == "to ride"), None)
        proposal = None
        if running is not None:
            round_id, number = running.split("/")
            found = propose_catch(state, round_id, int(number))
            if found is not None:
                proposal = Proposal(running, round_id, int(number), *found)
        first_round = view.rounds[0].id if view.rounds else ""
        return Desk(
            competition=competition,
            title=view.competition.title,
            half_laps=state.meta.half_laps or 0,  # 0: the track length is not known
            rounds=tuple(
                DeskRound(
                    r.id,
                    r.name,
                    r.kind,
                    round_status(state, r),
                    r.id in state.heats,
                    f"{r.date} {r.time}".strip(),
                    r.kind != "knockout" or all(all(h.expected) for h in r.heats),
                    any(h.started for h in state.heats.get(r.id, {}).values()),
                )
                for r in view.rounds
            ),
            heats=tuple(heats),
            running=running,
            next_to_start=waiting,
            entrants=by_family_name(state, state.entrants),
            entries_open=not state.heats.get(first_round),
            proposal=proposal,
            virtual_ranking=virtual_ranking_of(state, view),
        )

    return build


def _rider(
    state: CompetitionState, round_id: str, name: str, side: str, index: int, ride: RideState | None
) -> DeskRider:
    splits = ride.splits if ride else []
    return DeskRider(
        name,
        nation(state, name),
        side,
        len(splits),
        str(splits[-1]) if splits else "",
        str(ride.time) if ride and ride.time is not None else "",
        _status_words(ride),
        bool(ride and ride.finished),
        index,
        next_half_lap(ride) if ride else 1,
        tuple(sorted(ride.missing)) if ride else (),
        bool(ride and ride.status is Status.DNS),
    )


def _status_words(ride: RideState | None) -> str:
    """The ride's outcome with what incidents made of it: "2nd start", "ride set aside: …"."""
    if ride is None:
        return ""
    return ", ".join(p for p in (ride.status.label, *ride.incident_remarks()) if p)


def by_family_name(state: CompetitionState, names: Iterable[str]) -> tuple[str, ...]:
    """`names` in the order lists of riders take: by family name, accents and case ignored."""

    def key(name: str) -> str:
        entrant = state.entrants.get(name)
        return entrant.sort_name if entrant is not None else sort_key(name)

    return tuple(sorted(names, key=key))
