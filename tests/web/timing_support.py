"""Impulses for the seeded competition's first qualifying heat, as a timer sends them: the gate,
then each side's passages at the pursuit lines (C1 the red line, C2 the green)."""

from __future__ import annotations

from pursuit.core import commands as c
from pursuit.core.times import TICKS_PER_SECOND, RaceTime, parse_time
from pursuit.web.parts import Web

SOURCE = "serial:/dev/ttyUSB0"
START = parse_time("15:02:11.0342")


def at(seconds: float) -> RaceTime:
    return RaceTime(START.ticks + round(seconds * TICKS_PER_SECOND), 4)


def passage_s(side_index: int, half_lap: int) -> float:
    """When the red (0) or the green (1) rider passes the end of a half lap."""
    return (12 + 8 * (half_lap - 1)) if side_index == 0 else (12.5 + 8.1 * (half_lap - 1))


def line_of(side_index: int, half_lap: int) -> str:
    """A side ends its odd half laps at the other side's line."""
    own = side_index if half_lap % 2 == 0 else 1 - side_index
    return "C1" if own == 0 else "C2"


class Timer:
    def __init__(self, web: Web, cid: str = "cup") -> None:
        self.web, self.cid, self.number = web, cid, 0

    def send(self, channel: str, seconds: float | None) -> int:
        self.number += 1
        when = START if seconds is None else at(seconds)
        command = c.TakeImpulse(SOURCE, self.number, channel, when, "2026-05-01T15:02:00Z")
        self.web.hub.handle(self.cid, command, "timer")
        return self.number


def ride(web: Web, upto: int = 4, missed: int = 3) -> tuple[Timer, int, int]:
    """Heat Q 1 started by hand, its gate impulse, both sides' passages up to `upto` with the
    red rider's half lap `missed` never seen, a stray impulse and the backup contact's impulse
    (channel C7) for the missed passage. Returns the timer, the stray's and the backup's
    numbers."""
    web.hub.handle("cup", c.ReportTimerStatus(SOURCE, True, "38400 baud", "15:00:00"), "timer")
    web.hub.handle("cup", c.StartHeat("Q", 1), "tk")
    timer = Timer(web)
    timer.send("C0", None)
    times = sorted(
        (passage_s(s, k), line_of(s, k))
        for s in (0, 1)
        for k in range(1, upto + 1)
        if (s, k) != (0, missed)
    )
    stray = 0
    for seconds, channel in times:
        if not stray and seconds > 23.5:
            stray = timer.send("C2", 23.5)  # nobody is due then
        timer.send(channel, seconds)
    backup = timer.send("C7", passage_s(0, missed))
    return timer, stray, backup
