"""The competition list and a competition's overview page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pursuit.core.entrants import Team
from pursuit.core.live_state import CompetitionState
from pursuit.views.results import ResultsView
from pursuit.views.status import (
    OFFICIAL,
    PROVISIONAL,
    HeatRef,
    RoundLine,
    round_line,
    running_heat,
)


@dataclass(frozen=True)
class Summary:
    id: str
    title: str
    venue: str
    dates: tuple[str, ...]
    status: str  # official | provisional
    live: HeatRef | None


@dataclass(frozen=True)
class EntrantLine:
    name: str
    nation: str
    bib: str
    members: tuple[str, ...]


@dataclass(frozen=True)
class Overview:
    id: str
    title: str
    event: str
    gender: str
    distance_m: int
    track_length_m: float | None  # None: not known
    venue: str
    altitude_m: int | None
    dates: tuple[str, ...]
    format_title: str
    format_description: str
    precision: str
    status: str
    live: HeatRef | None
    rounds: tuple[RoundLine, ...]
    entrants: tuple[EntrantLine, ...]
    nations: int
    has_bracket: bool


def summary(competition: str) -> Callable[[CompetitionState, ResultsView], Summary]:
    """A builder of the competition's line in the list (bound to its id)."""

    def build(state: CompetitionState, view: ResultsView) -> Summary:
        c = view.competition
        return Summary(
            competition,
            c.title,
            c.venue,
            c.dates,
            OFFICIAL if view.complete else PROVISIONAL,
            running_heat(state, view),
        )

    return build


def overview(competition: str) -> Callable[[CompetitionState, ResultsView], Overview]:
    def build(state: CompetitionState, view: ResultsView) -> Overview:
        c = view.competition
        entrants = sorted(state.entrants.values(), key=lambda e: e.sort_name)
        return Overview(
            id=competition,
            title=c.title,
            event=c.event,
            gender=c.gender,
            distance_m=c.distance_m,
            track_length_m=c.track_length_m,
            venue=c.venue,
            altitude_m=c.altitude_m,
            dates=c.dates,
            format_title=c.format_title,
            format_description=c.format_description,
            precision=c.precision,
            status=OFFICIAL if view.complete else PROVISIONAL,
            live=running_heat(state, view),
            rounds=tuple(round_line(state, r) for r in view.rounds),
            entrants=tuple(
                EntrantLine(
                    e.name,
                    e.nation or "",
                    e.bib or "",
                    tuple(m.name for m in e.roster) if isinstance(e, Team) else (),
                )
                for e in entrants
            ),
            nations=c.nations,
            has_bracket=any(r.kind == "knockout" for r in view.rounds),
        )

    return build
