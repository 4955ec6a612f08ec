"""Rides without a time ranked at their published place among the rides ranked by time.

A source that gives times for the first eight and only names and places after that still
ranks the rest: each untimed ride takes the place published for it, and the timed rides keep
their order by time around it. What the places and the times say against each other stays a
finding (`published-rank`): a timed ride pushed off its own published place by an untimed one
is reported when the round's published ranks are compared (`engine._check_published_ranks`),
two rides published at one place without `=` here.
"""

from __future__ import annotations

from dataclasses import dataclass

from pursuit.core.competition import Ride
from pursuit.core.resolver import Context


@dataclass(frozen=True, slots=True)
class Row:
    """A ride's rank in its round, and whether its published place set it."""

    rank: int
    shared: bool
    ride: Ride
    by_published: bool


def published_place(text: str | None) -> tuple[int, bool] | None:
    """(place, shared) of a published rank: "5" is (5, False), "=5" (5, True); None for what
    is no place ("–", "AC", "DNF", "")."""
    if text is None:
        return None
    written = text.strip()
    shared = written.startswith("=")
    number = written.lstrip("=").strip()
    if not (number.isascii() and number.isdigit()) or int(number) < 1:
        return None
    return int(number), shared


def merge(
    ctx: Context,
    round_name: str,
    ranked: list[tuple[int, bool, Ride]],
    untimed: list[Ride],
) -> list[Row]:
    """The rides `ranked` by time (rank, shared, ride) with the `untimed` rides (each with a
    published place) slotted in at their places; the timed keep their order and their ties."""
    placed: list[tuple[int, bool, Ride]] = []
    for ride in untimed:
        found = published_place(ride.published_rank)
        if found is not None:
            placed.append((found[0], found[1], ride))
    placed.sort(key=lambda p: (p[0], ctx.sort_name(p[2].entrant)))
    out: list[Row] = []
    i = j = 0
    while i < len(ranked) or j < len(placed):
        at = len(out) + 1
        if j < len(placed) and (i >= len(ranked) or placed[j][0] <= at):
            place, equal, ride = placed[j]
            j += 1
            out.append(_placed(ctx, round_name, out, place, equal, ride, at))
            continue
        first = ranked[i][0]
        run = []
        while i < len(ranked) and ranked[i][0] == first:  # a tie by time stays together
            run.append(ranked[i][2])
            i += 1
        out.extend(Row(at, len(run) > 1, ride, False) for ride in run)
    return out


def _placed(
    ctx: Context, round_name: str, out: list[Row], place: int, equal: bool, ride: Ride, at: int
) -> Row:
    """The row of an untimed ride published at `place`, `at` being the next free place."""
    before = out[-1] if out else None
    if before is not None and before.rank == place:  # a place published twice
        other = published_place(before.ride.published_rank)
        if not (equal and other is not None and other[1]):
            ctx.find(
                "published-rank",
                f"{round_name}: {ride.entrant} and {before.ride.entrant} are both published "
                f"{place}; two rides share a place only when both are published ={place}",
                ride.place,
            )
        out[-1] = Row(before.rank, True, before.ride, before.by_published)
        return Row(place, True, ride, True)
    return Row(max(place, at), False, ride, True)
