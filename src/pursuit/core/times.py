"""Exact race times: integer ten-thousandths of a second, never floats.

A time remembers the precision it was measured or published in (4:39.96 is not
4:39.960 measured). Comparison and ranking happen at a competition's precision,
reached by truncation, never rounding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import total_ordering

from pursuit.core.same_decimals import read_same_decimals
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
# The notation nearly every time is written in: m:ss.f to m:ss.ffff, or s.f to s.ffff.
_USUAL = r"(?:([0-9]{1,9}):(?=[0-5][0-9]\.))?([0-9]{1,9})\.([0-9]{1,4})"
_USUAL_ONE = re.compile(_USUAL)
# One whole line in that notation: from a line's start to its end, so that as many
# matches as lines means every line is one time (one pass over the text, not two).
_USUAL_LINE = re.compile("(?m)^" + _USUAL + "\n")
# No time is written in more characters (hours of digits would be); longer text is refused
# before any of it becomes a number.
LONGEST_TIME_TEXT = 32
_UNITS = (10_000, 1_000, 100, 10, 1)  # ticks in one unit of the last decimal, by decimals


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
    usual = _USUAL_ONE.fullmatch(text) if isinstance(text, str) else None
    if usual is not None:  # fast path, the same result as the general notation below
        minutes, seconds, fraction = usual.groups()
        ticks = (int(minutes) * 600_000 if minutes else 0) + int(seconds + fraction) * _UNITS[
            len(fraction)
        ]
        return RaceTime(ticks, len(fraction))
    return parse_any_notation(text)


def parse_any_notation(text: str) -> RaceTime:
    """`parse_time` without its fast path: every notation, read by one general pattern."""
    if isinstance(text, str) and len(text) > LONGEST_TIME_TEXT:
        raise TimeFormatError(
            f"not a race time: {text[:12]!r}… is {len(text)} characters long "
            "(expected e.g. 4:40.41 or 280.41)"
        )
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


def parse_usual(texts: Sequence[str]) -> tuple[tuple[int, ...], bytes] | None:
    """Ticks and decimals of many times at once, as `parse_time` reads them, when every
    one is a string in the usual notation (m:ss.fff or s.fff); None when any is not
    (read those one by one with `parse_time`, which also says what is wrong). Values that
    are not strings at all, as a TOML file may hold, give None too."""
    if not texts:
        return (), b""
    try:
        joined = "\n".join(texts) + "\n"
    except TypeError:
        return None
    same = read_same_decimals(joined, len(texts))  # the common case, five times faster
    if same is not None:
        return same
    found = _USUAL_LINE.findall(joined)
    # every line a time, and as many lines as texts (no line end inside one of them)
    if len(found) != len(texts) or joined.count("\n") != len(texts):
        return None
    units = _UNITS
    ticks = tuple(
        [(int(m) * 600_000 if m else 0) + int(s + f) * units[len(f)] for m, s, f in found]
    )
    return ticks, bytes([len(f) for _, _, f in found])


def format_time(time: RaceTime, digits: int | None = None, *, decimal: str = ".") -> str:
    """Write a time as results print it: 4:40.41, 59.87, 1:02:03.4.

    `digits` defaults to the time's own precision; a coarser one truncates.
    """
    places = time.digits if digits is None else min(digits, time.digits)
    if places < 0:
        truncate(time, places)  # raises, as for any time with fewer than no decimals
    # Truncating never changes the whole seconds, and the decimals written are the first
    # `places` of the four the ticks have: the truncated time is never needed.
    whole, rest = divmod(time.ticks, TICKS_PER_SECOND)
    if whole < 60:
        clock = str(whole)
    elif whole < 3600:
        clock = f"{whole // 60}:{whole % 60:02d}"
    else:
        minutes, seconds = divmod(whole, 60)
        clock = f"{minutes // 60}:{minutes % 60:02d}:{seconds:02d}"
    if not places:
        return clock
    return f"{clock}{decimal}{str(TICKS_PER_SECOND + rest)[1 : 1 + places]}"
