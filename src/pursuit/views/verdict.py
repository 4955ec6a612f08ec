"""Who won a heat, and by how much, in words: "Daniel Rébillard won by 0.72 s", "… won: caught
Paul Crapez in lap 11", "… won: Mogens Frey did not start (DNS)"; in a final, the medals; the
records set.

It reads what the engine decided (the round's rows: ranks, and for a knockout heat how it was
decided) and the heat as ridden (`views.heat`: times, outcomes, the catch); it decides nothing
itself. A knockout heat has a winner; in a timed round the heat only shows who was faster, the
ranking being the round's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pursuit.core.outcomes import Status
from pursuit.core.standing import KIND_NAMES
from pursuit.core.times import TICKS_PER_SECOND, RaceTime, format_time
from pursuit.views.heat import Catch, HeatRider
from pursuit.views.results import RowView

MEDALS = {1: "Gold", 2: "Silver", 3: "Bronze"}

# What the opponent's outcome says, when it decided the heat.
_LOST_BY = {
    Status.DNS: "did not start (DNS)",
    Status.DNF: "did not finish (DNF)",
    Status.DSQ: "was disqualified (DSQ)",
    Status.REL: "was relegated (REL)",
    Status.BEATEN: "was considered beaten",
    Status.OVERTAKEN: "was overtaken",
}


@dataclass(frozen=True, slots=True)
class Medal:
    name: str
    medal: str  # Gold | Silver | Bronze


@dataclass(frozen=True, slots=True)
class Verdict:
    winner: str  # "" when level (a timed round's tie)
    loser: str
    how: str  # time | last_lap | catch | outcome | level | known
    margin: str  # "0.72 s" when decided by time, else ""
    text: str  # the whole of it in one sentence
    medals: tuple[Medal, ...] = ()
    records: tuple[str, ...] = ()  # "OR (Olympic record) by Mogens Frey", one per record set


@dataclass(frozen=True, slots=True)
class Ranked:
    """A rider of the heat with what the engine made of the ride: the rank of its row in the
    round and the record it set (recognised ones too, which only the results know)."""

    rider: HeatRider
    rank: str  # "1", "2", "–", "" when the round has no row for it yet
    record: str = ""  # "WR", "OR"
    record_note: str = ""  # set when the record was recognised from the times: to be ratified


def margin_text(ticks: int, digits: int) -> str:
    """A gap between two times as spectators read it: "0.72 s", "1:02.40"."""
    text = format_time(RaceTime(abs(ticks), 4), digits)
    return text if abs(ticks) >= 60 * TICKS_PER_SECOND else f"{text} s"


def record_text(ranked: Ranked) -> str:
    """The record a ride set, as results print it: "OR", "WR to be ratified" when recognised."""
    if not ranked.record:
        return ""
    shown = f"{ranked.record} to be ratified" if ranked.record_note else ranked.record
    words = KIND_NAMES.get(ranked.record)
    said = f"{shown} ({words})" if words else shown
    return f"{said} by {ranked.rider.name}"


def _number(rank: str) -> int | None:
    return int(rank) if rank.isdigit() else None


def _order(riders: Sequence[Ranked]) -> tuple[Ranked, Ranked] | None:
    """Winner first, by the ranks the engine gave; None while undecided or level."""
    a, b = riders
    ra, rb = _number(a.rank), _number(b.rank)
    if (ra is None and rb is None) or ra == rb:
        return None
    if rb is None or (ra is not None and ra < rb):
        return a, b
    return b, a


def _at(time: RaceTime | None, digits: int) -> int | None:
    return time.at(digits).ticks if time is not None else None


def _how(winner: HeatRider, loser: HeatRider, catch: Catch | None, decided_by: str) -> str:
    if catch is not None and catch.catcher == winner.name:
        return "catch"
    if loser.status in _LOST_BY and loser.status is not Status.OVERTAKEN:
        return "outcome"
    if decided_by == "last_lap":
        return "last_lap"
    if winner.time is not None and loser.time is not None:
        return "time"
    return "known"


def _sentence(
    winner: HeatRider, loser: HeatRider, how: str, catch: Catch | None, digits: int, knockout: bool
) -> tuple[str, str]:
    """(the sentence, the margin) for a heat with a winner."""
    won = "won" if knockout else "was faster"
    if how == "catch":
        assert catch is not None
        where = f" in lap {(catch.half_lap + 1) // 2}" if catch.half_lap else ""
        lead = f"{winner.name} won: " if knockout else f"{winner.name} "
        return f"{lead}caught {loser.name}{where}", ""
    if how == "outcome":
        said = _LOST_BY[loser.status]
        return (f"{winner.name} won: " if knockout else "") + f"{loser.name} {said}", ""
    wt, lt = _at(winner.time, digits), _at(loser.time, digits)
    if how == "last_lap" and wt is not None:
        level = format_time(RaceTime(wt, 4), digits)
        return f"{winner.name} {won} on the better last lap (both {level})", ""
    if how == "time" and wt is not None and lt is not None:
        margin = margin_text(lt - wt, digits)
        return f"{winner.name} {won} by {margin}", margin
    return f"{winner.name} {won}", ""


def heat_verdict(
    riders: Sequence[Ranked],
    catch: Catch | None,
    digits: int,
    *,
    knockout: bool,
    decided_by: str = "",
    places: Sequence[int] = (),
    finished: bool = True,
) -> Verdict | None:
    """The verdict of a two-rider heat, or None while it is not decided (or has one rider).

    `decided_by` is the engine's word for a knockout heat ("" while undecided); `places`, the
    places a knockout heat gives its winner and loser (a final: 1, 2), else none; `finished`,
    whether the heat is over (a timed round's heat is judged only then)."""
    if len(riders) != 2 or (knockout and not decided_by) or (not knockout and not finished):
        return None
    records = tuple(t for t in (record_text(r) for r in riders) if t)
    ordered = _order(riders)
    if ordered is None:
        return _level(riders, digits, records) if not knockout else None
    winner, loser = ordered[0].rider, ordered[1].rider
    how = _how(winner, loser, catch, decided_by)
    text, margin = _sentence(winner, loser, how, catch, digits, knockout)
    medals = _medals(ordered, places) if knockout else ()
    return Verdict(winner.name, loser.name, how, margin, text, medals, records)


def _level(riders: Sequence[Ranked], digits: int, records: tuple[str, ...]) -> Verdict | None:
    """A timed round's heat with both riders on the same time (and the same rank)."""
    times = {_at(r.rider.time, digits) for r in riders}
    if len(times) != 1 or None in times:
        return None
    both = riders[0].rider.time
    assert both is not None
    text = f"Level: both {format_time(both, digits)}"
    return Verdict("", "", "level", "", text, (), records)


def _medals(ordered: tuple[Ranked, Ranked], places: Sequence[int]) -> tuple[Medal, ...]:
    """The medals a final (or a bronze medal match) gives, by the places of its rows."""
    if not places:
        return ()
    out = []
    for ranked in ordered:
        place = _number(ranked.rank)
        if place is not None and place in MEDALS:
            out.append(Medal(ranked.rider.name, MEDALS[place]))
    return tuple(out)


def ranked(riders: Sequence[HeatRider], rows: Mapping[str, RowView]) -> tuple[Ranked, ...]:
    """The heat's riders with their rows in the round (by name); the heat's own record where
    the round has no row yet."""
    out = []
    for rider in riders:
        row = rows.get(rider.name)
        if row is None:
            out.append(Ranked(rider, "", rider.record, rider.record_note))
        else:
            out.append(Ranked(rider, row.rank, row.record, row.record_note))
    return tuple(out)
