"""The bracket of the knockout rounds: who meets whom, who went through."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pursuit.views.results import HeatView, ResultsView
from pursuit.views.status import RoundLine, heat_status, nation, round_line

if TYPE_CHECKING:  # a live state is passed in; files and sheets never build one
    from pursuit.core.live_state import CompetitionState


@dataclass(frozen=True)
class Slot:
    name: str  # "" while not known
    nation: str
    side: str
    time: str
    note: str
    winner: bool


@dataclass(frozen=True)
class Match:
    round_id: str
    number: int
    title: str
    status: str
    decided_by: str
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class Column:
    round: RoundLine
    matches: tuple[Match, ...]


@dataclass(frozen=True)
class Bracket:
    competition: str
    title: str
    columns: tuple[Column, ...]


def _match(state: CompetitionState, round_id: str, heat: HeatView) -> Match:
    drawn = state.heat(round_id, heat.number)
    by_name = {r.name: r for r in heat.rides}
    names = list(drawn.entrants) if drawn is not None else [r.name for r in heat.rides]
    if not names:
        names = list(heat.expected)
    sides = dict(zip(drawn.entrants, drawn.sides, strict=False)) if drawn is not None else {}
    winner_rank = min((int(r.rank) for r in heat.rides if r.rank.isdigit()), default=None)
    slots = []
    for name in names:
        row = by_name.get(name)
        slots.append(
            Slot(
                name,
                nation(state, name) if name else "",
                sides.get(name, row.side if row else ""),
                row.time if row else "",
                row.note if row else "",
                bool(heat.decided_by and row and row.rank == str(winner_rank)),
            )
        )
    status = heat_status(drawn) if drawn is not None else ("finished" if heat.rides else "to come")
    return Match(round_id, heat.number, heat.title, status, heat.decided_by, tuple(slots))


def bracket(competition: str) -> Callable[[CompetitionState, ResultsView], Bracket]:
    def build(state: CompetitionState, view: ResultsView) -> Bracket:
        columns = tuple(
            Column(round_line(state, r), tuple(_match(state, r.id, h) for h in r.heats))
            for r in view.rounds
            if r.kind == "knockout"
        )
        return Bracket(competition, view.competition.title, columns)

    return build
