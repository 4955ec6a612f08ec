"""Whether each round, and the competition, is official yet, and since when.

A round is official once it is complete; the competition once every round is. From a file the
results are as published, so a complete round is official "as published". From an event log
the time is the `recorded_at` of the event that completed it: found by a binary search over
the events that touch that round, folding the log up to each probe.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the log's modules are imported only when sheets are printed from a log
    from pursuit.core.events import Event
    from pursuit.core.results import Results
    from pursuit.store.events import StoredEvent

AS_PUBLISHED = "as published"


@dataclass(frozen=True, slots=True)
class SheetStatus:
    """Whether a sheet is official, and since when."""

    official: bool
    since: str = ""  # "as published", "1968-10-18 17:02:11 UTC", or "" while provisional

    @property
    def label(self) -> str:
        return "OFFICIAL" if self.official else "PROVISIONAL"

    @property
    def text(self) -> str:
        """One line for a sheet: 'OFFICIAL since …', 'OFFICIAL as published', 'PROVISIONAL'."""
        if not self.official:
            return self.label
        if self.since == AS_PUBLISHED:
            return f"{self.label} {AS_PUBLISHED}"
        return f"{self.label} since {self.since}" if self.since else self.label


PROVISIONAL = SheetStatus(False)


@dataclass(frozen=True, slots=True)
class Officiality:
    """Which sheets are official: each round's status and the competition's."""

    rounds: dict[str, SheetStatus] = field(default_factory=dict)
    competition: SheetStatus = PROVISIONAL

    def of_round(self, round_id: str) -> SheetStatus:
        return self.rounds.get(round_id, PROVISIONAL)


def from_file(results: Results) -> Officiality:
    """Complete rounds (and a complete competition) are official as published."""
    published = SheetStatus(True, AS_PUBLISHED)
    rounds = {r.id: published if r.complete else PROVISIONAL for r in results.rounds}
    return Officiality(rounds, published if results.complete else PROVISIONAL)


def from_log(log: Sequence[StoredEvent], results: Results) -> Officiality:
    """Official times from the log that `results` were computed from (its whole length)."""
    from pursuit.core.engine import compute
    from pursuit.core.event_wire import from_wire
    from pursuit.core.evolve import evolve
    from pursuit.core.live_state import CompetitionState

    events = [from_wire(e.type, e.version, e.data) for e in log]
    probes: dict[int, Results | None] = {}

    def results_at(position: int) -> Results | None:
        if position not in probes:
            state = CompetitionState()
            for event in events[:position]:
                evolve(state, event)
            probes[position] = compute(state.competition()) if state.created else None
        return probes[position]

    def complete_at(round_id: str, position: int) -> bool:
        found = results_at(position)
        return found is not None and any(r.id == round_id and r.complete for r in found.rounds)

    rounds: dict[str, SheetStatus] = {}
    completed: list[int] = []
    for result in results.rounds:
        if not result.complete:
            rounds[result.id] = PROVISIONAL
            continue
        candidates = [i + 1 for i, e in enumerate(events) if _touches(e, result.id)]
        position = _first(candidates, partial(complete_at, result.id))
        completed.append(position)
        rounds[result.id] = SheetStatus(True, _when(log[position - 1].recorded_at))
    whole = PROVISIONAL
    if results.complete and completed:
        whole = SheetStatus(True, _when(log[max(completed) - 1].recorded_at))
    return Officiality(rounds, whole)


def _touches(event: Event, round_id: str) -> bool:
    """Events that can change a round's result: those naming it, and rulings."""
    named = getattr(event, "round", None)
    return named == round_id or (event.wire_name == "DecisionRecorded" and named is None)


def _first(positions: list[int], complete: Callable[[int], bool]) -> int:
    """The first position in `positions` at which `complete(position)` holds (it holds at the
    last one); the result is monotone: once complete, a round stays complete."""
    low, high = 0, len(positions) - 1
    if high < 0:
        return 1
    while low < high:
        middle = (low + high) // 2
        if complete(positions[middle]):
            high = middle
        else:
            low = middle + 1
    return positions[low]


def _when(recorded_at: str) -> str:
    """'2026-11-25T10:11:12.123456+00:00' -> '2026-11-25 10:11:12 UTC'."""
    text = recorded_at.replace("T", " ")
    for suffix in ("+00:00", "Z"):
        if text.endswith(suffix):
            return text[: -len(suffix)].split(".")[0] + " UTC"
    return text.split(".")[0]
