"""The state of a competition folded from its event log.

The fold owns its state: `evolve` changes it in place and returns it, which keeps
replay linear and fast. Times are `RaceTime` values, as the events carry them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pursuit.core.competition import Competition, Metadata, PublishedPlace, Ride, Side, Slot
from pursuit.core.decisions import Decision
from pursuit.core.entrants import Entrant
from pursuit.core.events import DecisionRecorded
from pursuit.core.formats import Format
from pursuit.core.notes import EntrantNotes, Notes
from pursuit.core.ordinals import ordinal
from pursuit.core.outcomes import Outcome, Status
from pursuit.core.splits import Splits
from pursuit.core.times import RaceTime
from pursuit.core.timing_state import TimingState


@dataclass(frozen=True)
class SetAside:
    """A ride set aside by a restart or a re-ride: kept for the log's sake, out of the results."""

    heat: int | None
    splits: tuple[RaceTime, ...]
    time: RaceTime | None
    reason: str


@dataclass
class RideState:
    entrant: str
    heat: int | None = None
    side: str | None = None
    status: Status = Status.FINISHED
    time: RaceTime | None = None
    splits: list[RaceTime] = field(default_factory=list)
    synthetic: bool = False
    finished: bool = False  # the ride is over (finish, catch, non-start, …)
    record: str | None = None
    published_rank: str | None = None
    basis: str | None = None
    lineup: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()  # team pursuit: riders of the line-up who dropped, in order
    before_sanction: tuple[Status, RaceTime | None] | None = None
    # the sanction came from a decision, which the engine applies itself: the model keeps the
    # ride as ridden (so a file written from it holds the race and the decision, not a DSQ
    # that no later decision could lift)
    sanction_decided: bool = False
    missing: set[int] = field(default_factory=set)  # half laps the timer missed (estimated)
    sparse: Splits | None = None  # splits given at some distances only (an imported ride)
    # incidents (core/decide_incidents.py): starts in this round, false starts, rides set aside
    starts: int = 0
    false_starts: int = 0
    set_aside: list[SetAside] = field(default_factory=list)
    reride: bool = False
    remarks: list[str] = field(default_factory=list)
    note: str | None = None

    def set_ride_aside(self, reason: str) -> None:
        """Keep what was ridden so far in `set_aside` and begin the ride again."""
        if self.splits or self.time is not None:
            self.set_aside.append(SetAside(self.heat, tuple(self.splits), self.time, reason))
        self.splits, self.time, self.record, self.sparse = [], None, None, None
        self.status, self.finished = Status.FINISHED, False
        self.missing = set()

    def incident_remarks(self) -> tuple[str, ...]:
        """What the incidents made of the ride, in words: "2nd start", "re-ride", …"""
        words = list(self.remarks)
        if self.false_starts:
            count = self.false_starts
            words.insert(0, "false start" if count == 1 else f"{count} false starts")
        if self.starts >= 2 and not self.reride:
            words.append(f"{ordinal(self.starts)} start")
        return tuple(words)

    def as_ridden(self) -> tuple[Status, RaceTime | None]:
        """Status and time for the engine: before a decision's sanction, which it applies."""
        if self.sanction_decided and self.before_sanction is not None:
            return self.before_sanction
        return self.status, self.time

    def to_ride(self) -> Ride:
        return Ride(
            entrant=self.entrant,
            outcome=Outcome(*self.as_ridden()),
            heat=self.heat,
            side=Side(self.side) if self.side else None,
            splits=self.sparse if self.sparse is not None else Splits.of(self.splits),
            record=self.record,
            published_rank=self.published_rank,
            basis=("synthetic splits; " + (self.basis or "")).strip("; ")
            if self.synthetic
            else self.basis,
            lineup=self.lineup,
            dropped=self.dropped,
            missing=frozenset(self.missing),
            remarks=self.incident_remarks()
            if self.starts > 1 or self.remarks or self.false_starts
            else (),
            note=self.note,
        )


@dataclass
class HeatState:
    round: str
    number: int
    entrants: tuple[str, ...]
    sides: tuple[str, ...]
    started: bool = False
    start_impulse: RaceTime | None = None
    done: bool = False
    stops: int = 0  # times the heat was stopped to be restarted
    reride: bool = False  # a re-ride added at the end of the round


@dataclass
class Correction:
    position: int
    round: str
    entrant: str
    what: str
    reason: str


@dataclass
class CompetitionState:
    position: int = 0
    meta: Metadata | None = None
    format: Format | None = None
    format_name: str = ""
    entrants: dict[str, Entrant] = field(default_factory=dict)
    seed_times: dict[str, RaceTime] = field(default_factory=dict)
    heats: dict[str, dict[int, HeatState]] = field(default_factory=dict)
    rides: dict[str, dict[str, RideState]] = field(default_factory=dict)
    published: list[PublishedPlace] = field(default_factory=list)
    decisions: list[tuple[int, DecisionRecorded]] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    schedule: dict[str, Slot] = field(default_factory=dict)
    timing: TimingState = field(default_factory=TimingState)
    orders: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)  # published, by round
    entrant_notes: dict[str, EntrantNotes] = field(default_factory=dict)
    round_notes: dict[str, str] = field(default_factory=dict)
    published_source: str | None = None
    _model: Competition | None = None

    def advance(self) -> None:
        """One event further: the next position, and the competition model built anew."""
        self.position += 1
        self._model = None

    @property
    def created(self) -> bool:
        return self.meta is not None

    def ride(self, round_id: str, entrant: str) -> RideState | None:
        return self.rides.get(round_id, {}).get(entrant)

    def heat(self, round_id: str, number: int) -> HeatState | None:
        return self.heats.get(round_id, {}).get(number)

    def running_heat(self) -> HeatState | None:
        for heats in self.heats.values():
            for heat in heats.values():
                if heat.started and not heat.done:
                    return heat
        return None

    def heat_of(self, round_id: str, entrant: str) -> HeatState | None:
        for heat in self.heats.get(round_id, {}).values():
            if entrant in heat.entrants:
                return heat
        return None

    def competition(self) -> Competition:
        """The competition model the rules engine computes from (cached until the next event)."""
        if self._model is None:
            assert self.meta is not None and self.format is not None
            rides = {
                round_id: tuple(r.to_ride() for r in by_entrant.values() if _counts(r))
                for round_id, by_entrant in self.rides.items()
            }
            self._model = Competition(
                self.meta,
                self.format,
                tuple(self.entrants.values()),
                rides,
                tuple(self.published),
                schedule=dict(self.schedule),
                orders={r: tuple(chains) for r, chains in self.orders.items()},
                decisions=tuple(as_decision(e) for _, e in self.decisions),
                notes=Notes(
                    dict(self.entrant_notes), dict(self.round_notes), self.published_source
                ),
            )
        return self._model


def as_decision(e: DecisionRecorded) -> Decision:
    """The decision a recorded event carries, as the engine applies it."""
    return Decision(
        e.effect, e.authority, e.reason, e.round, e.entrant, e.date, e.place, e.reference, e.basis
    )


def _counts(ride: RideState) -> bool:
    """A ride enters the results once it has an outcome, a time, or is over."""
    return ride.finished or ride.time is not None or ride.status is not Status.FINISHED


def heat_over(state: CompetitionState, heat: HeatState) -> bool:
    """Every competitor of the heat is done with it: finished (or out), or re-riding elsewhere."""
    rides = state.rides.get(heat.round, {})
    return all(
        n in rides and (rides[n].finished or _elsewhere(rides[n], heat)) for n in heat.entrants
    )


def _elsewhere(ride: RideState, heat: HeatState) -> bool:
    return ride.heat is not None and ride.heat != heat.number
