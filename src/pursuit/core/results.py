"""The computed results: what the engine derives from a competition."""

from __future__ import annotations

from dataclasses import dataclass, field

from pursuit.core.competition import Competition, Ride
from pursuit.core.decisions import Decision
from pursuit.core.findings import Finding
from pursuit.core.formats import RoundSpec


@dataclass(frozen=True, slots=True)
class RankedRide:
    """A ride's line in a round table. `rank` None means unranked ('–')."""

    ride: Ride
    rank: int | None
    shared: bool = False
    note: str = ""
    heat: int | None = None
    by_published: bool = False  # ranked at its published place: it has no time

    @property
    def label(self) -> str:
        return "–" if self.rank is None else str(self.rank)


@dataclass(frozen=True, slots=True)
class HeatResult:
    """A heat as ridden: who was in it, their rides and who won."""

    round_id: str
    number: int
    title: str
    expected: tuple[str | None, ...]  # who the format puts here (None: not known yet)
    rides: tuple[Ride, ...]
    winner: str | None = None
    loser: str | None = None
    decided_by: str = ""  # time | last_lap | catch | outcome | published | ""
    places: tuple[int, int] = (1, 2)
    bracket: int = 0  # the heat's place in the format's `heats` (0: the same as `number`)

    @property
    def decided(self) -> bool:
        return self.winner is not None

    def rank_of(self, entrant: str) -> int | None:
        if entrant == self.winner:
            return self.places[0]
        if entrant == self.loser:
            return self.places[1]
        return None


@dataclass(frozen=True, slots=True)
class RoundResult:
    """A round computed: its ranking, heats and who went on."""

    spec: RoundSpec
    ranking: tuple[RankedRide, ...]  # timed: by time; knockout: heat by heat
    heats: tuple[HeatResult, ...] = ()
    advanced: tuple[str, ...] = ()  # timed rounds: seeds in order
    eliminated: frozenset[str] = frozenset()  # overtaken and out (AC)
    complete: bool = False

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def started(self) -> bool:
        return bool(self.ranking) or any(h.rides for h in self.heats)


@dataclass(frozen=True, slots=True)
class ClassifiedPlace:
    """One line of the classification. A vacant place has no entrant."""

    label: str  # "1", "5", "AC", "DNF", "" (still in competition)
    entrant: str | None
    rank: int | None = None
    shared: bool = False
    vacant: bool = False
    awarded: Decision | None = None  # the decision that gave this place, when one did


@dataclass(frozen=True, slots=True)
class Results:
    """A competition computed by the rules: every round and the final classification."""

    competition: Competition
    rounds: tuple[RoundResult, ...]
    classification: tuple[ClassifiedPlace, ...]
    findings: tuple[Finding, ...] = field(default=())

    def round(self, round_id: str) -> RoundResult:
        for r in self.rounds:
            if r.id == round_id:
                return r
        raise KeyError(round_id)

    @property
    def complete(self) -> bool:
        return all(r.complete for r in self.rounds)
