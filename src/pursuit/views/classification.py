"""The final classification, marked provisional or official: every place, with the last round
each rider rode and how that ride ended."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pursuit.views.document import OFF_DOCUMENT
from pursuit.views.pictures import Picture, bracket_picture
from pursuit.views.results import DecisionView, PlaceView, ResultsView, RowView, last_rides
from pursuit.views.status import OFFICIAL, PROVISIONAL

if TYPE_CHECKING:  # a live state is passed in; files and sheets never build one
    from pursuit.core.live_state import CompetitionState


@dataclass(frozen=True)
class Place:
    rank: str
    name: str
    nation: str
    shared: bool
    vacant: bool
    round: str = ""  # the last round ridden
    time: str = ""  # the time there, or how that ride ended
    # the row of that ride (time, value, note), for the renderers; not in the page's JSON
    ride: RowView | None = field(default=None, metadata=OFF_DOCUMENT)
    awarded: str = ""  # "awarded by FIAC, 1968-11-30": a decision gave this place


@dataclass(frozen=True)
class Classification:
    competition: str
    title: str
    status: str
    official: bool
    places: tuple[Place, ...]
    notes: tuple[str, ...]
    picture: Picture | None  # the knockout bracket
    decisions: tuple[DecisionView, ...] = ()  # rulings after the race, in the order taken


def classification(competition: str) -> Callable[[CompetitionState, ResultsView], Classification]:
    def build(state: CompetitionState, view: ResultsView) -> Classification:
        places = places_of(view)
        notes = []
        if any(p.rank == "AC" for p in places):
            notes.append("AC: overtaken and eliminated, not classified.")
        if any(p.shared for p in places):
            notes.append("= marks a rank shared by several riders.")
        if any(p.rank == "" and p.name for p in places):
            notes.append("Riders without a rank are still in the competition.")
        notes += incident_notes(view)
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
            view.decisions,
        )

    return build


def places_of(view: ResultsView) -> tuple[Place, ...]:
    """Every place of the classification, with the last round each rider rode and that ride.

    While the competition goes on, the riders still in it come first, by how far they have
    come (the latest round ridden, then their result there, then their first round's rank);
    then the places already decided; then AC, DNF, DNS, DSQ as the classification lists them:
    the order a spectator reads a provisional classification in."""
    last = last_rides(view)
    places = [_place(p, last.get(p.name)) for p in view.classification]
    if view.complete:
        return tuple(places)
    contending = sorted((p for p in places if p.rank == "" and p.name), key=_standing(view))
    placed = [p for p in places if p.rank.isdigit() or p.vacant]
    out = [p for p in places if p not in contending and p not in placed]
    return (*_in_open_places(contending, placed), *out)


def _in_open_places(contending: list[Place], placed: list[Place]) -> list[Place]:
    """The places decided, with the riders still in the competition in the places still open
    (the lowest numbers nobody holds): first when the decided places are those of the
    riders out, after an awarded 1st."""
    sharing = Counter(_number(p.rank) for p in placed)  # a shared rank holds as many places
    taken = {rank + k for rank, count in sharing.items() for k in range(count)}
    slots: list[int] = []
    number = 1
    while len(slots) < len(contending):
        if number not in taken:
            slots.append(number)
        number += 1
    keyed = [(_number(p.rank), 1, k, p) for k, p in enumerate(placed)]
    keyed += [(slot, 0, k, p) for k, (slot, p) in enumerate(zip(slots, contending, strict=True))]
    return [p for *_, p in sorted(keyed, key=lambda item: item[:3])]


def _standing(view: ResultsView) -> Callable[[Place], tuple[int, int, int, str]]:
    """A rider's standing in the competition so far: smaller is better."""
    index = {r.name: k for k, r in enumerate(view.rounds)}
    first = view.rounds[0].ranking if view.rounds else ()
    seeds = {row.name: _number(row.rank) for row in first}

    def key(place: Place) -> tuple[int, int, int, str]:
        reached = -index.get(place.round, -1)  # a later round first
        there = _number(place.ride.rank) if place.ride is not None else _LAST
        return (reached, there, seeds.get(place.name, _LAST), place.name)

    return key


_LAST = 10**6


def _number(rank: str) -> int:
    digits = rank.lstrip("=")
    return int(digits) if digits.isdigit() else _LAST


def _place(p: PlaceView, last: tuple[str, RowView] | None) -> Place:
    if last is None:
        return Place(p.rank, p.name, p.nation, p.shared, p.vacant, awarded=p.awarded)
    round_name, row = last
    ended = " ".join(part for part in (row.time, row.note) if part)
    return Place(p.rank, p.name, p.nation, p.shared, p.vacant, round_name, ended, row, p.awarded)


_INCIDENT_NOTES = (
    ("re-ride", "Re-ride: a ride set aside after a recognised mishap, ridden again alone at "
     "the end of the round; that time counts (UCI 3.2.074)."),
    ("Considered beaten", "Considered beaten: lost the heat after a mishap or a second false "
     "start, whatever the times (UCI 3.2.075)."),
    ("2nd start", "2nd start: the heat was stopped and started again (a false start or a "
     "mishap in the first half lap)."),
)  # fmt: skip


def incident_notes(view: ResultsView) -> list[str]:
    """A note for each kind of incident some ride of the competition had."""
    said = " | ".join(row.note for rnd in view.rounds for row in rnd.ranking if row.note)
    return [note for word, note in _INCIDENT_NOTES if word in said]
