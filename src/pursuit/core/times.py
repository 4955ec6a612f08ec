"""Exact race times: integer ten-thousandths of a second, never floats.

A time remembers the precision it was measured or published in (4:39.96 is not
4:39.960 measured). Comparison and ranking happen at a competition's precision,
reached by truncation, never rounding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import total_ordering

from pursuit.errors import TimeFormatError

TICKS_PER_SECOND = 10_000
MAX_DIGITS = 4

# h:mm:ss.fff, m:ss.ff, m'ss"ff, ss.ff; decimal point or comma.
_CLOCK = re.compile(
    r"""^\s*
    (?:(?P<h>\d+):(?=\d{1,2}:))?
    (?:(?P<m>\d+)\s*(?::|'|′|’)\s*)?
    (?P<s>\d+)
    (?:\s*(?:[.,]|"|″|”)\s*(?P<f>\d{1,4}))?
    \s*$""",
    re.VERBOSE,
)


@total_ordering
@dataclass(frozen=True, slots=True)
class RaceTime:
    """A duration in ten-thousandths of a second, with the digits it is known to."""

    ticks: int
    digits: int = 2

    def __post_init__(self) -> None:
        if self.ticks < 0:
            raise TimeFormatError(f"a race time cannot be negative ({self.ticks} ticks)")
        if not 0 <= self.digits <= MAX_DIGITS:
            raise TimeFormatError(f"precision must be 0 to {MAX_DIGITS} decimal digits")
        if self.ticks % 10 ** (MAX_DIGITS - self.digits):
            raise TimeFormatError(f"{self.ticks} ticks are finer than {self.digits} decimals")

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, RaceTime):
            return NotImplemented
        return self.ticks < other.ticks

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RaceTime):
            return NotImplemented
        return self.ticks == other.ticks

    def __hash__(self) -> int:
        return hash(self.ticks)

    def at(self, digits: int) -> RaceTime:
        """This time reduced (truncated) to `digits` decimals; never made finer."""
        return truncate(self, digits)

    def __str__(self) -> str:
        return format_time(self)

    @property
    def seconds(self) -> float:
        """For charts and statistics only; never compare or rank with it."""
        return self.ticks / TICKS_PER_SECOND


def unit(digits: int) -> int:
    """Ticks in one unit of the last decimal at `digits` precision."""
    return int(10 ** (MAX_DIGITS - digits))


def truncate(time: RaceTime, digits: int) -> RaceTime:
    """Drop digits beyond `digits` decimals (4:32.296 -> 4:32.29), never rounding."""
    if digits >= time.digits:
        return time
    step = unit(digits)
    return RaceTime(time.ticks // step * step, digits)


def parse_time(text: str) -> RaceTime:
    """Parse any notation seen in results: 4:40.41, 4'40"41, 4:39,96, 280.41, 4:24.537."""
    match = _CLOCK.match(text) if isinstance(text, str) else None
    if match is None:
        raise TimeFormatError(f"not a race time: {text!r} (expected e.g. 4:40.41 or 280.41)")
    hours = int(match["h"] or 0)
    minutes = int(match["m"] or 0)
    seconds = int(match["s"])
    if (match["m"] is not None or match["h"] is not None) and seconds >= 60:
        raise TimeFormatError(f"seconds must be below 60 in {text!r}")
    if match["h"] is not None and minutes >= 60:
        raise TimeFormatError(f"minutes must be below 60 in {text!r}")
    fraction = match["f"] or ""
    digits = len(fraction)
    ticks = ((hours * 60 + minutes) * 60 + seconds) * TICKS_PER_SECOND
    if fraction:
        ticks += int(fraction) * unit(digits)
    return RaceTime(ticks, digits)


def format_time(time: RaceTime, digits: int | None = None, *, decimal: str = ".") -> str:
    """Write a time as results print it: 4:40.41, 59.87, 1:02:03.4.

    `digits` defaults to the time's own precision; a coarser one truncates.
    """
    shown = time if digits is None else truncate(time, digits)
    places = shown.digits if digits is None else min(digits, shown.digits)
    whole, rest = divmod(shown.ticks, TICKS_PER_SECOND)
    minutes, seconds = divmod(whole, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        text = f"{hours}:{minutes:02d}:{seconds:02d}"
    elif minutes:
        text = f"{minutes}:{seconds:02d}"
    else:
        text = f"{seconds}"
    if places:
        text += decimal + f"{rest:04d}"[:places]
    return text
