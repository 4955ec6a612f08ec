"""What the sheets are made from: the computed results, the draw, and when each part became
official. One is built from a competition file or from a competition in an event store."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pursuit.app.files import Computed, compute_file
from pursuit.app.service import CompetitionService
from pursuit.core.engine import compute
from pursuit.core.formats import RoundKind
from pursuit.sheets.official import Officiality, from_file, from_log
from pursuit.views.results import build_view


@dataclass(frozen=True, slots=True)
class DrawnHeat:
    number: int
    entrants: tuple[str, ...]
    sides: tuple[str, ...]  # "red" / "green" / "" per entrant


@dataclass(frozen=True)
class SheetSource:
    computed: Computed
    official: Officiality
    draws: dict[str, tuple[DrawnHeat, ...]] = field(default_factory=dict)
    origin: str = ""  # the file, or the database competition id

    def draw(self, round_id: str) -> tuple[DrawnHeat, ...]:
        """The heats of a round as drawn: the store's draw, else what the results show."""
        if self.draws.get(round_id):
            return self.draws[round_id]
        results = self.computed.results
        result = results.round(round_id)
        if result.spec.kind is RoundKind.KNOCKOUT:
            heats = []
            for number in [h.number for h in result.spec.heats_in_run_order]:
                heat = next((h for h in result.heats if h.number == number), None)
                if heat is None:
                    continue
                sides = {r.entrant: r.side.value if r.side else "" for r in heat.rides}
                names = tuple(n or "" for n in heat.expected) or tuple(
                    r.entrant for r in heat.rides
                )
                heats.append(DrawnHeat(number, names, tuple(sides.get(n, "") for n in names)))
            return tuple(heats)
        rides = results.competition.rides_of(round_id)
        numbers = sorted({r.heat for r in rides if r.heat is not None})
        return tuple(
            DrawnHeat(
                n,
                tuple(r.entrant for r in rides if r.heat == n),
                tuple(r.side.value if r.side else "" for r in rides if r.heat == n),
            )
            for n in numbers
        )


def from_competition_file(path: Path) -> SheetSource:
    computed = compute_file(path)
    return SheetSource(computed, from_file(computed.results), {}, str(path))


def from_store(service: CompetitionService, competition: str) -> SheetSource:
    """The competition as its log stands now, with the draw of every drawn round."""
    state = service.existing(competition)
    results = compute(state.competition())
    computed = Computed(results, results.findings, build_view(results))
    log = list(service.store.read(competition, 0, state.position))
    draws = {
        round_id: tuple(
            DrawnHeat(h.number, tuple(h.entrants), tuple(h.sides))
            for h in sorted(heats.values(), key=lambda h: h.number)
        )
        for round_id, heats in state.heats.items()
    }
    return SheetSource(computed, from_log(log, results), draws, competition)
