"""Small checks shared by the command handlers; each raises a named RuleViolation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pursuit.core.formats import RoundSpec
from pursuit.core.live_state import CompetitionState
from pursuit.core.split_points import DistanceError, from_distances
from pursuit.core.splits import Splits
from pursuit.core.times import RaceTime
from pursuit.errors import RuleViolation


def round_spec(state: CompetitionState, round_id: str) -> RoundSpec:
    assert state.format is not None
    try:
        return state.format.round(round_id)
    except KeyError:
        raise RuleViolation(
            f"unknown round {round_id!r}; the format has {', '.join(state.format.round_ids())}"
        ) from None


def entrant(state: CompetitionState, name: str) -> str:
    if name not in state.entrants:
        raise RuleViolation(f"{name!r} is not entered")
    return name


def need_reason(reason: str) -> str:
    if not reason or not reason.strip():
        raise RuleViolation("a reason is required: every correction says why")
    return reason.strip()


@dataclass(frozen=True, slots=True)
class About:
    """What a refusal is about (see `PursuitError`), given once per command handler."""

    entrant: str | None = None
    round: str | None = None
    heat: int | None = None
    half_lap: int | None = None
    field: str | None = None

    def refuse(self, message: str) -> RuleViolation:
        return RuleViolation(
            message,
            entrant=self.entrant,
            round=self.round,
            heat=self.heat,
            half_lap=self.half_lap,
            field=self.field,
        )


def sparse_splits(
    state: CompetitionState, name: str, times: Sequence[RaceTime], distances: Sequence[str]
) -> Splits:
    """Splits given at distances, read as the fold will read them; refused when they do not."""
    assert state.meta is not None
    try:
        return from_distances(times, distances, state.meta.half_lap_m)
    except DistanceError as e:
        raise RuleViolation(f"{name}: splits at distances: {e}") from None
