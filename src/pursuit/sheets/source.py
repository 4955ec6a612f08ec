"""What the sheets are made from: the computed results, the draw, and when each part became
official. One is built from a competition file or from a competition in an event store."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pursuit.app.file_results import Computed, compute_file
from pursuit.sheets.official import Officiality, from_file
from pursuit.views.draw import DrawnHeat, drawn_in, heats_of
from pursuit.views.results import RoundView, build_view
from pursuit.views.status import RoundLine, line_of, status_of

if TYPE_CHECKING:  # a store's modules only for sheets printed from a database
    from pursuit.app.service import CompetitionService


@dataclass(frozen=True)
class SheetSource:
    """What the sheets are made from: the results, their status, the draws."""

    computed: Computed
    official: Officiality
    draws: dict[str, tuple[DrawnHeat, ...]] = field(default_factory=dict)
    origin: str = ""  # the file, or the database competition id

    def draw(self, round_id: str) -> tuple[DrawnHeat, ...]:
        """The heats of a round as drawn: the store's draw, else what the results show."""
        rnd = next(r for r in self.computed.view.rounds if r.id == round_id)
        return heats_of(rnd, self.draws.get(round_id, ()))

    def lines(self, round_id: str) -> tuple[RoundLine, tuple[RoundLine, ...]]:
        """The status line of the round and of every round, as the draw stands."""
        rounds = self.computed.view.rounds

        def line(rnd: RoundView) -> RoundLine:
            return line_of(rnd, status_of(rnd, [h.status for h in self.draws.get(rnd.id, ())]))

        return line(next(r for r in rounds if r.id == round_id)), tuple(line(r) for r in rounds)


def from_competition_file(path: Path) -> SheetSource:
    computed = compute_file(path)
    return SheetSource(computed, from_file(computed.results), {}, str(path))


def from_store(service: CompetitionService, competition: str) -> SheetSource:
    """The competition as its log stands now, with the draw of every drawn round."""
    from pursuit.core.engine import compute
    from pursuit.sheets.official import from_log

    state = service.existing(competition)
    results = compute(state.competition())
    computed = Computed(results, results.findings, build_view(results))
    log = list(service.store.read(competition, 0, state.position))
    draws = {round_id: drawn_in(state, round_id) for round_id in state.heats}
    return SheetSource(computed, from_log(log, results), draws, competition)
