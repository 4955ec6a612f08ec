"""World and Olympic records: which stood when a competition began, and which rides beat them.

Pure: the record book is read by a shell (`loading.records`) and the records standing at a
competition's start are copied into its metadata when it is created, so a log stands alone.
A record is *bettered* when timed (what this module finds) and *ratified* later by the UCI or
the IOC: every mark found here is "to be ratified".
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import replace

from pursuit.core.competition import Competition, Metadata, Ride
from pursuit.core.outcomes import Status
from pursuit.core.standing import DEFAULT_KINDS, KINDS, Holder, RecordMark, StandingRecord

DISCIPLINES = ("individual pursuit", "team pursuit")
GENDERS = ("men", "women")

_GENDER_WORDS = {
    "men": "men",
    "man": "men",
    "male": "men",
    "m": "men",
    "men's": "men",
    "mens": "men",
    "women": "women",
    "woman": "women",
    "female": "women",
    "w": "women",
    "f": "women",
    "women's": "women",
    "womens": "women",
}
_TIMED_OVER = (Status.FINISHED, Status.CAUGHT_OPPONENT)  # rides whose time covers the distance


def discipline_of(event: str) -> str | None:
    """The discipline, "individual pursuit" or "team pursuit", from a competition's event."""
    text = event.casefold()
    if "team" in text:
        return "team pursuit"
    if "pursuit" in text:
        return "individual pursuit"
    return None


def gender_of(text: str | None) -> str | None:
    """The gender, "men" or "women", from a free-text gender ("Men", "women's"), or None."""
    return _GENDER_WORDS.get((text or "").strip().casefold())


def last_day(when: str) -> str:
    """The last day a record's date may mean: "2026-02" → "2026-02-28", "2008" → "2008-12-31"."""
    parts = when.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31"
    if len(parts) == 2:
        year, month = int(parts[0]), int(parts[1])
        return f"{parts[0]}-{parts[1]}-{calendar.monthrange(year, month)[1]:02d}"
    return when


def standing_at(
    book: Iterable[StandingRecord],
    *,
    discipline: str | None,
    gender: str | None,
    distance_m: int,
    day: str | None,
    kinds: Iterable[str] = DEFAULT_KINDS,
) -> tuple[StandingRecord, ...]:
    """The records of `kinds` standing on `day` (ISO) for the discipline, gender and distance:
    for each kind the best set before that day and not closed by then. Nothing when the day,
    the discipline or the gender is not known: a record is compared only with what stood."""
    if day is None or discipline is None or gender is None:
        return ()
    out: list[StandingRecord] = []
    for kind in KINDS:
        if kind not in kinds:
            continue
        stood = [
            r
            for r in book
            if r.kind == kind
            and r.discipline == discipline
            and r.gender == gender
            and r.distance_m == distance_m
            and last_day(r.date) < day
            and (r.closed is None or day < r.closed)
        ]
        if stood:
            out.append(min(stood, key=lambda r: r.time))
    return tuple(out)


def standing_for(
    book: Iterable[StandingRecord], meta: Metadata, today: str | None
) -> tuple[StandingRecord, ...]:
    """The records standing when a competition begins: on its first day, else on `today`."""
    return standing_at(
        book,
        discipline=discipline_of(meta.event),
        gender=gender_of(meta.gender),
        distance_m=meta.distance_m,
        day=min(meta.dates) if meta.dates else today,
        kinds=meta.records,
    )


def holder_of(record: StandingRecord) -> Holder:
    year = record.date[:4]
    where = f"{record.venue} {year}" if record.venue else year
    return Holder(record.time, record.holder, where)


def recognise(
    competition: Competition, counted: Mapping[str, Iterable[Ride]] | None = None
) -> Mapping[tuple[str, str], RecordMark]:
    """The rides that beat a record standing when the competition began, by (round, entrant).
    `counted`: the rides the rules count, by round (the engine leaves some out: a rider the
    format does not put in a round); by default every ride of the competition.

    The record moves as it falls: rides are taken round by round in the format's order, heat
    by heat (a heat's faster rider finishes first), and a ride beats the record as it stood
    then, which may be one set earlier in this competition. A time is compared at the coarser
    of its and the record's precisions, and must be strictly faster: equalling is not beating.
    """
    meta = competition.meta
    standing = {r.kind: (r.time, holder_of(r)) for r in meta.standing_records}
    standing = {k: v for k, v in standing.items() if k in meta.records}
    if not standing:
        return {}
    beaten: dict[tuple[str, str], dict[str, Holder]] = {}
    setter: dict[str, tuple[str, str]] = {}  # kind -> the ride that holds it now
    later: dict[tuple[str, str, str], Holder] = {}  # (round, entrant, kind) -> who bettered it
    # Truncating never reorders two times, so a time not below a record in ticks beats it at
    # no precision; records only get faster, so a ride not below the slowest one beats none.
    slowest = max(record.ticks for record, _ in standing.values())
    for spec in competition.format.rounds:
        candidates = competition.rides_of(spec.id) if counted is None else counted.get(spec.id, ())
        rides = [
            r
            for r in candidates
            if r.outcome.time is not None
            and r.outcome.time.ticks < slowest
            and r.readable
            and r.outcome.status in _TIMED_OVER
        ]
        rides.sort(key=_riding_order)
        for ride in rides:
            time = ride.outcome.time
            assert time is not None
            for kind, (record, holder) in list(standing.items()):
                if time.ticks >= record.ticks:
                    continue
                digits = min(time.digits, record.digits, meta.precision)
                if not time.at(digits) < record.at(digits):
                    continue
                key = (spec.id, ride.entrant)
                beaten.setdefault(key, {})[kind] = holder
                here = Holder(time.at(min(time.digits, meta.precision)), ride.entrant, spec.name)
                if kind in setter:
                    later[(*setter[kind], kind)] = here
                setter[kind] = key
                standing[kind] = (time, here)
    marks: dict[tuple[str, str], RecordMark] = {}
    for key, by_kind in beaten.items():
        kinds = tuple(k for k in KINDS if k in by_kind)
        best = kinds[0]
        marks[key] = RecordMark(best, kinds, by_kind[best], later.get((*key, best)))
    return marks


def _riding_order(ride: Ride) -> tuple[int, int]:
    """Heat by heat; in a heat the faster finishes first (rides without a heat: by time)."""
    time = ride.outcome.time
    return (ride.heat or 0, time.ticks if time is not None else 0)


def with_marks(
    competition: Competition, counted: Mapping[str, Iterable[Ride]] | None = None
) -> Competition:
    """`competition` with each ride that beat a standing record marked (`Ride.record_mark`),
    unless a record is typed on it: a typed record wins. The same competition when none."""
    marks = recognise(competition, counted)
    if not marks:
        return competition
    rides = {
        round_id: tuple(
            replace(r, record=r.record or marks[key].kind, record_mark=marks[key])
            if (key := (round_id, r.entrant)) in marks and not r.record
            else r
            for r in by_round
        )
        for round_id, by_round in competition.rides.items()
    }
    return replace(competition, rides=rides)
