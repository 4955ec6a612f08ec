"""One CSV document (RFC 4180) with a row per ride and a row per classification place.

Columns: section,round,heat,rank,name,nation,time,note. `section` is `round` for a ride
(round = the round's name, heat = the heat number or empty) and `classification` for a
place of the final classification (round, heat and time empty; note `vacant` for a place
nobody holds). Ranks and times are the published text ("1", "–", "AC"; "4:40.41").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from pursuit.views.known import notes_cell, rank_mark
from pursuit.views.results import ResultsView

COLUMNS = ("section", "round", "heat", "rank", "name", "nation", "time", "note")
VACANT = "vacant"


def render(view: ResultsView) -> str:
    """The document, CRLF line ends as RFC 4180 asks, a header row first."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(rows(view))
    return buffer.getvalue()


def rows(view: ResultsView) -> Iterator[tuple[str, ...]]:
    """The data rows, in the COLUMNS order: rides round by round, then the places."""
    for rnd in view.rounds:
        for r in rnd.ranking:
            heat = "" if r.heat is None else str(r.heat)
            note = notes_cell(r.note, "", r.lineup, r.dropped)  # basis: in show, JSON, web, sheets
            rank = rank_mark(r.rank, r.shared)
            yield ("round", rnd.name, heat, rank, r.name, r.nation, r.time, note)
    for place in view.classification:
        note = VACANT if place.vacant else ""
        rank = rank_mark(place.rank, place.shared)
        yield ("classification", "", "", rank, place.name, place.nation, "", note)
