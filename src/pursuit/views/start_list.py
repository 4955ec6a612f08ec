"""Start lists: each round's heats in running order, both riders and their start sides."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pursuit.core.live_state import CompetitionState
from pursuit.views.errors import NothingToShow
from pursuit.views.results import ResultsView, RoundView
from pursuit.views.status import (
    RoundLine,
    find_round,
    heat_status,
    heat_title,
    nation,
    round_line,
)


@dataclass(frozen=True)
class Starter:
    name: str  # "" while the format has not decided who rides here
    nation: str
    side: str  # red | green | ""


@dataclass(frozen=True)
class HeatLine:
    number: int
    title: str
    status: str  # to ride | running | finished | to be decided
    starters: tuple[Starter, ...]


@dataclass(frozen=True)
class StartList:
    competition: str
    title: str
    round: RoundLine
    rounds: tuple[RoundLine, ...]
    heats: tuple[HeatLine, ...]
    note: str
    sides_known: bool  # False: the results name no start sides (an imported old competition)


def heats_of(state: CompetitionState, view: ResultsView, rnd: RoundView) -> tuple[HeatLine, ...]:
    """The drawn heats; for a round never drawn live, the heats its results or format give."""
    drawn = state.heats.get(rnd.id, {})
    if drawn:
        return tuple(
            HeatLine(
                h.number,
                heat_title(view, rnd.id, h.number),
                heat_status(h),
                tuple(
                    Starter(name, nation(state, name), side)
                    for name, side in zip(h.entrants, h.sides, strict=False)
                ),
            )
            for h in drawn.values()
        )
    lines = []
    for heat in rnd.heats:
        if heat.rides:
            rides = sorted(heat.rides, key=lambda r: r.side != "red")
            starters = tuple(Starter(r.name, r.nation, r.side) for r in rides)
            status = "finished"
        else:
            starters = tuple(Starter(n, nation(state, n) if n else "", "") for n in heat.expected)
            status = "to be decided"
        lines.append(HeatLine(heat.number, heat.title, status, starters))
    return tuple(lines)


def start_list(
    competition: str, round_id: str
) -> Callable[[CompetitionState, ResultsView], StartList]:
    def build(state: CompetitionState, view: ResultsView) -> StartList:
        rnd = find_round(view, round_id)
        if rnd is None:
            raise NothingToShow(f"no round {round_id!r} in {competition}")
        heats = heats_of(state, view, rnd)
        note = ""
        if not heats:
            note = (
                "The heats are not drawn yet."
                if not rnd.ranking
                else "The pairings of this round were not published; see its results."
            )
        return StartList(
            competition,
            view.competition.title,
            round_line(state, rnd),
            tuple(round_line(state, r) for r in view.rounds),
            heats,
            note,
            bool(heats) and all(s.side for h in heats for s in h.starters if s.name),
        )

    return build
