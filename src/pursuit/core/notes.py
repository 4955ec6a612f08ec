"""What a record says about its facts without changing a result: notes on entrants, rounds
and rides, the names an entrant is also known by, how an entrant's facts are known, and where
a published classification comes from. Carried so that nothing a source gave is lost on the
way from a competition file through the event log and back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class EntrantNotes:
    """What the sources say about an entrant beyond the results."""

    note: str | None = None
    aka: tuple[str, ...] = ()  # other spellings in the sources
    basis: str | None = None  # how the entrant's facts are known (e.g. "inferred")

    def __bool__(self) -> bool:
        return bool(self.note or self.aka or self.basis)


@dataclass(frozen=True, slots=True)
class Notes:
    """The notes of a competition: by entrant, by round, and where its classification is from."""

    entrants: Mapping[str, EntrantNotes] = field(default_factory=dict)  # by entrant name
    rounds: Mapping[str, str] = field(default_factory=dict)  # by round id
    published_source: str | None = None  # where the published classification comes from
