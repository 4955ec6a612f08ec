"""The virtual ranking of a timed round: where a rider stands among the rides finished so far.

A finished rider has a *provisional* rank among the finished rides of the round ("provisional
3rd of 12"). A rider still on the track has the rank their projected finish would give among
the finished rides ("on course for 3rd of 12", counting the rider). The projection is the
latest lap's pace extrapolated to the distance (`projected_time`): the one the heat page shows
as "projected finish". Equal times at the competition's precision share a rank ("=3rd");
the last lap that breaks a tie in the results is not known while a round is ridden.

Only a timed round (qualifying) has a virtual ranking, while it is ridden: in a knockout round
the heat decides, and a complete round has its ranking.
A rider with no splits yet, or out of the race (DNF, DNS, overtaken, …), has none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pursuit.core.live_state import CompetitionState, RideState
from pursuit.core.ordinals import ordinal
from pursuit.core.outcomes import Status
from pursuit.core.times import RaceTime
from pursuit.views.results import ResultsView
from pursuit.views.status import find_round, heat_rides, heat_title

_RANKED = (Status.FINISHED, Status.CAUGHT_OPPONENT)  # a time over the distance ranks


def projected_time(splits: Sequence[RaceTime], half_laps: int) -> RaceTime | None:
    """The finish at the latest pace: the last lap (two half laps) extrapolated to the
    distance; None before two splits or once the last half lap is crossed."""
    k = len(splits)
    if k < 2 or k >= half_laps:
        return None
    back = min(2, k - 1)
    pace = (splits[-1].ticks - splits[-1 - back].ticks) / back
    return RaceTime(int(splits[-1].ticks + pace * (half_laps - k)), 4)


@dataclass(frozen=True, slots=True)
class VirtualRank:
    rank: int
    of: int  # the rides ranked, this one included
    shared: bool  # level with another finished ride at the precision
    projected: bool  # from the projection of a ride still on the track

    @property
    def label(self) -> str:
        place = ("=" if self.shared else "") + ordinal(self.rank)
        if self.projected:
            return f"on course for {place} of {self.of}"
        return f"provisional {place} of {self.of}"


def rank_among(
    time: RaceTime, others: Sequence[RaceTime], digits: int, *, projected: bool = False
) -> VirtualRank:
    """The rank `time` takes among `others`, compared at `digits` decimals (truncated)."""
    mine = time.at(digits)
    theirs = [t.at(digits) for t in others]
    faster = sum(1 for t in theirs if t < mine)
    return VirtualRank(faster + 1, len(theirs) + 1, mine in theirs, projected)


@dataclass(frozen=True, slots=True)
class RideSoFar:
    """A ride of the round as it stands."""

    entrant: str
    status: Status = Status.FINISHED
    time: RaceTime | None = None
    splits: tuple[RaceTime, ...] = ()
    finished: bool = False  # the ride is over

    @classmethod
    def of(cls, ride: RideState) -> RideSoFar:
        return cls(ride.entrant, ride.status, ride.time, tuple(ride.splits), ride.finished)


def virtual_ranks(
    rides: Sequence[RideSoFar], *, timed: bool, half_laps: int, digits: int
) -> dict[str, VirtualRank]:
    """Each rider's virtual rank in a round of `rides` (every ride of the round so far)."""
    if not timed:
        return {}
    done = {
        r.entrant: r.time
        for r in rides
        if r.finished and r.status in _RANKED and r.time is not None
    }
    out: dict[str, VirtualRank] = {}
    for ride in rides:
        if ride.entrant in done:
            others = [t for name, t in done.items() if name != ride.entrant]
            out[ride.entrant] = rank_among(done[ride.entrant], others, digits)
        elif not ride.finished and ride.status is Status.FINISHED:
            projection = projected_time(ride.splits, half_laps)
            if projection is not None:
                finished = list(done.values())
                out[ride.entrant] = rank_among(projection, finished, digits, projected=True)
    return out


def round_ranks(state: CompetitionState, view: ResultsView, round_id: str) -> Mapping[str, str]:
    """Every rider's virtual rank in the round, as words, by name, while the round is ridden;
    nothing in a knockout round, nor once the round is complete (its ranking says it all)."""
    rnd = find_round(view, round_id)
    if rnd is None or rnd.kind != "timed" or rnd.complete or state.meta is None:
        return {}
    rides = [RideSoFar.of(r) for r in state.rides.get(round_id, {}).values()]
    meta = state.meta
    ranks = virtual_ranks(rides, timed=True, half_laps=meta.half_laps or 0, digits=meta.precision)
    return {name: rank.label for name, rank in ranks.items()}


# --- the console's panel ----------------------------------------------------------------------


@dataclass(frozen=True)
class RankLine:
    name: str
    side: str
    rank: str  # "provisional 3rd of 12", "on course for 1st of 9", "" when none


@dataclass(frozen=True)
class VirtualRanking:
    """The console's virtual ranking: the heat on the track (else the last one ridden) of a
    timed round, each rider with their virtual rank, and how many rides have finished."""

    round_id: str
    number: int
    title: str
    finished: int
    lines: tuple[RankLine, ...]


def virtual_ranking(state: CompetitionState, view: ResultsView) -> VirtualRanking | None:
    """The panel for the heat running, else the last started; None in a knockout round."""
    started = [h for heats in state.heats.values() for h in heats.values() if h.started]
    heat = next((h for h in started if not h.done), started[-1] if started else None)
    if heat is None:
        return None
    rnd = find_round(view, heat.round)
    if rnd is None or rnd.kind != "timed":
        return None
    ranks = round_ranks(state, view, heat.round)
    rides = heat_rides(state, heat.round, heat.number)
    finished = sum(
        1 for r in state.rides.get(heat.round, {}).values() if r.finished and r.status in _RANKED
    )
    return VirtualRanking(
        heat.round,
        heat.number,
        heat_title(view, heat.round, heat.number),
        finished,
        tuple(RankLine(r.entrant, r.side or "", ranks.get(r.entrant, "")) for r in rides),
    )
