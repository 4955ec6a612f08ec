"""Which sheets a request stands for: the full set, one round's, or one heat's.

The full set, round by round in format order: the start list, every heat sheet and the round
results; then the final classification. A round nobody is known for yet is left out.
"""

from __future__ import annotations

from pursuit.errors import PursuitError
from pursuit.sheets.heat_page import heat_page
from pursuit.sheets.sheet import Sheet
from pursuit.sheets.source import SheetSource
from pursuit.views.heat_sheet import heat_numbers

# The other kinds' pages are imported when asked for: one heat's sheet (`pursuit sheet -r Q
# --heat 3`) then never loads the start list's, the round's or the classification's views
# and the bracket's chart model.

KINDS = ("start-list", "heat", "round", "classification")


class NoSuchSheet(PursuitError):
    """A round or heat the competition does not have (yet)."""


def sheets_for(
    source: SheetSource,
    round_id: str | None = None,
    heat: int | None = None,
    kinds: tuple[str, ...] = KINDS,
    charts: bool = True,
) -> list[Sheet]:
    """The sheets asked for, in the order they are printed."""
    results = source.computed.results
    known = [r.id for r in results.rounds]
    if round_id is not None and round_id not in known:
        raise NoSuchSheet(f"no round {round_id!r}; the rounds are {', '.join(known)}")
    if heat is not None:
        if round_id is None:
            raise NoSuchSheet("--heat needs --round: say which round's heat")
        if heat not in heat_numbers(results, round_id):
            have = ", ".join(str(n) for n in heat_numbers(results, round_id)) or "none yet"
            raise NoSuchSheet(f"{round_id} has no heat {heat} with riders (heats: {have})")
        return [heat_page(source, round_id, heat, charts)]
    from pursuit.sheets.classification_page import classification_page
    from pursuit.sheets.round_page import round_page
    from pursuit.sheets.start_list import start_list

    sheets: list[Sheet] = []
    for result in results.rounds:
        if round_id is not None and result.id != round_id:
            continue
        if not _known(source, result.id) and round_id is None:
            continue
        if "start-list" in kinds:
            sheets.append(start_list(source, result.id))
        if "heat" in kinds:
            sheets += [
                heat_page(source, result.id, n, charts) for n in heat_numbers(results, result.id)
            ]
        if "round" in kinds and result.started:
            sheets.append(round_page(source, result.id, charts))
    if round_id is None and "classification" in kinds:
        sheets.append(classification_page(source, charts))
    return sheets


def _known(source: SheetSource, round_id: str) -> bool:
    """Something of the round is known: it is drawn, started, or its field is named."""
    results = source.computed.results
    result = results.round(round_id)
    first = results.rounds[0].id == round_id
    drawn = any(n for h in source.draw(round_id) for n in h.entrants)
    return first or result.started or drawn
