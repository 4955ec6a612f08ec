"""Entrants: a rider, or a team with a roster and a line-up chosen per ride."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field


class _WithoutMarks(dict[int, int | None]):
    """A `str.translate` table that drops combining marks and keeps every other character,
    filled in as characters are met (whether one is a mark never changes)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def sort_key(text: str) -> str:
    """Alphabetical key that ignores accents and case (Rébillard sorts as Rebillard)."""
    if text.isascii():  # fast path: NFKD leaves ASCII unchanged and it has no combining marks
        return text.casefold()
    return unicodedata.normalize("NFKD", text).translate(_WITHOUT_MARKS).casefold()


@dataclass(frozen=True, slots=True)
class Rider:
    """One rider. `family_name` is what lists sort by; it defaults to the last word."""

    name: str
    nation: str | None = None
    family_name: str | None = None
    bib: str | None = None

    @property
    def sort_name(self) -> str:
        words = self.name.split()
        family = self.family_name or (words[-1] if words else self.name)
        return sort_key(f"{family} {self.name}")


@dataclass(frozen=True, slots=True)
class Team:
    """A team: its roster is everyone entered; each ride names the line-up that rode."""

    name: str
    nation: str | None = None
    roster: tuple[Rider, ...] = field(default_factory=tuple)
    bib: str | None = None

    @property
    def family_name(self) -> str:
        return self.name

    @property
    def sort_name(self) -> str:
        return sort_key(self.name)


Entrant = Rider | Team
