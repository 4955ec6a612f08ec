"""Findings: inconsistencies in what was recorded, each with its place."""

from __future__ import annotations

from dataclasses import dataclass

from pursuit.errors import Place


@dataclass(frozen=True, slots=True)
class Finding:
    """An inconsistency found in the input or against the rules, with its place."""

    code: str  # stable, e.g. "pairing", "published-rank", "unknown-entrant"
    message: str
    place: Place | None = None

    def __str__(self) -> str:
        where = str(self.place) if self.place is not None else ""
        return f"{where}: {self.message}" if where else self.message
