"""Splits at known distances: where a source's "1000 m" or "lap 3" falls on the track.

A distance is read from text ("1000 m", "1.5 km", "lap 3") and placed on the race: on a
pursuit-line crossing (a whole number of half laps, to within `TOLERANCE_M`, as track
lengths such as 285.714 m or 333.33 m are rounded) it is that half lap; anywhere else it
is a mark at that distance. Nothing between two known points is invented.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pursuit.core.splits import Mark, Splits
from pursuit.core.times import RaceTime

TOLERANCE_M = 0.5  # a distance this close to a crossing is that crossing

_DISTANCE = re.compile(
    r"^\s*(?:(?P<metres>\d+(?:\.\d+)?)\s*(?P<unit>m|km)|lap\s+(?P<lap>\d+)"
    r"|half[ -]lap\s+(?P<half>\d+))\s*$",
    re.IGNORECASE,
)


class DistanceError(ValueError):
    """A distance that does not read, with the reason in words."""


@dataclass(frozen=True, slots=True)
class Place:
    """Where a distance falls: `half_lap` when on a crossing, else only `distance_m`."""

    distance_m: float
    half_lap: int | None


def parse_distance(text: str, half_lap_m: float) -> float:
    """Metres from the start of "1000 m", "2 km", "lap 3" (3 laps) or "half lap 7"."""
    match = _DISTANCE.match(text)
    if match is None:
        raise DistanceError(
            f'{text!r} is not a distance: write "1000 m", "2 km", "lap 3" or "half lap 7"'
        )
    if match["lap"] is not None:
        return int(match["lap"]) * 2 * half_lap_m
    if match["half"] is not None:
        return int(match["half"]) * half_lap_m
    metres = float(match["metres"])
    return metres * 1000 if match["unit"].lower() == "km" else metres


def place(distance_m: float, half_lap_m: float) -> Place:
    """The crossing a distance falls on, or only the distance when it falls on none."""
    k = round(distance_m / half_lap_m)
    if k >= 1 and abs(k * half_lap_m - distance_m) <= TOLERANCE_M:
        return Place(distance_m, k)
    return Place(distance_m, None)


def distance_text(distance_m: float) -> str:
    """A distance as a file writes it: "1000 m", "142.857 m"."""
    return f"{round(distance_m, 3):g} m"


def half_lap_distance(k: int, half_lap_m: float) -> float:
    """Metres from the start to half lap `k`, to the nearest metre: the distance a source
    gives (1000 m for 7 × 142.857 m), which `place` puts back on the same crossing."""
    return float(round(k * half_lap_m))


def splits_at(points: Sequence[tuple[float, RaceTime]], half_lap_m: float) -> Splits:
    """The splits of (distance, time) points, each placed on its crossing or kept as a mark
    (checked before: distances increasing, within the race)."""
    crossings: list[tuple[int, RaceTime]] = []
    marks: list[Mark] = []
    for distance, time in points:
        where = place(distance, half_lap_m)
        if where.half_lap is None:
            marks.append(Mark(distance, time))
        else:
            crossings.append((where.half_lap, time))
    return Splits.at(crossings, marks)


def from_distances(
    times: Sequence[RaceTime], distances: Sequence[str], half_lap_m: float
) -> Splits:
    """The splits a log or a writer kept as times and distance texts, side by side; those
    texts are written by `distance_text`, so they read (a bad one raises DistanceError)."""
    if len(times) != len(distances):
        raise DistanceError(f"{len(times)} split times but {len(distances)} distances")
    points = [(parse_distance(d, half_lap_m), t) for d, t in zip(distances, times, strict=True)]
    return splits_at(points, half_lap_m)


def distances_of(splits: Splits, half_lap_m: float) -> list[tuple[float, RaceTime]]:
    """Every known point of the splits as (distance, time), in distance order: what a
    writer writes back and the log keeps."""
    out = [(half_lap_distance(k, half_lap_m), t) for k, t in splits.points()]
    out += [(m.distance_m, m.time) for m in splits.marks]
    return sorted(out, key=lambda p: p[0])
