"""The one error a read model raises: the thing asked for is not there to show."""

from __future__ import annotations

from pursuit.errors import PursuitError


class NothingToShow(PursuitError):
    """No such round, heat or chart in the competition (yet); the web answers 404."""
