"""Competition formats as data: rounds, pools and a classification recipe.

The engine interprets a `Format`; it holds no format-specific code. See
docs/formats.md for the file language; `format_from_mapping` reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from pursuit.core.incident_rules import DEFAULT_INCIDENTS, IncidentRules, Phase
from pursuit.core.ordinals import ordinal
from pursuit.core.refs import HeatRef, RankRef, Ref


class RoundKind(Enum):
    TIMED = "timed"  # ranked by time only; heat results are ignored
    KNOCKOUT = "knockout"  # the heat winner goes on


class CatchEffect(Enum):
    RIDE_ON = "ride_on"  # both ride the full distance; only time counts
    ENDS_RACE = "ends_race"  # the catcher wins, the race stops
    EASE_UP = "ease_up"  # the catcher wins and eases up; the caught rider finishes for a time


class OvertakenRule(Enum):
    ELIMINATE = "eliminate"  # an overtaken rider is out whatever the time (listed AC)
    TIME_COUNTS = "time_counts"  # only the time counts


class TieBreak(Enum):
    LAST_LAP = "last_lap"  # the better last lap, where splits exist
    SHARED = "shared"  # a shared rank


class MemberGroup(Enum):
    """A round's group of entrants, written GROUP:ROUND in a format file."""

    WINNERS = "winners"  # each heat's winner, in heat order
    LOSERS = "losers"  # each heat's loser, in heat order
    ADVANCED = "advanced"  # those who go on from the round
    NOT_ADVANCED = "not_advanced"  # the ranked who do not go on
    RANKED = "ranked"  # everyone with a rank in the round


class OrderKind(Enum):
    """How a block or pool numbers its members."""

    LISTED = "listed"  # one place each, as listed
    SHARED = "shared"  # one shared place for all
    TIME = "time"  # by their time in a round (written time:ROUND)
    RANK = "rank"  # by their rank in a round (written rank:ROUND)


class UnrankedOrder(Enum):
    """How the entrants of an unranked block (AC, DNF, …) are listed."""

    TIME = "time"  # best time ridden first
    NAME = "name"  # alphabetically


class OvertakenInOrder(Enum):
    """Where an order by a round's time puts a competitor overtaken there without a time."""

    UNKNOWN = "unknown"  # like one whose time is not known: after the timed, sharing a place
    LAST = "last"  # after everyone who finished, timed or not (before non-starters)


@dataclass(frozen=True, slots=True)
class MemberSet:
    """Who a block or pool is made of: listed references or a round's group."""

    refs: tuple[Ref, ...] = ()
    group: MemberGroup | None = None
    round: str | None = None

    def __str__(self) -> str:
        if self.group is not None:
            return f"{self.group.value}:{self.round}"
        return ", ".join(str(r) for r in self.refs)


@dataclass(frozen=True, slots=True)
class Order:
    """How members are put in order: as listed, sharing one rank, or by a round's time or rank."""

    kind: OrderKind
    round: str | None = None

    def __str__(self) -> str:
        return self.kind.value if self.round is None else f"{self.kind.value}:{self.round}"


@dataclass(frozen=True, slots=True)
class HeatSpec:
    """A heat of a round: who the format puts in it, by reference."""

    number: int
    refs: tuple[Ref, ...]


def bracket_position(heat: HeatSpec) -> str:
    """Who the bracket puts in a heat, in words: "4th v 5th", "QF.W2 v QF.W4"."""
    return " v ".join(ordinal(r.n) if isinstance(r, RankRef) else str(r) for r in heat.refs)


@dataclass(frozen=True, slots=True)
class RoundSpec:
    """A round of a format: how it is ridden and who goes on."""

    id: str
    name: str
    kind: RoundKind
    catch: CatchEffect
    overtaken: OvertakenRule = OvertakenRule.TIME_COUNTS
    advance: int | None = None
    heats: tuple[HeatSpec, ...] = ()
    # Read and checked, not used by the engine: results keep the numbering of `heats`; only
    # the heat sheets, start lists and the live "now" page list heats in this order.
    run_order: tuple[int, ...] = ()
    places: tuple[int, ...] = ()  # ranks shown for a heat's winner and loser (bronze: 3, 4)
    heat_name: str = "{round} heat {n}"
    competitors_per_heat: int = 2
    # The qualification mark (Q, QG, QB) shown beside each competitor this round draws, on
    # their row in the round they come from; "" for none.
    mark: str = ""
    phase_given: Phase | None = None  # the file's `phase`; None: derived (see `phase`)

    @property
    def phase(self) -> Phase:
        """The UCI phase: as written, else qualifying for a timed round, a final for a knockout
        round that gives places, a first round for any other knockout round."""
        if self.phase_given is not None:
            return self.phase_given
        if self.kind is RoundKind.TIMED:
            return Phase.QUALIFYING
        return Phase.FINAL if self.places else Phase.FIRST_ROUND

    def heat_title(self, number: int) -> str:
        """The title of the heat numbered `number`: with a `run_order`, a riding-order number,
        and the heat's place in the bracket alongside: "Quarterfinal 1 (4th v 5th)"."""
        title = self.heat_name.format(round=self.name, n=number)
        if not self.run_order or not 1 <= number <= len(self.run_order):
            return title
        return f"{title} ({bracket_position(self.heats[self.bracket_number(number) - 1])})"

    def riding_number(self, bracket: int) -> int:
        """The number a heat carries (its place in the riding order when the round has a
        `run_order`) from its place in `heats` (the bracket), which references such as
        `QF.W1` name."""
        if not self.run_order or bracket not in self.run_order:
            return bracket
        return self.run_order.index(bracket) + 1

    def bracket_number(self, riding: int) -> int:
        """The place in `heats` of the heat numbered `riding` (the inverse of riding_number)."""
        if not self.run_order or not 1 <= riding <= len(self.run_order):
            return riding
        return self.run_order[riding - 1]

    @property
    def heats_in_run_order(self) -> tuple[HeatSpec, ...]:
        if not self.run_order:
            return self.heats
        by_number = {h.number: h for h in self.heats}
        return tuple(by_number[n] for n in self.run_order)


@dataclass(frozen=True, slots=True)
class Pool:
    """A named ordering of competitors, referred to as ID#n (e.g. R1 winners by time)."""

    id: str
    members: MemberSet
    order: Order


@dataclass(frozen=True, slots=True)
class Block:
    """One block of the classification, top to bottom."""

    members: MemberSet
    order: Order


@dataclass(frozen=True, slots=True)
class UnrankedBlock:
    """Competitors without a number, after every ranked one (AC, DNF, DNS, …)."""

    label: str
    statuses: tuple[str, ...]
    order: UnrankedOrder = UnrankedOrder.TIME


DEFAULT_UNRANKED = (
    UnrankedBlock("AC", ("overtaken",), UnrankedOrder.TIME),
    UnrankedBlock("DNF", ("dnf",), UnrankedOrder.NAME),
    UnrankedBlock("REL", ("rel",), UnrankedOrder.NAME),
    UnrankedBlock("DNS", ("dns",), UnrankedOrder.NAME),
    UnrankedBlock("DSQ", ("dsq",), UnrankedOrder.NAME),
)


@dataclass(frozen=True, slots=True)
class Format:
    """A competition format: its rounds and the rules they are ridden by."""

    name: str
    title: str
    description: str
    event: str  # individual | team; read and checked, not used yet
    precision: int  # decimal digits times are compared at
    rounds: tuple[RoundSpec, ...]
    classification: tuple[Block, ...]
    pools: tuple[Pool, ...] = ()
    unranked: tuple[UnrankedBlock, ...] = DEFAULT_UNRANKED
    tie_break: tuple[TieBreak, ...] = (TieBreak.LAST_LAP, TieBreak.SHARED)
    team_size: int = 4
    # Read and checked, not used by the engine yet (docs/formats.md, "What a format cannot say
    # yet"): the rider a team's time is taken on.
    counting_rider: int = 3
    starts_per_phase: int = 2  # starts a competitor may have in one round (3.2.021 ter)
    incidents: IncidentRules = DEFAULT_INCIDENTS
    source: str | None = field(default=None, compare=False)
    overtaken_in_time_order: OvertakenInOrder = OvertakenInOrder.UNKNOWN

    def round(self, round_id: str) -> RoundSpec:
        for spec in self.rounds:
            if spec.id == round_id:
                return spec
        raise KeyError(round_id)

    def round_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.rounds)


def references_of(spec: RoundSpec | Pool | Block) -> tuple[Ref, ...]:
    if isinstance(spec, RoundSpec):
        return tuple(ref for heat in spec.heats for ref in heat.refs)
    return spec.members.refs


def ref_round(ref: Ref) -> str:
    return ref.source if isinstance(ref, RankRef) else ref.round


__all__ = [
    "Block",
    "CatchEffect",
    "Format",
    "HeatRef",
    "HeatSpec",
    "MemberGroup",
    "MemberSet",
    "Order",
    "OrderKind",
    "OvertakenInOrder",
    "OvertakenRule",
    "Pool",
    "RankRef",
    "RoundKind",
    "RoundSpec",
    "TieBreak",
    "UnrankedBlock",
    "UnrankedOrder",
    "references_of",
]
