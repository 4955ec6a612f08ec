"""Rulings made after the race: disqualifications, reinstatements, places awarded.

A decision is kept with who made it (`authority`), when (`date`), the document it was
published in (`reference`) and why (`reason`). The rides stay as they were ridden; the
decisions in force are applied on top of them, in the order they were taken:

- `disqualify` (round, entrant): the ride counts as DSQ; what it was is kept.
- `reinstate` (round, entrant): lifts that sanction; the ride counts as ridden again.
- `award` (entrant, place): the entrant takes that place in the classification, whatever
  the rides give; the place it held stays vacant, and nobody else moves. When someone
  already holds the place, they share it.
- `note`: recorded and shown, no effect.

How they meet: the latest decision about an entrant's standing wins. An award holds until
a later `reinstate` or `disqualify` of the same entrant withdraws it (the rides speak
again); a later award to the same entrant replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pursuit.errors import Place

EFFECTS = ("disqualify", "reinstate", "award", "note")
SANCTIONS = ("disqualify", "reinstate")


@dataclass(frozen=True, slots=True)
class Decision:
    """A ruling on the results: a rider disqualified or reinstated, a place awarded, a note."""

    effect: str  # one of EFFECTS
    authority: str  # who: "Commissaires' panel", "FIAC"
    reason: str
    round: str | None = None
    entrant: str | None = None
    date: str | None = None  # ISO day, YYYY-MM-DD
    place: int | None = None  # award: the place given
    reference: str | None = None  # the communiqué, minutes or report it was published in
    basis: str | None = None  # how the decision is known (published, inferred)
    where: Place | None = field(default=None, compare=False)

    def words(self) -> str:
        """What the decision does, in a few words: "award 2nd to West Germany"."""
        target = ", ".join(p for p in (self.round, self.entrant) if p)
        if self.effect == "award":
            return f"award place {self.place} to {self.entrant}"
        return f"{self.effect} {target}".strip()


@dataclass(frozen=True, slots=True)
class Cutoff:
    """Which decisions are in force: those dated on or before `on` (an ISO day), and only
    the first `count`. Undated decisions count on any day. None: no limit."""

    on: str | None = None
    count: int | None = None

    def admits(self, index: int, date: str | None) -> bool:
        if self.count is not None and index >= self.count:
            return False
        return self.on is None or date is None or date <= self.on


def in_force(decisions: tuple[Decision, ...], cutoff: Cutoff | None) -> tuple[Decision, ...]:
    if cutoff is None:
        return decisions
    return tuple(d for i, d in enumerate(decisions) if cutoff.admits(i, d.date))


def awards(decisions: tuple[Decision, ...]) -> dict[str, Decision]:
    """The award in force for each entrant: its latest, unless a later sanction or
    reinstatement of the entrant withdrew it."""
    out: dict[str, Decision] = {}
    for d in decisions:
        if d.entrant is None:
            continue
        if d.effect == "award" and d.place is not None:
            out[d.entrant] = d
        elif d.effect in SANCTIONS:
            out.pop(d.entrant, None)
    return out
