"""Builders for unit tests: competitions as readable TOML text, or straight from dataclasses.

A ride is written either as a tuple `(name, value)` where value is a time ("4:40.41") or a
status ("dns", "dnf", "dsq", "overtaken", "caught"), or as a dict made by `ride(...)` when
it needs more (a heat, splits, a published rank, a status *and* a time).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pursuit.core.competition import Competition, Metadata, Ride
from pursuit.core.engine import compute
from pursuit.core.entrants import Rider
from pursuit.core.findings import Finding
from pursuit.core.formats import Format
from pursuit.core.outcomes import Outcome, Status
from pursuit.core.results import Results
from pursuit.core.splits import Splits
from pursuit.core.times import RaceTime
from pursuit.loading.competition_file import Loaded, competition_from_text

STATUSES = {s.value for s in Status}

RideLike = tuple[str, str | None] | Mapping[str, Any]


def ride(
    name: str,
    time: str | None = None,
    *,
    status: str | None = None,
    heat: int | None = None,
    splits: Sequence[str] = (),
    rank: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """One ride as the competition file writes it."""
    out: dict[str, Any] = {"rider": name}
    if heat is not None:
        out["heat"] = heat
    if time is not None:
        out["time"] = time
    if status is not None:
        out["status"] = status
    if splits:
        out["splits"] = list(splits)
    if rank is not None:
        out["rank"] = rank
    out.update(extra)
    return out


def _as_ride(item: RideLike) -> Mapping[str, Any]:
    if isinstance(item, Mapping):
        return item
    name, value = item
    if value is None:
        return {"rider": name}
    if value in STATUSES:
        return {"rider": name, "status": value}
    return {"rider": name, "time": value}


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(value)


def competition_text(
    format_name: str,
    rounds: Mapping[str, Iterable[RideLike]],
    *,
    riders: Sequence[str] | None = None,
    precision: str | None = None,
    distance_m: int = 4000,
    track_length_m: float = 250,
    published: Sequence[tuple[str, str]] = (),
) -> str:
    """A whole competition file, one ride per line (so each ride's line is easy to find).

    Entrants default to everyone named in any round, in order of first appearance.
    """
    rides = {rid: [_as_ride(r) for r in items] for rid, items in rounds.items()}
    if riders is None:
        seen: dict[str, None] = {}
        for items in rides.values():
            for r in items:
                seen.setdefault(str(r.get("rider")), None)
        riders = list(seen)
    lines = [
        "[competition]",
        'title = "Test pursuit"',
        f"format = {toml_value(format_name)}",
        f"distance_m = {distance_m}",
        f"track_length_m = {track_length_m}",
    ]
    if precision is not None:
        lines.append(f"precision = {toml_value(precision)}")
    lines += ["", "[entrants]", "riders = ["]
    lines += [f"  {{ name = {toml_value(name)} }}," for name in riders]
    lines.append("]")
    for round_id, items in rides.items():
        lines += ["", f"[rounds.{round_id}]", "rides = ["]
        lines += [f"  {toml_value(dict(r))}," for r in items]
        lines.append("]")
    if published:
        lines += ["", "[published]", "classification = ["]
        lines += [f"  {{ rank = {toml_value(k)}, rider = {toml_value(n)} }}," for k, n in published]
        lines.append("]")
    return "\n".join(lines) + "\n"


def line_of(text: str, needle: str) -> int:
    """The 1-based line of the only line containing `needle`."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(hits) == 1, f"{needle!r} found on lines {hits}"
    return hits[0]


@dataclass(frozen=True)
class Run:
    """A competition loaded from text and computed."""

    text: str
    loaded: Loaded
    results: Results

    @property
    def load_findings(self) -> list[Finding]:
        return list(self.loaded.findings)

    @property
    def findings(self) -> list[Finding]:
        return [*self.loaded.findings, *self.results.findings]

    def codes(self) -> list[str]:
        return [f.code for f in self.findings]

    def classification(self) -> list[tuple[str, str | None]]:
        """(label, entrant) top to bottom; a vacant place has entrant None."""
        return [(p.label, p.entrant) for p in self.results.classification]

    def label_of(self, name: str) -> str:
        labels = [p.label for p in self.results.classification if p.entrant == name]
        assert len(labels) == 1, f"{name} is classified {len(labels)} times"
        return labels[0]

    def heat(self, round_id: str, number: int = 1) -> tuple[str | None, str | None, str]:
        h = self.results.round(round_id).heats[number - 1]
        return h.winner, h.loser, h.decided_by


def run(text: str, source: str = "test.toml") -> Run:
    loaded = competition_from_text(text, source)
    return Run(text, loaded, compute(loaded.competition))


def run_rounds(format_name: str, rounds: Mapping[str, Iterable[RideLike]], **kw: Any) -> Run:
    return run(competition_text(format_name, rounds, **kw))


def field_of(n: int, start: str = "4:40.00", step_hundredths: int = 50) -> list[tuple[str, str]]:
    """n riders R01, R02, … finishing in that order, `step_hundredths` apart."""
    minutes, rest = start.split(":")
    base = (int(minutes) * 60 + float(rest)) * 100
    out = []
    for i in range(n):
        h = round(base) + i * step_hundredths
        out.append((f"R{i + 1:02d}", f"{h // 6000}:{h % 6000 // 100:02d}.{h % 100:02d}"))
    return out


# Building competitions directly (no TOML): used by the property tests, where speed matters.


def direct_competition(
    fmt: Format,
    names: Sequence[str],
    rides: Mapping[str, Sequence[Ride]],
    *,
    precision: int | None = None,
    distance_m: int = 4000,
    track_length_m: float = 250.0,
) -> Competition:
    meta = Metadata(
        title="Generated pursuit",
        distance_m=distance_m,
        track_length_m=track_length_m,
        precision=fmt.precision if precision is None else precision,
    )
    return Competition(
        meta, fmt, tuple(Rider(n) for n in names), {k: tuple(v) for k, v in rides.items()}
    )


def timed_ride(
    name: str,
    ticks: int | None,
    status: Status = Status.FINISHED,
    *,
    heat: int | None = None,
    splits: Sequence[int] = (),
    digits: int = 3,
) -> Ride:
    time = None if ticks is None else RaceTime(ticks, digits)
    return Ride(
        name,
        Outcome(status, time),
        heat=heat,
        splits=Splits.of(RaceTime(s, digits) for s in splits),
    )
