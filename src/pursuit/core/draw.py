"""Drawing heats: qualifying pairs by seed times, knockout heats from the format."""

from __future__ import annotations

from collections.abc import Sequence

from pursuit.core.engine import compute
from pursuit.core.events import HeatDrawn
from pursuit.core.formats import RoundSpec
from pursuit.core.live_state import CompetitionState
from pursuit.core.times import RaceTime
from pursuit.errors import RuleViolation

RED, GREEN = "red", "green"


def seeded_order(entrants: Sequence[str], seed_times: dict[str, RaceTime]) -> list[str]:
    """Fastest declared time first; riders without one after, in entry order."""
    known = sorted((n for n in entrants if n in seed_times), key=lambda n: seed_times[n].ticks)
    return known + [n for n in entrants if n not in seed_times]


def qualifying_pairs(
    entrants: Sequence[str], seed_times: dict[str, RaceTime]
) -> list[tuple[str, ...]]:
    """Pair riders of similar strength, slowest heats first, the fastest last; the two
    best never meet (3.2.055). An odd rider out rides alone in the first heat."""
    order = seeded_order(entrants, seed_times)
    if len(order) <= 2:
        return [(n,) for n in reversed(order)]
    heats: list[tuple[str, ...]] = []
    rest = order[4:] if len(order) >= 4 else order[3:]
    if len(rest) % 2:
        heats.append((rest[-1],))
        rest = rest[:-1]
    for i in range(len(rest) - 2, -1, -2):
        heats.append((rest[i], rest[i + 1]))
    if len(order) >= 4:
        heats += [(order[1], order[3]), (order[0], order[2])]
    else:
        heats += [(order[1], order[2]), (order[0],)]
    return heats


def check_pairs(
    pairs: Sequence[Sequence[str]],
    entrants: Sequence[str],
    seed_times: dict[str, RaceTime],
    per_heat: int,
) -> None:
    seen: set[str] = set()
    for number, pair in enumerate(pairs, start=1):
        if not 1 <= len(pair) <= per_heat:
            raise RuleViolation(f"heat {number} has {len(pair)} competitors; 1 to {per_heat}")
        for name in pair:
            if name not in entrants:
                raise RuleViolation(f"heat {number}: {name!r} is not entered")
            if name in seen:
                raise RuleViolation(f"heat {number}: {name} is already in another heat")
            seen.add(name)
    order = seeded_order(entrants, seed_times)
    best = set(order[:2]) if len(seed_times) >= 2 else set()
    for number, pair in enumerate(pairs, start=1):
        if best and best <= set(pair):
            raise RuleViolation(
                f"heat {number} pairs the two best ({' and '.join(sorted(best))});"
                " the rules never pair them (3.2.055)"
            )


def with_sides(number: int, pair: Sequence[str]) -> HeatDrawn:
    sides = (RED, GREEN)[: len(pair)]
    return HeatDrawn(number, tuple(pair), tuple(sides))


def knockout_heats(state: CompetitionState, spec: RoundSpec) -> list[HeatDrawn]:
    """The heats the format gives, once the rounds they depend on are decided.

    The competitor faster in the previous phase takes the red side (home straight).
    """
    results = compute(state.competition())
    done = results.round(spec.id)
    rounds = [r.id for r in results.rounds]
    previous = rounds[rounds.index(spec.id) - 1] if rounds.index(spec.id) else None
    heats: list[HeatDrawn] = []
    for heat in done.heats:
        if any(name is None for name in heat.expected):
            refs = " v ".join(str(r) for r in spec.heats[(heat.bracket or heat.number) - 1].refs)
            raise RuleViolation(
                f"{spec.name} heat {heat.number} ({refs}) cannot be drawn yet: "
                "the rounds it depends on are not decided"
            )
        names = [n for n in heat.expected if n is not None]
        if previous is not None:
            names.sort(key=lambda n: _time_in(state, previous, n))
        heats.append(with_sides(heat.number, names))
    return heats


def _time_in(state: CompetitionState, round_id: str, entrant: str) -> int:
    ride = state.ride(round_id, entrant)
    if ride is None or ride.time is None:
        return 10**12
    return ride.time.ticks
