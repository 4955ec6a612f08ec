"""The start list of a round: heat by heat in running order, who starts on which side, with
each rider's nation and seed (rank in the first timed round)."""

from __future__ import annotations

from typing import Any

from pursuit.core.formats import RoundKind
from pursuit.sheets.sheet import Sheet, round_day, status_data
from pursuit.sheets.source import SheetSource

SIDE_NOTE = "Red disc: start on the home straight (main grandstand). Green disc: the back straight."


def start_list(source: SheetSource, round_id: str) -> Sheet:
    results = source.computed.results
    view = source.computed.view
    result = results.round(round_id)
    spec = result.spec
    entrants = {e.name: e for e in results.competition.entrants}
    seeds = _seeds(source, round_id)
    heats = [h for h in source.draw(round_id) if any(h.entrants)]
    with_sides = any(s for h in heats for s in h.sides)
    rows: list[dict[str, Any]] = []
    for heat in heats:
        riders = []
        for i, name in enumerate(heat.entrants):
            entrant = entrants.get(name)
            riders.append(
                {
                    "name": name or "—",
                    "nation": (entrant.nation or "") if entrant else "",
                    "bib": (entrant.bib or "") if entrant else "",
                    "side": heat.sides[i] if i < len(heat.sides) else "",
                    "seed": seeds.get(name, ""),
                }
            )
        rows.append(
            {
                "number": heat.number,
                "title": spec.heat_title(heat.number),
                "riders": _by_side(riders),
            }
        )
    unpaired: list[dict[str, Any]] = []
    if not heats:
        named = [r.ride.entrant for r in result.ranking] or [e.name for e in entrants.values()]
        unpaired = [
            {"name": n, "nation": (entrants[n].nation or "") if n in entrants else ""}
            for n in sorted(named, key=lambda n: _sort_name(entrants, n))
        ]
    note = SIDE_NOTE if with_sides else ""
    if unpaired:
        note = (
            "The heat pairings of this round were not published; riders in alphabetical order."
            if result.started
            else "Not drawn yet; riders in alphabetical order."
        )
    round_view = next(r for r in view.rounds if r.id == round_id)
    data = {
        "kind": "start-list",
        "title": f"{spec.name} · Start list{round_day(view, round_id, with_time=True)}",
        "status": status_data(source.official.of_round(round_id)),
        "round": round_view.name,
        "knockout": spec.kind is RoundKind.KNOCKOUT,
        "sides": with_sides,
        "seeded": bool(seeds),
        "extra": "Seed"
        if seeds
        else ("Bib" if any(r["bib"] for h in rows for r in h["riders"]) else ""),
        "heats": rows,
        "unpaired": unpaired,
        "note": note,
        "footer": f"Start list · {spec.name}",
    }
    return Sheet("start-list", f"start-list-{round_id}", data)


def _by_side(riders: list[dict[str, Any]]) -> list[dict[str, Any]]:
    order = {"red": 0, "green": 1}
    return sorted(riders, key=lambda r: order.get(r["side"], 2))


def _seeds(source: SheetSource, round_id: str) -> dict[str, str]:
    """Rank in the first timed round, for rounds after it."""
    rounds = source.computed.results.rounds
    first = next((r for r in rounds if r.spec.kind is RoundKind.TIMED), None)
    if first is None or first.id == round_id:
        return {}
    return {r.ride.entrant: r.label for r in first.ranking if r.rank is not None}


def _sort_name(entrants: dict[str, Any], name: str) -> str:
    entrant = entrants.get(name)
    return str(entrant.sort_name) if entrant is not None else name
