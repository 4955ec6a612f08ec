"""The record book: world and Olympic records read from a TOML file, every fact checked with
its `file:line` and field. The book shipped with pursuit is `pursuit/data/records.toml`."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from functools import cache
from typing import Any

from pursuit.core.competition import DISTANCES_M, is_iso_date
from pursuit.core.records import DISCIPLINES, GENDERS
from pursuit.core.standing import KINDS, StandingRecord
from pursuit.core.times import parse_time
from pursuit.errors import Place, PursuitError, TimeFormatError
from pursuit.loading.toml_lines import ValueLines
from pursuit.shipped import shipped

DATA_FOLDER = "data"  # in the package
DATA_FILE = "records.toml"
_REQUIRED = ("kind", "discipline", "gender", "distance_m", "time", "holder", "date")
_OPTIONAL = ("venue", "closed", "note")
_PARTIAL_DATE = re.compile(r"[0-9]{4}(-(0[1-9]|1[0-2]))?")


class RecordBookError(PursuitError):
    """A record book that cannot be used: the place names the file, line and field."""


def records_from_text(text: str, source: str) -> tuple[StandingRecord, ...]:
    """Every record of a record book's text; `RecordBookError` at the first fact not right."""
    lines = ValueLines(text)

    def fail(message: str, *path: str | int) -> RecordBookError:
        field = str(path[-1]) if path and isinstance(path[-1], str) else None
        return RecordBookError(message, Place.in_document(source, lines, path, field))

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        at = re.search(r"at line (\d+)", str(e))
        place = Place(source, int(at[1])) if at else Place(source)
        raise RecordBookError(f"not valid TOML: {e}", place) from e
    unknown = sorted(set(data) - {"record"})
    if unknown:
        raise fail(f"unknown key {unknown[0]!r}: a record book has [[record]] tables", unknown[0])
    tables = data.get("record", [])
    if not isinstance(tables, list):
        raise fail("record must be [[record]] tables", "record")
    return tuple(_record(table, ("record", i), fail) for i, table in enumerate(tables))


def _record(table: object, path: tuple[str, int], fail: Any) -> StandingRecord:
    if not isinstance(table, Mapping):
        raise fail("a record is a [[record]] table", *path)
    unknown = sorted(set(table) - {*_REQUIRED, *_OPTIONAL})
    if unknown:
        known = ", ".join(_REQUIRED + _OPTIONAL)
        raise fail(f"unknown field {unknown[0]!r} (known: {known})", *path, unknown[0])
    for key in _REQUIRED:
        if key not in table:
            raise fail(f"a record needs {key}", *path)
    for key in (*_REQUIRED, *_OPTIONAL):
        want = int if key == "distance_m" else str
        value = table.get(key)
        if value is not None and (type(value) is not want):
            kind = "a whole number" if want is int else "quoted text"
            raise fail(f"{key} must be {kind}; got {value!r}", *path, key)

    def one_of(key: str, allowed: tuple[Any, ...]) -> Any:
        if table[key] not in allowed:
            said = ", ".join(repr(a) for a in allowed)
            raise fail(f"{key} must be one of {said}; got {table[key]!r}", *path, key)
        return table[key]

    if table["distance_m"] not in DISTANCES_M:
        raise fail(f"distance_m is out of range; got {table['distance_m']}", *path, "distance_m")
    try:
        time = parse_time(table["time"])
    except TimeFormatError as e:
        raise fail(e.message, *path, "time") from e
    when = table["date"]
    if not (_PARTIAL_DATE.fullmatch(when) or is_iso_date(when)):
        raise fail(f"date must be YYYY-MM-DD, YYYY-MM or YYYY; got {when!r}", *path, "date")
    closed = table.get("closed")
    if closed is not None and not is_iso_date(closed):
        raise fail(f"closed must be a day, YYYY-MM-DD; got {closed!r}", *path, "closed")
    return StandingRecord(
        kind=one_of("kind", KINDS),
        discipline=one_of("discipline", DISCIPLINES),
        gender=one_of("gender", GENDERS),
        distance_m=table["distance_m"],
        time=time,
        holder=table["holder"],
        date=when,
        venue=table.get("venue", ""),
        closed=closed,
    )


@cache
def record_book() -> tuple[StandingRecord, ...]:
    """The records shipped with pursuit (`pursuit/data/records.toml`), read once."""
    text = shipped(DATA_FOLDER, DATA_FILE).read_text("utf-8")
    return records_from_text(text, f"pursuit/data/{DATA_FILE}")
