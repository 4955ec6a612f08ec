"""Write a competition back as a competition file (TOML) — the results, not the history."""

from __future__ import annotations

import json
from typing import Any

from pursuit.core.competition import UNKNOWN_TRACK, Competition, Ride
from pursuit.core.entrants import Team
from pursuit.core.split_points import distance_text, distances_of
from pursuit.core.standing import DEFAULT_KINDS
from pursuit.core.times import format_time

_PRECISIONS = {0: "1", 1: "0.1", 2: "0.01", 3: "0.001", 4: "0.0001"}


def value(v: Any) -> str:
    """A TOML value for plain data (str, int, float, bool, list, dict)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{_key(k)} = {value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot write {type(v).__name__} as TOML")


def _key(k: str) -> str:
    bare = k.replace("_", "").replace("-", "").isalnum() and k.isascii()
    return k if bare else json.dumps(k, ensure_ascii=False)


def table(name: str, items: dict[str, Any]) -> list[str]:
    lines = [f"[{name}]"]
    lines += [f"{_key(k)} = {value(v)}" for k, v in items.items() if v is not None]
    return lines


def competition_text(comp: Competition, format_reference: str, note: str = "") -> str:
    meta = comp.meta
    lines = [f"# {line}" for line in note.splitlines()] + ([""] if note else [])
    lines += table(
        "competition",
        {
            "title": meta.title,
            "event": meta.event,
            "gender": meta.gender,
            "distance_m": meta.distance_m,
            "track_length_m": UNKNOWN_TRACK if meta.track_length_m is None else meta.track_length_m,
            "venue": meta.venue,
            "altitude_m": meta.altitude_m,
            "dates": list(meta.dates),
            "precision": _PRECISIONS[meta.precision],
            "format": format_reference,
            "records": list(meta.records) if meta.records != DEFAULT_KINDS else None,
        },
    )
    if meta.nations:
        lines += ["", *table("nations", dict(meta.nations))]
    riders = [e for e in comp.entrants if not isinstance(e, Team)]
    teams = [e for e in comp.entrants if isinstance(e, Team)]
    lines += ["", "[entrants]"]
    if riders:
        lines.append("riders = [")
        for r in riders:
            fields = {
                "name": r.name,
                "nation": r.nation,
                "family_name": r.family_name,
                "bib": r.bib,
            }
            lines.append(f"  {value(_drop_none(fields))},")
        lines.append("]")
    if teams:
        lines.append("teams = [")
        for t in teams:
            team: dict[str, Any] = {
                "name": t.name,
                "nation": t.nation,
                "bib": t.bib,
                "roster": [r.name for r in t.roster],
            }
            lines.append(f"  {value(_drop_none(team))},")
        lines.append("]")
    for spec in comp.format.rounds:
        rides = comp.rides_of(spec.id)
        slot = comp.schedule.get(spec.id)
        if not rides and slot is None:
            continue
        lines += ["", f"[rounds.{spec.id}]"]
        if slot is not None:
            lines += table("", {"date": slot.date, "time": slot.time})[1:]
        if chains := comp.orders.get(spec.id):
            lines.append(f"order = {value([list(chain) for chain in chains])}")
        if rides:
            lines.append("rides = [")
            lines += [f"  {value(_ride(r, (comp.meta.track_length_m or 0.0) / 2))}," for r in rides]
            lines.append("]")
    if comp.published_classification:
        lines += ["", "[published]", "classification = ["]
        lines += [
            f"  {value({'rank': p.rank, 'rider': p.entrant})},"
            for p in comp.published_classification
        ]
        lines.append("]")
    return "\n".join(lines) + "\n"


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
        }
    )


def _splits(r: Ride, half_lap_m: float) -> list[Any] | None:
    """Plain times at every half lap; tables { at, time } when given at some distances."""
    if r.splits.dense:
        return [format_time(s) for s in r.splits] or None
    points = distances_of(r.splits, half_lap_m)
    return [{"at": distance_text(d), "time": format_time(t)} for d, t in points]


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}
