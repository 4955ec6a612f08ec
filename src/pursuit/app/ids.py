"""Competition ids: which are the competitions' own and which are reserved for pursuit's records."""

from __future__ import annotations

RESERVED_PREFIX = "_"  # `_users` and the like hold pursuit's own records, not competitions


def is_reserved(competition: str) -> bool:
    """True for an id pursuit keeps for itself (the operators' log); never a competition."""
    return competition.startswith(RESERVED_PREFIX)
