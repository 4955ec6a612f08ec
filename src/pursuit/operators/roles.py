"""Roles, from least to most trusted; each includes what the ones below it may do.

timekeeper: start heats, splits, finishes, catches, false starts, non-starts and non-finishes.
commissaire: also draws, mishaps, disqualifications, relegations, corrections and decisions.
admin: also entries, competitions and operators.
"""

from __future__ import annotations

from enum import Enum

from pursuit.errors import PursuitError


class Role(Enum):
    TIMEKEEPER = "timekeeper"
    COMMISSAIRE = "commissaire"
    ADMIN = "admin"

    @property
    def level(self) -> int:
        return _LEVELS[self]

    def allows(self, needed: Role) -> bool:
        return self.level >= needed.level


_LEVELS = {Role.TIMEKEEPER: 1, Role.COMMISSAIRE: 2, Role.ADMIN: 3}


class UnknownRole(PursuitError):
    """A role name that is not one of timekeeper, commissaire, admin."""


def parse_role(text: str) -> Role:
    try:
        return Role(text.strip().lower())
    except ValueError:
        names = ", ".join(r.value for r in Role)
        raise UnknownRole(f"unknown role {text!r}; choose one of {names}") from None
