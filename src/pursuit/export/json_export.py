"""The machine shape of the results, as JSON; `results_document` is shared with the CLI.

{"competition": {...}, "rounds": [{"id", "name", "ranking": [...], "heats": [...]}],
 "classification": [{"rank", "name", "nation"}], "findings": [...], "complete": bool}

The document is written compact (no indentation, no spaces after `,` and `:`): it is read by
programs (the API, the published site's `results.json`, scripts), and at 10,000 entrants
Python writes it about 3× faster than indented. To read it by eye: `… | python -m json.tool`.

Ranks and times are strings as published ("1", "5", "AC", "–"; "4:40.41"), "" when there
is none; a vacant place has the name "". A shared place says `"shared": true`; a ride says how
it is known (`basis`, `basis_note`) when the record says, a team's ride its `lineup` (and who
`dropped`), and a decided knockout heat how (`decided_by`: time, last_lap, catch, outcome,
published).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from pursuit.views.results import HeatView, PlaceView, ResultsView, RoundView, RowView


def render(view: ResultsView) -> str:
    """The document, compact, non-ASCII kept as is, ending with one newline."""
    return compact(results_document(view)) + "\n"


def compact(data: Any) -> str:
    """JSON for programs: no indentation, no spaces, non-ASCII kept as is."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def results_document(view: ResultsView) -> dict[str, Any]:
    """The results as plain JSON-ready data (dicts, lists, strings, numbers, booleans)."""
    competition = asdict(view.competition)
    competition["dates"] = list(view.competition.dates)
    document = {
        "competition": competition,
        "rounds": [_round(r) for r in view.rounds],
        "classification": [_place(p) for p in view.classification],
        "findings": [
            {"code": f.code, "message": f.message, "place": f.place} for f in view.findings
        ],
        "complete": view.complete,
    }
    if view.decisions:  # rulings after the race, in the order taken
        document["decisions"] = [asdict(d) for d in view.decisions]
    return document


def _round(rnd: RoundView) -> dict[str, Any]:
    return {
        "id": rnd.id,
        "name": rnd.name,
        "ranking": [_ranked(r) for r in rnd.ranking],
        "heats": [_heat(h) for h in rnd.heats],
    }


def _ranked(row: RowView) -> dict[str, Any]:
    ranked: dict[str, Any] = {
        "rank": row.rank,
        "name": row.name,
        "nation": row.nation,
        "time": row.time,
        "note": row.note,
    }
    if row.mark:
        ranked["mark"] = row.mark
    if row.lineup:  # team pursuit
        ranked["lineup"] = list(row.lineup)
    if row.dropped:
        ranked["dropped"] = list(row.dropped)
    if row.record_note:  # a recognised record: to be ratified, and the record it beat
        ranked["record_note"] = row.record_note
    ranked |= _known(row)
    return ranked


def _known(row: RowView) -> dict[str, Any]:
    """How the ride is known (`basis` as recorded, `basis_note` in words), when recorded."""
    known: dict[str, Any] = {}
    if row.basis:
        known["basis"] = row.basis
    if row.basis_note:
        known["basis_note"] = row.basis_note
    return known


def _place(place: PlaceView) -> dict[str, Any]:
    out: dict[str, Any] = {"rank": place.rank, "name": place.name, "nation": place.nation}
    if place.shared:  # the rank is shared with the places beside it ("=5" in text tables)
        out["shared"] = True
    if place.awarded:  # the place was given by a decision
        out["awarded"] = place.awarded
    return out


def _heat(heat: HeatView) -> dict[str, Any]:
    out: dict[str, Any] = {
        "number": heat.number,
        "title": heat.title,
        "rides": [_heat_ride(r) for r in heat.rides],
    }
    if heat.decided_by:  # time | last_lap | catch | outcome | published
        out["decided_by"] = heat.decided_by
    return out


def _heat_ride(row: RowView) -> dict[str, Any]:
    ride: dict[str, Any] = {"name": row.name, "nation": row.nation, "time": row.time}
    ride["rank"] = row.rank
    if row.lineup:  # team pursuit
        ride["lineup"] = list(row.lineup)
    if row.dropped:
        ride["dropped"] = list(row.dropped)
    return ride | _known(row)
