"""The live heat: both riders, their half-lap splits, the gap, the projected finish, a catch."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pursuit.core.live_state import CompetitionState, RideState
from pursuit.core.outcomes import Status
from pursuit.core.race import catch_bound
from pursuit.core.times import TICKS_PER_SECOND, RaceTime, format_time
from pursuit.views.errors import NothingToShow
from pursuit.views.heat_sheet import crossings_of
from pursuit.views.pictures import Picture, heat_pictures
from pursuit.views.results import ResultsView
from pursuit.views.status import find_round, heat_rides, heat_status, heat_title, nation


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


@dataclass(frozen=True)
class HalfLap:
    number: int
    distance_m: int
    times: tuple[str, ...]  # one per rider, "" where none yet
    leader: str  # the side ahead, "" when level or unknown
    gap: str  # seconds, at the competition's precision
    gap_s: float | None  # positive: red ahead
    finish: bool = False  # the finish line, not a half-lap split


@dataclass(frozen=True)
class Catch:
    catcher: str
    caught: str
    half_lap: int | None


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


def projected(splits: list[RaceTime], half_laps: int, digits: int) -> str:
    """The finish at the latest pace: the last lap (two half laps) extrapolated."""
    k = len(splits)
    if k < 2 or k >= half_laps:
        return ""
    back = min(2, k - 1)
    pace = (splits[-1].ticks - splits[-1 - back].ticks) / back
    ticks = int(splits[-1].ticks + pace * (half_laps - k))
    return format_time(RaceTime(ticks, 4), digits)


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


def _catch(rides: list[RideState]) -> Catch | None:
    caught = [r for r in rides if r.status is Status.OVERTAKEN]
    if not caught or len(rides) != 2:
        return None
    victim = caught[0]
    catcher = rides[0] if rides[1] is victim else rides[1]
    k = catch_bound(catcher.splits, victim.splits)
    return Catch(catcher.entrant, victim.entrant, k)


def _gap_rows(
    rides: list[RideState], half_laps: int, half_lap_m: float, digits: int
) -> tuple[tuple[HalfLap, ...], list[float | None]]:
    parsed = [crossings_of(r.to_ride(), half_laps) for r in rides]  # the finish included
    rows: list[HalfLap] = []
    gaps: list[float | None] = []
    for k in range(1, max((len(p) for p in parsed), default=0) + 1):
        times = tuple(format_time(p[k - 1], digits) if len(p) >= k else "" for p in parsed)
        gap: float | None = None
        leader, shown = "", ""
        if len(parsed) == 2 and all(len(p) >= k for p in parsed):
            ticks = parsed[1][k - 1].ticks - parsed[0][k - 1].ticks  # green minus red
            gap = ticks / TICKS_PER_SECOND
            leader = "red" if ticks > 0 else "green" if ticks < 0 else ""
            shown = format_time(RaceTime(abs(ticks), 4), digits)
        rows.append(HalfLap(k, round(k * half_lap_m), times, leader, shown, gap, k == half_laps))
        gaps.append(gap)
    return tuple(rows), gaps


def live_heat(
    competition: str, round_id: str, number: int
) -> Callable[[CompetitionState, ResultsView], LiveHeat]:
    def build(state: CompetitionState, view: ResultsView) -> LiveHeat:
        rnd = find_round(view, round_id)
        rides = heat_rides(state, round_id, number) if rnd is not None else []
        if rnd is None or not rides:
            raise NothingToShow(f"no heat {number} in round {round_id!r} of {competition}")
        assert state.meta is not None
        digits = state.meta.precision
        half_laps = state.meta.half_laps
        heat = state.heat(round_id, number)
        status = heat_status(heat)
        rows, gaps = _gap_rows(rides, half_laps, state.meta.track_length_m / 2, digits)
        riders = tuple(
            Rider(
                r.entrant,
                nation(state, r.entrant),
                r.side or "",
                r.status.label,
                format_time(r.time, digits) if r.time is not None else "",
                tuple(format_time(s, digits) for s in r.splits),
                "" if r.finished or status != "running" else projected(r.splits, half_laps, digits),
                r.finished,
                "" if r.finished or status != "running" else laps_to_go(half_laps - len(r.splits)),
            )
            for r in rides
        )
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
            heat_title(view, round_id, number),
            status,
            riders,
            rows,
            next((h for h in reversed(rows) if h.gap_s is not None), None),
            _catch(rides),
            gap_summary(gaps),
            pictures,
            any(r.synthetic for r in rides),
        )

    return build
