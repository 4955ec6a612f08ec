"""Read a format definition from plain data (a parsed TOML table) and check it."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping, Sequence
from typing import Any

from pursuit.core.formats import (
    DEFAULT_UNRANKED,
    Block,
    CatchEffect,
    Format,
    HeatSpec,
    MemberGroup,
    MemberSet,
    Order,
    OrderKind,
    OvertakenInOrder,
    OvertakenRule,
    Pool,
    RoundKind,
    RoundSpec,
    TieBreak,
    UnrankedBlock,
    UnrankedOrder,
    ref_round,
)
from pursuit.core.incident_rules import (
    TABLES,
    TEAM_LATE_INCIDENT,
    ByPhase,
    Consequence,
    IncidentRules,
    Phase,
    allowed,
)
from pursuit.core.refs import HeatRef, RankRef, Ref, parse_ref
from pursuit.errors import FormatDefinitionError, LineIndex, Place

GROUPS = tuple(group.value for group in MemberGroup)
ORDERS = tuple(kind.value for kind in OrderKind)
UNRANKED_STATUSES = ("overtaken", "dnf", "rel", "dns", "dsq")
_PRECISIONS = {"1": 0, "0.1": 1, "0.01": 2, "0.001": 3, "0.0001": 4}
_KINDS: dict[type, str] = {int: "whole numbers", str: "strings", list: "lists"}
_TWO_RANKS = "two ranks: the winner's and the loser's"


def _shown(value: object) -> str:
    """A value as a file writes it, for a message: dates as dates, not as Python."""
    isoformat = getattr(value, "isoformat", None)
    return str(isoformat()) if callable(isoformat) else repr(value)


def _fills_only_round_and_n(template: str) -> bool:
    """Whether `template` fills in nothing but plain {round} and {n} (no spec, no attribute)."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError:
        return False
    return all(
        name is None or (name in ("round", "n") and not spec and conversion is None)
        for _, name, spec, conversion in parts
    )


_STEP = re.compile(r"\.?([^.[\]]+)|\[(\d+)\]")


def _path(where: str) -> tuple[str | int, ...]:
    """The document path a `where` names: "rounds[1].places" -> ("rounds", 1, "places");
    "format.x" is the top-level field x."""
    steps = tuple(
        int(index) if index else key for key, index in _STEP.findall(where.removeprefix("format."))
    )
    return steps


class _Reader:
    def __init__(self, source: str, lines: LineIndex | None) -> None:
        self.source = source
        self.lines = lines

    def fail(self, where: str, message: str) -> FormatDefinitionError:
        if self.lines is None:
            return FormatDefinitionError(f"{self.source}: {where}: {message}")
        place = Place.in_document(self.source, self.lines, _path(where))
        return FormatDefinitionError(f"{where}: {message}", place)

    def text(
        self, table: Mapping[str, Any], key: str, where: str, default: str | None = None
    ) -> str:
        value = table.get(key, default)
        if not isinstance(value, str) or not value:
            raise self.fail(f"{where}.{key}", "must be a non-empty string")
        return value

    def choice(
        self,
        table: Mapping[str, Any],
        key: str,
        where: str,
        options: Sequence[str],
        default: str | None = None,
    ) -> str:
        value = table.get(key, default)
        if value not in options:
            raise self.fail(f"{where}.{key}", f"must be one of {', '.join(options)}; got {value!r}")
        return str(value)

    def count(
        self,
        table: Mapping[str, Any],
        key: str,
        where: str,
        default: int | None = None,
        minimum: int = 1,
    ) -> int | None:
        value = table.get(key, default)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise self.fail(f"{where}.{key}", f"must be a whole number ≥ {minimum}; got {value!r}")
        return value

    def items(
        self,
        table: Mapping[str, Any],
        key: str,
        where: str,
        kind: type,
        default: Sequence[Any] = (),
        what: str = "",
    ) -> list[Any]:
        """The list at `key` (`default` when absent), each item of `kind`; else an error
        saying `what` it must be (by default: a list of those)."""
        value = table.get(key, list(default))
        if not isinstance(value, list) or any(
            not isinstance(v, kind) or isinstance(v, bool) for v in value
        ):
            what = what or f"must be a list of {_KINDS[kind]}"
            raise self.fail(f"{where}.{key}", f"{what}; got {_shown(value)}")
        return value

    def refs(self, value: object, where: str) -> tuple[Ref, ...]:
        if not isinstance(value, list):
            raise self.fail(where, "must be a list of references")
        return tuple(
            parse_ref(item, f"{self.source}: {where}[{i}]") for i, item in enumerate(value)
        )

    def members(self, value: object, where: str) -> MemberSet:
        if isinstance(value, str):
            group, _, round_id = value.partition(":")
            if group not in GROUPS or not round_id:
                raise self.fail(
                    where,
                    f"{value!r}: write a list of references or GROUP:ROUND "
                    f"with GROUP one of {', '.join(GROUPS)}",
                )
            return MemberSet(group=MemberGroup(group), round=round_id)
        return MemberSet(refs=self.refs(value, where))

    def order(self, value: object, where: str) -> Order:
        if not isinstance(value, str):
            raise self.fail(where, "must be a string such as 'shared' or 'time:QF'")
        kind, _, round_id = value.partition(":")
        if kind not in ORDERS:
            raise self.fail(where, f"{value!r}: order is one of {', '.join(ORDERS)}")
        if kind in ("time", "rank") and not round_id:
            raise self.fail(where, f"{value!r}: say which round, e.g. '{kind}:Q'")
        return Order(OrderKind(kind), round_id or None)

    def round(self, table: Mapping[str, Any], index: int) -> RoundSpec:
        where = f"rounds[{index}]"
        round_id = self.text(table, "id", where)
        kind = RoundKind(self.choice(table, "kind", where, [k.value for k in RoundKind]))
        catch_default = "ride_on" if kind is RoundKind.TIMED else "ends_race"
        catch = CatchEffect(
            self.choice(table, "catch", where, [c.value for c in CatchEffect], catch_default)
        )
        overtaken = OvertakenRule(
            self.choice(table, "overtaken", where, [o.value for o in OvertakenRule], "time_counts")
        )
        heats: list[HeatSpec] = []
        per_heat = self.count(table, "competitors_per_heat", where, 2) or 2
        heats_what = "must be a list of heats, each a list of references"
        for n, pair in enumerate(self.items(table, "heats", where, list, (), heats_what), 1):
            refs = self.refs(pair, f"{where}.heats[{n - 1}]")
            if len(refs) != per_heat:
                raise self.fail(f"{where}.heats[{n - 1}]", f"a heat has {per_heat} competitors")
            heats.append(HeatSpec(n, refs))
        if kind is RoundKind.KNOCKOUT and not heats:
            raise self.fail(
                where, "a knockout round needs its heats, e.g. heats = [['Q#1', 'Q#8']]"
            )
        if kind is RoundKind.TIMED and heats:
            raise self.fail(where, "a timed round's pairs are input, not part of the format")
        run_order = tuple(self.items(table, "run_order", where, int))
        if run_order and sorted(run_order) != list(range(1, len(heats) + 1)):
            raise self.fail(f"{where}.run_order", "must list every heat number once")
        places = tuple(self.items(table, "places", where, int, what=_TWO_RANKS))
        if places and len(places) != 2:
            raise self.fail(f"{where}.places", _TWO_RANKS)
        heat_name = self.text(table, "heat_name", where, "{round} heat {n}")
        if not _fills_only_round_and_n(heat_name):
            raise self.fail(
                f"{where}.heat_name", f"{heat_name!r}: only {{round}} and {{n}} may be filled in"
            )
        phase = table.get("phase")
        if phase is not None:
            phase = Phase(self.choice(table, "phase", where, [p.value for p in Phase]))
            if (phase is Phase.QUALIFYING) != (kind is RoundKind.TIMED):
                raise self.fail(
                    f"{where}.phase",
                    "a timed round is the qualifying; a knockout round a first_round or a final",
                )
        return RoundSpec(
            id=round_id,
            name=self.text(table, "name", where, round_id),
            kind=kind,
            catch=catch,
            overtaken=overtaken,
            advance=self.count(table, "advance", where),
            heats=tuple(heats),
            run_order=run_order,
            places=places,
            heat_name=heat_name,
            competitors_per_heat=per_heat,
            mark=self.text(table, "mark", where) if "mark" in table else "",
            phase_given=phase,
        )

    def incidents(self, data: Mapping[str, Any], team: bool) -> IncidentRules:
        """The `[incidents]` table: every key optional, each default the current UCI rule."""
        table = data.get("incidents", {})
        if not isinstance(table, Mapping):
            raise self.fail("incidents", "write it as an [incidents] table")
        defaults = IncidentRules()
        if team:
            defaults = IncidentRules(late_incident=TEAM_LATE_INCIDENT)
        restart = self.count(table, "restart_half_laps", "incidents", 1, minimum=0)
        tables = {name: self.by_phase(table, name, getattr(defaults, name)) for name in TABLES}
        return IncidentRules(
            restart_half_laps=defaults.restart_half_laps if restart is None else restart,
            second_false_start=tables["second_false_start"],
            late_incident=tables["late_incident"],
            short_team=tables["short_team"],
        )

    def by_phase(self, table: Mapping[str, Any], key: str, default: ByPhase) -> ByPhase:
        where = f"incidents.{key}"
        given = table.get(key, {})
        if not isinstance(given, Mapping):
            raise self.fail(where, "write it as { qualifying = …, first_round = …, final = … }")
        for name in given:
            if name not in [p.value for p in Phase]:
                raise self.fail(f"{where}.{name}", "a phase is qualifying, first_round or final")
        chosen = {}
        for phase in Phase:
            options = [c.value for c in allowed(key, phase)]
            value = self.choice(given, phase.value, where, options, default.of(phase).value)
            chosen[phase] = Consequence(value)
        return ByPhase(chosen[Phase.QUALIFYING], chosen[Phase.FIRST_ROUND], chosen[Phase.FINAL])

    def unranked(self, table: Mapping[str, Any], index: int) -> UnrankedBlock:
        where = f"unranked[{index}]"
        statuses = table.get("statuses")
        if (
            not isinstance(statuses, list)
            or not statuses
            or any(s not in UNRANKED_STATUSES for s in statuses)
        ):
            raise self.fail(f"{where}.statuses", f"a list of {', '.join(UNRANKED_STATUSES)}")
        return UnrankedBlock(
            label=self.text(table, "label", where),
            statuses=tuple(statuses),
            order=UnrankedOrder(
                self.choice(table, "order", where, [o.value for o in UnrankedOrder], "name")
            ),
        )


def format_from_mapping(
    data: Mapping[str, Any], source: str = "<format>", lines: LineIndex | None = None
) -> Format:
    """Build and check a `Format`; every problem names the field it is in, and its line when
    `lines` (where each value of the file stands) is given."""
    r = _Reader(source, lines)
    rounds_data = data.get("rounds")
    if not isinstance(rounds_data, list) or not rounds_data:
        raise r.fail("rounds", "a format needs at least one [[rounds]] table")
    for key in ("rounds", "pools", "classification", "unranked"):
        items = data.get(key, [])
        if not isinstance(items, list) or any(not isinstance(t, Mapping) for t in items):
            raise r.fail(key, f"write each of {key} as a [[{key}]] table")
    rounds = tuple(r.round(t, i) for i, t in enumerate(rounds_data))
    pools = tuple(
        Pool(
            r.text(t, "id", f"pools[{i}]"),
            r.members(t.get("members"), f"pools[{i}].members"),
            r.order(t.get("order", "listed"), f"pools[{i}].order"),
        )
        for i, t in enumerate(data.get("pools", []))
    )
    blocks = tuple(
        Block(
            r.members(t.get("members"), f"classification[{i}].members"),
            r.order(t.get("order", "listed"), f"classification[{i}].order"),
        )
        for i, t in enumerate(data.get("classification", []))
    )
    if not blocks:
        raise r.fail("classification", "a format needs at least one [[classification]] block")
    unranked = tuple(r.unranked(t, i) for i, t in enumerate(data.get("unranked", []))) or (
        DEFAULT_UNRANKED
    )
    precision_text = str(data.get("precision", "0.01"))
    if precision_text not in _PRECISIONS:
        raise r.fail("precision", f"one of {', '.join(_PRECISIONS)}; got {precision_text!r}")
    if data.get("reduce", "truncate") != "truncate":
        raise r.fail("reduce", "only 'truncate' is known (the rules never round)")
    tie_break = tuple(
        TieBreak(r.choice({"t": t}, "t", "tie_break", [b.value for b in TieBreak]))
        for t in r.items(data, "tie_break", "format", str, ("last_lap", "shared"))
    )
    description = data.get("description", "")
    if not isinstance(description, str):
        raise r.fail("description", "must be a string")
    fmt = Format(
        name=r.text(data, "name", "format"),
        title=r.text(data, "title", "format", str(data.get("name", ""))),
        description=description.strip(),
        event=r.choice(data, "event", "format", ["individual", "team"], "individual"),
        precision=_PRECISIONS[precision_text],
        rounds=rounds,
        classification=blocks,
        pools=pools,
        unranked=unranked,
        tie_break=tie_break,
        team_size=r.count(data, "team_size", "format", 4) or 4,
        counting_rider=r.count(data, "counting_rider", "format", 3) or 3,
        starts_per_phase=r.count(data, "starts_per_phase", "format", 2) or 2,
        incidents=r.incidents(data, data.get("event") == "team"),
        source=source,
        overtaken_in_time_order=OvertakenInOrder(
            r.choice(
                data,
                "overtaken_in_time_order",
                "format",
                [o.value for o in OvertakenInOrder],
                OvertakenInOrder.UNKNOWN.value,
            )
        ),
    )
    _check_references(fmt, r)
    return fmt


def _check_references(fmt: Format, r: _Reader) -> None:
    """Every reference must point backwards to something that exists."""
    known: dict[str, RoundSpec | Pool] = {}
    pools = {p.id: p for p in fmt.pools}
    if len(pools) != len(fmt.pools) or set(pools) & set(fmt.round_ids()):
        raise r.fail("pools", "pool and round ids must be unique")

    def check(ref: Ref, where: str, visiting: frozenset[str] = frozenset()) -> None:
        target_id = ref_round(ref)
        target: RoundSpec | Pool | None = known.get(target_id) or pools.get(target_id)
        if target is None:
            raise r.fail(
                where, f"{ref} refers to {target_id!r}, which is not an earlier round or a pool"
            )
        if isinstance(ref, HeatRef):
            if not isinstance(target, RoundSpec) or target.kind is not RoundKind.KNOCKOUT:
                raise r.fail(where, f"{ref}: only knockout rounds have heat winners and losers")
            if ref.heat > len(target.heats):
                raise r.fail(where, f"{ref}: round {target_id} has {len(target.heats)} heats")
        elif isinstance(ref, RankRef) and isinstance(target, RoundSpec):
            if target.kind is not RoundKind.TIMED:
                raise r.fail(where, f"{ref}: rank a knockout round's riders through a pool")
            if target.advance is not None and ref.n > target.advance:
                raise r.fail(where, f"{ref}: only {target.advance} advance from {target_id}")
        if isinstance(target, Pool):
            check_pool(target, where, visiting)

    def check_pool(pool: Pool, where: str, visiting: frozenset[str]) -> None:
        if pool.id in visiting:
            raise r.fail(f"pools[{pool.id}]", f"pool {pool.id!r} refers to itself (via {where})")
        for round_id in (pool.members.round, pool.order.round):
            if round_id is not None and round_id not in known:
                raise r.fail(
                    f"pools[{pool.id}]",
                    f"round {round_id!r} is not decided before the pool is used ({where})",
                )
        for inner in pool.members.refs:
            check(inner, f"pools[{pool.id}]", visiting | {pool.id})

    for index, spec in enumerate(fmt.rounds):
        if spec.id in known:
            raise r.fail(f"rounds[{index}].id", f"round id {spec.id!r} used twice")
        for heat in spec.heats:
            for ref in heat.refs:
                check(ref, f"rounds[{index}].heats[{heat.number - 1}]")
        known[spec.id] = spec
    for i, block in enumerate(fmt.classification):
        for ref in block.members.refs:
            check(ref, f"classification[{i}].members")
        for round_id in (block.members.round, block.order.round):
            if round_id is not None and round_id not in known:
                raise r.fail(f"classification[{i}]", f"unknown round {round_id!r}")
    for pool in fmt.pools:
        check_pool(pool, "the format", frozenset())
