"""Commands officials run at the track: draw, start, splits, finish, catch, sanctions."""

from __future__ import annotations

from typing import Any

import typer

from pursuit.app.actions import ACTIONS, read_body
from pursuit.app.describe import describe
from pursuit.app.service import Handled
from pursuit.cli.database import ACTOR, COMPETITION, DB, actor, competition_id, say, service
from pursuit.cli.errors import user_errors
from pursuit.errors import RuleViolation

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


def act(
    name: str, values: dict[str, Any], db: str | None, competition: str | None, who: str | None
) -> Handled:
    """Run the operator action `name` (the one the console and the API run) with `values` as
    typed on the command line, and say what it recorded."""
    action = ACTIONS[name]
    body = read_body(action.body, {k: v for k, v in values.items() if v is not None}, name)
    svc = service(db)
    cid = competition_id(svc, competition)
    svc.existing(cid)
    done = svc.handle(cid, lambda state: action.build(state, body), actor(who))
    for stored in done.stored:
        say(f"event {stored.position}: {describe(stored.type, stored.data)}")
    if done.proposal is not None:
        p = done.proposal
        say(
            f"catch detected: the splits show {p.catcher} has caught {p.caught} by half lap "
            f'{p.half_lap}. Confirm with: pursuit catch {p.round} {p.heat} "{p.catcher}"'
        )
    return done


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
    pairs = [[n.strip() for n in p.split(" v ")] for p in pair] or None
    act("draw", {"round": round_id, "pairs": pairs}, db, competition, who)


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
    act("schedule", {"round": round_id, "date": date, "time": time}, db, competition, who)


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
    act("start", {"round": round_id, "heat": heat, "impulse": impulse}, db, competition, who)


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
    values = {"round": round_id, "heat": heat, "entrant": rider, "time": time}
    values |= {"impulse": impulse, "half_lap": half_lap}
    act("split", values, db, competition, who)


@user_errors
def skip(
    round_id: str = ROUND,
    heat: int = HEAT,
    rider: str = RIDER,
    half_lap: int | None = typer.Option(
        None, "--half-lap", help="Which half lap (default: the next).", show_default=False
    ),
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Mark a half lap nobody timed as missed: the next split keeps its own number."""
    values = {"round": round_id, "heat": heat, "entrant": rider, "half_lap": half_lap}
    act("skip", values, db, competition, who)


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
    values = {"round": round_id, "heat": heat, "entrant": rider, "time": time}
    values |= {"impulse": impulse, "record": record}
    act("finish", values, db, competition, who)


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
    values = {"round": round_id, "heat": heat, "catcher": catcher, "half_lap": half_lap}
    act("catch", values, db, competition, who)


@user_errors
def dns(
    round_id: str = ROUND,
    rider: str = RIDER,
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Record a non-start."""
    act("dns", {"round": round_id, "entrant": rider}, db, competition, who)


@user_errors
def dnf(
    round_id: str = ROUND,
    rider: str = RIDER,
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Record a non-finish."""
    act("dnf", {"round": round_id, "entrant": rider}, db, competition, who)


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
    act("dsq", {"round": round_id, "entrant": rider, "reason": reason}, db, competition, who)


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
    act("rel", {"round": round_id, "entrant": rider, "reason": reason}, db, competition, who)


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
    values = {"round": round_id, "entrant": rider, "reason": reason, "time": time}
    if half_lap is not None:
        act("correct-split", values | {"half_lap": half_lap}, db, competition, who)
    else:
        act("correct", values | {"status": status}, db, competition, who)


@user_errors
def decide(
    effect: str = typer.Option(
        ...,
        "--effect",
        help="disqualify, reinstate, award (a place: --place) or note.",
        show_default=False,
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
        None, "--date", help="Date of the decision, YYYY-MM-DD.", show_default=False
    ),
    place: int | None = typer.Option(
        None, "--place", min=1, help="award: the place given.", show_default=False
    ),
    reference: str | None = typer.Option(
        None,
        "--reference",
        help="Where the decision was published: a communiqué, minutes.",
        show_default=False,
    ),
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Record a decision of the commissaires or a federation (protest, appeal, award)."""
    values: dict[str, Any] = {"effect": effect, "authority": authority, "reason": reason}
    values |= {"round": round_id, "entrant": rider, "date": date}
    values |= {"place": place, "reference": reference}
    act("decide", values, db, competition, who)


@user_errors
def lineup(
    round_id: str = ROUND,
    team: str = typer.Argument(
        ..., help="Team: full name, bib, or a unique part of the name.", show_default=False
    ),
    riders: list[str] = typer.Argument(
        ...,
        help="The riders it starts with, from its roster (a unique part of a name will do).",
        show_default=False,
    ),
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Declare a team's line-up for a round, until its heat starts (team pursuit)."""
    act("lineup", {"round": round_id, "team": team, "riders": riders}, db, competition, who)


@user_errors
def drop(
    round_id: str = ROUND,
    heat: int = HEAT,
    team: str = typer.Argument(..., help="The team.", show_default=False),
    rider: str = typer.Argument(
        ..., help="The rider of its line-up who dropped.", show_default=False
    ),
    half_lap: int | None = typer.Option(
        None, "--half-lap", help="The half lap it happened in.", show_default=False
    ),
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Record a team's rider dropped in a running heat; with fewer than the counting rider
    left the team cannot finish (DNF)."""
    values = {"round": round_id, "heat": heat, "team": team, "rider": rider}
    act("drop", values | {"half_lap": half_lap}, db, competition, who)


@user_errors
def order(
    round_id: str = ROUND,
    names: list[str] = typer.Argument(
        ...,
        metavar="NAME...",
        help="Who was faster in the round, best first (full name, bib or a unique part).",
        show_default=False,
    ),
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Record who was faster in a round, as a source published it without the times: used
    wherever the results order by that round's time, and checked against every known time."""
    act("order", {"round": round_id, "names": names}, db, competition, who)


def register(app: typer.Typer) -> None:
    commands = (
        schedule, draw, start, split, skip, finish, catch, dns, dnf, dsq, rel, correct, decide,
        lineup, drop, order,
    )  # fmt: skip
    for command in commands:
        app.command()(command)
