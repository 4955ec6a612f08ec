"""Splits given at known distances in a competition file: `{ at = "1000 m", time = … }`
entries, or plain times with the ride's `split_every = "1000 m"`. Each distance is read,
checked (increasing, within the race) and placed on its crossing or kept as a mark; a
problem is found on the entry at fault, naming the rider, and the splits are dropped."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pursuit.core.competition import Metadata
from pursuit.core.split_points import DistanceError, parse_distance, splits_at
from pursuit.core.splits import NO_SPLITS, Splits
from pursuit.core.times import RaceTime

Find = Callable[..., None]
ReadTime = Callable[[object, str, tuple[str | int, ...]], tuple[RaceTime | None, bool]]

ENTRY_FIELDS = {"at", "time"}


def uses_distances(raw: list[Any], every: object) -> bool:
    """Whether these splits are given at distances rather than at every half lap."""
    return every is not None or any(isinstance(v, dict) for v in raw)


def read_at_distances(
    raw: list[Any],
    every: object,
    name: str,
    path: tuple[str | int, ...],
    meta: Metadata,
    find: Find,
    read_time: ReadTime,
) -> Splits:
    """The splits of `raw` at the distances given, or NO_SPLITS after a finding."""
    half_lap_m = meta.half_lap_m  # known: the reader drops splits on an unknown track
    step: float | None = None
    if every is not None:
        if not isinstance(every, str):
            find(
                "bad-splits",
                f'{name}: split_every is a distance, e.g. "1000 m"',
                *path,
                "split_every",
            )
            return NO_SPLITS
        try:
            step = parse_distance(every, half_lap_m)
        except DistanceError as e:
            find("bad-splits", f"{name}: split_every {e}", *path, "split_every")
            return NO_SPLITS
        if step <= 0:
            find("bad-splits", f"{name}: split_every must be more than 0 m", *path, "split_every")
            return NO_SPLITS
    points: list[tuple[float, RaceTime]] = []
    for k, value in enumerate(raw):
        at = (*path, "splits", k)
        point = _entry(value, k, step, name, at, half_lap_m, find, read_time)
        if point is None:
            return NO_SPLITS
        distance, time = point
        if distance > meta.distance_m + 0.5:
            find("bad-splits", f"{name}: split {k + 1} at {distance:g} m is beyond the "
                 f"{meta.distance_m} m race", *at)  # fmt: skip
            return NO_SPLITS
        if points and distance <= points[-1][0]:
            find("bad-splits", f"{name}: split {k + 1} at {distance:g} m is not after the one "
                 f"before ({points[-1][0]:g} m)", *at)  # fmt: skip
            return NO_SPLITS
        if points and time.ticks <= points[-1][1].ticks:
            find("bad-splits", f"{name}: split {k + 1} ({time}) is not after split {k} "
                 f"({points[-1][1]})", *at)  # fmt: skip
            return NO_SPLITS
        points.append((distance, time))
    return splits_at(points, half_lap_m)


def _entry(
    value: object,
    k: int,
    step: float | None,
    name: str,
    at: tuple[str | int, ...],
    half_lap_m: float,
    find: Find,
    read_time: ReadTime,
) -> tuple[float, RaceTime] | None:
    """(distance, time) of one entry; None after a finding."""
    if step is not None:
        if isinstance(value, dict):
            find("bad-splits", f"{name}: with split_every, splits are plain times", *at)
            return None
        time, _ = read_time(value, f"{name} split {k + 1}", at)
        return None if time is None else ((k + 1) * step, time)
    if not isinstance(value, dict) or not isinstance(value.get("at"), str):
        find("bad-splits", f'{name}: split {k + 1} needs at = "1000 m" and time = "…" '
             "(all splits at distances, or all plain times at every half lap)", *at)  # fmt: skip
        return None
    for key in sorted(set(value) - ENTRY_FIELDS):
        find("unknown-field", f"{name}: unknown field {key!r} in split {k + 1}", *at, key)
    try:
        distance = parse_distance(value["at"], half_lap_m)
    except DistanceError as e:
        find("bad-splits", f"{name}: split {k + 1} at {e}", *at, "at")
        return None
    if distance <= 0:
        find("bad-splits", f"{name}: split {k + 1} at 0 m is the start", *at, "at")
        return None
    time, _ = read_time(value.get("time"), f"{name} split {k + 1}", (*at, "time"))
    if time is None:
        if "time" not in value:
            find("bad-splits", f"{name}: split {k + 1} has no time", *at)
        return None
    return distance, time
