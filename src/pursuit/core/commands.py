"""Commands: what an operator asks for, in the imperative. `decide` checks them.

Times are `RaceTime` values, parsed by whoever read the text (a file, a form, an API body, a
command line, a timer's line); nothing past the edge parses a time again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pursuit.core.competition import Metadata
from pursuit.core.times import RaceTime


@dataclass(frozen=True, slots=True)
class Command:
    pass


@dataclass(frozen=True, slots=True)
class CreateCompetition(Command):
    """A new competition: its format (the format file's table, so the log stands alone) and its
    metadata, the precision included (`app.creation.metadata` fills in the format's)."""

    format_name: str
    format_definition: dict[str, Any]
    meta: Metadata


@dataclass(frozen=True, slots=True)
class RegisterEntrant(Command):
    name: str
    nation: str | None = None
    family_name: str | None = None
    bib: str | None = None
    seed_time: RaceTime | None = None
    roster: tuple[str, ...] | None = None
    note: str | None = None
    aka: tuple[str, ...] = ()
    basis: str | None = None


@dataclass(frozen=True, slots=True)
class DrawRound(Command):
    """Draw a round. Qualifying: `pairs` as the commissaires set them, or None to pair by
    seed times. Knockout rounds: from the format (`pairs` must be None)."""

    round: str
    pairs: tuple[tuple[str, ...], ...] | None = None


@dataclass(frozen=True, slots=True)
class ScheduleRound(Command):
    """Set (or move) the day and start time of a round."""

    round: str
    date: str  # ISO date, 1968-10-17
    time: str | None = None  # local start time, HH:MM


@dataclass(frozen=True, slots=True)
class StartHeat(Command):
    round: str
    heat: int
    start_impulse: RaceTime | None = None  # time of day from the timer


@dataclass(frozen=True, slots=True)
class RecordSplit(Command):
    """A half-lap split: an elapsed time, or a time-of-day impulse from the timer."""

    round: str
    heat: int
    entrant: str
    elapsed: RaceTime | None = None
    impulse: RaceTime | None = None  # time of day from the timer
    half_lap: int | None = None  # None: the next one
    synthetic: bool = False


@dataclass(frozen=True, slots=True)
class SkipHalfLap(Command):
    """A half lap nobody timed, marked missed: the next split keeps its own number."""

    round: str
    heat: int
    entrant: str
    half_lap: int | None = None  # None: the next one


@dataclass(frozen=True, slots=True)
class RecordFinish(Command):
    round: str
    heat: int
    entrant: str
    time: RaceTime | None = None
    impulse: RaceTime | None = None  # time of day from the timer
    record: str | None = None  # OR, WR: a record set by this time


@dataclass(frozen=True, slots=True)
class RecordCatch(Command):
    round: str
    heat: int
    catcher: str
    half_lap: int | None = None


@dataclass(frozen=True, slots=True)
class RecordNonStart(Command):
    round: str
    entrant: str


@dataclass(frozen=True, slots=True)
class RecordNonFinish(Command):
    round: str
    entrant: str


@dataclass(frozen=True, slots=True)
class Disqualify(Command):
    round: str
    entrant: str
    reason: str


@dataclass(frozen=True, slots=True)
class Relegate(Command):
    round: str
    entrant: str
    reason: str


@dataclass(frozen=True, slots=True)
class CorrectRide(Command):
    round: str
    entrant: str
    reason: str
    time: RaceTime | None = None
    status: str | None = None
    clear_time: bool = False


@dataclass(frozen=True, slots=True)
class CorrectSplit(Command):
    """Replace a recorded half-lap split (a mistyped time, a misread impulse); the old value
    stays in the log with the reason."""

    round: str
    entrant: str
    half_lap: int
    elapsed: RaceTime
    reason: str


@dataclass(frozen=True, slots=True)
class RecordDecision(Command):
    effect: str  # disqualify | reinstate | award | note
    authority: str
    reason: str
    round: str | None = None
    entrant: str | None = None
    date: str | None = None
    place: int | None = None  # award: the place given
    reference: str | None = None  # where the decision was published
    basis: str | None = None  # how the decision is known: published, inferred


@dataclass(frozen=True, slots=True)
class ImportRide(Command):
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
    note: str | None = None


@dataclass(frozen=True, slots=True)
class PublishClassification(Command):
    places: tuple[tuple[str, str], ...]  # (rank, entrant)
    source: str | None = None


# --- the timer ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MapChannels(Command):
    """Which channel is which: `uses` are `start`, `gate red`, `gate green`, `line red`,
    `line green`; `delays` in ticks (1/10,000 s), one per channel."""

    channels: tuple[str, ...]
    uses: tuple[str, ...]
    delays: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class TakeImpulse(Command):
    """An impulse from the timer: stored, then placed in the running heat if it fits."""

    source: str
    number: int
    channel: str
    time_of_day: RaceTime
    received_at: str
    manual: bool = False


@dataclass(frozen=True, slots=True)
class TakeTimerNoise(Command):
    source: str
    raw: str
    reason: str
    received_at: str


@dataclass(frozen=True, slots=True)
class AssignImpulse(Command):
    """An official places an unplaced impulse: a half lap of an entrant (the finish when it is
    the last), or the start of a heat (`half_lap` 0, start-impulse recovery)."""

    source: str
    number: int
    round: str
    heat: int
    entrant: str | None
    half_lap: int
    reason: str


@dataclass(frozen=True, slots=True)
class DiscardImpulse(Command):
    source: str
    number: int
    reason: str


@dataclass(frozen=True, slots=True)
class ReportTimerStatus(Command):
    source: str
    connected: bool
    detail: str
    at: str


# --- team pursuit: line-ups and riders dropped ----------------------------------------------


@dataclass(frozen=True, slots=True)
class DeclareLineup(Command):
    """The riders a team starts a round's heat with (3.2.079): before that heat starts, and
    again as often as needed until it does."""

    round: str
    team: str
    riders: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RecordRiderDropped(Command):
    """A rider of a team's line-up dropped (or fell) in a running heat; the team rides on
    while it still has its counting rider."""

    round: str
    heat: int
    team: str
    rider: str
    half_lap: int | None = None  # the half lap it happened in, when known


# --- incidents: false starts, mishaps, restarts and re-rides (core/decide_incidents.py) -------


@dataclass(frozen=True, slots=True)
class RecordFalseStart(Command):
    """A false start by `entrant` in the running heat: the heat is stopped and restarted, or,
    when the competitor has used the starts of the round, the format's sanction applies."""

    round: str
    heat: int
    entrant: str


@dataclass(frozen=True, slots=True)
class RecordIncident(Command):
    """A recognised mishap (fall, puncture, breakage) of `entrant` in the running heat, during
    `half_lap` (None: the one being ridden, after the last split). Teams: `team_stops`, the
    team stops within the lap to re-ride (qualifying) rather than going on with three;
    `short_team`, the mishap left it with fewer than three riders."""

    round: str
    heat: int
    entrant: str
    kind: str
    half_lap: int | None = None
    team_stops: bool = False
    short_team: bool = False


# --- published orders without times (core/published_orders.py) -----------------------------


@dataclass(frozen=True, slots=True)
class PublishOrder(Command):
    """Who was faster in a round, best first, as a source published it without the times."""

    round: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NoteRound(Command):
    """Write (or, with an empty note, clear) the note on a round."""

    round: str
    note: str
