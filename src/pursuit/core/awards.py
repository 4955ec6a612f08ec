"""Places awarded by a decision, set on top of the classification the rides give.

The awarded entrant leaves the line it had (a numbered place it held stays vacant: RULES.md
§4, nobody moves up) and takes the place awarded: a vacant place of that number is filled,
a held one is shared, and a number the classification does not show is put in its order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from pursuit.core.decisions import Decision
from pursuit.core.results import ClassifiedPlace


def with_awards(
    places: list[ClassifiedPlace], awarded: Mapping[str, Decision]
) -> list[ClassifiedPlace]:
    if not awarded:
        return places
    out: list[ClassifiedPlace] = []
    for p in places:
        if p.entrant is not None and p.entrant in awarded:
            if p.rank is not None:
                out.append(ClassifiedPlace(str(p.rank), None, p.rank, False, vacant=True))
            continue
        out.append(p)
    ordered = sorted(awarded.items(), key=lambda item: (item[1].place or 0, item[0]))
    for entrant, decision in ordered:
        assert decision.place is not None
        out = _give(out, entrant, decision.place, decision)
    return out


def _give(
    places: list[ClassifiedPlace], entrant: str, place: int, decision: Decision
) -> list[ClassifiedPlace]:
    line = ClassifiedPlace(str(place), entrant, place, False, awarded=decision)
    for i, p in enumerate(places):
        if p.vacant and p.rank == place:
            return [*places[:i], line, *places[i + 1 :]]
    holders = [i for i, p in enumerate(places) if p.rank == place and not p.vacant]
    if holders:
        shared = [replace(p, shared=True) if i in holders else p for i, p in enumerate(places)]
        after = holders[-1] + 1
        return [*shared[:after], replace(line, shared=True), *shared[after:]]
    after = next((i for i, p in enumerate(places) if p.rank is None or p.rank > place), len(places))
    return [*places[:after], line, *places[after:]]
