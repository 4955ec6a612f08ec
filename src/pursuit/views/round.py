"""The results of a round, marked provisional or official: a timed round as one ranking (with
who goes on), a knockout round heat by heat with how each heat was decided."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pursuit.core.times import RaceTime
from pursuit.views.document import OFF_DOCUMENT
from pursuit.views.errors import NothingToShow
from pursuit.views.lineups import LineupRider, lineup_riders
from pursuit.views.pictures import Picture, round_picture
from pursuit.views.results import ResultsView, RoundView, RowView
from pursuit.views.status import RoundLine, find_round, round_line

if TYPE_CHECKING:  # a live state is passed in; files and sheets never build one
    from pursuit.core.live_state import CompetitionState


@dataclass(frozen=True)
class Row:
    rank: str
    name: str
    nation: str
    time: str
    note: str
    shared: bool
    heat: int | None
    advances: bool = False  # goes on to the next round (Q)
    basis_note: str = ""  # how the ride is known, when not as published (`views.basis`)
    mark: str = ""  # the qualification mark (Q, QG, QB) of the round the competitor goes on to
    lineup: tuple[LineupRider, ...] = ()  # team pursuit: the riders, who dropped marked
    # for the renderers, not in the page's JSON: the sheets print side and record in columns
    # of their own; the charts read the time as a value
    side: str = field(default="", metadata=OFF_DOCUMENT)  # red | green | ""
    record: str = field(default="", metadata=OFF_DOCUMENT)  # OR / WR as recorded
    value: RaceTime | None = field(default=None, metadata=OFF_DOCUMENT)  # the time as shown
    record_note: str = ""  # a recognised record: to be ratified, and the time it beat


@dataclass(frozen=True)
class HeatResult:
    number: int
    title: str
    decided_by: str
    rows: tuple[Row, ...]
    # who the format puts here ("" while unknown), for a sheet's heat not ridden yet
    expected: tuple[str, ...] = field(default=(), metadata=OFF_DOCUMENT)


@dataclass(frozen=True)
class RoundResults:
    competition: str
    title: str
    round: RoundLine
    rounds: tuple[RoundLine, ...]
    advance: int | None
    rows: tuple[Row, ...]
    heats: tuple[HeatResult, ...]  # knockout rounds: heat by heat
    picture: Picture | None  # timed rounds: the times as a ranked bar chart


def _row(r: RowView, advanced: tuple[str, ...] = ()) -> Row:
    return Row(
        r.rank, r.name, r.nation, r.time, r.note, r.shared, r.heat, r.name in advanced,
        r.basis_note, r.mark, lineup_riders(r.lineup, r.dropped), r.side, r.record, r.value,
        r.record_note,
    )  # fmt: skip


def ranking_rows(rnd: RoundView) -> tuple[Row, ...]:
    """The round's ranking, each row marked when the rider goes on."""
    return tuple(_row(r, rnd.advanced) for r in rnd.ranking)


def heat_results(rnd: RoundView) -> tuple[HeatResult, ...]:
    """A knockout round heat by heat (nothing for a timed round)."""
    if rnd.kind != "knockout":
        return ()
    return tuple(
        HeatResult(h.number, h.title, h.decided_by, tuple(_row(r) for r in h.rides), h.expected)
        for h in rnd.heats
    )


def round_results(
    competition: str, round_id: str
) -> Callable[[CompetitionState, ResultsView], RoundResults]:
    def build(state: CompetitionState, view: ResultsView) -> RoundResults:
        rnd = find_round(view, round_id)
        if rnd is None:
            raise NothingToShow(f"no round {round_id!r} in {competition}")
        return RoundResults(
            competition,
            view.competition.title,
            round_line(state, rnd),
            tuple(round_line(state, r) for r in view.rounds),
            rnd.advance,
            ranking_rows(rnd),
            heat_results(rnd),
            round_picture(competition, round_id, rnd.name, state.position)
            if rnd.kind == "timed" and any(r.time for r in rnd.ranking)
            else None,
        )

    return build
