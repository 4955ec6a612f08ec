"""The timer's line protocol: what an ALGE Timy-class device sends for each impulse.

One impulse a line: the impulse number, the channel (`C0` … `C8`, a trailing `M` when the
impulse was given by hand on the device), the time of day to 1/10,000 s and a trailing field:

    0051 C0  08:44:20.1228 00

Anything else a timer sends (status lines, a line cut by a dropped connection, noise on the
wire) is not an impulse; it is returned as `TimerNoise` so the caller stores and reports it and
carries on. `LineSplitter` turns the bytes of a serial port or a socket, in whatever pieces they
arrive, into lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pursuit.core.impulses import clock_text
from pursuit.core.times import TICKS_PER_SECOND, RaceTime

MAX_LINE = 200  # characters; a longer "line" is noise, cut so memory stays bounded

_IMPULSE = re.compile(
    r"""^\s*
    (?P<number>\d{1,5})\s+
    (?P<channel>C\d)(?P<manual>M?)\s+
    (?P<h>\d{1,2}):(?P<m>\d{2}):(?P<s>\d{2})(?:[.,](?P<f>\d{1,4}))?
    (?:\s+(?P<tail>\S{1,8}))?
    \s*$""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class TimerImpulse:
    """One impulse as the timer numbered and timed it."""

    number: int
    channel: str  # "C0" … "C9"
    time_of_day: RaceTime  # since midnight, 4 decimals
    manual: bool = False
    raw: str = ""


@dataclass(frozen=True, slots=True)
class TimerNoise:
    """A line that is not an impulse, kept as it came, with why."""

    raw: str
    reason: str


def parse_line(line: str) -> TimerImpulse | TimerNoise:
    """The impulse on one line of the timer's output, or why the line is not one."""
    raw = line.rstrip("\r\n")
    if len(raw) > MAX_LINE:
        return TimerNoise(raw[:MAX_LINE], f"a line of {len(raw)} characters is not an impulse")
    if not raw.strip():
        return TimerNoise(raw, "an empty line")
    match = _IMPULSE.match(raw)
    if match is None:
        return TimerNoise(raw, "not an impulse line (number, channel, time of day)")
    h, m, s = int(match["h"]), int(match["m"]), int(match["s"])
    if h > 23 or m > 59 or s > 59:
        return TimerNoise(raw, f"{h:02d}:{m:02d}:{s:02d} is not a time of day")
    fraction = (match["f"] or "").ljust(4, "0")
    ticks = ((h * 60 + m) * 60 + s) * TICKS_PER_SECOND + int(fraction)
    return TimerImpulse(
        number=int(match["number"]),
        channel=match["channel"],
        time_of_day=RaceTime(ticks, 4),
        manual=bool(match["manual"]),
        raw=raw,
    )


def format_line(number: int, channel: str, time_of_day: RaceTime, manual: bool = False) -> str:
    """The line a timer sends for an impulse (what the emulator writes), without the newline."""
    mark = "M" if manual else " "
    return f"{number % 10_000:04d} {channel}{mark} {clock_text(time_of_day)} 00"


class LineSplitter:
    """Bytes in, whole lines out: a line ends at CR, LF or CR LF; a partial line waits for the
    rest; a line longer than `MAX_LINE` is cut there rather than growing without end."""

    def __init__(self, encoding: str = "ascii") -> None:
        self._encoding = encoding
        self._pending = b""

    def feed(self, data: bytes) -> list[str]:
        lines: list[str] = []
        buffer = self._pending + data
        start = 0
        for i, byte in enumerate(buffer):
            if byte in (10, 13):
                if i > start:
                    lines.append(self._text(buffer[start:i]))
                start = i + 1
        rest = buffer[start:]
        while len(rest) > MAX_LINE:
            lines.append(self._text(rest[:MAX_LINE]))
            rest = rest[MAX_LINE:]
        self._pending = rest
        return lines

    def flush(self) -> list[str]:
        """The partial line left when the connection closes (a cut line is noise, not lost)."""
        rest, self._pending = self._pending, b""
        return [self._text(rest)] if rest else []

    def _text(self, data: bytes) -> str:
        return data.decode(self._encoding, errors="replace")
