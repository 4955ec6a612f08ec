"""References in format definitions: who fills a place in a heat or a classification.

Q#3     third in the ranking of round (or pool) Q
QF.W1   winner of heat 1 of round QF
QF.L1   loser of heat 1 of round QF
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pursuit.errors import FormatDefinitionError

_RANK = re.compile(r"^(?P<src>[A-Za-z][A-Za-z0-9_-]*)#(?P<n>[1-9]\d*)$")
_HEAT = re.compile(r"^(?P<round>[A-Za-z][A-Za-z0-9_-]*)\.(?P<side>[WL])(?P<heat>[1-9]\d*)$")


@dataclass(frozen=True, slots=True)
class RankRef:
    """The n-th of a round's ranking or of a pool."""

    source: str
    n: int

    def __str__(self) -> str:
        return f"{self.source}#{self.n}"


@dataclass(frozen=True, slots=True)
class HeatRef:
    """The winner (or loser) of one heat of a round."""

    round: str
    heat: int
    winner: bool

    def __str__(self) -> str:
        return f"{self.round}.{'W' if self.winner else 'L'}{self.heat}"


Ref = RankRef | HeatRef


def parse_ref(text: object, where: str) -> Ref:
    """Read a reference, naming `where` it stands if it does not parse."""
    if isinstance(text, str):
        if m := _RANK.match(text):
            return RankRef(m["src"], int(m["n"]))
        if m := _HEAT.match(text):
            return HeatRef(m["round"], int(m["heat"]), m["side"] == "W")
    raise FormatDefinitionError(
        f"{where}: {text!r} is not a reference (write Q#3 for 3rd of round Q, "
        "QF.W1 / QF.L1 for the winner / loser of heat 1 of round QF)"
    )
