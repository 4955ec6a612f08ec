"""Nation codes: whether a code is one the competition knows.

The known codes (the IOC's, read from the shipped data file by `loading.nations`) and the
codes a competition declares are passed in; nothing here reads a file.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Nation:
    """A nation by its IOC code."""

    code: str  # GER, URS
    name: str
    historic: bool = False  # no longer used: a country or team of the past, a code replaced
    years: str | None = None  # when a historic code was used, e.g. "1952–1988"


def nation_problem(
    code: str, known: Container[str], declared: Container[str] = ()
) -> tuple[str, str] | None:
    """None when `code` is known or declared (or blank: no nation), else the finding's code
    and what is wrong: `nation-case` for a known code not in capitals (`ger`: `GER`),
    `unknown-nation` for any other."""
    if not code.strip() or code in known or code in declared:
        return None
    upper = code.strip().upper()
    if upper in known or upper in declared:
        return "nation-case", f"nation code {code!r} is written {upper!r}"
    return "unknown-nation", f"unknown nation code {code!r}: not an IOC code"
