"""Results of a round and the final classification, marked provisional or official."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pursuit.core.live_state import CompetitionState
from pursuit.views.results import ResultsView, RowView, last_rides
from pursuit.web.errors import NotFound
from pursuit.web.pages.pictures import Picture, bracket_picture, round_picture
from pursuit.web.pages.status import OFFICIAL, PROVISIONAL, RoundLine, find_round, round_line


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


@dataclass(frozen=True)
class HeatResult:
    number: int
    title: str
    decided_by: str
    rows: tuple[Row, ...]


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


@dataclass(frozen=True)
class Place:
    rank: str
    name: str
    nation: str
    shared: bool
    vacant: bool
    round: str = ""  # the last round ridden
    time: str = ""  # the time there, or how that ride ended


@dataclass(frozen=True)
class Classification:
    competition: str
    title: str
    status: str
    official: bool
    places: tuple[Place, ...]
    notes: tuple[str, ...]
    picture: Picture | None  # the knockout bracket


def _row(r: RowView, advanced: tuple[str, ...] = ()) -> Row:
    return Row(r.rank, r.name, r.nation, r.time, r.note, r.shared, r.heat, r.name in advanced)


def round_results(
    competition: str, round_id: str
) -> Callable[[CompetitionState, ResultsView], RoundResults]:
    def build(state: CompetitionState, view: ResultsView) -> RoundResults:
        rnd = find_round(view, round_id)
        if rnd is None:
            raise NotFound(f"no round {round_id!r} in {competition}")
        heats: tuple[HeatResult, ...] = ()
        if rnd.kind == "knockout":
            heats = tuple(
                HeatResult(h.number, h.title, h.decided_by, tuple(_row(r) for r in h.rides))
                for h in rnd.heats
            )
        return RoundResults(
            competition,
            view.competition.title,
            round_line(state, rnd),
            tuple(round_line(state, r) for r in view.rounds),
            rnd.advance,
            tuple(_row(r, rnd.advanced) for r in rnd.ranking),
            heats,
            round_picture(competition, round_id, rnd.name, state.position)
            if rnd.kind == "timed" and any(r.time for r in rnd.ranking)
            else None,
        )

    return build


def classification(competition: str) -> Callable[[CompetitionState, ResultsView], Classification]:
    def build(state: CompetitionState, view: ResultsView) -> Classification:
        last = last_rides(view)
        places = tuple(
            Place(p.rank, p.name, p.nation, p.shared, p.vacant, *_last(last.get(p.name)))
            for p in view.classification
        )
        notes = []
        if any(p.rank == "AC" for p in places):
            notes.append("AC: overtaken and eliminated, not classified.")
        if any(p.shared for p in places):
            notes.append("= marks a rank shared by several riders.")
        if any(p.rank == "" and p.name for p in places):
            notes.append("Riders without a rank are still in the competition.")
        return Classification(
            competition,
            view.competition.title,
            OFFICIAL if view.complete else PROVISIONAL,
            view.complete,
            places,
            tuple(notes),
            bracket_picture(competition, state.position)
            if any(r.kind == "knockout" for r in view.rounds)
            else None,
        )

    return build


def _last(ride: tuple[str, RowView] | None) -> tuple[str, str]:
    if ride is None:
        return "", ""
    round_name, row = ride
    return round_name, " ".join(p for p in (row.time, row.note) if p)
