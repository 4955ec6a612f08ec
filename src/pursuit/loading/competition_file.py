"""Read a competition file (TOML) into a `Competition`, with every problem placed.

Problems that make the file unusable raise `CompetitionFileError` (the CLI exits 2).
Problems in single facts (an unknown rider, a time that does not parse) become
findings and the fact is left out, so the rest can still be computed and checked.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pursuit.core.competition import (
    UNKNOWN_TRACK,
    Competition,
    Metadata,
    PublishedPlace,
    Ride,
    Slot,
    metadata_problem,
)
from pursuit.core.entrants import Entrant, Rider, Team
from pursuit.core.findings import Finding
from pursuit.core.nations import nation_problem
from pursuit.core.records import standing_for
from pursuit.core.schedule import slot
from pursuit.core.standing import DEFAULT_KINDS, KINDS
from pursuit.errors import CompetitionFileError, Place
from pursuit.loading.decisions import read_decisions
from pursuit.loading.document import Document
from pursuit.loading.embedded_format import FileFormat, file_format
from pursuit.loading.gc_pause import collector_paused
from pursuit.loading.nations import ioc_nations
from pursuit.loading.notes_reader import read_notes
from pursuit.loading.places import PlacesByName
from pursuit.loading.published_orders import read_orders
from pursuit.loading.records import record_book
from pursuit.loading.ride_reader import RideReader
from pursuit.loading.toml_lines import NESTED_TOO_DEEPLY, ValueLines

COMPETITION_FIELDS = {
    "title",
    "event",
    "gender",
    "distance_m",
    "track_length_m",
    "venue",
    "altitude_m",
    "dates",
    "precision",
    "format",
    "records",
}
TOP_LEVEL = {"competition", "entrants", "rounds", "published", "nations", "decisions", "format"}
ENTRANTS_FIELDS = {"riders", "teams"}
PUBLISHED_FIELDS = {"classification", "source"}
ENTRANT_FIELDS = {"name", "nation", "family_name", "bib", "roster", "aka", "basis", "note"}
_ENTRANT_RARER = {"family_name", "bib", "aka", "basis", "note"}  # checked only when given
_DECLARED_CODE = re.compile(r"[A-Z][A-Z0-9]{1,3}")
_PRECISIONS = {"1": 0, "0.1": 1, "0.01": 2, "0.001": 3, "0.0001": 4}


def _is_rank(value: object) -> bool:
    """A rank as published: text ("=5", "AC") or a whole number."""
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


@dataclass
class Loaded:
    """A competition read from a file, with what reading it found."""

    competition: Competition
    findings: list[Finding] = field(default_factory=list)
    source: str = ""
    format: FileFormat | None = None  # the format as the file gives it, to store with a log


def load_competition(path: Path) -> Loaded:
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError as e:
        raise CompetitionFileError(f"no such file: {path}") from e
    except (OSError, UnicodeDecodeError) as e:
        raise CompetitionFileError(f"cannot read {path}: {e}") from e
    return competition_from_text(text, str(path), path.parent)


def competition_from_text(text: str, source: str, base: Path | None = None) -> Loaded:
    with collector_paused():  # nothing read is garbage until the model is built
        return _from_text(text, source, base)


def _from_text(text: str, source: str, base: Path | None) -> Loaded:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        at = re.search(r"at line (\d+)", str(e))
        place = Place(source, int(at[1])) if at else Place(source)
        raise CompetitionFileError(f"not valid TOML: {e}", place) from e
    except RecursionError as e:
        raise CompetitionFileError(f"not valid TOML: {NESTED_TOO_DEEPLY}", Place(source)) from e
    except ValueError as e:  # a number too long to convert (over 4,300 digits)
        raise CompetitionFileError(f"not valid TOML: {e}", Place(source)) from e
    return _Reader(Document(data, ValueLines(text), source, base)).read()


class _Reader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.data = doc.data
        self.find = doc.find
        self.fail = doc.fail
        self.place = doc.place
        self.unknown_keys = doc.unknown_keys
        self.rides = RideReader(doc).rides

    def read(self) -> Loaded:
        meta_data = self.data.get("competition")
        if not isinstance(meta_data, dict):
            raise self.fail("the file needs a [competition] table with title and format")
        self.format = file_format(self.doc, meta_data)  # a preset, a file, or [format]
        fmt = self.format.format
        self.unknown_keys(self.data, TOP_LEVEL, ())
        self.unknown_keys(meta_data, COMPETITION_FIELDS, ("competition",))
        for name, allowed in (("entrants", ENTRANTS_FIELDS), ("published", PUBLISHED_FIELDS)):
            if isinstance(self.data.get(name), dict):
                self.unknown_keys(self.data[name], allowed, (name,))
        self.declared = self.nations()
        meta = self.metadata(meta_data, fmt.precision)
        meta = replace(meta, standing_records=standing_for(record_book(), meta, None))
        entrants, entrant_places = self.entrants()
        known = {e.name for e in entrants}
        rides: dict[str, tuple[Ride, ...]] = {}
        schedule: dict[str, Slot] = {}
        orders: dict[str, tuple[tuple[str, ...], ...]] = {}
        rounds = self.data.get("rounds", {})
        if not isinstance(rounds, dict):
            raise self.fail("rounds must be tables: [rounds.Q], [rounds.QF], …", "rounds")
        for round_id, table in rounds.items():
            if round_id not in fmt.round_ids():
                self.find(
                    "unknown-round",
                    f"round {round_id!r} is not in format {fmt.name} "
                    f"(rounds: {', '.join(fmt.round_ids())})",
                    "rounds",
                    round_id,
                )
                continue
            if not isinstance(table, dict):
                raise self.fail(f"rounds.{round_id} must be a table", "rounds", round_id)
            rides[round_id] = self.rides(round_id, table, known, meta)
            if chains := read_orders(self.doc, round_id, table, known):
                orders[round_id] = chains
            when = self.when(round_id, table)
            if when is not None:
                schedule[round_id] = when
        competition = Competition(
            meta,
            fmt,
            tuple(entrants),
            rides,
            self.published(known),
            entrant_places,
            schedule,
            decisions=read_decisions(self.doc, fmt, known),
        )
        if orders:
            competition = replace(competition, orders=orders)
        notes = read_notes(self.data, known, set(fmt.round_ids()))
        competition = replace(competition, notes=notes)
        return Loaded(competition, self.doc.findings, self.doc.source, self.format)

    def metadata(self, t: Mapping[str, Any], format_precision: int) -> Metadata:
        def get(key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
            value = t.get(key, default)
            if value is not None and (not isinstance(value, kind) or isinstance(value, bool)):
                raise self.fail(
                    f"competition.{key} has the wrong type ({value!r})", "competition", key
                )
            return value

        title = get("title", str)
        if not title:
            raise self.fail("competition.title is required", "competition")
        precision = get("precision", str)
        if precision is not None and precision not in _PRECISIONS:
            raise self.fail(
                f"competition.precision must be one of {', '.join(_PRECISIONS)}",
                "competition",
                "precision",
            )
        distance = get("distance_m", int, 4000)
        track = (
            None
            if t.get("track_length_m") == UNKNOWN_TRACK
            else get("track_length_m", (int, float), 250)
        )
        dates = tuple(str(d) for d in get("dates", list, []))  # a TOML date reads as ISO
        problem = metadata_problem(distance, track, dates)
        if problem is not None:
            raise self.fail(problem[1], "competition", problem[0])
        return Metadata(
            title=title,
            event=get("event", str, "individual pursuit"),
            gender=get("gender", str),
            distance_m=distance,
            track_length_m=None if track is None else float(track),
            venue=get("venue", str),
            altitude_m=get("altitude_m", int),
            dates=dates,
            precision=_PRECISIONS[precision] if precision else format_precision,
            nations=tuple(self.declared.items()),
            records=self.record_kinds(t),
        )

    def record_kinds(self, t: Mapping[str, Any]) -> tuple[str, ...]:
        """`records = ["WR", "OR"]`: the kinds of record that apply (the WR only by default)."""
        kinds = t.get("records", list(DEFAULT_KINDS))
        if not isinstance(kinds, list) or any(k not in KINDS for k in kinds) or not kinds:
            raise self.fail(
                'competition.records must list the records that apply: ["WR"] or ["WR", "OR"]',
                "competition",
                "records",
            )
        return tuple(k for k in KINDS if k in kinds)

    def nations(self) -> dict[str, str]:
        """The codes `[nations]` declares beyond the IOC's: CODE = "Name"."""
        table = self.data.get("nations", {})
        if not isinstance(table, dict):
            raise self.fail('nations must be a table: [nations] with CODE = "Name"', "nations")
        out: dict[str, str] = {}
        for code, name in table.items():
            if not _DECLARED_CODE.fullmatch(code):
                self.find(
                    "bad-field",
                    f"nations: a code is 2–4 capital letters or digits, e.g. XYZ; got {code!r}",
                    "nations",
                    code,
                )
            elif self.doc.typed(table, code, (str,), "nations", who="nations") is not None:
                out[code] = name
        return out

    def nation(self, item: Mapping[str, Any], path: tuple[str | int, ...], who: str) -> str | None:
        """The entrant's nation; an unknown code is a finding (and kept), a known one not in
        capitals a finding and written in capitals."""
        nation: str | None = self.doc.typed(item, "nation", (str,), *path, who=who)
        if nation is None:
            return None
        problem = nation_problem(nation, ioc_nations(), self.declared)
        if problem is None:
            return nation
        code, said = problem
        if code == "unknown-nation":
            said += "; declare it under [nations] if it is right"
        self.find(code, f"{who}: {said}", *path, "nation")
        return nation.strip().upper() if code == "nation-case" else nation

    def entrants(self) -> tuple[list[Entrant], PlacesByName]:
        table = self.data.get("entrants")
        if not isinstance(table, dict) or not (table.get("riders") or table.get("teams")):
            raise self.fail(
                "the file needs an [entrants] table with riders = [ … ] (or teams = [ … ])",
                "entrants",
            )
        out: list[Entrant] = []
        paths: dict[str, tuple[str | int, ...]] = {}
        places = PlacesByName(self.doc.source, self.doc.lines, paths)
        for kind in ("riders", "teams"):
            raw = table.get(kind, [])
            if not isinstance(raw, list):
                raise self.fail(f"entrants.{kind} must be a list", "entrants", kind)
            for i, item in enumerate(raw):
                entrant = self.entrant(item, ("entrants", kind, i), kind == "teams", places)
                if entrant is not None:
                    out.append(entrant)
                    paths[entrant.name] = ("entrants", kind, i)
        return out, places

    def entrant(
        self, item: object, path: tuple[str | int, ...], team: bool, places: Mapping[str, Place]
    ) -> Entrant | None:
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("name"), str)
            or not item["name"].strip()
        ):
            self.find("bad-entrant", "an entrant needs a name", *path)
            return None
        if not ENTRANT_FIELDS.issuperset(item):
            for key in sorted(set(item) - ENTRANT_FIELDS):
                self.find(
                    "unknown-field", f"entrant {item['name']}: unknown field {key!r}", *path, key
                )
        name = item["name"].strip()
        if name in places:
            self.find(
                "duplicate-entrant",
                f"{name} is entered twice (first at line {places[name].line})",
                *path,
            )
            return None
        typed = self.doc.typed
        nation = self.nation(item, path, name)
        if not team and _ENTRANT_RARER.isdisjoint(item):  # a rider with a name and a nation
            return Rider(name, nation)
        bib = typed(item, "bib", (str, int), *path, who=name)
        bib = None if bib is None else str(bib)
        for key in ("aka", "basis", "note"):
            typed(item, key, (list,) if key == "aka" else (str,), *path, who=name)
        if team:
            members = typed(item, "roster", (list,), *path, who=name) or ()
            roster = tuple(Rider(r, nation) for r in members)
            return Team(name, nation, roster, bib)
        return Rider(name, nation, typed(item, "family_name", (str,), *path, who=name), bib)

    def when(self, round_id: str, table: Mapping[str, Any]) -> Slot | None:
        """The round's `date` and `time`, when given and readable (else a finding)."""
        date, time = table.get("date"), table.get("time")
        if date is None:
            if time is not None:
                self.find(
                    "bad-date",
                    f"rounds.{round_id}: a time needs a date",
                    "rounds",
                    round_id,
                    "time",
                )
            return None
        if not isinstance(date, str) or (time is not None and not isinstance(time, str)):
            key = "date" if not isinstance(date, str) else "time"
            self.find(
                "bad-date",
                f"rounds.{round_id}.{key} must be a quoted string",
                "rounds",
                round_id,
                key,
            )
            return None
        try:
            return slot(date, time)
        except ValueError as e:
            key = "time" if time is not None and "start time" in str(e) else "date"
            self.find("bad-date", f"rounds.{round_id}: {e}", "rounds", round_id, key)
            return None

    def published(self, known: set[str]) -> tuple[PublishedPlace, ...]:
        table = self.data.get("published", {})
        if not isinstance(table, dict):
            raise self.fail("published must be a table: [published]", "published")
        self.doc.typed(table, "source", (str,), "published")
        raw = table.get("classification", [])
        if not isinstance(raw, list):
            raise self.fail(
                "published.classification must be a list", "published", "classification"
            )
        out: list[PublishedPlace] = []
        for i, item in enumerate(raw):
            path = ("published", "classification", i)
            if (
                not isinstance(item, dict)
                or not isinstance(item.get("rider"), str)
                or not _is_rank(item.get("rank"))
            ):
                self.find(
                    "bad-published",
                    'a published place needs rank (text or a whole number) and rider = "name"',
                    *path,
                )
                continue
            if item["rider"] not in known:
                self.find(
                    "unknown-entrant",
                    f"unknown rider {item['rider']!r} in the published classification",
                    *path,
                    "rider",
                )
                continue
            out.append(PublishedPlace(str(item["rank"]), item["rider"], self.place(*path)))
        return tuple(out)
