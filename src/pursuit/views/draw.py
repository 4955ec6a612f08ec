"""Who rides in which heat of a round, on which side: the draw as the store holds it, else what
the results and the format give (an imported competition has results but no draw).

Both the web's start list and the start-list sheet read the heats from here, so they list the
same heats with the same riders in the same order: red before green, otherwise as drawn (or as
the format pairs them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pursuit.views.results import RoundView
from pursuit.views.status import heat_status

if TYPE_CHECKING:  # a live state is passed in; a competition file never builds one
    from pursuit.core.live_state import CompetitionState

SIDE_ORDER = {"red": 0, "green": 1}


@dataclass(frozen=True, slots=True)
class DrawnHeat:
    """A heat as drawn: its entrants, their sides and how far it is."""

    number: int
    entrants: tuple[str, ...]  # "" where the format has not decided who rides yet
    sides: tuple[str, ...]  # "red" / "green" / "" per entrant
    status: str = ""  # to ride | running | finished | to be decided


def drawn_in(state: CompetitionState, round_id: str) -> tuple[DrawnHeat, ...]:
    """The heats of `round_id` as drawn in the log, by number (none for a round not drawn)."""
    heats = sorted(state.heats.get(round_id, {}).values(), key=lambda h: h.number)
    return tuple(
        DrawnHeat(h.number, tuple(h.entrants), tuple(h.sides), heat_status(h)) for h in heats
    )


def heats_of(rnd: RoundView, drawn: Sequence[DrawnHeat] = ()) -> tuple[DrawnHeat, ...]:
    """The heats of a round, each rider red side first: the draw, else the heats the results
    show (a knockout heat not ridden yet names who the format puts there)."""
    if drawn:
        return tuple(_by_side(h) for h in drawn)
    heats = []
    for heat in rnd.heats:
        sides = {r.name: r.side for r in heat.rides}
        names = tuple(heat.expected) or tuple(r.name for r in heat.rides)
        status = "finished" if heat.rides else "to be decided"
        heats.append(DrawnHeat(heat.number, names, tuple(sides.get(n, "") for n in names), status))
    return tuple(_by_side(h) for h in heats)


def _by_side(heat: DrawnHeat) -> DrawnHeat:
    sides = heat.sides + ("",) * (len(heat.entrants) - len(heat.sides))
    pairs = list(zip(heat.entrants, sides, strict=False))
    pairs.sort(key=lambda p: SIDE_ORDER.get(p[1], 2))
    names = tuple(n for n, _ in pairs)
    return DrawnHeat(heat.number, names, tuple(s for _, s in pairs), heat.status)
