"""Read a competition file (TOML) into a `Competition`, with every problem placed.

Problems that make the file unusable raise `CompetitionFileError` (the CLI exits 2).
Problems in single facts (an unknown rider, a time that does not parse) become
findings and the fact is left out, so the rest can still be computed and checked.
"""

from __future__ import annotations

import operator
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pursuit.core.competition import Competition, Metadata, PublishedPlace, Ride, Side, Slot
from pursuit.core.entrants import Entrant, Rider, Team
from pursuit.core.findings import Finding
from pursuit.core.outcomes import Outcome, Status
from pursuit.core.schedule import slot
from pursuit.core.splits import NO_SPLITS, Splits
from pursuit.core.times import RaceTime, parse_time, parse_usual
from pursuit.errors import CompetitionFileError, FormatDefinitionError, Place, TimeFormatError
from pursuit.loading.format_files import load_format
from pursuit.loading.places import PlacesByName
from pursuit.loading.toml_lines import ValueLines

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
}
TOP_LEVEL = {"competition", "entrants", "rounds", "published"}
ROUND_FIELDS = {"date", "time", "rides", "note"}
ENTRANTS_FIELDS = {"riders", "teams"}
PUBLISHED_FIELDS = {"classification", "source"}
RIDE_FIELDS = {
    "rider",
    "team",
    "time",
    "status",
    "heat",
    "side",
    "splits",
    "record",
    "rank",
    "basis",
    "lineup",
    "note",
}
ENTRANT_FIELDS = {"name", "nation", "family_name", "bib", "roster", "aka", "basis", "note"}
_STATUSES = {s.value: s for s in Status}  # Status(text) without the enum's slower lookup
_SIDES = {s.value: s for s in Side}
_PRECISIONS = {"1": 0, "0.1": 1, "0.01": 2, "0.001": 3, "0.0001": 4}


@dataclass
class Loaded:
    competition: Competition
    findings: list[Finding] = field(default_factory=list)
    source: str = ""


def load_competition(path: Path) -> Loaded:
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError as e:
        raise CompetitionFileError(f"no such file: {path}") from e
    except (OSError, UnicodeDecodeError) as e:
        raise CompetitionFileError(f"cannot read {path}: {e}") from e
    return competition_from_text(text, str(path), path.parent)


def competition_from_text(text: str, source: str, base: Path | None = None) -> Loaded:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        at = re.search(r"at line (\d+)", str(e))
        place = Place(source, int(at[1])) if at else Place(source)
        raise CompetitionFileError(f"not valid TOML: {e}", place) from e
    return _Reader(data, ValueLines(text), source, base).read()


class _Reader:
    def __init__(
        self,
        data: dict[str, Any],
        lines: ValueLines,
        source: str,
        base: Path | None,
    ) -> None:
        self.data = data
        self.lines = lines
        self.source = source
        self.base = base
        self.findings: list[Finding] = []

    def place(self, *path: str | int) -> Place:
        """Where the value at `path` is; its line is counted only if someone asks."""
        return Place.in_document(self.source, self.lines, path)

    def fail(self, message: str, *path: str | int) -> CompetitionFileError:
        return CompetitionFileError(message, self.place(*path))

    def find(self, code: str, message: str, *path: str | int) -> None:
        self.findings.append(Finding(code, message, self.place(*path)))

    def read(self) -> Loaded:
        meta_data = self.data.get("competition")
        if not isinstance(meta_data, dict):
            raise self.fail("the file needs a [competition] table with title and format")
        fmt_ref = meta_data.get("format")
        if not isinstance(fmt_ref, str) or not fmt_ref:
            raise self.fail(
                "competition.format must name a preset or a format file", "competition", "format"
            )
        try:
            fmt = load_format(fmt_ref, self.base)
        except FormatDefinitionError as e:
            raise self.fail(str(e), "competition", "format") from e
        self.unknown_keys(self.data, TOP_LEVEL, ())
        self.unknown_keys(meta_data, COMPETITION_FIELDS, ("competition",))
        for name, allowed in (("entrants", ENTRANTS_FIELDS), ("published", PUBLISHED_FIELDS)):
            if isinstance(self.data.get(name), dict):
                self.unknown_keys(self.data[name], allowed, (name,))
        meta = self.metadata(meta_data, fmt.precision)
        entrants, entrant_places = self.entrants()
        known = {e.name for e in entrants}
        rides: dict[str, tuple[Ride, ...]] = {}
        schedule: dict[str, Slot] = {}
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
            when = self.when(round_id, table)
            if when is not None:
                schedule[round_id] = when
        competition = Competition(
            meta, fmt, tuple(entrants), rides, self.published(known), entrant_places, schedule
        )
        return Loaded(competition, self.findings, self.source)

    def unknown_keys(
        self, table: Mapping[str, Any], allowed: set[str], path: tuple[str | int, ...]
    ) -> None:
        where = ".".join(str(p) for p in path) or "the file"
        for key in sorted(set(table) - allowed):
            self.find(
                "unknown-field",
                f"{where}: unknown field {key!r} (known: {', '.join(sorted(allowed))})",
                *path,
                key,
            )

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
        track = get("track_length_m", (int, float), 250)
        if distance <= 0 or not 100 <= track <= 500:
            raise self.fail(
                "distance_m must be positive and track_length_m 100–500 m", "competition"
            )
        dates = get("dates", list, [])
        return Metadata(
            title=title,
            event=get("event", str, "individual pursuit"),
            gender=get("gender", str),
            distance_m=distance,
            track_length_m=float(track),
            venue=get("venue", str),
            altitude_m=get("altitude_m", int),
            dates=tuple(str(d) for d in dates),
            precision=_PRECISIONS[precision] if precision else format_precision,
        )

    def entrants(self) -> tuple[list[Entrant], PlacesByName]:
        table = self.data.get("entrants")
        if not isinstance(table, dict) or not (table.get("riders") or table.get("teams")):
            raise self.fail(
                "the file needs an [entrants] table with riders = [ … ] (or teams = [ … ])",
                "entrants",
            )
        out: list[Entrant] = []
        paths: dict[str, tuple[str | int, ...]] = {}
        places = PlacesByName(self.source, self.lines, paths)
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
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
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
        nation = item.get("nation")
        if team:
            roster = tuple(Rider(str(r), nation) for r in item.get("roster", []))
            return Team(name, nation, roster, item.get("bib"))
        return Rider(name, nation, item.get("family_name"), item.get("bib"))

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

    def rides(
        self, round_id: str, table: Mapping[str, Any], known: set[str], meta: Metadata
    ) -> tuple[Ride, ...]:
        self.unknown_keys(table, ROUND_FIELDS, ("rounds", round_id))
        raw = table.get("rides", [])
        if not isinstance(raw, list):
            raise self.fail(f"rounds.{round_id}.rides must be a list", "rounds", round_id)
        out: list[Ride] = []
        for i, item in enumerate(raw):
            path = ("rounds", round_id, "rides", i)
            ride = self.ride(item, path, known, meta)
            if ride is not None:
                out.append(ride)
        return tuple(out)

    def ride(
        self, item: object, path: tuple[str | int, ...], known: set[str], meta: Metadata
    ) -> Ride | None:
        if not isinstance(item, dict):
            self.find("bad-ride", "a ride must be an inline table { rider = …, time = … }", *path)
            return None
        name = item.get("rider", item.get("team"))
        if not isinstance(name, str):
            self.find("bad-ride", 'a ride needs rider = "name"', *path)
            return None
        if name not in known:
            self.find(
                "unknown-entrant", f"unknown rider {name!r}: not among the entrants", *path, "rider"
            )
            return None
        if not RIDE_FIELDS.issuperset(item):
            for key in sorted(set(item) - RIDE_FIELDS):
                self.find("unknown-field", f"{name}: unknown field {key!r}", *path, key)
        status_text = item.get("status", "finished")
        readable = True
        status = _STATUSES.get(status_text) if isinstance(status_text, str) else None
        if status is None:
            self.find(
                "bad-status",
                f"{name}: status {status_text!r} is not one of "
                f"{', '.join(s.value for s in Status)}",
                *path,
                "status",
            )
            status, readable = Status.FINISHED, False
        time = self.time(item.get("time"), name, (*path, "time"))
        readable = readable and time is not False
        splits = self.splits(
            item.get("splits", []), name, path, meta, time if isinstance(time, RaceTime) else None
        )
        side = item.get("side")
        if side is not None and side not in ("red", "green"):
            self.find("bad-side", f"{name}: side must be red or green", *path, "side")
            side = None
        heat = item.get("heat")
        if heat is not None and (type(heat) is not int or heat < 1):  # true is no heat
            self.find("bad-heat", f"{name}: heat must be a number from 1", *path, "heat")
            heat = None
        rank = item.get("rank")
        return Ride(
            entrant=name,
            outcome=Outcome(status, time if isinstance(time, RaceTime) else None),
            heat=heat,
            side=_SIDES[side] if side else None,
            splits=splits,
            record=item.get("record"),
            published_rank=str(rank) if rank is not None else None,
            basis=item.get("basis"),
            lineup=tuple(str(r) for r in item["lineup"]) if "lineup" in item else (),
            readable=readable,
            place=self.place(*path),
        )

    def time(self, value: object, name: str, path: tuple[str | int, ...]) -> RaceTime | bool | None:
        """The parsed time, None when absent, False when it does not parse."""
        if value is None:
            return None
        if not isinstance(value, str):
            self.find(
                "bad-time",
                f'{name}: write times as strings, e.g. "4:40.41" '
                f"(a number like {value!r} loses its trailing zeros)",
                *path,
            )
            return False
        try:
            return parse_time(value)
        except TimeFormatError as e:
            self.find("bad-time", f"{name}: {e.message}", *path)
            return False

    def splits(
        self,
        raw: object,
        name: str,
        path: tuple[str | int, ...],
        meta: Metadata,
        time: RaceTime | None,
    ) -> Splits:
        if not isinstance(raw, list):
            self.find("bad-splits", f"{name}: splits must be a list of times", *path, "splits")
            return NO_SPLITS
        parsed = parse_usual(raw)  # all at once, when all are in the usual notation
        if parsed is None or not all(map(operator.lt, parsed[0], parsed[0][1:])):
            parsed = self.splits_one_by_one(raw, name, path)  # and find what is wrong
            if parsed is None:
                return NO_SPLITS
        ticks, digits = parsed
        if len(ticks) > meta.half_laps:
            self.find(
                "bad-splits",
                f"{name}: {len(ticks)} splits for {meta.half_laps} half laps",
                *path,
                "splits",
            )
            return NO_SPLITS
        if time is not None and ticks:
            last = RaceTime(ticks[-1], digits[-1])
            if len(ticks) == meta.half_laps and last != time:
                self.find(
                    "bad-splits",
                    f"{name}: the last split {last} is not the time {time}",
                    *path,
                    "splits",
                )
            elif last > time:
                self.find(
                    "bad-splits",
                    f"{name}: a split ({last}) is after the finish time {time}",
                    *path,
                    "splits",
                )
        return Splits(ticks, digits)

    def splits_one_by_one(
        self, raw: list[object], name: str, path: tuple[str | int, ...]
    ) -> tuple[tuple[int, ...], bytes] | None:
        """Ticks and decimals of the splits, or None after a finding on the first that does
        not parse or does not come after the one before."""
        out: list[RaceTime] = []
        for k, value in enumerate(raw):
            parsed = self.time(value, f"{name} split {k + 1}", (*path, "splits", k))
            if not isinstance(parsed, RaceTime):
                return None
            if out and parsed.ticks <= out[-1].ticks:
                self.find(
                    "bad-splits",
                    f"{name}: split {k + 1} ({value}) is not after split {k} ({out[-1]})",
                    *path,
                    "splits",
                    k,
                )
                return None
            out.append(parsed)
        return tuple(t.ticks for t in out), bytes(t.digits for t in out)

    def published(self, known: set[str]) -> tuple[PublishedPlace, ...]:
        table = self.data.get("published", {})
        raw = table.get("classification", []) if isinstance(table, dict) else []
        out: list[PublishedPlace] = []
        for i, item in enumerate(raw):
            path = ("published", "classification", i)
            if not isinstance(item, dict) or "rider" not in item or "rank" not in item:
                self.find("bad-published", "a published place needs rank and rider", *path)
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
