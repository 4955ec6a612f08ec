"""Ranking by time at the competition's precision, with the rules' tie break."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from itertools import repeat
from operator import eq
from typing import TypeVar

from pursuit.core.formats import TieBreak
from pursuit.core.race import last_laps_ticks
from pursuit.core.splits import Splits
from pursuit.core.times import RaceTime, unit

T = TypeVar("T")


def rank_by_time(
    items: Sequence[T],
    time_of: Callable[[T], RaceTime],
    splits_of: Callable[[T], Sequence[RaceTime]],
    *,
    digits: int,
    half_laps: int | None,  # None: the track length is not known, so no last lap
    tie_break: Sequence[TieBreak],
    name: Callable[[T], str],
) -> list[tuple[int, bool, T]]:
    """Sort items by time and number them: (rank, shared, item).

    Equal times at `digits` go to the better last lap when the format says so and
    every tied ride has one; otherwise they share the rank (listed by `name`).
    The next rank skips by the number sharing. `splits_of` is asked only of items tied
    on time, `name` only of items that share a rank.
    """
    step = unit(digits)
    times = list(map(time_of, items))
    # A time's ticks are a multiple of the unit of its decimals, so truncating to `digits`
    # is `ticks // step * step` (see `last_laps_ticks`): equal `ticks // step`, equal times.
    at = [t.ticks // step for t in times]
    if TieBreak.LAST_LAP not in tie_break:
        order = sorted(range(len(items)), key=at.__getitem__)  # stable: as given when equal
        return number_in_order(order, at, items, name)
    level = _with_last_laps(at, items, times, splits_of, half_laps, step)
    order = sorted(range(len(items)), key=level.__getitem__)
    return number_in_order(order, level, items, name)


def number_in_order(
    order: Sequence[int], level: Sequence[object], items: Sequence[T], name: Callable[[T], str]
) -> list[tuple[int, bool, T]]:
    """Number `items` taken in `order` (indexes, best first): (rank, shared, item).

    Items of equal `level` next to each other share the rank of the first of them and
    are listed by `name` (then as in `order`); the next rank skips by the number sharing.
    """
    out = list(zip(range(1, len(order) + 1), repeat(False), map(items.__getitem__, order)))
    in_order = [level[i] for i in order]
    # positions whose level is the one before's: few, so the rest needs no more work
    same = [k for k, equal in enumerate(map(eq, in_order, in_order[1:]), 1) if equal]
    k = 0
    while k < len(same):
        first, stop = same[k] - 1, same[k] + 1  # a run of equal levels: first to stop
        k += 1
        while k < len(same) and same[k] == stop:
            stop, k = stop + 1, k + 1
        listed = sorted(order[first:stop], key=lambda i: name(items[i]))
        out[first:stop] = [(first + 1, True, items[i]) for i in listed]
    return out


def _with_last_laps(
    at: list[int],
    items: Sequence[T],
    times: list[RaceTime],
    splits_of: Callable[[T], Sequence[RaceTime]],
    half_laps: int | None,  # None: the track length is not known, so no last lap
    step: int,
) -> list[int]:
    """(time, last lap) of each item as one integer, `time * span + lap`: the last lap
    where it breaks a tie on time (every ride tied on that time has one), else 0, so that
    the tie stays. A lap is never longer than the time, so `span`, above every time,
    keeps the two apart and integers compare faster than pairs."""
    counts = Counter(at)
    tied = [i for i, key in enumerate(at) if counts[key] > 1]
    splits = [splits_of(items[i]) for i in tied]
    compact = [s if isinstance(s, Splits) else Splits.of(s) for s in splits]
    laps = last_laps_ticks([times[i] for i in tied], compact, half_laps, step)
    undecided = {at[i] for i, lap in zip(tied, laps, strict=True) if lap is None}
    then = [0] * len(at)
    for i, lap in zip(tied, laps, strict=True):
        if lap is not None and at[i] not in undecided:
            then[i] = lap
    span = (max(at, default=0) + 1) * step
    return [key * span + lap for key, lap in zip(at, then, strict=True)]
