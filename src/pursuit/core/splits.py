"""A ride's half-lap splits, kept compactly: one object per ride, not one per split.

The elapsed times are plain integer ticks in one tuple and the decimals each was taken
to in one `bytes`; neither holds objects the garbage collector has to walk. A
`RaceTime` is made only when a split is asked for one at a time, so code that reads
splits as a sequence of times keeps working, while ranking reads `ticks` directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import overload

from pursuit.core.times import RaceTime


class Splits(Sequence[RaceTime]):
    """Elapsed times at half laps 1, 2, …, as a sequence of `RaceTime`.

    Equal when the ticks are equal, as two tuples of `RaceTime` are.
    """

    __slots__ = ("digits", "ticks")

    ticks: tuple[int, ...]
    digits: bytes  # decimals of each split, 0 to 4

    def __init__(self, ticks: tuple[int, ...] = (), digits: bytes = b"") -> None:
        """Ticks and decimals as `RaceTime` or `parse_ticks` give them (not checked again)."""
        if len(ticks) != len(digits):
            raise ValueError(f"{len(ticks)} split times but {len(digits)} precisions")
        object.__setattr__(self, "ticks", ticks)
        object.__setattr__(self, "digits", digits)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"splits are immutable: cannot set {name}")

    def __reduce__(self) -> tuple[type[Splits], tuple[tuple[int, ...], bytes]]:
        return (Splits, (self.ticks, self.digits))  # copies and pickles, as of a tuple

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
            return Splits(self.ticks[index], self.digits[index])
        return RaceTime(self.ticks[index], self.digits[index])

    def __iter__(self) -> Iterator[RaceTime]:
        for ticks, digits in zip(self.ticks, self.digits, strict=True):
            yield RaceTime(ticks, digits)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Splits):
            return self.ticks == other.ticks
        if isinstance(other, tuple):
            return len(other) == len(self.ticks) and all(
                isinstance(o, RaceTime) and o.ticks == t
                for o, t in zip(other, self.ticks, strict=True)
            )
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.ticks)

    def __repr__(self) -> str:
        return f"Splits({', '.join(str(t) for t in self)})"


NO_SPLITS = Splits()
