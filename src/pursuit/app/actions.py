"""What operators can do, once for the CLI, the console and the API: the input, the role, the
command.

Each action reads its input (a pydantic model: the API's request body, the console's form, the
command line's arguments) — times become `RaceTime` here, at the edge —, names the least role
allowed to run it, and builds the core command from the competition's state, resolving typed
rider names (full name, bib or a unique part) on the way. Every way in hands that builder to
`CompetitionService.handle`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal, overload

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    ValidationError,
    WithJsonSchema,
)

from pursuit.app.lookup import find_entrant
from pursuit.app.nations import nation_refusal
from pursuit.core import commands as c
from pursuit.core.live_state import CompetitionState
from pursuit.core.times import RaceTime, format_time, parse_time
from pursuit.errors import PursuitError
from pursuit.operators.roles import Role

Text = str


def _time(value: object) -> RaceTime:
    """A time as typed or sent; TimeFormatError (a ValueError) names the field at fault."""
    if isinstance(value, RaceTime):
        return value
    if not isinstance(value, str):
        raise ValueError(f"a time is written as text, e.g. 4:40.41, not {value!r}")
    return parse_time(value.strip())


def _time_or_none(value: object) -> RaceTime | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return _time(value)


def _elapsed(value: object) -> RaceTime | None:
    """An elapsed time since the start; a time of day (hours:minutes:seconds, as a timer
    writes its impulses) is refused with where it belongs instead of read as 15 hours."""
    if isinstance(value, str) and value.strip().count(":") >= 2:
        _time(value)  # not a time at all: says so
        raise ValueError(
            f"{value.strip()} is a time of day (hours:minutes:seconds), not the time since "
            "the start: enter the timer's impulse on the timing panel (Timing, "
            "/console/c/ID/timing) or as an impulse (--impulse)"
        )
    return _time_or_none(value)


@overload
def at_precision(state: CompetitionState, time: RaceTime) -> RaceTime: ...
@overload
def at_precision(state: CompetitionState, time: None) -> None: ...
def at_precision(state: CompetitionState, time: RaceTime | None) -> RaceTime | None:
    """`time` written to the competition's precision at least: 29.8 typed in a competition
    timed to 0.01 s is 29.80. A time typed finer (29.805) is kept as typed: it is what the
    timer said, and ranking truncates it to the precision anyway."""
    if time is None or state.meta is None or time.digits >= state.meta.precision:
        return time
    return RaceTime(time.ticks, state.meta.precision)


def _written(value: RaceTime | None) -> str | None:
    return None if value is None else format_time(value)


# A race time in a body: text on the wire (4:40.41, or a timer's 15:02:11.0342), a RaceTime inside.
Time = Annotated[
    RaceTime,
    PlainValidator(_time),
    PlainSerializer(_written, return_type=str),
    WithJsonSchema({"type": "string"}),
]
# An elapsed time typed by hand (a split, a finish): a time of day is refused, not read.
Elapsed = Annotated[
    RaceTime | None,
    PlainValidator(_elapsed),
    PlainSerializer(_written, return_type=str | None),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "null"}]}),
]
MaybeTime = Annotated[
    RaceTime | None,
    PlainValidator(_time_or_none),
    PlainSerializer(_written, return_type=str | None),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "null"}]}),
]


def _names(value: object) -> object:
    """Names as a list, or as typed in one field: one a line, or separated by ; or ,."""
    if isinstance(value, str):
        return [n.strip() for n in re.split(r"[\n;,]", value) if n.strip()]
    return value


# Riders' names: a list in a body, one text field in a form ("A; B; C; D").
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Names = Annotated[list[Name], BeforeValidator(_names)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class BadBody(PursuitError):
    """An action's input that does not read: the field at fault and why."""

    def __init__(self, message: str, field: str | None) -> None:
        super().__init__(message)
        self.field = field


def read_body(body: type[Body], values: dict[str, Any], action: str = "") -> Body:
    """The input as `body` reads it, or BadBody naming the first field at fault (and the
    action, when given: "split time: not a race time …")."""
    try:
        return body.model_validate(values)
    except ValidationError as e:
        first = e.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or None
        message = str(first["msg"]).removeprefix("Value error, ")
        where = " ".join(part for part in (action, field) if part)
        raise BadBody(f"{where}: {message}" if where else message, field) from None


class Draw(Body):
    round: Text = Field(description="Round id from the format, e.g. Q, QF, F.")
    pairs: list[list[Text]] | None = Field(
        None, description="Qualifying only: heats in running order, each [red, green]."
    )


class Schedule(Body):
    round: Text
    date: Text = Field(description="The day the round is ridden, ISO: 2026-10-20.")
    time: Text | None = Field(None, description="The local start time, HH:MM.")


class Start(Body):
    round: Text
    heat: int = Field(ge=1)
    impulse: MaybeTime = Field(None, description="Start impulse, time of day from the timer.")


class Split(Body):
    round: Text
    heat: int = Field(ge=1)
    entrant: Text = Field(description="Full name, bib, or a unique part of the name.")
    time: Elapsed = Field(
        None,
        description="Elapsed time at the half lap, e.g. 19.87 (written to the competition's "
        "precision: 29.8 is 29.80); a time of day is refused (send it as the impulse).",
    )
    impulse: MaybeTime = None
    half_lap: int | None = Field(
        None,
        ge=1,
        description="Which half lap the time is for (default: the next). A half lap already "
        "recorded is refused, naming who recorded it and when.",
    )


class Skip(Body):
    round: Text
    heat: int = Field(ge=1)
    entrant: Text = Field(description="Full name, bib, or a unique part of the name.")
    half_lap: int | None = Field(
        None, ge=1, description="The half lap nobody timed (default: the next)."
    )


class Finish(Body):
    round: Text
    heat: int = Field(ge=1)
    entrant: Text
    time: Elapsed = Field(None, description="Finish time, e.g. 4:40.41.")
    impulse: MaybeTime = None
    record: Text | None = Field(None, description="A record set by this time: OR, WR.")


class Catch(Body):
    round: Text
    heat: int = Field(ge=1)
    catcher: Text = Field(description="Who caught the other.")
    half_lap: int | None = Field(None, ge=1)


class RiderInRound(Body):
    round: Text
    entrant: Text


class Sanction(RiderInRound):
    reason: Text = Field(min_length=1)


class Correct(Body):
    round: Text
    entrant: Text
    reason: Text = Field(min_length=1, description="Why: every correction says why.")
    time: MaybeTime = None
    status: Literal["finished", "caught", "overtaken", "dns", "dnf", "dsq", "rel"] | None = None
    clear_time: bool = False


class CorrectSplitBody(Body):
    round: Text
    entrant: Text
    half_lap: int = Field(ge=1, description="The half lap whose split is wrong.")
    time: Time = Field(description="The corrected elapsed time at that half lap.")
    reason: Text = Field(min_length=1, description="Why: every correction says why.")


class Decision(Body):
    effect: Literal["disqualify", "reinstate", "award", "note"]
    authority: Text = Field(min_length=1)
    reason: Text = Field(min_length=1)
    round: Text | None = None
    entrant: Text | None = None
    date: Text | None = None
    place: int | None = Field(None, ge=1, description="award: the place given.")
    reference: Text | None = Field(None, description="Where the decision was published.")


class Entrant(Body):
    name: Text = Field(min_length=1)
    nation: Text | None = None
    family_name: Text | None = None
    bib: Text | None = None
    seed_time: MaybeTime = None
    roster: Names | None = Field(
        None,
        min_length=1,
        description="A team's riders: the format's team size (4) or one more (a form takes "
        "them separated by ; or a line each); none for a rider.",
    )


class Lineup(Body):
    round: Text
    team: Text = Field(description="Full name, bib, or a unique part of the name.")
    riders: Names = Field(
        min_length=1,
        description="The riders the team starts with, from its roster (a form takes them "
        "separated by ; or a line each; a unique part of a name will do).",
    )


class Dropped(Body):
    round: Text
    heat: int = Field(ge=1)
    team: Text
    rider: Text = Field(min_length=1, description="The rider of the line-up who dropped.")
    half_lap: int | None = Field(None, ge=1, description="The half lap it happened in.")


class AssignImpulseBody(Body):
    source: Text = Field(min_length=1, description="The timer reader it came from.")
    number: int = Field(ge=0, description="The timer's impulse number.")
    round: Text
    heat: int = Field(ge=1)
    entrant: Text | None = Field(
        None, description="Who it times (name, bib or a unique part); none for a heat's start."
    )
    half_lap: int = Field(
        ge=0, description="The half lap it times (the last is the finish); 0: the heat's start."
    )
    reason: Text = Field(min_length=1, description="Why: every placement by hand says why.")


class DiscardImpulseBody(Body):
    source: Text = Field(min_length=1, description="The timer reader it came from.")
    number: int = Field(ge=0, description="The timer's impulse number.")
    reason: Text = Field(min_length=1, description="Why it is not a passage.")


@dataclass(frozen=True)
class Action:
    name: str
    path: str  # under /api/competitions/{id}/
    summary: str
    role: Role
    body: type[Body]
    build: Callable[[CompetitionState, Any], c.Command]


def _who(state: CompetitionState, typed: str) -> str:
    return find_entrant(state, typed)


def _enter(state: CompetitionState, body: Entrant) -> c.RegisterEntrant:
    """The entrant, its nation an IOC code or one the competition declares."""
    declared = state.meta.nations if state.meta is not None else ()
    refused = nation_refusal(body.nation, declared)
    if refused is not None:
        raise BadBody(f"nation: {refused}", "nation")
    roster = tuple(n.strip() for n in body.roster) if body.roster is not None else None
    if roster is not None and state.format is not None:
        size = state.format.team_size
        if not size <= len(roster) <= size + 1:
            raise BadBody(
                f"roster: {body.name} has {len(roster)} riders; a team enters {size} or {size + 1}",
                "roster",
            )
        if len(set(roster)) != len(roster):
            raise BadBody(f"roster: {body.name} names a rider twice", "roster")
    return c.RegisterEntrant(
        body.name, body.nation, body.family_name, body.bib, body.seed_time, roster
    )


def _rider_of(state: CompetitionState, team: str, typed: str) -> str:
    """A rider of `team`'s roster from what was typed: the name, or a unique part of it
    (what matches nobody is passed on for the rules to refuse, naming the roster)."""
    entrant = state.entrants.get(team)
    roster = [r.name for r in getattr(entrant, "roster", ())]
    text = typed.strip()
    if text in roster:
        return text
    matches = [name for name in roster if text.casefold() in name.casefold()]
    return matches[0] if len(matches) == 1 else text


def _lineup(state: CompetitionState, body: Lineup) -> c.DeclareLineup:
    team = _who(state, body.team)
    return c.DeclareLineup(body.round, team, tuple(_rider_of(state, team, r) for r in body.riders))


def _dropped(state: CompetitionState, body: Dropped) -> c.RecordRiderDropped:
    team = _who(state, body.team)
    return c.RecordRiderDropped(
        body.round, body.heat, team, _rider_of(state, team, body.rider), body.half_lap
    )


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in (
        Action(
            "draw",
            "draws",
            "Draw a round",
            Role.COMMISSAIRE,
            Draw,
            lambda s, b: c.DrawRound(
                b.round,
                tuple(tuple(_who(s, n) for n in pair) for pair in b.pairs) if b.pairs else None,
            ),
        ),
        Action(
            "schedule",
            "schedules",
            "Set the day and start time of a round",
            Role.COMMISSAIRE,
            Schedule,
            lambda s, b: c.ScheduleRound(b.round, b.date, b.time),
        ),
        Action(
            "start",
            "starts",
            "Start a heat",
            Role.TIMEKEEPER,
            Start,
            lambda s, b: c.StartHeat(b.round, b.heat, b.impulse),
        ),
        Action(
            "split",
            "splits",
            "Record a half-lap split",
            Role.TIMEKEEPER,
            Split,
            lambda s, b: c.RecordSplit(
                b.round, b.heat, _who(s, b.entrant), at_precision(s, b.time), b.impulse, b.half_lap
            ),
        ),
        Action(
            "skip",
            "missed-half-laps",
            "Mark a half lap nobody timed as missed (the next split keeps its number)",
            Role.TIMEKEEPER,
            Skip,
            lambda s, b: c.SkipHalfLap(b.round, b.heat, _who(s, b.entrant), b.half_lap),
        ),
        Action(
            "finish",
            "finishes",
            "Record a finish",
            Role.TIMEKEEPER,
            Finish,
            lambda s, b: c.RecordFinish(
                b.round, b.heat, _who(s, b.entrant), at_precision(s, b.time), b.impulse, b.record
            ),
        ),
        Action(
            "catch",
            "catches",
            "Record a catch",
            Role.TIMEKEEPER,
            Catch,
            lambda s, b: c.RecordCatch(b.round, b.heat, _who(s, b.catcher), b.half_lap),
        ),
        Action(
            "dns",
            "non-starts",
            "Record a non-start",
            Role.TIMEKEEPER,
            RiderInRound,
            lambda s, b: c.RecordNonStart(b.round, _who(s, b.entrant)),
        ),
        Action(
            "dnf",
            "non-finishes",
            "Record a non-finish",
            Role.TIMEKEEPER,
            RiderInRound,
            lambda s, b: c.RecordNonFinish(b.round, _who(s, b.entrant)),
        ),
        Action(
            "dsq",
            "disqualifications",
            "Disqualify a rider",
            Role.COMMISSAIRE,
            Sanction,
            lambda s, b: c.Disqualify(b.round, _who(s, b.entrant), b.reason),
        ),
        Action(
            "rel",
            "relegations",
            "Relegate a rider",
            Role.COMMISSAIRE,
            Sanction,
            lambda s, b: c.Relegate(b.round, _who(s, b.entrant), b.reason),
        ),
        Action(
            "correct",
            "corrections",
            "Correct a ride (the old value stays in the log)",
            Role.COMMISSAIRE,
            Correct,
            lambda s, b: c.CorrectRide(
                b.round,
                _who(s, b.entrant),
                b.reason,
                at_precision(s, b.time),
                b.status,
                b.clear_time,
            ),
        ),
        Action(
            "correct-split",
            "split-corrections",
            "Correct a recorded half-lap split (the old value stays in the log)",
            Role.TIMEKEEPER,
            CorrectSplitBody,
            lambda s, b: c.CorrectSplit(
                b.round, _who(s, b.entrant), b.half_lap, at_precision(s, b.time), b.reason
            ),
        ),
        Action(
            "decide",
            "decisions",
            "Record a decision of the commissaires or a federation",
            Role.COMMISSAIRE,
            Decision,
            lambda s, b: c.RecordDecision(
                b.effect,
                b.authority,
                b.reason,
                b.round,
                _who(s, b.entrant) if b.entrant else None,
                b.date,
                b.place,
                b.reference,
            ),
        ),
        Action(
            "assign-impulse",
            "impulse-assignments",
            "Place a timer impulse by hand: a half lap, the finish, or a heat's start",
            Role.TIMEKEEPER,
            AssignImpulseBody,
            lambda s, b: c.AssignImpulse(
                b.source,
                b.number,
                b.round,
                b.heat,
                _who(s, b.entrant) if b.entrant else None,
                b.half_lap,
                b.reason,
            ),
        ),
        Action(
            "discard-impulse",
            "impulse-discards",
            "Discard a timer impulse that is no passage",
            Role.TIMEKEEPER,
            DiscardImpulseBody,
            lambda s, b: c.DiscardImpulse(b.source, b.number, b.reason),
        ),
        Action(
            "enter",
            "entrants",
            "Register an entrant (a team with its roster)",
            Role.ADMIN,
            Entrant,
            _enter,
        ),
        Action(
            "lineup",
            "lineups",
            "Declare a team's line-up for a round (until its heat starts)",
            Role.COMMISSAIRE,
            Lineup,
            _lineup,
        ),
        Action(
            "drop",
            "riders-dropped",
            "Record a team's rider dropped in a running heat",
            Role.TIMEKEEPER,
            Dropped,
            _dropped,
        ),
    )
}


# --- incidents: false starts and mishaps (core/decide_incidents.py) --------------------------


class FalseStartBody(Body):
    round: Text
    heat: int = Field(ge=1)
    entrant: Text = Field(description="Who false-started: full name, bib, or a unique part.")


class IncidentBody(Body):
    round: Text
    heat: int = Field(ge=1)
    entrant: Text = Field(description="Who the mishap happened to: name, bib or a unique part.")
    kind: Literal["fall", "puncture", "breakage"] = Field(
        description="The recognised mishap (UCI 3.2.021); anything else earns nothing."
    )
    half_lap: int | None = Field(
        None, ge=1, description="The half lap it happened in (1: the first); default the next."
    )
    team_stops: bool = Field(
        False, description="Team pursuit qualifying: the team stops to re-ride at the end."
    )
    short_team: bool = Field(False, description="Team pursuit: fewer than three riders left.")


ACTIONS.update(
    {
        a.name: a
        for a in (
            # A false start is a fact seen at the start (the starter's recall); what it costs
            # is the format's, so the timekeeper's desk may record it.
            Action(
                "false-start",
                "false-starts",
                "Record a false start: the heat is stopped and restarted",
                Role.TIMEKEEPER,
                FalseStartBody,
                lambda s, b: c.RecordFalseStart(b.round, b.heat, _who(s, b.entrant)),
            ),
            # Recognising a mishap is the commissaires' judgement.
            Action(
                "incident",
                "incidents",
                "Record a recognised mishap (fall, puncture, breakage)",
                Role.COMMISSAIRE,
                IncidentBody,
                lambda s, b: c.RecordIncident(
                    b.round,
                    b.heat,
                    _who(s, b.entrant),
                    b.kind,
                    b.half_lap,
                    b.team_stops,
                    b.short_team,
                ),
            ),
        )
    }
)


# --- published orders without times (core/published_orders.py) -----------------------------


class OrderBody(Body):
    round: Text
    names: Names = Field(
        min_length=2,
        description="Who was faster in the round, best first, as published without the times "
        "(full name, bib or a unique part; a form takes them separated by ; or a line each).",
    )


ACTIONS["order"] = Action(
    "order",
    "orders",
    "Record who was faster in a round, as published without the times",
    Role.COMMISSAIRE,
    OrderBody,
    lambda s, b: c.PublishOrder(b.round, tuple(_who(s, n) for n in b.names)),
)
