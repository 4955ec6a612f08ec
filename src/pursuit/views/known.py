"""How what is known is shown in text: a rank that is shared, a place not (yet) given, how a
heat was decided. Every text table (the terminal, Markdown, wikitext, CSV) marks ranks this
way, so a blank cell never has to mean both "the same as above" and "not placed"."""

from __future__ import annotations

from collections.abc import Iterable

NOT_PLACED = "–"  # no place: still in competition, or the rides give none

DECIDED_BY = {
    "time": "on time",
    "last_lap": "level on time, on the better last lap",
    "catch": "by a catch",
    "outcome": "on the other's outcome (a non-start, a non-finish, a sanction)",
    "published": "by the published result",
}


def rank_mark(rank: str, shared: bool) -> str:
    """`=5` on every row sharing 5th, `–` where there is no place, else the rank as it is
    ("1", "AC", "DNF")."""
    if not rank:
        return NOT_PLACED
    if shared and rank.isdigit():
        return f"={rank}"
    return rank


def decided_by_words(decided_by: str) -> str:
    """How a heat was decided, in words ("" while it is not)."""
    return DECIDED_BY.get(decided_by, decided_by)


def lineup_text(lineup: tuple[str, ...], dropped: tuple[str, ...]) -> str:
    """A team's line-up in words: "A, B, C (dropped), D"; "" for a rider."""
    return ", ".join(f"{n} (dropped)" if n in dropped else n for n in lineup)


def notes_cell(
    note: str, basis_note: str, lineup: tuple[str, ...], dropped: tuple[str, ...]
) -> str:
    """Everything a results row says beside its time: the row's note (overtaken, Q, a record),
    how the ride is known when it was not published as it stands, and a team's line-up."""
    riders = lineup_text(lineup, dropped)
    parts = (note, basis_note, f"line-up: {riders}" if riders else "")
    return "; ".join(p for p in parts if p)


# What each way of knowing a ride means, for the footnotes of a printed sheet (`views.basis`
# gives the short note a row carries).
BASIS_FOOTNOTES = {
    "seed": "name not printed with the time: the source prints the time by rank; "
    "the rider follows from the rank",
    "inferred": "inferred: worked out from other facts of the record, not printed as such",
}


def basis_footnotes(bases: Iterable[str]) -> list[str]:
    """One footnote for each way of knowing, other than published, that the rows use."""
    used = {part.strip() for basis in bases for part in basis.split(";")}
    return [said for key, said in BASIS_FOOTNOTES.items() if key in used]
