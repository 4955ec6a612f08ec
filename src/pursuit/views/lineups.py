"""Team pursuit line-ups as shown: each ride's riders with who dropped, the rider a team's
time is taken on, and the console's line-up panel (rosters, declared line-ups per heat)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pursuit.core.entrants import Team
from pursuit.core.formats import Format
from pursuit.core.ordinals import ordinal

if TYPE_CHECKING:  # a live state is passed in; files and sheets never build one
    from pursuit.core.live_state import CompetitionState


@dataclass(frozen=True)
class LineupRider:
    name: str
    dropped: bool = False


def lineup_riders(lineup: Sequence[str], dropped: Sequence[str] = ()) -> tuple[LineupRider, ...]:
    gone = set(dropped)
    return tuple(LineupRider(name, name in gone) for name in lineup)


def timed_on(fmt: Format | None) -> str:
    """ "the 3rd rider" for a team pursuit format (its `counting_rider`), else ""."""
    if fmt is None or fmt.event != "team":
        return ""
    return f"the {ordinal(fmt.counting_rider)} rider"


@dataclass(frozen=True)
class TeamLineup:
    team: str
    riders: tuple[LineupRider, ...]
    by_default: bool = False  # not declared: the heat's start will take the default


@dataclass(frozen=True)
class TeamRoster:
    team: str
    riders: tuple[str, ...]


@dataclass(frozen=True)
class TeamDesk:
    """The console's team pursuit panel; `teams` False for a competition of riders."""

    teams: bool
    team_size: int
    timed_on: str
    rosters: tuple[TeamRoster, ...]
    heats: dict[str, tuple[TeamLineup, ...]]  # "R1/3" -> the line-up of each team in it

    def of(self, heat_key: str, team: str) -> TeamLineup | None:
        return next((t for t in self.heats.get(heat_key, ()) if t.team == team), None)


def team_desk(state: CompetitionState) -> TeamDesk:
    teams = [e for e in state.entrants.values() if isinstance(e, Team)]
    rosters = tuple(TeamRoster(t.name, tuple(r.name for r in t.roster)) for t in teams)
    size = state.format.team_size if state.format is not None else 4
    heats: dict[str, tuple[TeamLineup, ...]] = {}
    names = {t.name for t in teams}
    for round_id, by_number in state.heats.items():
        for number, heat in by_number.items():
            lineups = []
            for name in heat.entrants:
                ride = state.ride(round_id, name)
                if name not in names or ride is None:
                    continue
                lineups.append(
                    TeamLineup(name, lineup_riders(ride.lineup, ride.dropped), not ride.lineup)
                )
            heats[f"{round_id}/{number}"] = tuple(lineups)
    return TeamDesk(bool(teams), size, timed_on(state.format), rosters, heats)
