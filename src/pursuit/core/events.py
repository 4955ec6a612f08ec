"""Events: what happened, in the past tense, with a stable wire name and schema version.

Events are plain frozen dataclasses of JSON-able fields. `to_wire` and `from_wire`
convert them to and from (name, version, data) for the store; the wire name is
never the Python class path.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pursuit.errors import PursuitError


@dataclass(frozen=True, slots=True)
class Event:
    wire_name: ClassVar[str] = ""
    version: ClassVar[int] = 1


@dataclass(frozen=True, slots=True)
class CompetitionCreated(Event):
    wire_name = "CompetitionCreated"
    title: str
    format_name: str
    format_definition: dict[str, Any]  # the format file's table, so the log stands alone
    event: str = "individual pursuit"
    gender: str | None = None
    distance_m: int = 4000
    track_length_m: float = 250.0
    venue: str | None = None
    altitude_m: int | None = None
    dates: tuple[str, ...] = ()
    precision: int | None = None  # None: the format's


@dataclass(frozen=True, slots=True)
class EntrantRegistered(Event):
    wire_name = "EntrantRegistered"
    name: str
    nation: str | None = None
    family_name: str | None = None
    bib: str | None = None
    seed_time: str | None = None  # declared or seeded time, for the qualifying draw
    roster: tuple[str, ...] | None = None  # a team's riders; None for a rider


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
    start_impulse: str | None = None  # time of day from the timer, e.g. "15:02:11.0342"


@dataclass(frozen=True, slots=True)
class SplitRecorded(Event):
    wire_name = "SplitRecorded"
    round: str
    heat: int
    entrant: str
    half_lap: int
    elapsed: str
    synthetic: bool = False  # made up by a replay, not measured


@dataclass(frozen=True, slots=True)
class FinishRecorded(Event):
    wire_name = "FinishRecorded"
    round: str
    heat: int
    entrant: str
    time: str
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
    time: str | None = None
    status: str | None = None
    clear_time: bool = False


@dataclass(frozen=True, slots=True)
class SplitCorrected(Event):
    wire_name = "SplitCorrected"
    round: str
    entrant: str
    half_lap: int
    elapsed: str
    reason: str


@dataclass(frozen=True, slots=True)
class DecisionRecorded(Event):
    """A commissaires' or federation's ruling: its effect, authority, date and reason."""

    wire_name = "DecisionRecorded"
    effect: str  # disqualify | reinstate | note
    authority: str
    reason: str
    round: str | None = None
    entrant: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class RideRecorded(Event):
    """A whole ride entered at once (an imported or historical result)."""

    wire_name = "RideRecorded"
    round: str
    entrant: str
    status: str = "finished"
    time: str | None = None
    heat: int | None = None
    side: str | None = None
    splits: tuple[str, ...] = ()
    record: str | None = None
    published_rank: str | None = None
    basis: str | None = None
    lineup: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PublishedPlace:
    rank: str
    entrant: str


@dataclass(frozen=True, slots=True)
class ClassificationPublished(Event):
    """The classification as a source published it, kept to be checked against the rules."""

    wire_name = "ClassificationPublished"
    places: tuple[PublishedPlace, ...] = field(default_factory=tuple)


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
    )
}


class UnknownEvent(PursuitError):
    """A stored event this version of pursuit cannot read."""


def to_wire(event: Event) -> tuple[str, int, dict[str, Any]]:
    return event.wire_name, event.version, _plain(dataclasses.asdict(event))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _tuple_fields(cls: type[Event]) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls) if str(f.type).startswith("tuple["))


_TUPLES = {name: _tuple_fields(cls) for name, cls in EVENT_TYPES.items()}
_FIELDS = {
    name: frozenset(f.name for f in dataclasses.fields(cls)) for name, cls in EVENT_TYPES.items()
}


def from_wire(name: str, version: int, data: dict[str, Any]) -> Event:
    cls = EVENT_TYPES.get(name)
    if cls is None or version != cls.version:
        raise UnknownEvent(f"cannot read event {name} v{version}")
    if cls is RoundDrawn:
        heats = tuple(
            HeatDrawn(h["number"], tuple(h["entrants"]), tuple(h["sides"])) for h in data["heats"]
        )
        return RoundDrawn(data["round"], heats)
    if cls is ClassificationPublished:
        return ClassificationPublished(
            tuple(PublishedPlace(p["rank"], p["entrant"]) for p in data["places"])
        )
    tuples = _TUPLES[name]
    if tuples:
        data = {k: tuple(v) if k in tuples and isinstance(v, list) else v for k, v in data.items()}
    try:
        return cls(**data)
    except TypeError:  # a field this version does not know: keep the ones it does
        return cls(**{k: v for k, v in data.items() if k in _FIELDS[name]})
