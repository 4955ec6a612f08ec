"""The results read model: every round's table and the classification, as text cells.

Every exporter, the CLI, the web pages and the PDFs render this one view, so they
can never disagree on a rank or a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter
from typing import Any

from pursuit.core.competition import Slot
from pursuit.core.decisions import Decision
from pursuit.core.findings import Finding
from pursuit.core.formats import RoundKind
from pursuit.core.results import RankedRide, Results, RoundResult
from pursuit.core.times import RaceTime, format_time
from pursuit.views.basis import basis_note

_HEAT = attrgetter("heat")


@dataclass(frozen=True, slots=True)
class RowView:
    """A ride as the outputs print it."""

    rank: str  # "1", "5", "–"
    name: str
    nation: str
    time: str  # as published, "" when there is none
    note: str = ""
    heat: int | None = None
    shared: bool = False
    basis: str = ""
    side: str = ""
    basis_note: str = ""  # how the ride is known, in words (`views.basis`); "" for published
    record: str = ""  # OR / WR as recorded on the ride (or recognised: see `record_note`)
    value: RaceTime | None = None  # the time as shown: truncated to the competition's precision
    mark: str = ""  # the qualification mark (Q, QG, QB) of the round the competitor goes on to
    lineup: tuple[str, ...] = ()  # team pursuit: the riders of the ride
    dropped: tuple[str, ...] = ()  # team pursuit: riders of the line-up who dropped
    record_note: str = ""  # a recognised record in words: to be ratified, the time it beat


@dataclass(frozen=True, slots=True)
class HeatView:
    """A heat's rides as the outputs print them."""

    number: int
    title: str
    rides: tuple[RowView, ...]
    decided_by: str = ""
    expected: tuple[str, ...] = ()  # who the format puts here ("" while not known)


@dataclass(frozen=True, slots=True)
class RoundView:
    """A round as the outputs print it: its ranking and heats."""

    id: str
    name: str
    kind: str  # timed | knockout
    complete: bool
    ranking: tuple[RowView, ...]
    heats: tuple[HeatView, ...]
    advance: int | None = None
    advanced: tuple[str, ...] = ()  # timed rounds: who goes on, in ranking order
    date: str = ""  # the day it is ridden (ISO), "" when not scheduled
    time: str = ""  # the local start time (HH:MM), "" when not known


@dataclass(frozen=True, slots=True)
class PlaceView:
    """A place of the final classification as the outputs print it."""

    rank: str  # "1", "5", "AC", "DNF", "" (still in competition)
    name: str  # "" for a vacant place
    nation: str
    shared: bool = False
    vacant: bool = False
    awarded: str = ""  # "awarded by FIAC, 1968-11-30" when a decision gave the place


@dataclass(frozen=True, slots=True)
class DecisionView:
    """One ruling after the race, as listed with the results."""

    effect: str
    what: str  # "disqualify F, West Germany", "award place 2 to West Germany"
    authority: str
    date: str
    reference: str
    reason: str
    basis: str = ""


@dataclass(frozen=True, slots=True)
class FindingView:
    """A finding as the outputs print it."""

    code: str
    message: str
    place: str


@dataclass(frozen=True, slots=True)
class CompetitionView:
    """The competition's facts as the outputs print them."""

    title: str
    event: str
    gender: str
    distance_m: int
    track_length_m: float | None  # None: not known
    venue: str
    altitude_m: int | None
    dates: tuple[str, ...]
    precision: str
    format_name: str
    format_title: str
    format_description: str
    entrants: int
    nations: int


@dataclass(frozen=True, slots=True)
class ResultsView:
    """Everything the outputs print of a competition's results."""

    competition: CompetitionView
    rounds: tuple[RoundView, ...]
    classification: tuple[PlaceView, ...]
    findings: tuple[FindingView, ...]
    complete: bool
    decisions: tuple[DecisionView, ...] = ()  # in the order taken, those in force


def build_view(results: Results, findings: Sequence[Finding] | None = None) -> ResultsView:
    """The view of `results`; `findings` default to the engine's own."""
    comp = results.competition
    meta = comp.meta
    nation_of = {e.name: e.nation or "" for e in comp.entrants}
    digits = meta.precision

    marks = qualification_marks(results)

    def row(ranked: RankedRide, round_id: str) -> RowView:
        ride = ranked.ride
        time, side = ride.outcome.time, ride.side
        mark = marks.get((round_id, ride.entrant), "")
        return RowView(
            rank=ranked.label,
            name=ride.entrant,
            nation=nation_of.get(ride.entrant, ""),
            time=format_time(time, digits) if time is not None else "",
            note=", ".join(part for part in (ranked.note, mark) if part),
            heat=ranked.heat,
            shared=ranked.shared,
            basis=ride.basis or "",
            side=side.value if side else "",
            basis_note=basis_note(ride.basis or ""),
            record=ride.record or "",
            value=time.at(digits) if time is not None else None,
            mark=mark,
            lineup=ride.lineup,
            dropped=ride.dropped,
            record_note=ride.record_mark.note if ride.record_mark is not None else "",
        )

    rounds = tuple(_round(r, row, comp.schedule.get(r.spec.id)) for r in results.rounds)
    places = tuple(
        PlaceView(
            p.label,
            p.entrant or "",
            nation_of.get(p.entrant or "", ""),
            p.shared,
            p.vacant,
            awarded_words(p.awarded),
        )
        for p in results.classification
    )
    nations = {e.nation for e in comp.entrants if e.nation}
    return ResultsView(
        competition=CompetitionView(
            title=meta.title,
            event=meta.event,
            gender=meta.gender or "",
            distance_m=meta.distance_m,
            track_length_m=meta.track_length_m,
            venue=meta.venue or "",
            altitude_m=meta.altitude_m,
            dates=meta.dates,
            precision=f"{10**-digits:.{digits}f}" if digits else "1",
            format_name=comp.format.name,
            format_title=comp.format.title,
            format_description=" ".join(comp.format.description.split()),
            entrants=len(comp.entrants),
            nations=len(nations),
        ),
        rounds=rounds,
        classification=places,
        findings=tuple(
            FindingView(f.code, f.message, str(f.place or ""))
            for f in (results.findings if findings is None else findings)
        ),
        complete=results.complete,
        decisions=tuple(decision_view(d) for d in comp.decisions),
    )


def awarded_words(decision: Decision | None) -> str:
    if decision is None:
        return ""
    return ", ".join(part for part in (f"awarded by {decision.authority}", decision.date) if part)


def decision_view(d: Decision) -> DecisionView:
    return DecisionView(
        d.effect, d.words(), d.authority, d.date or "", d.reference or "", d.reason, d.basis or ""
    )


def qualification_marks(results: Results) -> dict[tuple[str, str], str]:
    """(round id, entrant) -> the mark of the round the entrant goes on to (the format's
    `mark`), on the entrant's row in the latest earlier round they rode."""
    marks: dict[tuple[str, str], str] = {}
    rode: dict[str, str] = {}  # entrant -> the latest round so far with a row for them
    for result in results.rounds:
        if result.spec.mark:
            if result.spec.kind is RoundKind.KNOCKOUT:
                drawn = [n for h in result.heats for n in h.expected if n is not None]
            else:
                drawn = [r.ride.entrant for r in result.ranking]
            for name in drawn:
                if name in rode:
                    marks[rode[name], name] = result.spec.mark
        for ranked in result.ranking:
            rode[ranked.ride.entrant] = result.spec.id
    return marks


def _round(result: RoundResult, row: Any, slot: Slot | None) -> RoundView:
    spec = result.spec
    ranking = tuple(row(r, spec.id) for r in result.ranking)
    in_heats = sorted((r for r in ranking if r.heat is not None), key=_HEAT)  # stable
    by_heat = {number: tuple(rows) for number, rows in groupby(in_heats, key=_HEAT)}
    if spec.kind is RoundKind.KNOCKOUT:
        heats = tuple(
            HeatView(
                number=h.number,
                title=h.title,
                rides=by_heat.get(h.number, ()),
                decided_by=h.decided_by,
                expected=tuple(n or "" for n in h.expected),
            )
            for h in result.heats
        )
    else:
        heats = tuple(HeatView(n, f"{spec.name} heat {n}", rows) for n, rows in by_heat.items())
    return RoundView(
        spec.id,
        spec.name,
        spec.kind.value,
        result.complete,
        ranking,
        heats,
        spec.advance,
        tuple(result.advanced),
        slot.date if slot else "",
        (slot.time or "") if slot else "",
    )


def last_rides(view: ResultsView) -> dict[str, tuple[str, RowView]]:
    """Each entrant's ride in the last round (in format order) they rode in, with that round's
    name: where a classified rider went out, or won."""
    last: dict[str, tuple[str, RowView]] = {}
    for round_view in view.rounds:
        for row in round_view.ranking:
            last[row.name] = (round_view.name, row)
    return last
