"""The machine shape of the results, as JSON; `results_document` is shared with the CLI.

{"competition": {...}, "rounds": [{"id", "name", "ranking": [...], "heats": [...]}],
 "classification": [{"rank", "name", "nation"}], "findings": [...], "complete": bool}

Ranks and times are strings as published ("1", "5", "AC", "–"; "4:40.41"), "" when there
is none; a vacant place has the name "".
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from pursuit.views.results import HeatView, PlaceView, ResultsView, RoundView, RowView


def render(view: ResultsView) -> str:
    """The document, indented by 2, non-ASCII kept as is, ending with one newline."""
    return json.dumps(results_document(view), ensure_ascii=False, indent=2) + "\n"


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


def _place(p: PlaceView) -> dict[str, Any]:
    place = {"rank": p.rank, "name": p.name, "nation": p.nation}
    if p.awarded:  # the place was given by a decision
        place["awarded"] = p.awarded
    return place


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
    return ranked


def _heat(heat: HeatView) -> dict[str, Any]:
    return {
        "number": heat.number,
        "title": heat.title,
        "rides": [
            {"name": r.name, "nation": r.nation, "time": r.time, "rank": r.rank} for r in heat.rides
        ],
    }
