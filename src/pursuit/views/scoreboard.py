"""The scoreboard: what a big screen in the velodrome shows of the heat on the track, as UCI
3.2.067 asks of a pursuit scoreboard (../shared/TIMING.md §3) — the order of passage, laps done
and to go, both times and the gap every half lap (the latest large, the few before it smaller),
the last lap (the bell) and a catch as cues read from the far straight, then the final times and
the winner; between heats, the last result and the next heat.

It follows the track by itself: the same "now" model as the on-the-track page (`views.now`) and
the heat page (`views.live_heat`) — the running heat, else the last one ridden — reshaped for a
screen read from the stands. Nothing here applies a rule: who leads, who won and by how much
come from those models.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pursuit.core.live_state import CompetitionState, HeatState
from pursuit.views.errors import NothingToShow
from pursuit.views.live_heat import HalfLap, LiveHeat, Rider, live_heat
from pursuit.views.now import now
from pursuit.views.results import ResultsView
from pursuit.views.status import HeatRef
from pursuit.views.verdict import Verdict

PREVIOUS = 4  # half laps shown, smaller, before the latest
SIDES = ("red", "green")  # rider A, rider B: the side a heat model's leader names


@dataclass(frozen=True)
class Competitor:
    name: str
    nation: str
    side: str  # red | green | ""
    riders: tuple[str, ...] = ()  # a team's riders (the line-up, else the roster)
    time: str = ""  # the finish time, else the latest half-lap time, else ""
    time_label: str = ""  # "Time", "Half lap 7", ""
    laps_done: str = "0"  # "7½"
    to_go: str = ""  # "8½" while riding
    status: str = ""  # the outcome in words: Overtaken, DNF, …
    leads: bool = False  # ahead at the latest half lap both have passed, while riding
    winner: bool = False
    medal: str = ""  # Gold | Silver | Bronze
    record: str = ""  # "OR", "WR to be ratified"
    last_lap: bool = False  # riding his last lap: the bell has rung for him
    caught: bool = False  # caught by the other competitor


@dataclass(frozen=True)
class GapLine:
    label: str  # "Half lap 7" or "Finish"
    distance_m: int
    times: tuple[str, ...]  # one per competitor
    leader: str  # the name of the one ahead, "" when level
    gap: str  # seconds
    side: str = ""  # the side of the one ahead (red | green), "" when level or without sides


@dataclass(frozen=True)
class Board:
    round_id: str
    number: int
    title: str  # "Quarterfinal 2"
    round_name: str
    passage: str  # the order of passage in the round: "2 of 4"
    status: str  # running | finished | to ride
    competitors: tuple[Competitor, ...]
    latest: GapLine | None
    previous: tuple[GapLine, ...]  # latest first
    catch: str
    verdict: Verdict | None
    last_lap: bool  # the bell: a competitor is on the last lap


@dataclass(frozen=True)
class Scoreboard:
    competition: str
    title: str
    distance: str  # "4000 m · 16 laps of 250 m"
    shown: str  # running | result | next | complete | waiting
    board: Board | None  # the heat on the track, else the last result, else the next heat
    next: Board | None  # the next heat, when the main board is not it
    complete: bool


def half_laps_as_laps(half_laps: int) -> str:
    """7 half laps as "3½" laps."""
    laps, half = divmod(max(half_laps, 0), 2)
    return f"{laps}½" if half and laps else "½" if half else str(laps)


def _passage(state: CompetitionState, round_id: str, number: int) -> str:
    """Where the heat comes in its round's running order: "2 of 4"; "" for a round of one."""
    assert state.format is not None
    drawn = state.heats.get(round_id, {})
    spec = next((s for s in state.format.rounds if s.id == round_id), None)
    order = [h.number for h in spec.heats_in_run_order] if spec and spec.heats else []
    order += [n for n in sorted(drawn) if n not in order]
    if number not in order or len(order) < 2:
        return ""
    return f"{order.index(number) + 1} of {len(order)}"


def _gap_line(row: HalfLap, riders: tuple[Rider, ...]) -> GapLine:
    leader = side = ""
    if row.leader in SIDES and SIDES.index(row.leader) < len(riders):
        ahead = riders[SIDES.index(row.leader)]
        leader, side = ahead.name, ahead.side
    label = "Finish" if row.finish else f"Half lap {row.number}"
    return GapLine(label, row.distance_m, row.times, leader, row.gap, side)


def _competitor(heat: LiveHeat, rider: Rider, latest: GapLine | None) -> Competitor:
    verdict = heat.verdict
    time_label = "Time" if rider.time else f"Half lap {len(rider.splits)}" if rider.splits else ""
    time = rider.time or (rider.splits[-1] if rider.splits else "")
    medal = next((m.medal for m in verdict.medals if m.name == rider.name), "") if verdict else ""
    record = ""
    if rider.record:
        record = f"{rider.record} to be ratified" if rider.record_note else rider.record
    return Competitor(
        rider.name,
        rider.nation,
        rider.side,
        tuple(r.name for r in rider.lineup),
        time,
        time_label,
        half_laps_as_laps(len(rider.splits)),
        rider.to_go,
        rider.status,
        heat.status == "running" and latest is not None and latest.leader == rider.name,
        verdict is not None and verdict.winner == rider.name,
        medal,
        record,
        heat.status == "running" and on_last_lap(rider.to_go),
        heat.catch is not None and heat.catch.caught == rider.name,
    )


def on_last_lap(to_go: str) -> bool:
    """A rider has started his last lap (the bell): a lap or less to go while riding ("1",
    then "½" after the half-lap line)."""
    return to_go in ("1", "½")


def board_of(state: CompetitionState, heat: LiveHeat) -> Board:
    rows = [_gap_line(h, heat.riders) for h in heat.half_laps if h.gap]
    latest = rows[-1] if rows else None
    previous = tuple(reversed(rows[-1 - PREVIOUS : -1]))
    catch = ""
    if heat.catch is not None:
        where = f" at half lap {heat.catch.half_lap}" if heat.catch.half_lap else ""
        catch = f"{heat.catch.catcher} caught {heat.catch.caught}{where}"
    return Board(
        heat.round_id,
        heat.number,
        heat.heat_title,
        heat.round_name,
        _passage(state, heat.round_id, heat.number),
        heat.status,
        tuple(_competitor(heat, r, latest) for r in heat.riders),
        latest,
        previous,
        catch,
        heat.verdict,
        heat.status == "running" and any(on_last_lap(r.to_go) for r in heat.riders),
    )


def _waiting(state: CompetitionState, ref: HeatRef) -> Board:
    """The next heat, before its start: who rides, on which side."""
    drawn: HeatState = state.heats[ref.round][ref.number]
    sides = drawn.sides if len(drawn.sides) == len(drawn.entrants) else ("",) * len(drawn.entrants)
    competitors = []
    for name, side in zip(drawn.entrants, sides, strict=True):
        entrant = state.entrants.get(name)
        nation = (entrant.nation or "") if entrant is not None else ""
        roster = tuple(r.name for r in getattr(entrant, "roster", ()))
        competitors.append(Competitor(name, nation, side, roster))
    assert state.format is not None
    rnd = next((s for s in state.format.rounds if s.id == ref.round), None)
    return Board(
        ref.round,
        ref.number,
        ref.title,
        rnd.name if rnd is not None else ref.round,
        _passage(state, ref.round, ref.number),
        "to ride",
        tuple(competitors),
        None, (), "", None, False,
    )  # fmt: skip


def _last_known(competition: str, state: CompetitionState, view: ResultsView) -> LiveHeat | None:
    """A competition known from its results (imported, never ridden live): its last heat
    with rides, the last of the last round that has one, once the whole competition is
    decided."""
    if not view.complete:
        return None
    for rnd in reversed(view.rounds):
        for heat in reversed(rnd.heats):
            try:
                return live_heat(competition, rnd.id, heat.number)(state, view)
            except NothingToShow:
                continue  # a heat the results list without its rides
    return None


def _distance(state: CompetitionState) -> str:
    assert state.meta is not None
    meta = state.meta
    if meta.track_length_m is None:
        return f"{meta.distance_m} m · track length unknown"
    laps = meta.distance_m / meta.track_length_m
    lap_text = f"{laps:.0f}" if abs(laps - round(laps)) < 0.01 else f"{laps:.1f}"
    return f"{meta.distance_m} m · {lap_text} laps of {meta.track_length_m:g} m"


def scoreboard(competition: str) -> Callable[[CompetitionState, ResultsView], Scoreboard]:
    on_track = now(competition)

    def build(state: CompetitionState, view: ResultsView) -> Scoreboard:
        current = on_track(state, view)
        upcoming = _waiting(state, current.next) if current.next is not None else None
        heat = current.heat or _last_known(competition, state, view)
        board = board_of(state, heat) if heat is not None else None
        if current.running:
            shown = "running"
        elif board is not None:
            shown = "complete" if current.complete and upcoming is None else "result"
        elif upcoming is not None:
            shown, board, upcoming = "next", upcoming, None
        else:
            shown = "waiting"
        return Scoreboard(
            competition,
            current.title,
            _distance(state),
            shown,
            board,
            upcoming,
            current.complete,
        )

    return build
