"""Team line-ups checked against the team and the format: who may ride, and how many start.

A team pursuit ride records the riders who rode it (the line-up may change between rounds,
3.2.079). A line-up names riders entered for the team, each once, and as many as a team
starts with (`team_size`; an incomplete team may not start, 3.2.087). A line-up on a rider's
ride means the file mixed up riders and teams.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

from pursuit.core.competition import Ride
from pursuit.core.entrants import Team
from pursuit.core.formats import RoundSpec
from pursuit.core.resolver import Context


def check_lineups(ctx: Context, spec: RoundSpec) -> None:
    team_size = ctx.competition.format.team_size
    for ride in ctx.rides_by_round.get(spec.id, {}).values():
        if ride.lineup:
            _check(ctx, spec, ride, team_size)


def lineup_problems(lineup: Sequence[str], roster: Collection[str], team_size: int) -> list[str]:
    """What is wrong with a line-up, each in words (none: it may start): riders not on the
    roster (an empty roster checks nobody), riders named twice, a count other than
    `team_size`."""
    problems = []
    strangers = [n for n in lineup if roster and n not in roster]
    if strangers:
        problems.append(
            f"{', '.join(strangers)} not on the team's roster ({', '.join(sorted(roster))})"
        )
    twice = sorted(n for n, k in Counter(lineup).items() if k > 1)
    if twice:
        problems.append(f"{', '.join(twice)} named twice in the line-up")
    if len(lineup) != team_size:
        problems.append(f"a line-up of {len(lineup)}; a team starts with {team_size} riders")
    return problems


def _check(ctx: Context, spec: RoundSpec, ride: Ride, team_size: int) -> None:
    where = f"{spec.name}: {ride.entrant}"
    entrant = ctx.entrants.get(ride.entrant)
    if not isinstance(entrant, Team):
        ctx.find("lineup", f"{where} is a rider; a line-up is for a team", ride.place)
        return
    roster = {r.name for r in entrant.roster}
    for problem in lineup_problems(ride.lineup, roster, team_size):
        ctx.find("lineup", f"{where}: {problem}", ride.place)
    outside = [n for n in ride.dropped if n not in ride.lineup]
    if outside:
        ctx.find(
            "lineup", f"{where}: {', '.join(outside)} dropped but not in the line-up", ride.place
        )
