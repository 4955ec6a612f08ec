"""Ranking by time at the competition's precision, with the rules' tie break."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import itemgetter
from typing import TypeVar

from pursuit.core.formats import TieBreak
from pursuit.core.race import last_lap_ticks
from pursuit.core.splits import as_splits
from pursuit.core.times import RaceTime, unit

T = TypeVar("T")

_KEY = itemgetter(0)


@dataclass(frozen=True, slots=True)
class Timed:
    """What ranking needs of a ride: its time and splits."""

    time: RaceTime
    splits: Sequence[RaceTime] = ()


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
    step = unit(digits)
    # Truncating to `digits` is `ticks // step * step` (see `last_lap_ticks`), so equal
    # `ticks // step` means equal at the competition's precision.
    keyed: list[tuple[int, T, Timed]] = []
    for item in items:
        t = timed(item)
        keyed.append((t.time.ticks // step, item, t))
    keyed.sort(key=_KEY)  # stable: equal times keep the order they came in
    use_last_lap = TieBreak.LAST_LAP in tie_break
    out: list[tuple[int, bool, T]] = []
    for _, same in groupby(keyed, _KEY):
        group = list(same)
        if len(group) == 1:
            out.append((len(out) + 1, False, group[0][1]))
        else:
            out.extend(_break_tie(group, len(out) + 1, step, half_laps, use_last_lap, name))
    return out


def _break_tie(
    group: list[tuple[int, T, Timed]],
    first_rank: int,
    step: int,
    half_laps: int,
    use_last_lap: bool,
    name: Callable[[T], str],
) -> list[tuple[int, bool, T]]:
    """Number rides equal on time: by the last lap where every one has it, else shared."""
    items = [item for _, item, _ in group]
    if use_last_lap:
        laps = [last_lap_ticks(t.time, as_splits(t.splits), half_laps, step) for *_, t in group]
        if None not in laps:
            # (last lap, name, place in the group): as a stable sort by (last lap, name)
            ordered = sorted(zip(laps, map(name, items), range(len(items)), strict=True))
            out: list[tuple[int, bool, T]] = []
            for _, run in groupby(ordered, _KEY):
                same = list(run)
                rank, shared = first_rank + len(out), len(same) > 1
                out.extend((rank, shared, items[k]) for *_, k in same)
            return out
    return [(first_rank, True, item) for item in sorted(items, key=name)]
