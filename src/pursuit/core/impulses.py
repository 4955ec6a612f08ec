"""Timing: elapsed times from timer impulses, and the plausibility of what arrives."""

from __future__ import annotations

from pursuit.core.times import TICKS_PER_SECOND, RaceTime

# A pursuit is ridden between these average speeds; anything outside is a bad impulse.
MIN_SPEED_KMH = 15
MAX_SPEED_KMH = 80
_DAY = 24 * 3600 * TICKS_PER_SECOND


def elapsed(start_impulse: RaceTime, impulse: RaceTime) -> RaceTime:
    """Elapsed time between two time-of-day impulses (a race may run past midnight)."""
    ticks = (impulse.ticks - start_impulse.ticks) % _DAY
    return RaceTime(ticks, 4)


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
