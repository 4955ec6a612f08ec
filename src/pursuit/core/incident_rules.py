"""The rules of incidents as format data (UCI 3.2.021 ter, 3.2.074–075, 3.2.099–100).

A round is one phase: qualifying, a first round (any knockout round before the finals) or a
final. What a false start, a recognised mishap (fall, puncture, breakage) or a team left with
fewer than three riders costs depends on the phase; each consequence is a format setting
whose default is the current UCI rule. `docs/formats.md` ("Incidents") documents the keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Phase(Enum):
    """The UCI "phase" of a round: the unit the starts are counted in."""

    QUALIFYING = "qualifying"
    FIRST_ROUND = "first_round"
    FINAL = "final"


class Consequence(Enum):
    """What an incident costs the competitor it happened to."""

    ELIMINATED = "eliminated"  # out of the round, listed DNF
    RELEGATED = "relegated"  # REL
    BEATEN = "beaten"  # considered beaten: loses the heat
    DISQUALIFIED = "disqualified"  # DSQ
    RERIDE = "reride"  # the ride is set aside; a solo re-ride at the end of the round
    IGNORED = "ignored"  # recorded, nothing changes: the race goes on


INCIDENT_KINDS = ("fall", "puncture", "breakage")  # the recognised mishaps (3.2.021)

# What each table may say, per phase: a timed round has no heat to lose, a knockout heat no
# end of round to re-ride at.
SANCTIONS = (
    Consequence.ELIMINATED,
    Consequence.RELEGATED,
    Consequence.BEATEN,
    Consequence.DISQUALIFIED,
)
ALLOWED: dict[Phase, tuple[Consequence, ...]] = {
    Phase.QUALIFYING: (
        Consequence.ELIMINATED,
        Consequence.RELEGATED,
        Consequence.DISQUALIFIED,
        Consequence.RERIDE,
        Consequence.IGNORED,
    ),
    Phase.FIRST_ROUND: (*SANCTIONS, Consequence.IGNORED),
    Phase.FINAL: (*SANCTIONS, Consequence.IGNORED),
}


def allowed(table: str, phase: Phase) -> tuple[Consequence, ...]:
    """What a table of `IncidentRules` may say for `phase`: a sanction for a competitor with no
    start left or a team short of riders; for a late mishap, anything the phase allows."""
    if table == "late_incident":
        return ALLOWED[phase]
    if phase is Phase.QUALIFYING:
        return tuple(s for s in SANCTIONS if s is not Consequence.BEATEN)
    return SANCTIONS


@dataclass(frozen=True, slots=True)
class ByPhase:
    """One consequence per phase."""

    qualifying: Consequence
    first_round: Consequence
    final: Consequence

    def of(self, phase: Phase) -> Consequence:
        if phase is Phase.QUALIFYING:
            return self.qualifying
        return self.first_round if phase is Phase.FIRST_ROUND else self.final


@dataclass(frozen=True, slots=True)
class IncidentRules:
    """The format's `[incidents]` table (the starts limit is the top-level `starts_per_phase`).

    - `restart_half_laps`: a recognised mishap before this many half laps are completed stops
      the heat, which restarts at once for both (3.2.021: the first half lap).
    - `second_false_start`: a false start, or a mishap within the restart window, by a
      competitor who has used every start of the phase (3.2.021 ter).
    - `late_incident`: a recognised mishap after the restart window (3.2.074–075; for a team,
      one rider affected, 3.2.099–100: `reride` means the team chooses to stop and re-ride
      or to continue with three).
    - `short_team`: a team left with fewer than three riders (3.2.099–100).
    """

    restart_half_laps: int = 1
    second_false_start: ByPhase = ByPhase(
        Consequence.ELIMINATED, Consequence.RELEGATED, Consequence.BEATEN
    )
    late_incident: ByPhase = ByPhase(Consequence.RERIDE, Consequence.BEATEN, Consequence.BEATEN)
    short_team: ByPhase = ByPhase(Consequence.ELIMINATED, Consequence.RELEGATED, Consequence.BEATEN)


DEFAULT_INCIDENTS = IncidentRules()

# A team's late mishap: re-ride or go on with three in qualifying, ignored in knockout rounds.
TEAM_LATE_INCIDENT = ByPhase(Consequence.RERIDE, Consequence.IGNORED, Consequence.IGNORED)
TABLES = ("second_false_start", "late_incident", "short_team")
