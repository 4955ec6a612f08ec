"""The rides of a round in a competition file: each checked fact by fact, a problem found on
the line of the value at fault and the ride kept whenever what is left can still count."""

from __future__ import annotations

import operator
from collections.abc import Mapping
from typing import Any

from pursuit.core.competition import Metadata, Ride, Side
from pursuit.core.outcomes import Outcome, Status
from pursuit.core.splits import NO_SPLITS, Splits
from pursuit.core.times import RaceTime, parse_time, parse_usual
from pursuit.errors import TimeFormatError
from pursuit.loading.document import Document
from pursuit.loading.split_reader import read_at_distances, uses_distances

ROUND_FIELDS = {"date", "time", "rides", "note", "order"}
RIDE_FIELDS = {
    "rider",
    "team",
    "time",
    "status",
    "heat",
    "side",
    "splits",
    "split_every",
    "record",
    "rank",
    "basis",
    "lineup",
    "dropped",
    "note",
}
# Why half-lap splits are dropped on a track whose length is not known.
TRACK_UNKNOWN_SPLITS = (
    'splits are not read: the track length is "unknown", so which half lap each split '
    "is cannot be known"
)
_STATUSES = {s.value: s for s in Status}  # Status(text) without the enum's slower lookup
_SIDES = {s.value: s for s in Side}
_RARER = {"rank", "lineup", "dropped", "note", "record", "basis"}  # read by `extras`


class RideReader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.find = doc.find
        self.place = doc.place

    def rides(
        self, round_id: str, table: Mapping[str, Any], known: set[str], meta: Metadata
    ) -> tuple[Ride, ...]:
        self.doc.unknown_keys(table, ROUND_FIELDS, ("rounds", round_id))
        raw = table.get("rides", [])
        if not isinstance(raw, list):
            raise self.doc.fail(f"rounds.{round_id}.rides must be a list", "rounds", round_id)
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
        time, time_read = self.time(item.get("time"), name, (*path, "time"))
        readable = readable and time_read
        splits = self.splits(
            item.get("splits", []), name, path, meta, time, item.get("split_every")
        )
        side = item.get("side")
        if side is not None and side not in ("red", "green"):
            self.find("bad-side", f"{name}: side must be red or green", *path, "side")
            side = None
        heat = item.get("heat")
        if heat is not None and (type(heat) is not int or heat < 1):  # true is no heat
            self.find("bad-heat", f"{name}: heat must be a number from 1", *path, "heat")
            heat = None
        # most rides have none of the rarer fields: then there is nothing more to check
        extras = {} if _RARER.isdisjoint(item) else self.extras(item, path, name)
        return Ride(
            entrant=name,
            outcome=Outcome(status, time),
            heat=heat,
            side=_SIDES[side] if side else None,
            splits=splits,
            readable=readable,
            place=self.place(*path),
            **extras,
        )

    def extras(
        self, item: Mapping[str, Any], path: tuple[str | int, ...], name: str
    ) -> dict[str, Any]:
        """The rarer fields of a ride that are given and well typed, as `Ride` arguments."""
        typed = self.doc.typed
        rank = typed(item, "rank", (str, int), *path, who=name)
        lineup = typed(item, "lineup", (list,), *path, who=name)
        if lineup is not None and not all(isinstance(r, str) for r in lineup):
            self.find("bad-field", f"{name}: lineup is a list of names", *path, "lineup")
            lineup = None
        dropped = typed(item, "dropped", (list,), *path, who=name)
        if dropped is not None and not all(isinstance(r, str) for r in dropped):
            self.find("bad-field", f"{name}: dropped is a list of names", *path, "dropped")
            dropped = None
        note = typed(item, "note", (str,), *path, who=name)
        return {
            "record": typed(item, "record", (str,), *path, who=name),
            "published_rank": str(rank) if rank is not None else None,
            "basis": typed(item, "basis", (str,), *path, who=name),
            "lineup": tuple(lineup or ()),
            "dropped": tuple(dropped or ()),
            "note": note,
        }

    def time(
        self, value: object, name: str, path: tuple[str | int, ...]
    ) -> tuple[RaceTime | None, bool]:
        """The time read, None when absent; and whether it read (False after a finding)."""
        if value is None:
            return None, True
        if not isinstance(value, str):
            self.find(
                "bad-time",
                f'{name}: write times as strings, e.g. "4:40.41" '
                f"(a number like {value!r} loses its trailing zeros)",
                *path,
            )
            return None, False
        try:
            return parse_time(value), True
        except TimeFormatError as e:
            self.find("bad-time", f"{name}: {e.message}", *path)
            return None, False

    def splits(
        self,
        raw: object,
        name: str,
        path: tuple[str | int, ...],
        meta: Metadata,
        time: RaceTime | None,
        every: object = None,
    ) -> Splits:
        if not isinstance(raw, list):
            self.find("bad-splits", f"{name}: splits must be a list of times", *path, "splits")
            return NO_SPLITS
        half_laps = meta.half_laps
        if half_laps is None:
            if raw:
                self.find("track-unknown", f"{name}: {TRACK_UNKNOWN_SPLITS}", *path, "splits")
            return NO_SPLITS
        # all at once, when all are text in the usual notation (so none is at a distance)
        parsed = parse_usual(raw) if every is None else None
        if parsed is None and uses_distances(raw, every):
            found = read_at_distances(raw, every, name, path, meta, self.find, self.time)
            return self.check_finish(found, name, path, meta, time)
        if parsed is None or not all(map(operator.lt, parsed[0], parsed[0][1:])):
            parsed = self.splits_one_by_one(raw, name, path)  # and find what is wrong
            if parsed is None:
                return NO_SPLITS
        ticks, digits = parsed
        if len(ticks) > half_laps:
            self.find(
                "bad-splits",
                f"{name}: {len(ticks)} splits for {half_laps} half laps",
                *path,
                "splits",
            )
            return NO_SPLITS
        return self.check_finish(Splits(ticks, digits), name, path, meta, time)

    def check_finish(
        self,
        splits: Splits,
        name: str,
        path: tuple[str | int, ...],
        meta: Metadata,
        time: RaceTime | None,
    ) -> Splits:
        """The splits, after a finding when the one at the finish is not the time or one is
        after it (they are kept)."""
        if time is not None and splits:
            last = splits[-1]
            if splits.reached == meta.half_laps and last != time:
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
        late = [m for m in splits.marks if time is not None and m.time > time]
        if late:
            self.find(
                "bad-splits",
                f"{name}: the split at {late[0].distance_m:g} m ({late[0].time}) is after the "
                f"finish time {time}",
                *path,
                "splits",
            )
        return splits

    def splits_one_by_one(
        self, raw: list[object], name: str, path: tuple[str | int, ...]
    ) -> tuple[tuple[int, ...], bytes] | None:
        """Ticks and decimals of the splits, or None after a finding on the first that does
        not parse or does not come after the one before."""
        out: list[RaceTime] = []
        for k, value in enumerate(raw):
            parsed, _ = self.time(value, f"{name} split {k + 1}", (*path, "splits", k))
            if parsed is None:
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
