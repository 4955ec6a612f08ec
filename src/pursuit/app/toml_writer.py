"""Write a competition back as a competition file (TOML) — the results, not the history.

The text is written by `tomlkit`, a maintained TOML library that controls layout: each ride,
entrant and published place is an inline table on a line of its own, with its splits and
line-up inline, as competition files are written by hand. `tomli-w` was tried first and is
smaller, but it cannot be told to keep an inline table inline: a ride with splits (an array
inside it) or one longer than 100 characters turns the whole round into `[[rounds.Q.rides]]`
blocks, with one split to a line.

Every fact the file language holds is written: the format (by preset name, or its whole
definition as a `[format]` table when it is not a shipped preset as it ships), every ride with
its note, the notes of rounds and entrants, other names, and the published classification
with its source.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import tomlkit
from tomlkit.items import Array, Table

from pursuit.core.competition import UNKNOWN_TRACK, Competition, Ride
from pursuit.core.decisions import Decision
from pursuit.core.entrants import Entrant, Team
from pursuit.core.notes import EntrantNotes
from pursuit.core.split_points import distance_text, distances_of
from pursuit.core.standing import DEFAULT_KINDS
from pursuit.core.times import format_time
from pursuit.loading.format_files import format_definition, preset_names

_PRECISIONS = {0: "1", 1: "0.1", 2: "0.01", 3: "0.001", 4: "0.0001"}


def competition_text(
    comp: Competition,
    format_name: str,
    note: str = "",
    definition: Mapping[str, Any] | None = None,
) -> str:
    """The file for `comp`, whose format is the preset `format_name` or, when `definition` is
    given and is not that preset's, the definition itself (embedded as `[format]`)."""
    doc = tomlkit.document()
    for line in note.splitlines():
        doc.add(tomlkit.comment(line))
    if note:
        doc.add(tomlkit.nl())
    embedded = definition is not None and not _is_preset(format_name, definition)
    doc["competition"] = _meta(comp, None if embedded else format_name)
    if comp.meta.nations:
        doc["nations"] = dict(comp.meta.nations)
    doc["entrants"] = {k: _lines(v) for k, v in _entrants(comp).items()}
    rounds = _rounds(comp)
    if rounds:
        doc["rounds"] = _super_table(rounds)
    published = _published(comp)
    if published:
        doc["published"] = published
    if comp.decisions:  # in order: a later one may lift an earlier one
        decisions = tomlkit.aot()
        for decision in comp.decisions:
            table = tomlkit.table()
            table.update(_decision(decision))
            decisions.append(table)
        doc["decisions"] = decisions
    if embedded:
        assert definition is not None
        doc["format"] = _with_long_text(definition)
    return tomlkit.dumps(doc)


def _lines(items: list[dict[str, Any]]) -> Array:
    """A list of tables written one inline table to a line."""
    out = tomlkit.array()
    for item in items:
        table = tomlkit.inline_table()
        table.update(item)
        out.append(table)
    return out.multiline(True)


def _super_table(tables: dict[str, dict[str, Any]]) -> Table:
    """`[rounds.Q]`, `[rounds.F]`, … with no `[rounds]` line above them."""
    out = tomlkit.table(is_super_table=True)
    for key, table in tables.items():
        out[key] = {k: _lines(v) if k == "rides" else v for k, v in table.items()}
    return out


def _with_long_text(value: Any) -> Any:
    """Text of several lines (a format's description) written as a multi-line string."""
    if isinstance(value, str) and "\n" in value:
        return tomlkit.string(value, multiline=True)
    if isinstance(value, Mapping):
        return {k: _with_long_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_with_long_text(v) for v in value]
    return value


@cache
def _preset(name: str) -> dict[str, Any]:
    return format_definition(name)


def _is_preset(name: str, definition: Mapping[str, Any]) -> bool:
    return name in preset_names() and _preset(name) == dict(definition)


def _meta(comp: Competition, format_name: str | None) -> dict[str, Any]:
    meta = comp.meta
    return _drop_none(
        {
            "title": meta.title,
            "event": meta.event,
            "gender": meta.gender,
            "distance_m": meta.distance_m,
            "track_length_m": UNKNOWN_TRACK
            if meta.track_length_m is None
            else _number(meta.track_length_m),
            "venue": meta.venue,
            "altitude_m": meta.altitude_m,
            "dates": list(meta.dates) or None,
            "precision": _PRECISIONS[meta.precision],
            "format": format_name,
            "records": list(meta.records) if meta.records != DEFAULT_KINDS else None,
        }
    )


def _number(value: float) -> float | int:
    """250 as `250`, 333.33 as `333.33`: the same number however it was stored."""
    return int(value) if float(value).is_integer() else float(value)


def _entrants(comp: Competition) -> dict[str, Any]:
    riders = [_entrant(comp, e) for e in comp.entrants if not isinstance(e, Team)]
    teams = [_entrant(comp, e) for e in comp.entrants if isinstance(e, Team)]
    return {k: v for k, v in (("riders", riders), ("teams", teams)) if v}


def _entrant(comp: Competition, e: Entrant) -> dict[str, Any]:
    said = comp.notes.entrants.get(e.name, EntrantNotes())
    fields: dict[str, Any] = {"name": e.name, "nation": e.nation}
    if isinstance(e, Team):
        fields |= {"bib": e.bib, "roster": [r.name for r in e.roster]}
    else:
        fields |= {"family_name": e.family_name, "bib": e.bib}
    fields |= {"aka": list(said.aka) or None, "basis": said.basis, "note": said.note}
    return _drop_none(fields)


def _rounds(comp: Competition) -> dict[str, Any]:
    out: dict[str, Any] = {}
    # splits at some distances only are written at those distances; on an unknown track no
    # ride has them (the reader and the log refuse them there)
    half_lap_m = comp.meta.half_lap_m if comp.meta.track_length_m is not None else 0.0
    for spec in comp.format.rounds:
        slot = comp.schedule.get(spec.id)
        chains = comp.orders.get(spec.id)
        table = _drop_none(
            {
                "date": slot.date if slot else None,
                "time": slot.time if slot else None,
                "note": comp.notes.rounds.get(spec.id),
                "order": [list(chain) for chain in chains] if chains else None,
                "rides": [_ride(r, half_lap_m) for r in comp.rides_of(spec.id)] or None,
            }
        )
        if table:
            out[spec.id] = table
    return out


def _ride(r: Ride, half_lap_m: float) -> dict[str, Any]:
    t = r.outcome.time
    status = r.outcome.status.value
    return _drop_none(
        {
            "heat": r.heat,
            "rider": r.entrant,
            "time": format_time(t) if t else None,
            "status": None if status == "finished" else status,
            "side": r.side.value if r.side else None,
            "splits": _splits(r, half_lap_m),
            "record": r.record,
            "rank": r.published_rank,
            "basis": r.basis,
            "lineup": list(r.lineup) or None,
            "dropped": list(r.dropped) or None,
            "note": r.note,
        }
    )


def _splits(r: Ride, half_lap_m: float) -> list[Any] | None:
    """Plain times at every half lap; tables { at, time } when given at some distances."""
    if r.splits.dense:
        return [format_time(s) for s in r.splits] or None
    points = distances_of(r.splits, half_lap_m)
    return [{"at": distance_text(d), "time": format_time(t)} for d, t in points]


def _decision(d: Decision) -> dict[str, Any]:
    return _drop_none(
        {
            "effect": d.effect,
            "round": d.round,
            "entrant": d.entrant,
            "place": d.place,
            "authority": d.authority,
            "date": d.date,
            "reference": d.reference,
            "basis": d.basis,
            "reason": d.reason,
        }
    )


def _published(comp: Competition) -> dict[str, Any]:
    places = [{"rank": p.rank, "rider": p.entrant} for p in comp.published_classification]
    return _drop_none(
        {
            "source": comp.notes.published_source,
            "classification": _lines(places) if places else None,
        }
    )


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}
