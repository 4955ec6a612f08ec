"""Published orders without times: "these were ordered by their times in round R, best first".

A source may say who was faster without printing the times (the losers of a round ranked
5–8 by their times; a bronze given to the faster losing semifinalist). A competition records
that as chains of names per round (`Competition.orders`, a round's `order = [...]` in a file,
`PublishOrder` live). Wherever the engine orders competitors by a round's time, the known
times and the chains together say who comes before whom; what neither says stays unknown.
Every chain is checked against the known times and against the other chains: a contradiction
is a `published-order` finding, and the times win.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable
from itertools import pairwise

from pursuit.core.competition import Ride
from pursuit.core.formats import RoundSpec
from pursuit.core.race import compare_at
from pursuit.core.ranking import number_in_order
from pursuit.core.times import RaceTime, format_time

Graph = dict[str, set[str]]  # name -> the names known to be slower in the round
SortName = Callable[[str], str]


def _reaches(graph: Graph, start: str, goal: str) -> bool:
    seen, todo = {start}, [start]
    while todo:
        for nxt in graph.get(todo.pop(), ()):
            if nxt == goal:
                return True
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return False


class Evidence:
    """What a round's times and published orders say about who was faster."""

    def __init__(
        self,
        rides: dict[str, Ride],
        chains: Iterable[tuple[str, ...]],
        ranked: list[tuple[int, bool, str]],
    ) -> None:
        """`ranked`: the round's timed rides ranked by time (rank, shared, name)."""
        self.rides = rides
        self.level = {name: rank for rank, _, name in ranked}
        self.graph: Graph = {}
        self.conflicts: list[tuple[str, str]] = []  # (faster, slower) a chain says, refused
        groups: list[list[str]] = []
        for rank, _, name in ranked:
            if groups and self.level[groups[-1][0]] == rank:
                groups[-1].append(name)
            else:
                groups.append([name])
        for faster, slower in pairwise(groups):
            for name in faster:
                self.graph.setdefault(name, set()).update(slower)
        for chain in chains:  # every pair, so that a refused one loses no other
            for i, a in enumerate(chain):
                for b in chain[i + 1 :]:
                    if a == b or _reaches(self.graph, b, a):
                        self.conflicts.append((a, b))
                    else:
                        self.graph.setdefault(a, set()).add(b)

    def before(self, a: str, b: str) -> bool:
        """Whether `a` is known to be faster than `b`."""
        return _reaches(self.graph, a, b)

    def order(
        self, names: list[str], sort_name: SortName
    ) -> tuple[list[tuple[int, bool, str]], list[str]]:
        """`names` numbered by what is known, best first, and those of them with no time
        whose place is not known (those related to nobody last, sharing a place)."""
        related = {n: {m for m in names if m != n and self.before(n, m)} for n in names}
        known = {n for n in names if n in self.level or related[n]}
        known |= {m for n in names for m in related[n]}
        loose = sorted((n for n in names if n not in known), key=sort_name)
        placed = self._sorted([n for n in names if n in known], related, sort_name)
        levels: list[int] = []
        for i, name in enumerate(placed):
            step = i == 0 or name in related[placed[i - 1]]
            levels.append((levels[-1] if levels else 0) + (1 if step else 0))
        out = number_in_order(range(len(placed)), levels, placed, sort_name)
        after = len(out) + 1
        out.extend((after, len(loose) > 1, n) for n in loose)
        unknown = list(loose)
        for i, name in enumerate(placed):
            untimed = name not in self.level
            near = placed[max(i - 1, 0) : i + 2]
            if untimed and any(m != name and not self._apart(name, m) for m in near):
                unknown.append(name)
        return out, unknown

    def _apart(self, a: str, b: str) -> bool:
        return self.before(a, b) or self.before(b, a)

    def _sorted(
        self, names: list[str], related: dict[str, set[str]], sort_name: SortName
    ) -> list[str]:
        """A topological order of `names` by what is known: timed by time, each untimed one
        as late as what is known allows."""
        waiting = {n: 0 for n in names}
        for n in names:
            for m in related[n]:
                waiting[m] += 1
        never = 10**9

        def key(n: str) -> tuple[int, str, str]:
            return (self.level.get(n, never), sort_name(n), n)

        ready = [key(n) for n in names if waiting[n] == 0]
        heapq.heapify(ready)
        out: list[str] = []
        while ready:
            name = heapq.heappop(ready)[2]
            out.append(name)
            for m in related[name]:
                waiting[m] -= 1
                if waiting[m] == 0:
                    heapq.heappush(ready, key(m))
        return out


def check_orders(
    spec: RoundSpec,
    rides: dict[str, Ride],
    chains: tuple[tuple[str, ...], ...],
    digits: int,
) -> list[tuple[str, Ride | None]]:
    """What a round's published orders say against its rides and times, and each other:
    (message, the ride to place it at)."""
    out: list[tuple[str, Ride | None]] = []
    seen: Graph = {}
    for chain in chains:
        if len(set(chain)) != len(chain):
            twice = sorted({n for n in chain if chain.count(n) > 1})
            out.append((f"{spec.name}: the published order names {', '.join(twice)} twice", None))
        for name in chain:
            if name not in rides:
                out.append((f"{spec.name}: {name} is in the published order but has no ride", None))
        for i, a in enumerate(chain):
            for b in chain[i + 1 :]:
                message = _against_times(spec, rides, a, b, digits)
                if message is not None:
                    out.append((message, rides.get(a)))
        for a, b in pairwise(chain):
            if a != b and _reaches(seen, b, a):
                out.append(
                    (
                        f"{spec.name}: the published orders contradict each other: one puts "
                        f"{a} before {b}, another {b} before {a}",
                        rides.get(a),
                    )
                )
            elif a != b:
                seen.setdefault(a, set()).add(b)
    return out


def _against_times(
    spec: RoundSpec, rides: dict[str, Ride], a: str, b: str, digits: int
) -> str | None:
    ra, rb = rides.get(a), rides.get(b)
    ta: RaceTime | None = ra.outcome.time if ra is not None else None
    tb: RaceTime | None = rb.outcome.time if rb is not None else None
    if ta is None or tb is None or compare_at(ta, tb, digits) <= 0:
        return None
    return (
        f"{spec.name}: the published order puts {a} before {b}, but {a}'s time "
        f"{format_time(ta)} is slower than {b}'s {format_time(tb)}"
    )
