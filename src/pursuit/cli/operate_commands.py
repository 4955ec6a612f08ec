"""Commands officials run at the track: draw, start, splits, finish, catch, sanctions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from pursuit.app.lookup import find_entrant
from pursuit.app.service import CompetitionService, Executed
from pursuit.cli.database import ACTOR, COMPETITION, DB, actor, competition_id, say, service
from pursuit.cli.errors import user_errors
from pursuit.core import commands as c
from pursuit.core.live_state import CompetitionState
from pursuit.errors import RuleViolation
from pursuit.operators.events import secret_fields_of

ROUND = typer.Argument(
    ..., metavar="ROUND", help="Round id from the format, e.g. Q, QF, SF, B, F.", show_default=False
)
HEAT = typer.Argument(..., metavar="HEAT", help="Heat number.", show_default=False)
RIDER = typer.Argument(
    ...,
    metavar="RIDER",
    help="Rider or team: full name, bib, or a unique part of the name.",
    show_default=False,
)
REASON = typer.Option(..., "--reason", help="Why (recorded with the event).", show_default=False)


def _run(
    db: str | None,
    competition: str | None,
    who: str | None,
    make: Callable[[CompetitionService, CompetitionState], c.Command],
) -> Executed:
    svc = service(db)
    cid = competition_id(svc, competition)
    state = svc.existing(cid)
    command = make(svc, state)
    done = svc.execute(cid, command, actor(who))
    for stored in done.stored:
        say(f"event {stored.position}: {describe(stored.type, stored.data)}")
    if done.proposal is not None:
        p = done.proposal
        say(
            f"catch detected: the splits show {p.catcher} has caught {p.caught} by half lap "
            f'{p.half_lap}. Confirm with: pursuit catch {p.round} {p.heat} "{p.catcher}"'
        )
    return done


def describe(kind: str, data: dict[str, Any]) -> str:
    """One line for an event, as the log and the confirmations print it (never a secret)."""
    hidden = secret_fields_of(kind) | {"format_definition"}
    fields = ", ".join(
        f"{k}={v}"
        for k, v in data.items()
        if v not in (None, (), [], False, {}) and k not in hidden
    )
    return f"{kind} {fields}"


def _rider(state: CompetitionState, typed: str) -> str:
    return find_entrant(state, typed)


@user_errors
def draw(
    round_id: str = ROUND,
    pair: list[str] = typer.Option(
        [],
        "--pair",
        help="A qualifying heat as the commissaires "
        'set it: "Name A v Name B" (repeat, in running order). '
        "Without --pair: paired by seed times.",
        show_default=False,
    ),
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Draw a round: qualifying pairs, or the knockout heats the format gives."""

    def make(svc: CompetitionService, state: CompetitionState) -> c.Command:
        pairs = tuple(tuple(_rider(state, n) for n in p.split(" v ")) for p in pair) or None
        return c.DrawRound(round_id, pairs)

    _run(db, competition, who, make)


@user_errors
def schedule(
    round_id: str = ROUND,
    date: str = typer.Option(
        ..., "--date", help="The day it is ridden, e.g. 2026-10-20.", show_default=False
    ),
    time: str | None = typer.Option(
        None, "--time", help="The local start time, e.g. 14:30.", show_default=False
    ),
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Set the day and start time of a round (again to move it); shown in the schedule."""
    _run(db, competition, who, lambda svc, state: c.ScheduleRound(round_id, date, time))


@user_errors
def start(
    round_id: str = ROUND,
    heat: int = HEAT,
    impulse: str | None = typer.Option(
        None,
        "--impulse",
        help="Start impulse, time of day from the timer (e.g. 15:02:11.0342).",
        show_default=False,
    ),
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Start a heat."""
    _run(db, competition, who, lambda svc, state: c.StartHeat(round_id, heat, impulse))


@user_errors
def split(
    round_id: str = ROUND,
    heat: int = HEAT,
    rider: str = RIDER,
    time: str | None = typer.Argument(
        None, help="Elapsed time at the half lap, e.g. 19.87.", show_default=False
    ),
    impulse: str | None = typer.Option(
        None,
        "--impulse",
        help="Time of day from the timer instead of an elapsed time.",
        show_default=False,
    ),
    half_lap: int | None = typer.Option(
        None, "--half-lap", help="Which half lap (default: the next).", show_default=False
    ),
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Record a half-lap split; reports a catch the splits show."""
    _run(
        db,
        competition,
        who,
        lambda svc, state: c.RecordSplit(
            round_id, heat, _rider(state, rider), time, impulse, half_lap
        ),
    )


@user_errors
def finish(
    round_id: str = ROUND,
    heat: int = HEAT,
    rider: str = RIDER,
    time: str | None = typer.Argument(None, help="Finish time, e.g. 4:40.41.", show_default=False),
    impulse: str | None = typer.Option(
        None, "--impulse", help="Finish impulse (time of day).", show_default=False
    ),
    record: str | None = typer.Option(
        None, "--record", help="A record set by this time: OR, WR…", show_default=False
    ),
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Record a finish time (typed, or from the timer's impulse)."""
    _run(
        db,
        competition,
        who,
        lambda svc, state: c.RecordFinish(
            round_id, heat, _rider(state, rider), time, impulse, record
        ),
    )


@user_errors
def catch(
    round_id: str = ROUND,
    heat: int = HEAT,
    catcher: str = typer.Argument(..., help="Who caught the other.", show_default=False),
    half_lap: int | None = typer.Option(None, "--half-lap", show_default=False),
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Record a catch (the judged fact); its effect follows the format."""
    _run(
        db,
        competition,
        who,
        lambda svc, state: c.RecordCatch(round_id, heat, _rider(state, catcher), half_lap),
    )


@user_errors
def dns(
    round_id: str = ROUND,
    rider: str = RIDER,
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Record a non-start."""
    _run(db, competition, who, lambda svc, state: c.RecordNonStart(round_id, _rider(state, rider)))


@user_errors
def dnf(
    round_id: str = ROUND,
    rider: str = RIDER,
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Record a non-finish."""
    _run(db, competition, who, lambda svc, state: c.RecordNonFinish(round_id, _rider(state, rider)))


@user_errors
def dsq(
    round_id: str = ROUND,
    rider: str = RIDER,
    reason: str = REASON,
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Disqualify (commissaires)."""
    _run(
        db,
        competition,
        who,
        lambda svc, state: c.Disqualify(round_id, _rider(state, rider), reason),
    )


@user_errors
def rel(
    round_id: str = ROUND,
    rider: str = RIDER,
    reason: str = REASON,
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Relegate (commissaires)."""
    _run(
        db, competition, who, lambda svc, state: c.Relegate(round_id, _rider(state, rider), reason)
    )


@user_errors
def correct(
    round_id: str = ROUND,
    rider: str = RIDER,
    reason: str = REASON,
    time: str | None = typer.Option(
        None,
        "--time",
        help="The corrected time (with --half-lap: that half lap's split).",
        show_default=False,
    ),
    status: str | None = typer.Option(
        None,
        "--status",
        help="The corrected status: finished, caught, overtaken, dns, dnf, dsq, rel.",
        show_default=False,
    ),
    half_lap: int | None = typer.Option(
        None,
        "--half-lap",
        help="Correct the split at this half lap instead of the ride's time.",
        show_default=False,
    ),
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Correct a ride's time, status or one of its half-lap splits. The old value stays in
    the log, with who corrected it and why."""
    if half_lap is not None and (time is None or status is not None):
        raise RuleViolation("--half-lap corrects a split: give its --time, and no --status")
    _run(
        db,
        competition,
        who,
        lambda svc, state: (
            c.CorrectSplit(round_id, _rider(state, rider), half_lap, time, reason)
            if half_lap is not None and time is not None
            else c.CorrectRide(round_id, _rider(state, rider), reason, time, status)
        ),
    )


@user_errors
def decide(
    effect: str = typer.Option(
        ..., "--effect", help="disqualify, reinstate or note.", show_default=False
    ),
    authority: str = typer.Option(
        ...,
        "--authority",
        help="Who decided: commissaires' panel, federation, jury of appeal…",
        show_default=False,
    ),
    reason: str = REASON,
    round_id: str | None = typer.Option(None, "--round", show_default=False),
    rider: str | None = typer.Option(None, "--rider", show_default=False),
    date: str | None = typer.Option(
        None, "--date", help="Date of the decision.", show_default=False
    ),
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Record a decision of the commissaires or a federation (protest, appeal, award)."""
    _run(
        db,
        competition,
        who,
        lambda svc, state: c.RecordDecision(
            effect, authority, reason, round_id, _rider(state, rider) if rider else None, date
        ),
    )


def register(app: typer.Typer) -> None:
    commands = (schedule, draw, start, split, finish, catch, dns, dnf, dsq, rel, correct, decide)
    for command in commands:
        app.command()(command)
