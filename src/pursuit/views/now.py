"""What is on the track now: the running heat, else the last heat ridden and the next to come.

One address a projector in the velodrome (or a phone in the stands) can stay on for the whole
session: its live part follows the competition from heat to heat by itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pursuit.core.live_state import CompetitionState, HeatState
from pursuit.views.live_heat import LiveHeat, live_heat
from pursuit.views.results import ResultsView
from pursuit.views.status import HeatRef, drawn_heat_title


@dataclass(frozen=True)
class Now:
    competition: str
    title: str
    heat: LiveHeat | None  # running, else the last one ridden
    running: bool
    next: HeatRef | None  # the next heat to start
    riders_next: tuple[str, ...]
    complete: bool


def _in_running_order(state: CompetitionState) -> list[HeatState]:
    """Every drawn heat, round by round as the format runs them."""
    assert state.format is not None
    out: list[HeatState] = []
    for spec in state.format.rounds:
        drawn = state.heats.get(spec.id, {})
        order = [spec.riding_number(h.number) for h in spec.heats_in_run_order]
        out += [drawn[n] for n in order if n in drawn]
        out += [drawn[n] for n in sorted(drawn) if n not in order]
    return out


def now(competition: str) -> Callable[[CompetitionState, ResultsView], Now]:
    def build(state: CompetitionState, view: ResultsView) -> Now:
        heats = _in_running_order(state)
        running = next((h for h in heats if h.started and not h.done), None)
        ridden = [h for h in heats if h.started]
        shown = running or (ridden[-1] if ridden else None)
        waiting = next((h for h in heats if not h.started), None)
        heat = live_heat(competition, shown.round, shown.number)(state, view) if shown else None
        return Now(
            competition,
            view.competition.title,
            heat,
            running is not None,
            HeatRef(waiting.round, waiting.number, drawn_heat_title(view, waiting))
            if waiting is not None
            else None,
            waiting.entrants if waiting is not None else (),
            view.complete,
        )

    return build
