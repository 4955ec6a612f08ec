"""Incidents at the track: a false start, a recognised mishap (fall, puncture, breakage).
What each costs follows the format's `[incidents]` and the round's phase."""

from __future__ import annotations

from typing import Any

import typer

from pursuit.cli.database import ACTOR, COMPETITION, DB
from pursuit.cli.errors import user_errors
from pursuit.cli.operate_commands import HEAT, RIDER, ROUND, act


@user_errors
def false_start(
    round_id: str = ROUND,
    heat: int = HEAT,
    rider: str = RIDER,
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Record a false start: the heat is stopped and restarted; with no start left in the
    round the format's sanction applies (qualifying: eliminated; final: beaten)."""
    act("false-start", {"round": round_id, "heat": heat, "entrant": rider}, db, competition, who)


@user_errors
def incident(
    round_id: str = ROUND,
    heat: int = HEAT,
    rider: str = RIDER,
    kind: str = typer.Option(..., "--kind", help="fall, puncture or breakage.", show_default=False),
    half_lap: int | None = typer.Option(
        None,
        "--half-lap",
        help="The half lap it happened in (1: the first). Default: the one being ridden.",
        show_default=False,
    ),
    team_stops: bool = typer.Option(
        False, "--team-stops", help="Team pursuit qualifying: the team stops to re-ride."
    ),
    short_team: bool = typer.Option(
        False, "--short-team", help="Team pursuit: fewer than three riders left."
    ),
    db: str | None = DB,
    competition: str | None = COMPETITION,
    who: str | None = ACTOR,
) -> None:
    """Record a recognised mishap: in the first half lap the heat restarts; later, a re-ride
    at the end of qualifying, or considered beaten in a final (the format says)."""
    values: dict[str, Any] = {"round": round_id, "heat": heat, "entrant": rider, "kind": kind}
    values |= {"half_lap": half_lap, "team_stops": team_stops, "short_team": short_team}
    act("incident", values, db, competition, who)


def register(app: typer.Typer) -> None:
    for command in (false_start, incident):
        app.command()(command)
