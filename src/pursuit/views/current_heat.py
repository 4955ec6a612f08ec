"""The current-heat feed: the heat on the track as a scoreboard or a TV graphics PC reads it.

Built from the heat page's model (`views.live_heat`) for the heat `views.now` shows — the one
running, else the last one ridden, else the first to come — so the feed, the heat page and the
"now" page always agree. Both competitors with side, nation and members; half laps and laps
done and to go; each one's latest time; the gap; the rank in the heat; what happened (catch,
caught, abandon, false start); distance, start time, records; and where the heat stands:
waiting, virtual (being ridden), provisional (ridden, the round still going on) or final (the
round complete). Times come as published text and as ISO 8601 durations (`PT2M24.566S`).
Field by field: docs/feeds.md; schema: schemas/current-heat.schema.json.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from pursuit.core.live_state import CompetitionState, RideState
from pursuit.core.outcomes import Status
from pursuit.core.times import TICKS_PER_SECOND, RaceTime
from pursuit.views.errors import NothingToShow
from pursuit.views.live_heat import LiveHeat, Rider, laps_to_go, live_heat
from pursuit.views.now import now
from pursuit.views.results import ResultsView, RowView
from pursuit.views.status import find_round, heat_rides

WAITING = "waiting"
VIRTUAL = "virtual"
PROVISIONAL = "provisional"
FINAL = "final"

CATCH = "catch"
CAUGHT = "caught"
ABANDON = "abandon"
FALSE_START = "false-start"

# outcomes whose time is taken at the finish line (as `views.heat.crossings_of` reads them)
_COVERED = (Status.FINISHED, Status.CAUGHT_OPPONENT, Status.OVERTAKEN)
_TIME = re.compile(r"^(?:(?:(\d+):)?(\d+):)?(\d+(?:\.\d+)?)$")


@dataclass(frozen=True)
class Duration:
    text: str  # as published: "4:40.41", "0.52"
    iso: str  # ISO 8601: "PT4M40.41S", "PT0.52S"


@dataclass(frozen=True)
class Competitor:
    side: str  # red | green | "" (without sides)
    name: str
    nation: str
    members: tuple[str, ...]  # team pursuit: the riders of the ride (still riding first)
    dropped: tuple[str, ...]  # team pursuit: riders of the line-up who dropped
    half_laps: int  # half laps done
    laps: str  # laps done, as a lap board counts them: "3½"
    to_go: str  # laps still to ride: "4½"; "0" once done
    time: Duration | None  # the latest: the finish time once done, else the latest split
    down: Duration | None  # how far behind the other at the latest half lap both passed
    rank: int | None  # in the heat: 1 ahead (or won), 2 behind (or lost); None when unknown
    info: str  # catch | caught | abandon | false-start | ""
    finished: bool
    record: str  # WR, OR set by this ride, "" for none
    record_note: str  # a recognised record in words: to be ratified, the time it beat


@dataclass(frozen=True)
class Gap:
    leader: str  # the side (or, without sides, the name) ahead; "" when level
    half_lap: int  # the latest half lap both have passed
    distance_m: int
    gap: Duration


@dataclass(frozen=True)
class CurrentHeat:
    competition: str
    title: str
    round_id: str
    round_name: str
    heat: int
    heat_title: str
    status: str  # waiting | virtual | provisional | final
    distance_m: int
    half_laps: int  # half laps in the distance
    laps: str  # laps in the distance, as a lap board counts them
    start_time: str  # ISO 8601 local time of the start from the timer, "" when not known
    scheduled: str  # ISO 8601 local date (and time) the round is scheduled for, "" if none
    competitors: tuple[Competitor, ...]
    gap: Gap | None
    synthetic: bool  # the splits were made up by a replay, not measured


def iso_duration(text: str) -> str:
    """A published time as an ISO 8601 duration: "2:24.566" -> "PT2M24.566S"; "" if none."""
    found = _TIME.match(text.strip())
    if found is None:
        return ""
    hours, minutes, seconds = found.groups()
    parts = ["PT"]
    if hours and int(hours):
        parts.append(f"{int(hours)}H")
    if minutes and (int(minutes) or hours):
        parts.append(f"{int(minutes)}M")
    whole, dot, fraction = seconds.partition(".")
    parts.append(f"{int(whole)}{dot}{fraction}S")
    return "".join(parts)


def duration(text: str) -> Duration | None:
    iso = iso_duration(text)
    return Duration(text, iso) if text and iso else None


def current_heat(competition: str) -> Callable[[CompetitionState, ResultsView], CurrentHeat]:
    """The feed of `competition` at its current position."""
    on_track = now(competition)

    def build(state: CompetitionState, view: ResultsView) -> CurrentHeat:
        seen = on_track(state, view)
        heat = seen.heat
        if heat is None and seen.next is not None:  # nothing ridden yet: the first to come
            heat = live_heat(competition, seen.next.round, seen.next.number)(state, view)
        if heat is None:
            raise NothingToShow(f"no heat drawn yet in {competition}")
        return feed_of(state, view, heat)

    return build


def feed_of(state: CompetitionState, view: ResultsView, heat: LiveHeat) -> CurrentHeat:
    """The feed of the heat `heat` shows."""
    assert state.meta is not None
    meta = state.meta
    rnd = find_round(view, heat.round_id)
    drawn = state.heat(heat.round_id, heat.number)
    if drawn is not None and not drawn.started:
        status = WAITING
    elif heat.status == "running":
        status = VIRTUAL
    else:
        status = FINAL if rnd is not None and rnd.complete else PROVISIONAL
    rides = {r.entrant: r for r in heat_rides(state, heat.round_id, heat.number)}
    rows = {row.name: row for row in rnd.ranking} if rnd is not None else {}
    ranks = _ranks(heat, rows, status)
    half_laps = meta.half_laps or 0  # 0: the track length is not known (no half laps counted)
    competitors = tuple(
        _competitor(heat, k, rider, half_laps, rides.get(rider.name), ranks.get(rider.name))
        for k, rider in enumerate(heat.riders)
    )
    start = drawn.start_impulse if drawn is not None else None
    scheduled = ""
    if rnd is not None and rnd.date:
        scheduled = rnd.date + (f"T{rnd.time}" if rnd.time else "")
    return CurrentHeat(
        competition=heat.competition,
        title=heat.title,
        round_id=heat.round_id,
        round_name=heat.round_name,
        heat=heat.number,
        heat_title=heat.heat_title,
        status=status,
        distance_m=meta.distance_m,
        half_laps=half_laps,
        laps=laps_to_go(half_laps),
        start_time=time_of_day(start) if start is not None else "",
        scheduled=scheduled,
        competitors=competitors,
        gap=_gap(heat),
        synthetic=heat.synthetic,
    )


def _gap(heat: LiveHeat) -> Gap | None:
    latest = heat.latest
    if latest is None or not latest.gap:
        return None
    leader = latest.leader
    if leader and not heat.riders[0].side:  # no sides: the name of the one ahead
        leader = heat.riders[0 if leader == "red" else 1].name
    return Gap(
        leader, latest.number, latest.distance_m, Duration(latest.gap, iso_duration(latest.gap))
    )


def _competitor(
    heat: LiveHeat, k: int, rider: Rider, half_laps: int, ride: RideState | None, rank: int | None
) -> Competitor:
    status = ride.status if ride is not None else Status.FINISHED
    done = len(rider.splits)
    if rider.done and rider.time and status in _COVERED:  # the finish is the last half lap
        done = half_laps
    latest = rider.time or next((s for s in reversed(rider.splits) if s != "missed"), "")
    down = None
    last = heat.latest
    if last is not None and last.gap and last.leader and ("red", "green").index(last.leader) != k:
        down = duration(last.gap)
    return Competitor(
        side=rider.side,
        name=rider.name,
        nation=rider.nation,
        members=tuple(m.name for m in rider.lineup if not m.dropped),
        dropped=tuple(m.name for m in rider.lineup if m.dropped),
        half_laps=done,
        laps=laps_to_go(done),
        to_go=laps_to_go(half_laps - done),
        time=duration(latest),
        down=down,
        rank=rank,
        info=_info(heat, rider, status, ride.false_starts if ride is not None else 0),
        finished=rider.done,
        record=rider.record,
        record_note=rider.record_note,
    )


def _info(heat: LiveHeat, rider: Rider, status: Status, false_starts: int) -> str:
    caught = heat.catch.caught if heat.catch is not None else None
    if heat.catch is not None and heat.catch.catcher == rider.name:
        return CATCH
    if rider.name == caught or status is Status.OVERTAKEN:
        return CAUGHT
    if status in (Status.DNF, Status.BEATEN):
        return ABANDON
    if false_starts:
        return FALSE_START
    return ""


def _ranks(heat: LiveHeat, rows: Mapping[str, RowView], status: str) -> dict[str, int]:
    """Who is 1st and 2nd in the heat: once both are done, as the results rank them (a
    knockout heat's winner, the better place in a timed round); while riding, the catcher,
    else who leads at the latest half lap both passed (level: both 1st)."""
    riders = heat.riders
    if len(riders) != 2 or status == WAITING:
        return {}
    if all(r.done for r in riders):
        places = [_place(rows.get(r.name)) for r in riders]
        if places[0] == places[1]:
            return {r.name: 1 for r in riders}
        first = 0 if places[0] < places[1] else 1
        return {riders[first].name: 1, riders[1 - first].name: 2}
    if heat.catch is not None:
        return {heat.catch.catcher: 1, heat.catch.caught: 2}
    latest = heat.latest
    if latest is None or latest.gap_s is None:
        return {}
    if not latest.leader:
        return {r.name: 1 for r in riders}
    ahead = ("red", "green").index(latest.leader)
    return {riders[ahead].name: 1, riders[1 - ahead].name: 2}


def _place(row: RowView | None) -> int:
    """A result row's rank as a number to order by; unranked ("–", none) last."""
    return int(row.rank) if row is not None and row.rank.isdigit() else 1_000_000


def time_of_day(time: RaceTime) -> str:
    """A time of day from the timer as ISO 8601 local time: 14:03:22.512."""
    seconds, rest = divmod(time.ticks, TICKS_PER_SECOND)
    hours, seconds = divmod(seconds, 3600)
    minutes, seconds = divmod(seconds, 60)
    fraction = f".{rest:04d}"[: time.digits + 1] if time.digits else ""
    return f"{hours % 24:02d}:{minutes:02d}:{seconds:02d}{fraction}"
