"""Records as values: a standing record of the book, and the mark of a ride that beat one."""

from __future__ import annotations

from dataclasses import dataclass

from pursuit.core.times import RaceTime, format_time

KINDS = ("WR", "OR")  # best first: a ride that beats both is shown as a WR
KIND_NAMES = {"WR": "world record", "OR": "Olympic record"}
DEFAULT_KINDS = ("WR",)  # a WR applies to every competition; an OR to the Olympic Games only


@dataclass(frozen=True, slots=True)
class StandingRecord:
    """A world (WR) or Olympic (OR) record as the record book gives it (`core.records`)."""

    kind: str  # "WR" or "OR"
    discipline: str  # "individual pursuit" or "team pursuit"
    gender: str  # "men" or "women"
    distance_m: int
    time: RaceTime
    holder: str  # the rider, or the team (nation)
    date: str  # when set: "2024-10-18", or "2026-02" or "2008" when only that is known
    venue: str = ""
    closed: str | None = None  # from this day (ISO) no longer contested (3 km → 4 km)


@dataclass(frozen=True, slots=True)
class Holder:
    """Whose record a ride beat or was bettered by: a record of the book or a ride here."""

    time: RaceTime
    holder: str
    where: str  # "Beijing 2008" for the book's; the round's name for a ride of this competition


@dataclass(frozen=True, slots=True)
class RecordMark:
    """A ride that beat a standing record: to be ratified."""

    kind: str  # "WR" or "OR": the best it beat
    kinds: tuple[str, ...]  # every kind it beat, best first
    beat: Holder  # the record of `kind` it beat
    bettered_by: Holder | None = None  # a later ride of this competition that beat it in turn

    @property
    def note(self) -> str:
        """The mark in words, for a title on hover or a footnote."""
        said = f"{KIND_NAMES[self.kind]}, to be ratified; previous {self.kind} {_said(self.beat)}"
        if self.bettered_by is not None:
            said += f"; the {self.kind} when ridden, bettered by {_said(self.bettered_by)}"
        return said


def _said(holder: Holder) -> str:
    parts = [format_time(holder.time), holder.holder, holder.where]
    return ", ".join(p for p in parts if p)
