"""Timing: elapsed times from timer impulses, and the plausibility of what arrives."""

from __future__ import annotations

from pursuit.core.times import TICKS_PER_SECOND, RaceTime

# A pursuit is ridden between these average speeds; anything outside is a bad impulse.
MIN_SPEED_KMH = 15
MAX_SPEED_KMH = 80
DAY_TICKS = 24 * 3600 * TICKS_PER_SECOND  # a time of day wraps at midnight


def elapsed(start_impulse: RaceTime, impulse: RaceTime) -> RaceTime:
    """Elapsed time between two time-of-day impulses (a race may run past midnight)."""
    ticks = (impulse.ticks - start_impulse.ticks) % DAY_TICKS
    return RaceTime(ticks, 4)


def time_of_day(ticks: int) -> RaceTime:
    """A clock reading from any count of ticks, past midnight wrapped round."""
    return RaceTime(ticks % DAY_TICKS, 4)


def clock_text(time: RaceTime) -> str:
    """`HH:MM:SS.ffff`, as a timer writes a time of day."""
    seconds, fraction = divmod(time.ticks % DAY_TICKS, TICKS_PER_SECOND)
    minutes, s = divmod(seconds, 60)
    h, m = divmod(minutes, 60)
    return f"{h:02d}:{m:02d}:{s:02d}.{fraction:04d}"


def _speed_kmh(metres: float, ticks: int) -> float:
    return (metres / 1000) / (ticks / TICKS_PER_SECOND / 3600) if ticks else float("inf")


def implausible(metres: float, ticks: int) -> str | None:
    """Why `metres` in `ticks` cannot be a pursuit (too fast or too slow), or None."""
    speed = _speed_kmh(metres, ticks)
    if speed > MAX_SPEED_KMH:
        return f"{metres:g} m at {speed:.0f} km/h is faster than any pursuit ({MAX_SPEED_KMH} km/h)"
    if speed < MIN_SPEED_KMH:
        return f"{metres:g} m at {speed:.1f} km/h is slower than any pursuit ({MIN_SPEED_KMH} km/h)"
    return None
