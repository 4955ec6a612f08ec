"""The start-list sheet: the round's start list (`pursuit.views.start_list`) typeset heat by heat
in running order, who starts on which side, with each rider's nation and seed (rank in the first
timed round) or bib; while no heat names its riders, the riders in alphabetical order."""

from __future__ import annotations

from typing import Any

from pursuit.sheets.sheet import Sheet, round_day, status_data
from pursuit.sheets.source import SheetSource
from pursuit.views.start_list import Starter, StartList, build_start_list

SIDE_NOTE = "Red disc: start on the home straight (main grandstand). Green disc: the back straight."


def start_list(source: SheetSource, round_id: str) -> Sheet:
    view = source.computed.view
    rnd = next(r for r in view.rounds if r.id == round_id)
    entrants = {e.name: e for e in source.computed.results.competition.entrants}
    model = build_start_list(
        source.origin, view, rnd, source.lines(round_id), entrants, source.draws.get(round_id, ())
    )
    return Sheet("start-list", f"start-list-{round_id}", sheet_data(model, source, round_id))


def sheet_data(model: StartList, source: SheetSource, round_id: str) -> dict[str, Any]:
    heats = [h for h in model.heats if any(s.name for s in h.starters)]
    with_sides = any(s.side for h in heats for s in h.starters)
    spec = source.computed.results.round(round_id).spec  # the sheet titles heats as the format does
    rows = [
        {
            "number": h.number,
            "title": spec.heat_title(h.number),
            "riders": [_rider(s) for s in h.starters],
        }
        for h in heats
    ]
    unpaired = [{"name": s.name, "nation": s.nation} for s in model.riders]
    note = SIDE_NOTE if with_sides else ""
    if unpaired:
        note = (
            "The heat pairings of this round were not published; riders in alphabetical order."
            if model.ridden
            else "Not drawn yet; riders in alphabetical order."
        )
    name = model.round.name
    has_bib = any(s.bib for h in heats for s in h.starters)
    return {
        "kind": "start-list",
        "title": f"{name} · Start list{round_day(source.computed.view, round_id, with_time=True)}",
        "status": status_data(source.official.of_round(round_id)),
        "round": name,
        "knockout": model.round.kind == "knockout",
        "sides": with_sides,
        "seeded": model.seeded,
        "extra": "Seed" if model.seeded else ("Bib" if has_bib else ""),
        "heats": rows,
        "unpaired": unpaired,
        "note": note,
        "footer": f"Start list · {name}",
    }


def _rider(starter: Starter) -> dict[str, Any]:
    return {
        "name": starter.name or "—",
        "nation": starter.nation,
        "bib": starter.bib,
        "side": starter.side,
        "seed": starter.seed,
    }
