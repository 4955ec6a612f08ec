"""Events on the wire: (name, version, data) with JSON-able data, and back.

Times travel as the strings results are written in (`4:40.41`, a timer's `15:02:11.0342`) and
become `RaceTime` again when read; a competition's metadata travels as fields of its
`CompetitionCreated` beside the format, as it always has. A stored field this version does not
know is ignored; an event that cannot be read at all raises `UnknownEvent` naming it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from pursuit.core import events as ev
from pursuit.core.competition import Metadata
from pursuit.core.format_reader import format_from_mapping
from pursuit.core.standing import DEFAULT_KINDS, StandingRecord
from pursuit.core.times import RaceTime, format_time, parse_time
from pursuit.errors import PursuitError

Data = dict[str, Any]


class UnknownEvent(PursuitError):
    """A stored event this version of pursuit cannot read."""


def to_wire(event: ev.Event) -> tuple[str, int, Data]:
    writer = _WRITERS[type(event)]
    return event.wire_name, event.version, writer(event)


def from_wire(name: str, version: int, data: Data) -> ev.Event:
    cls = ev.EVENT_TYPES.get(name)
    if cls is None or version != cls.version:
        raise UnknownEvent(f"cannot read event {name} v{version}")
    try:
        return _READERS[cls](data)
    except (TypeError, KeyError, ValueError, AttributeError, PursuitError) as e:
        raise UnknownEvent(f"cannot read event {name} v{version}: {_why(e)}") from e


def _why(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"missing field {error.args[0]!r}"
    return str(error)


# --- values ---------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _time_out(value: RaceTime | None) -> str | None:
    return None if value is None else format_time(value)


# A log repeats its times (a competition's splits fall on a few thousand hundredths), so the
# times read are kept: replaying a long log parses each one once. Bounded, as a log is not.
_READ: dict[str, RaceTime] = {}
_READ_LIMIT = 200_000


def _time_in(value: object) -> RaceTime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"a time is written as a string, not {value!r}")
    time = _READ.get(value)
    if time is None:
        if len(_READ) >= _READ_LIMIT:
            _READ.clear()
        time = _READ[value] = parse_time(value)
    return time


def _times_out(values: tuple[RaceTime, ...]) -> list[str]:
    return [format_time(v) for v in values]


def _times_in(values: list[str]) -> tuple[RaceTime, ...]:
    return tuple(parse_time(v) for v in values)  # a whole ride's splits: seldom read twice


def _tuple_in(values: Any) -> Any:
    return tuple(values) if isinstance(values, list) else values


_OUT: dict[str, Callable[[Any], Any]] = {
    "RaceTime": _time_out,
    "RaceTime | None": _time_out,
    "tuple[RaceTime, ...]": _times_out,
}


def _of_type(kind: type, optional: bool) -> Callable[[Any], Any]:
    """A reader that lets a value of `kind` through (None too when `optional`), else says what
    the stored value is: a log written by hand must not carry a number where a name goes."""

    def check(value: Any) -> Any:
        if (value is None and optional) or (type(value) is kind):
            return value
        raise TypeError(f"expected {kind.__name__}, not {value!r}"[:120])

    return check


def _names_in(optional: bool) -> Callable[[Any], Any]:
    def read(value: Any) -> Any:
        if value is None and optional:
            return None
        if not isinstance(value, list | tuple) or not all(type(v) is str for v in value):
            raise TypeError(f"expected a list of names, not {value!r}"[:120])
        return tuple(value)

    return read


_IN: dict[str, Callable[[Any], Any]] = {
    "RaceTime": _time_in,
    "RaceTime | None": _time_in,
    "tuple[RaceTime, ...]": _times_in,
    "str": _of_type(str, False),
    "str | None": _of_type(str, True),
    "int": _of_type(int, False),
    "int | None": _of_type(int, True),
    "bool": _of_type(bool, False),
    "tuple[str, ...]": _names_in(False),
    "tuple[str, ...] | None": _names_in(True),
}


# --- events -----------------------------------------------------------------------------------


def _generic(cls: type[ev.Event]) -> tuple[Callable[[Any], Data], Callable[[Data], ev.Event]]:
    """A writer and a reader for an event of plain fields, times and tuples."""
    fields = dataclasses.fields(cls)
    out = {f.name: _OUT.get(str(f.type), _plain) for f in fields}
    into = [
        (f.name, _IN.get(str(f.type), _tuple_in))
        for f in fields
        if str(f.type) in _IN or str(f.type).startswith("tuple[")
    ]
    known = frozenset(f.name for f in fields)

    def write(event: Any) -> Data:
        return {name: convert(getattr(event, name)) for name, convert in out.items()}

    def read(data: Data) -> ev.Event:
        values = dict(data)
        for name, convert in into:
            if name in values:
                values[name] = convert(values[name])
        if not known.issuperset(values):  # fields of a later version: keep the ones known
            values = {k: v for k, v in values.items() if k in known}
        return cls(**values)

    return write, read


_META = [f.name for f in dataclasses.fields(Metadata)]


def _write_created(e: ev.CompetitionCreated) -> Data:
    meta = e.meta
    data: Data = {"title": meta.title, "format_name": e.format_name}
    data["format_definition"] = _plain(e.format_definition)
    for name in _META[1:]:
        if name not in _WRITTEN_WHEN_SET:
            data[name] = _plain(getattr(meta, name))
    if meta.nations:  # declared codes, written only when there are some
        data["nations"] = dict(meta.nations)
    if meta.records != DEFAULT_KINDS:  # the kinds of record that apply, when not the WR only
        data["records"] = list(meta.records)
    if meta.standing_records:  # the records standing at creation, so the log stands alone
        data["standing_records"] = [_record_out(r) for r in meta.standing_records]
    return data


_WRITTEN_WHEN_SET = frozenset({"nations", "records", "standing_records"})


def _record_out(record: StandingRecord) -> Data:
    data = _plain(dataclasses.asdict(record))
    data["time"] = format_time(record.time)
    return {k: v for k, v in data.items() if v is not None}


def _record_in(data: Data) -> StandingRecord:
    time = _time_in(data["time"])
    if time is None:
        raise TypeError("a standing record needs its time")
    facts = {k: v for k, v in data.items() if k in _RECORD_FIELDS}
    facts["time"] = time
    return StandingRecord(**facts)


_RECORD_FIELDS = frozenset(f.name for f in dataclasses.fields(StandingRecord))


def _read_created(data: Data) -> ev.CompetitionCreated:
    facts = {k: data[k] for k in _META if (k in data and data[k] is not None) or k == "title"}
    if "dates" in facts:
        facts["dates"] = tuple(facts["dates"])
    if "nations" in facts:
        facts["nations"] = tuple((str(k), str(v)) for k, v in dict(facts["nations"]).items())
    if "records" in facts:
        facts["records"] = tuple(str(k) for k in facts["records"])
    if "standing_records" in facts:
        facts["standing_records"] = tuple(_record_in(r) for r in facts["standing_records"])
    if "precision" not in facts:  # logs from before the precision was always written
        facts["precision"] = format_from_mapping(
            data["format_definition"], data["format_name"]
        ).precision
    for optional in ("gender", "venue", "altitude_m"):
        facts.setdefault(optional, None)
    if "track_length_m" in data and data["track_length_m"] is None:  # written: not known
        facts["track_length_m"] = None
    return ev.CompetitionCreated(data["format_name"], data["format_definition"], Metadata(**facts))


def _write_drawn(e: ev.RoundDrawn) -> Data:
    return {"round": e.round, "heats": [_plain(dataclasses.asdict(h)) for h in e.heats]}


def _read_drawn(data: Data) -> ev.RoundDrawn:
    heats = tuple(
        ev.HeatDrawn(h["number"], tuple(h["entrants"]), tuple(h["sides"])) for h in data["heats"]
    )
    return ev.RoundDrawn(data["round"], heats)


def _write_published(e: ev.ClassificationPublished) -> Data:
    data: Data = {"places": [{"rank": p.rank, "entrant": p.entrant} for p in e.places]}
    if e.source is not None:  # where it was published, when the record says
        data["source"] = e.source
    return data


def _read_published(data: Data) -> ev.ClassificationPublished:
    return ev.ClassificationPublished(
        tuple(ev.PublishedPlace(p["rank"], p["entrant"]) for p in data["places"]),
        _of_type(str, True)(data.get("source")),
    )


def _read_split(data: Data) -> ev.SplitRecorded:
    """Most of a live log: read field by field, as the generic reader would, only faster."""
    elapsed = _time_in(data["elapsed"])
    if elapsed is None:
        raise TypeError("a split needs its elapsed time")
    if not (
        type(data["round"]) is str
        and type(data["heat"]) is int
        and type(data["entrant"]) is str
        and type(data["half_lap"]) is int
    ):
        raise TypeError("round and entrant are names, heat and half_lap whole numbers")
    return ev.SplitRecorded(
        data["round"],
        data["heat"],
        data["entrant"],
        data["half_lap"],
        elapsed,
        data.get("synthetic", False),
    )


_WRITERS: dict[type[ev.Event], Callable[[Any], Data]] = {}
_READERS: dict[type[ev.Event], Callable[[Data], ev.Event]] = {}
for _cls in ev.EVENT_TYPES.values():
    _WRITERS[_cls], _READERS[_cls] = _generic(_cls)
_WRITERS[ev.CompetitionCreated], _READERS[ev.CompetitionCreated] = _write_created, _read_created
_WRITERS[ev.RoundDrawn], _READERS[ev.RoundDrawn] = _write_drawn, _read_drawn
_WRITERS[ev.ClassificationPublished] = _write_published
_READERS[ev.ClassificationPublished] = _read_published
_READERS[ev.SplitRecorded] = _read_split
