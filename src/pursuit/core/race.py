"""One heat on the track: splits, the gap at each half lap, the last lap, catches."""

from __future__ import annotations

from collections.abc import Sequence

from pursuit.core.splits import Splits
from pursuit.core.times import RaceTime, truncate


def last_lap(
    time: RaceTime | None, splits: Sequence[RaceTime], half_laps: int | None
) -> RaceTime | None:
    """Finish time minus the split one lap (two half laps) earlier; None without splits or
    when the half laps are not known (a track of unknown length).

    `splits` are elapsed times at half laps 1, 2, … (or `Splits` with gaps: then the
    split one lap before the finish must be among the known); they may stop before the
    finish or include it.
    """
    lap_before = _lap_start(time, splits, half_laps)
    if time is None or lap_before is None:
        return None
    return RaceTime(time.ticks - lap_before.ticks, max(time.digits, lap_before.digits))


def last_laps_ticks(
    times: Sequence[RaceTime], splits: Sequence[Splits], half_laps: int | None, step: int
) -> list[int | None]:
    """For each ride, `truncate(last_lap(time, splits, half_laps), digits).ticks` where
    `step` is `unit(digits)`, or None where that is None: what ranking compares of tied
    rides, in one pass and without building a time.

    A time's ticks are a multiple of the unit of its own decimals, so truncating to
    `digits` is `ticks // step * step` (and changes nothing when it has no more).
    """
    if half_laps is None or half_laps < 2:
        return [None] * len(times)
    if half_laps == 2:  # a one-lap race: the last lap is the time
        return [t.ticks // step * step for t in times]
    k = half_laps - 3  # the split one lap before the finish
    out: list[int | None] = []
    for t, s in zip(times, splits, strict=True):
        before = s.ticks[k] if not s.laps and len(s.ticks) > k else s.ticks_at(k + 1)
        ok = before is not None and before <= t.ticks
        out.append((t.ticks - before) // step * step if ok and before is not None else None)
    return out


def _lap_start(
    time: RaceTime | None, splits: Sequence[RaceTime], half_laps: int | None
) -> RaceTime | None:
    """The split one lap before the finish (zero in a one-lap race); None when unknown."""
    if time is None or half_laps is None or half_laps < 2:
        return None
    if half_laps == 2:
        lap_before: RaceTime | None = RaceTime(0, time.digits)
    elif isinstance(splits, Splits):  # known half laps only, with or without gaps
        lap_before = splits.half_lap(half_laps - 2)
    else:
        lap_before = splits[half_laps - 3] if len(splits) >= half_laps - 2 else None
    if lap_before is None or lap_before.ticks > time.ticks:
        return None
    return lap_before


def gaps(a: Sequence[RaceTime], b: Sequence[RaceTime]) -> list[int]:
    """Ticks by which A trails B at each half lap both reached (negative: A ahead)."""
    return [ta.ticks - tb.ticks for ta, tb in zip(a, b, strict=False)]


def catch_bound(chaser: Sequence[RaceTime | None], other: Sequence[RaceTime | None]) -> int | None:
    """The first half lap k at which the splits prove the chaser has caught the other.

    The two start half a lap apart, so the chaser has caught the other no later than
    its k-th crossing if t_chaser(k) <= t_other(k - 1). Returns k (1-based) or None.
    A crossing not known (None) proves nothing.
    """
    for k in range(2, len(chaser) + 1):
        mine = chaser[k - 1]
        theirs = other[k - 2] if k - 2 < len(other) else None
        if mine is not None and theirs is not None and mine.ticks <= theirs.ticks:
            return k
    return None


def compare_at(a: RaceTime, b: RaceTime, digits: int) -> int:
    """-1, 0 or 1 as A is faster than, level with or slower than B at `digits`."""
    ta, tb = truncate(a, digits).ticks, truncate(b, digits).ticks
    return (ta > tb) - (ta < tb)
