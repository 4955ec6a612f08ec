"""When rounds are ridden: a day, and a local start time when known."""

from __future__ import annotations

import datetime

from pursuit.core.competition import Slot


def slot_problem(date: str, time: str | None) -> str | None:
    """What is wrong with a round's day (2026-10-20) and start time (14:30), or None."""
    try:
        datetime.date.fromisoformat(date)
    except ValueError:
        return f"{date!r} is not a date like 2026-10-20"
    if len(date) != 10:
        return f"{date!r} is not a date like 2026-10-20"
    if time is not None and not _is_clock_time(time):
        return f"{time!r} is not a start time like 14:30"
    return None


def slot(date: str, time: str | None = None) -> Slot:
    """The slot, its text trimmed; ValueError naming what is wrong."""
    date, time = date.strip(), (time or "").strip() or None
    problem = slot_problem(date, time)
    if problem is not None:
        raise ValueError(problem)
    return Slot(date, time)


def _is_clock_time(text: str) -> bool:
    hours, _, minutes = text.partition(":")
    return (
        len(hours) in (1, 2)
        and len(minutes) == 2
        and hours.isdigit()
        and minutes.isdigit()
        and int(hours) < 24
        and int(minutes) < 60
    )
