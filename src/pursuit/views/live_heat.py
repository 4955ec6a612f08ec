"""The heat page: the one heat model (`views.heat`) as the web shows it while the heat is
ridden and after — both riders, their half-lap splits, the gap, a catch — with what only the
page needs: where the heat stands, the projected finish, the laps to go and the charts. Its times
are formatted here, the one place the web's heat page (and its JSON) takes its text from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from pursuit.core.live_state import CompetitionState
from pursuit.core.times import TICKS_PER_SECOND, RaceTime, format_time
from pursuit.views.errors import NothingToShow
from pursuit.views.heat import Catch, Heat, HeatRider, heat_of
from pursuit.views.heat import HalfLap as HeatHalfLap
from pursuit.views.lineups import LineupRider, lineup_riders, timed_on
from pursuit.views.pictures import Picture, heat_pictures
from pursuit.views.results import ResultsView, RoundView, RowView
from pursuit.views.status import (
    drawn_heat_title,
    find_round,
    heat_rides,
    heat_status,
    heat_title,
)
from pursuit.views.verdict import Verdict, heat_verdict, ranked
from pursuit.views.virtual_ranking import projected_time, round_ranks


@dataclass(frozen=True)
class Rider:
    name: str
    nation: str
    side: str
    status: str  # "" while riding or finished normally, else Overtaken, DNF, …
    time: str
    splits: tuple[str, ...]
    projected: str  # finish projected from the latest lap's pace, while riding
    done: bool
    to_go: str = ""  # laps still to ride, as a scoreboard shows them ("3½"), while riding
    lineup: tuple[LineupRider, ...] = ()  # team pursuit: the riders of the ride
    record: str = ""  # "WR", "OR" as typed or recognised, "" for none
    record_note: str = ""  # a recognised record in words: to be ratified, the time it beat
    virtual_rank: str = ""  # timed rounds: "provisional 3rd of 12", "on course for 1st of 9"
    basis_note: str = ""  # how the ride is known, in words, when not published as it stands


@dataclass(frozen=True)
class HalfLap:
    number: int
    distance_m: int
    times: tuple[str, ...]  # one per rider, "" where none yet
    leader: str  # the side ahead, "" when level or unknown
    gap: str  # seconds, at the competition's precision
    gap_s: float | None  # positive: red ahead
    finish: bool = False  # the finish line, not a half-lap split
    mark: bool = False  # a split at a distance that is no crossing


@dataclass(frozen=True)
class LiveHeat:
    competition: str
    title: str
    round_id: str
    round_name: str
    number: int
    heat_title: str
    status: str
    riders: tuple[Rider, ...]
    half_laps: tuple[HalfLap, ...]
    latest: HalfLap | None  # the last half lap both riders have passed
    catch: Catch | None
    gap_summary: str  # the gap in one sentence, the caption of the charts
    pictures: tuple[Picture, ...]  # the gap and lap charts, once both riders have splits
    synthetic: bool
    timed_on: str = ""  # team pursuit: "the 3rd rider", whose front wheel takes time and splits
    track_unknown: bool = False  # the track length is not known: no half lap can be shown
    verdict: Verdict | None = None  # who won and by how much, once decided (`views.verdict`)
    decided_by: str = ""  # a knockout heat: time | last_lap | catch | outcome | published


def projected(splits: list[RaceTime], half_laps: int, digits: int) -> str:
    """The finish at the latest pace: the last lap (two half laps) extrapolated."""
    time = projected_time(splits, half_laps)
    return format_time(time, digits) if time is not None else ""


def laps_to_go(half_laps: int) -> str:
    """Half laps still to ride as laps, the way a track's lap board counts them: 7, 6½, …"""
    laps, half = divmod(max(half_laps, 0), 2)
    return f"{laps}½" if half and laps else "½" if half else str(laps)


def gap_summary(gaps: list[float | None]) -> str:
    """The gap in one sentence: how to read the chart and who leads now."""
    last = next((g for g in reversed(gaps) if g is not None), None)
    if last is None:
        return "The gap shows once both riders have passed a half lap."
    who = "the red side" if last > 0 else "the green side" if last < 0 else "nobody"
    return f"Gap at each half lap; latest: {who} ahead by {abs(last):.2f} s."


def _rider(
    rider: HeatRider, done: bool, status: str, half_laps: int, digits: int, row: RowView | None
) -> Rider:
    riding = not done and status == "running"
    splits = list(rider.splits)
    return Rider(
        rider.name,
        rider.nation,
        rider.side,
        rider.status_text,
        format_time(rider.time, digits) if rider.time is not None else "",
        tuple(
            "missed" if k in rider.missing else format_time(s, digits)
            for k, s in enumerate(splits, 1)
        ),
        projected(splits, half_laps, digits) if riding else "",
        done,
        laps_to_go(half_laps - len(splits)) if riding else "",
        lineup_riders(rider.lineup, rider.dropped),
        row.record if row is not None else rider.record,
        row.record_note if row is not None else "",
    )


def _half_lap(row: HeatHalfLap, digits: int) -> HalfLap:
    times = tuple(format_time(t, digits) if t is not None else "" for t in row.crossings)
    gap = row.gap
    shown = format_time(gap, digits) if gap is not None else ""
    gap_s = -row.behind / TICKS_PER_SECOND if row.behind is not None else None  # red ahead: +
    leader = ("red", "green")[row.leader] if row.leader is not None else ""
    return HalfLap(row.number, row.distance_m, times, leader, shown, gap_s, row.finish, row.mark)


def _verdict(
    state: CompetitionState, rnd: RoundView, number: int, ridden: Heat, status: str
) -> Verdict | None:
    """The heat's verdict from what the engine decided: the round's rows and, for a knockout
    heat, how it was decided and the places it gives."""
    assert state.format is not None
    spec = next((s for s in state.format.rounds if s.id == rnd.id), None)
    heat = next((h for h in rnd.heats if h.number == number), None)
    return heat_verdict(
        ranked(ridden.riders, {row.name: row for row in rnd.ranking}),
        ridden.catch,
        ridden.precision,
        knockout=rnd.kind == "knockout",
        decided_by=heat.decided_by if heat is not None else "",
        places=spec.places if spec is not None else (),
        finished=status == "finished",
    )


def live_heat(
    competition: str, round_id: str, number: int
) -> Callable[[CompetitionState, ResultsView], LiveHeat]:
    def build(state: CompetitionState, view: ResultsView) -> LiveHeat:
        rnd = find_round(view, round_id)
        rides = heat_rides(state, round_id, number) if rnd is not None else []
        if rnd is None or not rides:
            raise NothingToShow(f"no heat {number} in round {round_id!r} of {competition}")
        assert state.meta is not None
        ridden = heat_of(state.meta, state.entrants, round_id, number, [r.to_ride() for r in rides])
        digits, half_laps = ridden.precision, ridden.half_laps
        drawn = state.heat(round_id, number)
        status = heat_status(drawn)
        done = {r.entrant: r.finished for r in rides}
        rows_of = {row.name: row for row in rnd.ranking}
        ranks = round_ranks(state, view, round_id)
        riders = tuple(
            replace(
                _rider(r, done[r.name], status, half_laps, digits, rows_of.get(r.name)),
                virtual_rank=ranks.get(r.name, ""),
                basis_note=row.basis_note if (row := rows_of.get(r.name)) else "",
            )
            for r in ridden.riders
        )
        rows = tuple(_half_lap(h, digits) for h in ridden.rows)
        pictures: tuple[Picture, ...] = ()
        if len(riders) == 2 and all(r.splits for r in riders):
            pair = (riders[0].name, riders[1].name)
            pictures = heat_pictures(competition, round_id, number, state.position, pair)
        return LiveHeat(
            competition,
            view.competition.title,
            round_id,
            rnd.name,
            number,
            drawn_heat_title(view, drawn) if drawn else heat_title(view, round_id, number),
            status,
            riders,
            rows,
            next((h for h in reversed(rows) if h.gap_s is not None), None),
            ridden.catch,
            gap_summary([h.gap_s for h in rows]),
            pictures,
            ridden.synthetic,
            timed_on(state.format),
            state.meta.track_length_m is None,
            _verdict(state, rnd, number, ridden, status),
            next((h.decided_by for h in rnd.heats if h.number == number), ""),
        )

    return build
