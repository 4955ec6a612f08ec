"""What operators can do, once for the console and the API: the input, the role, the command.

Each action validates its input (a pydantic model: the API's request body, the console's form),
names the least role allowed to run it, and builds the core command from the competition's
state, resolving typed rider names (full name, bib or a unique part) on the way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from pursuit.app.lookup import find_entrant
from pursuit.core import commands as c
from pursuit.core.live_state import CompetitionState
from pursuit.core.times import parse_time
from pursuit.operators.roles import Role

Text = str


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class TimeBody(Body):
    @field_validator("time", "impulse", check_fields=False)
    @classmethod
    def _a_race_time(cls, value: str | None) -> str | None:
        if value:
            parse_time(value)  # TimeFormatError names the field "time" at the edge
        return value or None


class Draw(Body):
    round: Text = Field(description="Round id from the format, e.g. Q, QF, F.")
    pairs: list[list[Text]] | None = Field(
        None, description="Qualifying only: heats in running order, each [red, green]."
    )


class Schedule(Body):
    round: Text
    date: Text = Field(description="The day the round is ridden, ISO: 2026-10-20.")
    time: Text | None = Field(None, description="The local start time, HH:MM.")


class Start(TimeBody):
    round: Text
    heat: int = Field(ge=1)
    impulse: Text | None = Field(None, description="Start impulse, time of day from the timer.")


class Split(TimeBody):
    round: Text
    heat: int = Field(ge=1)
    entrant: Text = Field(description="Full name, bib, or a unique part of the name.")
    time: Text | None = Field(None, description="Elapsed time at the half lap, e.g. 19.87.")
    impulse: Text | None = None
    half_lap: int | None = Field(None, ge=1, description="Which half lap (default: the next).")


class Finish(TimeBody):
    round: Text
    heat: int = Field(ge=1)
    entrant: Text
    time: Text | None = Field(None, description="Finish time, e.g. 4:40.41.")
    impulse: Text | None = None


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


class Correct(TimeBody):
    round: Text
    entrant: Text
    reason: Text = Field(min_length=1, description="Why: every correction says why.")
    time: Text | None = None
    status: Literal["finished", "caught", "overtaken", "dns", "dnf", "dsq", "rel"] | None = None
    clear_time: bool = False


class CorrectSplitBody(TimeBody):
    round: Text
    entrant: Text
    half_lap: int = Field(ge=1, description="The half lap whose split is wrong.")
    time: Text = Field(description="The corrected elapsed time at that half lap.")
    reason: Text = Field(min_length=1, description="Why: every correction says why.")


class Decision(Body):
    effect: Literal["disqualify", "reinstate", "note"]
    authority: Text = Field(min_length=1)
    reason: Text = Field(min_length=1)
    round: Text | None = None
    entrant: Text | None = None
    date: Text | None = None


class Entrant(Body):
    name: Text = Field(min_length=1)
    nation: Text | None = None
    family_name: Text | None = None
    bib: Text | None = None
    seed_time: Text | None = None


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
                b.round, b.heat, _who(s, b.entrant), b.time, b.impulse, b.half_lap
            ),
        ),
        Action(
            "finish",
            "finishes",
            "Record a finish",
            Role.TIMEKEEPER,
            Finish,
            lambda s, b: c.RecordFinish(b.round, b.heat, _who(s, b.entrant), b.time, b.impulse),
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
                b.round, _who(s, b.entrant), b.reason, b.time, b.status, b.clear_time
            ),
        ),
        Action(
            "correct-split",
            "split-corrections",
            "Correct a recorded half-lap split (the old value stays in the log)",
            Role.TIMEKEEPER,
            CorrectSplitBody,
            lambda s, b: c.CorrectSplit(b.round, _who(s, b.entrant), b.half_lap, b.time, b.reason),
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
            ),
        ),
        Action(
            "enter",
            "entrants",
            "Register an entrant",
            Role.ADMIN,
            Entrant,
            lambda s, b: c.RegisterEntrant(b.name, b.nation, b.family_name, b.bib, b.seed_time),
        ),
    )
}
