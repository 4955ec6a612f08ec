"""A competition as recorded: metadata, entrants, format and the rides raced so far."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from pursuit.core.decisions import Decision
from pursuit.core.entrants import Entrant
from pursuit.core.formats import Format
from pursuit.core.notes import Notes
from pursuit.core.outcomes import Outcome
from pursuit.core.splits import NO_SPLITS, Splits
from pursuit.core.standing import DEFAULT_KINDS, RecordMark, StandingRecord
from pursuit.errors import Place, RuleViolation

# The distances a pursuit is ridden over, in metres, and the tracks it is ridden on: what is
# outside is a typing mistake (or a hostile number), refused wherever a competition begins.
DISTANCES_M = range(100, 100_001)
TRACKS_M = (100, 500)
# What a competition file writes for a track whose length the sources do not give.
UNKNOWN_TRACK = "unknown"
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def is_iso_date(text: object) -> bool:
    """Whether `text` is a real calendar day written YYYY-MM-DD (1968-10-17)."""
    if not isinstance(text, str) or not _ISO_DATE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def metadata_problem(
    distance_m: int, track_length_m: float | None, dates: tuple[str, ...]
) -> tuple[str, str] | None:
    """The field and what is wrong with a competition's distance, track or dates, or None.
    A track length of None is not known, which is no problem."""
    if distance_m not in DISTANCES_M:
        low, high = DISTANCES_M.start, DISTANCES_M.stop - 1
        return "distance_m", f"distance_m must be {low}–{high} m; got {distance_m}"
    if track_length_m is not None and not TRACKS_M[0] <= track_length_m <= TRACKS_M[1]:
        low_t, high_t = TRACKS_M
        return "track_length_m", f"track_length_m must be {low_t}–{high_t} m; got {track_length_m}"
    bad = [d for d in dates if not is_iso_date(d)]
    if bad:
        return "dates", f"dates are days written YYYY-MM-DD, e.g. 1968-10-17; got {bad[0]!r}"
    return None


class Side(Enum):
    RED = "red"  # home straight, in front of the main grandstand
    GREEN = "green"  # back straight


@dataclass(frozen=True, slots=True)
class Metadata:
    """What, where and when: the facts that name a competition."""

    title: str
    event: str = "individual pursuit"
    gender: str | None = None
    distance_m: int = 4000
    track_length_m: float | None = 250.0  # None: not known (a historical record may not say)
    venue: str | None = None
    altitude_m: int | None = None
    dates: tuple[str, ...] = ()
    precision: int = 2
    # nation codes the competition declares beyond the IOC's, as (code, name)
    nations: tuple[tuple[str, str], ...] = ()
    # the kinds of record that apply: ("WR",) anywhere, ("WR", "OR") at the Olympic Games
    records: tuple[str, ...] = DEFAULT_KINDS
    # the records of those kinds standing when the competition began, copied in at creation
    standing_records: tuple[StandingRecord, ...] = ()

    @property
    def half_laps(self) -> int | None:
        """Half laps in the distance: the number of pursuit-line crossings to the finish;
        None when the track length is not known."""
        if self.track_length_m is None:
            return None
        return round(self.distance_m / (self.track_length_m / 2))

    @property
    def counted_half_laps(self) -> int:
        """The half laps, for what cannot do without them (timing a heat, a split's half
        lap); raises TrackLengthUnknown when the track length is not known."""
        if self.half_laps is None:
            raise TrackLengthUnknown()
        return self.half_laps

    def require_track_length(self) -> None:
        """Raises TrackLengthUnknown when the track length is not known: a heat on such a
        track cannot be timed live (its half laps cannot be counted)."""
        if self.track_length_m is None:
            raise TrackLengthUnknown()

    @property
    def half_lap_m(self) -> float:
        """Metres from one pursuit line to the other; raises TrackLengthUnknown when unknown."""
        if self.track_length_m is None:
            raise TrackLengthUnknown()
        return self.track_length_m / 2


class TrackLengthUnknown(RuleViolation):
    """Something needs the half laps of a competition whose track length is not known."""

    def __init__(self) -> None:
        super().__init__(
            'the track length is not known (track_length_m = "unknown"): half laps cannot '
            "be counted, so half-lap splits and timing by half lap are not possible",
            field="track_length_m",
        )


@dataclass(frozen=True, slots=True)
class Ride:
    """One competitor's run in one heat of one round, as entered."""

    entrant: str  # the entrant's name
    outcome: Outcome
    heat: int | None = None
    side: Side | None = None
    splits: Splits = NO_SPLITS  # elapsed time at each half lap
    record: str | None = None  # OR, WR as published (or as recognised: see `record_mark`)
    published_rank: str | None = None
    basis: str | None = None  # published / seed / inferred
    lineup: tuple[str, ...] = ()  # team pursuit: riders who rode
    dropped: tuple[str, ...] = ()  # team pursuit: riders of the line-up who dropped, in order
    readable: bool = True  # False: the record was there but its time or status could not be read
    place: Place | None = field(default=None, compare=False)
    missing: frozenset[int] = frozenset()  # half laps the timer missed: their splits estimated
    remarks: tuple[str, ...] = ()  # what an incident made of the ride: "2nd start", "re-ride"
    record_mark: RecordMark | None = None  # a record this ride beat, recognised: to be ratified
    note: str | None = None  # what the source or the editor says about the ride

    @property
    def record_shown(self) -> str:
        """The record as results print it: "OR", or "WR to be ratified" when recognised."""
        if self.record_mark is not None:
            return f"{self.record_mark.kind} to be ratified"
        return self.record or ""


@dataclass(frozen=True, slots=True)
class Slot:
    """When a round is ridden: a day (ISO date) and, when known, the local start time (HH:MM)."""

    date: str
    time: str | None = None


@dataclass(frozen=True, slots=True)
class PublishedPlace:
    """A place of the classification as a source published it."""

    rank: str
    entrant: str
    place: Place | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Competition:
    """A competition as recorded: its facts, format, entrants and rides by round."""

    meta: Metadata
    format: Format
    entrants: tuple[Entrant, ...]
    rides: dict[str, tuple[Ride, ...]]  # by round id
    published_classification: tuple[PublishedPlace, ...] = ()
    entrant_places: Mapping[str, Place] = field(default_factory=dict, compare=False)
    schedule: dict[str, Slot] = field(default_factory=dict)  # by round id
    # published orders without times, by round id: each a chain of names, faster first
    # (core/published_orders.py)
    orders: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # rulings after the race, in order: applied on top of the rides (core/decisions.py)
    decisions: tuple[Decision, ...] = ()
    notes: Notes = field(default_factory=Notes)  # notes, other names, the published source

    def entrant(self, name: str) -> Entrant:
        for e in self.entrants:
            if e.name == name:
                return e
        raise KeyError(name)

    def rides_of(self, round_id: str) -> tuple[Ride, ...]:
        return self.rides.get(round_id, ())
