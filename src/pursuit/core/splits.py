"""A ride's half-lap splits, kept compactly: one object per ride, not one per split.

Most rides have a split at every half lap from the first (`laps` is then empty). A source
may give splits only at some distances (1, 2 and 3 km): those on a pursuit-line crossing
are kept with their half-lap numbers in `laps`, the half laps between stay unknown, and a
distance that is no crossing is kept apart as a `Mark` (shown, never used to rank).

The elapsed times are plain integer ticks in one tuple and the decimals each was taken
to in one `bytes`; neither holds objects the garbage collector has to walk. A
`RaceTime` is made only when a split is asked for one at a time, so code that reads
splits as a sequence of times keeps working, while ranking reads `ticks` directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import overload

from pursuit.core.times import RaceTime


@dataclass(frozen=True, slots=True)
class Mark:
    """An elapsed time at a distance that is no pursuit-line crossing (e.g. 1000 m on a
    333.33 m track): shown where it was taken, not compared with the other rider's."""

    distance_m: float
    time: RaceTime


class Splits(Sequence[RaceTime]):
    """The known elapsed times at pursuit-line crossings, as a sequence of `RaceTime`: at
    half laps 1, 2, … when `laps` is empty (dense), else at the half laps `laps` names.

    Equal when the ticks, half laps and marks are equal; dense splits equal a tuple of
    `RaceTime` as before.
    """

    __slots__ = ("digits", "laps", "marks", "ticks")

    ticks: tuple[int, ...]
    digits: bytes  # decimals of each split, 0 to 4
    laps: tuple[int, ...]  # half-lap number of each split; () when 1, 2, … (dense)
    marks: tuple[Mark, ...]  # times at distances that are no crossing, in distance order

    def __init__(
        self,
        ticks: tuple[int, ...] = (),
        digits: bytes = b"",
        laps: tuple[int, ...] = (),
        marks: tuple[Mark, ...] = (),
    ) -> None:
        """Ticks and decimals as `RaceTime` or `parse_ticks` give them (not checked again)."""
        if len(ticks) != len(digits):
            raise ValueError(f"{len(ticks)} split times but {len(digits)} precisions")
        if laps and len(laps) != len(ticks):
            raise ValueError(f"{len(ticks)} split times but {len(laps)} half laps")
        if laps == tuple(range(1, len(laps) + 1)):
            laps = ()  # every half lap from the first: dense
        object.__setattr__(self, "ticks", ticks)
        object.__setattr__(self, "digits", digits)
        object.__setattr__(self, "laps", laps)
        object.__setattr__(self, "marks", marks)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"splits are immutable: cannot set {name}")

    def __reduce__(
        self,
    ) -> tuple[type[Splits], tuple[tuple[int, ...], bytes, tuple[int, ...], tuple[Mark, ...]]]:
        return (Splits, (self.ticks, self.digits, self.laps, self.marks))  # copies, pickles

    @classmethod
    def at(cls, points: Iterable[tuple[int, RaceTime]], marks: Iterable[Mark] = ()) -> Splits:
        """The splits of these (half lap, time) points, in order of half lap."""
        listed = sorted(points, key=lambda p: p[0])
        return cls(
            tuple(t.ticks for _, t in listed),
            bytes(t.digits for _, t in listed),
            tuple(k for k, _ in listed),
            tuple(marks),
        )

    @property
    def dense(self) -> bool:
        """A split at every half lap from the first to the last known, and no marks."""
        return not self.laps and not self.marks

    @property
    def half_laps(self) -> tuple[int, ...]:
        """The half-lap number of each split."""
        return self.laps or tuple(range(1, len(self.ticks) + 1))

    @property
    def reached(self) -> int:
        """The furthest half lap with a known split (0 without)."""
        return self.laps[-1] if self.laps else len(self.ticks)

    def points(self) -> tuple[tuple[int, RaceTime], ...]:
        """(half lap, elapsed time) of each split."""
        return tuple(zip(self.half_laps, self, strict=True))

    def half_lap(self, k: int) -> RaceTime | None:
        """The split at half lap `k` (1-based); None when not known."""
        if not self.laps:
            return self[k - 1] if 1 <= k <= len(self.ticks) else None
        try:
            i = self.laps.index(k)
        except ValueError:
            return None
        return self[i]

    def ticks_at(self, k: int) -> int | None:
        """The ticks of the split at half lap `k` (1-based); None when not known."""
        if not self.laps:
            return self.ticks[k - 1] if 1 <= k <= len(self.ticks) else None
        try:
            return self.ticks[self.laps.index(k)]
        except ValueError:
            return None

    @classmethod
    def of(cls, times: Iterable[RaceTime]) -> Splits:
        """The splits of these times, in order."""
        listed = list(times)
        return cls(tuple(t.ticks for t in listed), bytes(t.digits for t in listed))

    def __len__(self) -> int:
        return len(self.ticks)

    @overload
    def __getitem__(self, index: int) -> RaceTime: ...

    @overload
    def __getitem__(self, index: slice) -> Splits: ...

    def __getitem__(self, index: int | slice) -> RaceTime | Splits:
        if isinstance(index, slice):
            return Splits(self.ticks[index], self.digits[index], self.laps[index])
        return RaceTime(self.ticks[index], self.digits[index])

    def __iter__(self) -> Iterator[RaceTime]:
        for ticks, digits in zip(self.ticks, self.digits, strict=True):
            yield RaceTime(ticks, digits)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Splits):
            return (self.ticks, self.laps, self.marks) == (other.ticks, other.laps, other.marks)
        if isinstance(other, tuple) and self.dense:
            return len(other) == len(self.ticks) and all(
                isinstance(o, RaceTime) and o.ticks == t
                for o, t in zip(other, self.ticks, strict=True)
            )
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.ticks) if not self.laps else hash((self.ticks, self.laps))

    def __repr__(self) -> str:
        if self.dense:
            return f"Splits({', '.join(str(t) for t in self)})"
        shown = [f"{k}: {t}" for k, t in self.points()]
        shown += [f"{m.distance_m:g} m: {m.time}" for m in self.marks]
        return f"Splits({', '.join(shown)})"


NO_SPLITS = Splits()
