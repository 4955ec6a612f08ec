"""The start list of a round: its heats in running order, who starts on which side, each rider's
nation, bib and seed; for a round without heats, who is known to ride it.

One model for every output: the web's start-list page (and its JSON), the start-list sheet and
the static site's start-list page render this, each choosing what to print.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pursuit.core.entrants import Entrant
from pursuit.views.document import OFF_DOCUMENT
from pursuit.views.draw import DrawnHeat, drawn_in, heats_of
from pursuit.views.errors import NothingToShow
from pursuit.views.results import ResultsView, RoundView
from pursuit.views.status import RoundLine, find_round, heat_title, round_line

if TYPE_CHECKING:  # a live state is passed in; files and sheets never build one
    from pursuit.core.live_state import CompetitionState


@dataclass(frozen=True)
class Starter:
    name: str  # "" while the format has not decided who rides here
    nation: str
    side: str  # red | green | ""
    # printed on the sheet, not in the page's JSON
    bib: str = field(default="", metadata=OFF_DOCUMENT)
    seed: str = field(default="", metadata=OFF_DOCUMENT)  # rank in the first timed round
    lineup: tuple[str, ...] = ()  # team pursuit: the riders declared (or ridden) for the round


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
    # for the sheet, not in the page's JSON: while no heat names its riders, every rider known
    # for the round in alphabetical order; whether riders have seeds; whether the round has rides
    riders: tuple[Starter, ...] = field(default=(), metadata=OFF_DOCUMENT)
    seeded: bool = field(default=False, metadata=OFF_DOCUMENT)
    ridden: bool = field(default=False, metadata=OFF_DOCUMENT)


def build_start_list(
    competition: str,
    view: ResultsView,
    rnd: RoundView,
    lines: tuple[RoundLine, tuple[RoundLine, ...]],
    entrants: Mapping[str, Entrant],
    drawn: Sequence[DrawnHeat] = (),
    lineups: Mapping[str, tuple[str, ...]] | None = None,
) -> StartList:
    """The start list of `rnd`: `lines` are the round's status line and every round's,
    `drawn` the heats as drawn in the log (none for a round not drawn, or from a file),
    `lineups` the teams' line-ups declared in the log (else those of the rides recorded)."""
    seeds = seeds_for(view, rnd.id)
    lineup_of = {r.name: r.lineup for r in rnd.ranking if r.lineup} | dict(lineups or {})

    def starter(name: str, side: str) -> Starter:
        entrant = entrants.get(name)
        nation = (entrant.nation or "") if entrant is not None else ""
        bib = (entrant.bib or "") if entrant is not None else ""
        return Starter(name, nation, side, bib, seeds.get(name, ""), lineup_of.get(name, ()))

    heats = tuple(
        HeatLine(
            h.number,
            heat_title(view, rnd.id, h.number),
            h.status,
            tuple(starter(n, s) for n, s in zip(h.entrants, h.sides, strict=False)),
        )
        for h in heats_of(rnd, drawn)
    )
    note = ""
    if not heats:
        note = (
            "The heats are not drawn yet."
            if not rnd.ranking
            else "The pairings of this round were not published; see its results."
        )
    known = [r.name for r in rnd.ranking] or list(entrants)
    ordered = sorted(known, key=lambda n: str(entrants[n].sort_name) if n in entrants else n)
    paired = any(s.name for h in heats for s in h.starters)
    return StartList(
        competition,
        view.competition.title,
        *lines,
        heats,
        note,
        bool(heats) and all(s.side for h in heats for s in h.starters if s.name),
        () if paired else tuple(starter(n, "") for n in ordered),
        bool(seeds),
        bool(rnd.ranking) or any(h.rides for h in rnd.heats),
    )


def seeds_for(view: ResultsView, round_id: str) -> dict[str, str]:
    """Rank in the first timed round, for the rounds after it."""
    first = next((r for r in view.rounds if r.kind == "timed"), None)
    if first is None or first.id == round_id:
        return {}
    return {r.name: r.rank for r in first.ranking if r.rank != "–"}


def start_list(
    competition: str, round_id: str
) -> Callable[[CompetitionState, ResultsView], StartList]:
    def build(state: CompetitionState, view: ResultsView) -> StartList:
        rnd = find_round(view, round_id)
        if rnd is None:
            raise NothingToShow(f"no round {round_id!r} in {competition}")
        lines = round_line(state, rnd), tuple(round_line(state, r) for r in view.rounds)
        drawn = drawn_in(state, round_id)
        lineups = {n: r.lineup for n, r in state.rides.get(round_id, {}).items() if r.lineup}
        return build_start_list(competition, view, rnd, lines, state.entrants, drawn, lineups)

    return build
