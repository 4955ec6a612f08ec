"""Events: what happened, in the past tense, with a stable wire name and schema version.

Events are plain frozen dataclasses carrying values (times as `RaceTime`, the metadata as one
`Metadata`). `core.event_wire` writes them to and reads them from (name, version, data) for
the store, with times as strings; the wire name is never the Python class path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from pursuit.core.competition import Metadata
from pursuit.core.times import RaceTime


@dataclass(frozen=True, slots=True)
class Event:
    wire_name: ClassVar[str] = ""
    version: ClassVar[int] = 1


@dataclass(frozen=True, slots=True)
class CompetitionCreated(Event):
    wire_name = "CompetitionCreated"
    format_name: str
    format_definition: dict[str, Any]  # the format file's table, so the log stands alone
    meta: Metadata  # on the wire, its fields sit beside the format's (title first)


@dataclass(frozen=True, slots=True)
class EntrantRegistered(Event):
    wire_name = "EntrantRegistered"
    name: str
    nation: str | None = None
    family_name: str | None = None
    bib: str | None = None
    seed_time: RaceTime | None = None  # declared or seeded time, for the qualifying draw
    roster: tuple[str, ...] | None = None  # a team's riders; None for a rider
    note: str | None = None  # what the source or the editor says about the entrant
    aka: tuple[str, ...] = ()  # other spellings of the name in the sources
    basis: str | None = None  # how the entrant's facts are known


@dataclass(frozen=True, slots=True)
class RoundScheduled(Event):
    wire_name = "RoundScheduled"
    round: str
    date: str
    time: str | None = None


@dataclass(frozen=True, slots=True)
class HeatDrawn:
    number: int
    entrants: tuple[str, ...]
    sides: tuple[str, ...]  # "red" / "green", one per entrant


@dataclass(frozen=True, slots=True)
class RoundDrawn(Event):
    wire_name = "RoundDrawn"
    round: str
    heats: tuple[HeatDrawn, ...]


@dataclass(frozen=True, slots=True)
class HeatStarted(Event):
    wire_name = "HeatStarted"
    round: str
    heat: int
    start_impulse: RaceTime | None = None  # time of day from the timer, e.g. 15:02:11.0342


@dataclass(frozen=True, slots=True)
class SplitRecorded(Event):
    wire_name = "SplitRecorded"
    round: str
    heat: int
    entrant: str
    half_lap: int
    elapsed: RaceTime
    synthetic: bool = False  # made up by a replay, not measured


@dataclass(frozen=True, slots=True)
class FinishRecorded(Event):
    wire_name = "FinishRecorded"
    round: str
    heat: int
    entrant: str
    time: RaceTime
    source: str = "typed"  # typed | impulse
    record: str | None = None  # OR, WR


@dataclass(frozen=True, slots=True)
class CatchRecorded(Event):
    wire_name = "CatchRecorded"
    round: str
    heat: int
    catcher: str
    caught: str
    half_lap: int | None = None


@dataclass(frozen=True, slots=True)
class OutcomeRecorded(Event):
    """A non-start or a non-finish (status dns / dnf)."""

    wire_name = "OutcomeRecorded"
    round: str
    entrant: str
    status: str
    heat: int | None = None


@dataclass(frozen=True, slots=True)
class RiderDisqualified(Event):
    wire_name = "RiderDisqualified"
    round: str
    entrant: str
    reason: str


@dataclass(frozen=True, slots=True)
class RiderRelegated(Event):
    wire_name = "RiderRelegated"
    round: str
    entrant: str
    reason: str


@dataclass(frozen=True, slots=True)
class RideCorrected(Event):
    wire_name = "RideCorrected"
    round: str
    entrant: str
    reason: str
    time: RaceTime | None = None
    status: str | None = None
    clear_time: bool = False


@dataclass(frozen=True, slots=True)
class SplitCorrected(Event):
    wire_name = "SplitCorrected"
    round: str
    entrant: str
    half_lap: int
    elapsed: RaceTime
    reason: str


@dataclass(frozen=True, slots=True)
class DecisionRecorded(Event):
    """A commissaires' or federation's ruling: its effect, authority, date and reason."""

    wire_name = "DecisionRecorded"
    effect: str  # disqualify | reinstate | award | note (core/decisions.py)
    authority: str
    reason: str
    round: str | None = None
    entrant: str | None = None
    date: str | None = None
    place: int | None = None  # award: the place given
    reference: str | None = None  # where the decision was published (a communiqué)
    basis: str | None = None  # how the decision is known: published, inferred


@dataclass(frozen=True, slots=True)
class RideRecorded(Event):
    """A whole ride entered at once (an imported or historical result)."""

    wire_name = "RideRecorded"
    round: str
    entrant: str
    status: str = "finished"
    time: RaceTime | None = None
    heat: int | None = None
    side: str | None = None
    splits: tuple[RaceTime, ...] = ()
    record: str | None = None
    published_rank: str | None = None
    basis: str | None = None
    lineup: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()  # team pursuit: riders of the line-up who dropped
    split_at: tuple[str, ...] = ()  # distance of each split ("1000 m"); () when every half lap
    note: str | None = None  # what the source or the editor says about the ride


# --- the timer ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChannelsMapped(Event):
    """Which timer channel is which (`start`, `gate red`, `line green`, …), with a fixed delay
    in ticks to subtract from each; kept in the log so a replay assigns impulses the same way."""

    wire_name = "ChannelsMapped"
    channels: tuple[str, ...]
    uses: tuple[str, ...]
    delays: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class ImpulseReceived(Event):
    """An impulse exactly as the timer sent it, stored before anything is made of it."""

    wire_name = "ImpulseReceived"
    source: str  # the device: serial:/dev/ttyUSB0, tcp:10.0.0.5:7000, keyboard
    number: int  # the timer's impulse number
    channel: str
    time_of_day: RaceTime
    received_at: str  # ISO 8601, this computer's clock
    manual: bool = False  # given by hand on the device


@dataclass(frozen=True, slots=True)
class TimerNoiseReceived(Event):
    """A line from the timer that is not an impulse: kept as it came, with why."""

    wire_name = "TimerNoiseReceived"
    source: str
    raw: str
    reason: str
    received_at: str


@dataclass(frozen=True, slots=True)
class ImpulseAssigned(Event):
    """An impulse placed in a heat: the passage of `entrant` at `half_lap` (its `index`-th
    impulse; `timing` when it is the one that times the half lap), or the heat's start."""

    wire_name = "ImpulseAssigned"
    source: str
    number: int
    round: str
    heat: int
    entrant: str | None  # None for a start impulse
    half_lap: int  # 0 for a start impulse
    line: str | None = None  # "red" | "green"
    elapsed: RaceTime | None = None
    index: int = 1
    timing: bool = True
    manual: bool = False  # placed by an official (the log says who), with a reason
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class ImpulseUnplaced(Event):
    """An impulse that fits no expected passage: listed for an official to assign or discard."""

    wire_name = "ImpulseUnplaced"
    source: str
    number: int
    reason: str


@dataclass(frozen=True, slots=True)
class ImpulseDiscarded(Event):
    wire_name = "ImpulseDiscarded"
    source: str
    number: int
    reason: str


@dataclass(frozen=True, slots=True)
class TimerStatusReported(Event):
    """The reader's link to a timer came up or went down (a cable pulled, a bridge rebooted)."""

    wire_name = "TimerStatusReported"
    source: str
    connected: bool
    detail: str
    at: str  # ISO 8601, this computer's clock


@dataclass(frozen=True, slots=True)
class HalfLapMissed(Event):
    """No passage of `entrant` was timed at `half_lap`; later half laps keep their numbers."""

    wire_name = "HalfLapMissed"
    round: str
    heat: int
    entrant: str
    half_lap: int


@dataclass(frozen=True, slots=True)
class PublishedPlace:
    rank: str
    entrant: str


@dataclass(frozen=True, slots=True)
class ClassificationPublished(Event):
    """The classification as a source published it, kept to be checked against the rules."""

    wire_name = "ClassificationPublished"
    places: tuple[PublishedPlace, ...] = field(default_factory=tuple)
    source: str | None = None  # where it was published


# --- team pursuit: line-ups and riders dropped ----------------------------------------------


@dataclass(frozen=True, slots=True)
class LineupDeclared(Event):
    """The riders a team rides a round with; `by_default` when nobody declared them and the
    heat's start took the previous round's line-up or the first riders of the roster."""

    wire_name = "LineupDeclared"
    round: str
    team: str
    riders: tuple[str, ...]
    heat: int | None = None  # the team's heat in the round
    by_default: bool = False


@dataclass(frozen=True, slots=True)
class RiderDropped(Event):
    """A rider of a team's line-up dropped in a heat (`half_lap` when known)."""

    wire_name = "RiderDropped"
    round: str
    heat: int
    team: str
    rider: str
    half_lap: int | None = None


EVENT_TYPES: dict[str, type[Event]] = {
    cls.wire_name: cls
    for cls in (
        CompetitionCreated,
        EntrantRegistered,
        RoundScheduled,
        RoundDrawn,
        HeatStarted,
        SplitRecorded,
        FinishRecorded,
        CatchRecorded,
        OutcomeRecorded,
        RiderDisqualified,
        RiderRelegated,
        RideCorrected,
        SplitCorrected,
        DecisionRecorded,
        RideRecorded,
        ClassificationPublished,
        ChannelsMapped,
        ImpulseReceived,
        TimerNoiseReceived,
        ImpulseAssigned,
        ImpulseUnplaced,
        ImpulseDiscarded,
        HalfLapMissed,
        TimerStatusReported,
        LineupDeclared,
        RiderDropped,
    )
}


# --- incidents: false starts, mishaps, restarts and re-rides (UCI 3.2.021 ter, 3.2.074–075,
# 3.2.099–100; the consequences are the format's `[incidents]`, core/incident_rules.py) -------


@dataclass(frozen=True, slots=True)
class FalseStartRecorded(Event):
    """A false start by `entrant`: the heat is stopped (a `HeatStopped` follows). `start` is
    the start it spoiled, counted per competitor in the round (1 for the first)."""

    wire_name = "FalseStartRecorded"
    round: str
    heat: int
    entrant: str
    start: int


@dataclass(frozen=True, slots=True)
class IncidentRecorded(Event):
    """A recognised mishap (fall, puncture, breakage) during `half_lap` (1: before the first
    half lap was completed), and what the format made of it: restart, reride, ignored (a team
    going on with three, or a knockout heat going on), or the sanction it cost (eliminated,
    relegated, beaten, disqualified), whose own event follows."""

    wire_name = "IncidentRecorded"
    round: str
    heat: int
    entrant: str
    kind: str  # fall | puncture | breakage
    half_lap: int
    consequence: str


@dataclass(frozen=True, slots=True)
class HeatStopped(Event):
    """The heat is stopped to be started again: the rides so far are set aside (kept here in
    the log, out of the results) and the next `HeatStarted` is everyone's next start."""

    wire_name = "HeatStopped"
    round: str
    heat: int
    reason: str


@dataclass(frozen=True, slots=True)
class RerideGranted(Event):
    """`entrant`'s ride is set aside; they ride again alone in `heat`, a heat added after the
    round's last, and that time counts (3.2.074)."""

    wire_name = "RerideGranted"
    round: str
    entrant: str
    heat: int
    reason: str


@dataclass(frozen=True, slots=True)
class ConsideredBeaten(Event):
    """`entrant` loses the heat whatever the times (3.2.075; a second false start in a final)."""

    wire_name = "ConsideredBeaten"
    round: str
    heat: int
    entrant: str
    reason: str


INCIDENT_EVENTS: tuple[type[Event], ...] = (
    FalseStartRecorded,
    IncidentRecorded,
    HeatStopped,
    RerideGranted,
    ConsideredBeaten,
)
EVENT_TYPES.update({cls.wire_name: cls for cls in INCIDENT_EVENTS})


# --- published orders without times (core/published_orders.py) -----------------------------


@dataclass(frozen=True, slots=True)
class OrderPublished(Event):
    """Who was faster in `round`, best first, as published without the times: evidence the
    engine orders by wherever it orders by that round's time, checked against every time."""

    wire_name = "OrderPublished"
    round: str
    names: tuple[str, ...] = ()


EVENT_TYPES[OrderPublished.wire_name] = OrderPublished
# --- notes: what a record says about a round (core/notes.py) ---------------------------------


@dataclass(frozen=True, slots=True)
class RoundNoted(Event):
    """A note on a round (a source's remark, an editor's explanation); an empty note clears it."""

    wire_name = "RoundNoted"
    round: str
    note: str


EVENT_TYPES[RoundNoted.wire_name] = RoundNoted
