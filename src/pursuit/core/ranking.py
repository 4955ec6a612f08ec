"""Ranking by time at the competition's precision, with the rules' tie break."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from pursuit.core.formats import TieBreak
from pursuit.core.race import last_lap_ticks
from pursuit.core.times import RaceTime, unit

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Timed:
    """What ranking needs of a ride: its time and splits."""

    time: RaceTime
    splits: tuple[RaceTime, ...] = ()


def rank_by_time(
    items: Sequence[T],
    timed: Callable[[T], Timed],
    *,
    digits: int,
    half_laps: int,
    tie_break: Sequence[TieBreak],
    name: Callable[[T], str],
) -> list[tuple[int, bool, T]]:
    """Sort items by time and number them: (rank, shared, item).

    Equal times at `digits` go to the better last lap when the format says so and
    every tied ride has one; otherwise they share the rank (listed by `name`).
    The next rank skips by the number sharing.
    """
    keyed = []
    for item in items:
        t = timed(item)
        keyed.append((_ticks_at(t.time, digits), item, t))
    keyed.sort(key=lambda k: k[0])
    use_last_lap = TieBreak.LAST_LAP in tie_break
    out: list[tuple[int, bool, T]] = []
    i = 0
    while i < len(keyed):
        j = i + 1
        while j < len(keyed) and keyed[j][0] == keyed[i][0]:
            j += 1
        group = keyed[i:j]
        if len(group) == 1:
            out.append((i + 1, False, group[0][1]))
        else:
            out.extend(_break_tie(group, i + 1, digits, half_laps, use_last_lap, name))
        i = j
    return out


def _ticks_at(time: RaceTime, digits: int) -> int:
    """`truncate(time, digits).ticks`, without building the truncated time (hot in ranking)."""
    if digits >= time.digits:
        return time.ticks
    step = unit(digits)
    return time.ticks // step * step


def _break_tie(
    group: list[tuple[int, T, Timed]],
    first_rank: int,
    digits: int,
    half_laps: int,
    use_last_lap: bool,
    name: Callable[[T], str],
) -> list[tuple[int, bool, T]]:
    laps = [last_lap_ticks(t.time, t.splits, half_laps, digits) for _, _, t in group]
    if not use_last_lap or any(lap is None for lap in laps):
        ordered = sorted((item for _, item, _ in group), key=name)
        return [(first_rank, True, item) for item in ordered]
    with_laps = sorted(
        ((lap, item) for lap, (_, item, _) in zip(laps, group, strict=True) if lap is not None),
        key=lambda p: (p[0], name(p[1])),
    )
    out: list[tuple[int, bool, T]] = []
    k = 0
    while k < len(with_laps):
        m = k + 1
        while m < len(with_laps) and with_laps[m][0] == with_laps[k][0]:
            m += 1
        shared = m - k > 1
        out.extend((first_rank + k, shared, item) for _, item in with_laps[k:m])
        k = m
    return out
