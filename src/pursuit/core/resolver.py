"""What the engine knows while it works through the rounds: resolves references."""

from __future__ import annotations

from dataclasses import dataclass, field

from pursuit.core.competition import Competition, Ride
from pursuit.core.findings import Finding
from pursuit.core.formats import (
    MemberGroup,
    MemberSet,
    Order,
    OrderKind,
    OvertakenInOrder,
    Pool,
)
from pursuit.core.outcomes import Status
from pursuit.core.published_orders import Evidence
from pursuit.core.ranking import number_in_order, rank_by_time
from pursuit.core.refs import HeatRef, RankRef, Ref
from pursuit.core.results import RoundResult
from pursuit.core.times import RaceTime
from pursuit.errors import Place


@dataclass
class Context:
    """The rounds worked out so far while a competition is computed."""

    competition: Competition
    rounds: dict[str, RoundResult] = field(default_factory=dict)
    rides_by_round: dict[str, dict[str, Ride]] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    _pools: dict[str, list[str] | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.entrants = {e.name: e for e in self.competition.entrants}
        self._sort_names: dict[str, str] = {}  # found as they are needed
        self.digits = self.competition.meta.precision
        self.half_laps = self.competition.meta.half_laps
        self.tie_break = self.competition.format.tie_break
        self.pool_specs = {p.id: p for p in self.competition.format.pools}

    def find(self, code: str, message: str, place: Place | None = None) -> None:
        self.findings.append(Finding(code, message, place))

    def sort_name(self, entrant: str) -> str:
        """The entrant's alphabetical key (the name itself for one not entered)."""
        known = self._sort_names.get(entrant)
        if known is None:
            found = self.entrants.get(entrant)
            known = found.sort_name if found is not None else entrant
            self._sort_names[entrant] = known
        return known

    def resolve(self, ref: Ref) -> str | None:
        """The entrant a reference stands for, or None while it is not known yet."""
        if isinstance(ref, HeatRef):
            done = self.rounds.get(ref.round)
            if done is None or ref.heat > len(done.heats):
                return None
            heat = done.heats[ref.heat - 1]
            return heat.winner if ref.winner else heat.loser
        assert isinstance(ref, RankRef)
        if ref.source in self.pool_specs:
            order = self.pool_order(self.pool_specs[ref.source])
        else:
            done = self.rounds.get(ref.source)
            order = list(done.advanced) if done is not None and done.complete else None
        if order is None or ref.n > len(order):
            return None
        return order[ref.n - 1]

    def pool_order(self, pool: Pool) -> list[str] | None:
        if pool.id not in self._pools:
            members = self.members(pool.members)
            if any(m is None for m in members):
                self._pools[pool.id] = None
            else:
                named = [m for m in members if m is not None]
                if pool.order.kind is OrderKind.TIME and pool.order.round is not None:
                    ordered, unknown = self.order_by_time_known(named, pool.order.round)
                    self._report_unknown(pool, pool.order.round, unknown)
                else:
                    ordered, unknown = self.order(named, pool.order), []
                self._report_pool_ties(pool, ordered, set(unknown))
                self._pools[pool.id] = [name for _, _, name in ordered]
        return self._pools[pool.id]

    def _report_pool_ties(
        self, pool: Pool, ordered: list[tuple[int, bool, str]], unknown: set[str]
    ) -> None:
        """Members sharing a place in a pool are listed alphabetically, and that order may
        decide who rides which final: a finding, as at a qualification line. (Members whose
        place is unknown for want of a time are reported apart: `order-unknown`.)"""
        if pool.order.kind is OrderKind.SHARED:
            return
        tied: dict[int, list[str]] = {}
        for rank, shared, name in ordered:
            if shared and name not in unknown:
                tied.setdefault(rank, []).append(name)
        round_id = pool.order.round
        rides = self.rides_by_round.get(round_id, {}) if round_id else {}
        measure = "times" if pool.order.kind is OrderKind.TIME else "ranks"
        for rank, names in tied.items():
            if len(names) < 2:
                continue
            ride = rides.get(names[-1])
            self.find(
                "pool-tie",
                f"pool {pool.id}: {' and '.join(names)} tie for place {rank}"
                f"{f' on their {round_id} {measure}' if round_id else ''}, so alphabetical "
                "order decides where each rides; a commissaires' decision is needed",
                ride.place if ride is not None else None,
            )

    def _report_unknown(self, pool: Pool, round_id: str, unknown: list[str]) -> None:
        """Members of a pool ordered by time whose place nothing tells: no time, no order."""
        if not unknown:
            return
        rides = self.rides_by_round.get(round_id, {})
        names = sorted(unknown, key=self.sort_name)
        ride = rides.get(names[-1])
        they = "has" if len(names) == 1 else "have"
        self.find(
            "order-unknown",
            f"pool {pool.id}: {', '.join(names)} {they} no {round_id} time and no published "
            f"order places {'them' if len(names) > 1 else 'it'} among the pool, so where each "
            f"rides is a guess (taken alphabetically after those placed); record the order "
            f"of round {round_id} (order = [...] in the file, or `pursuit order`)",
            ride.place if ride is not None else None,
        )

    def members(self, members: MemberSet) -> list[str | None]:
        """Who a member set stands for; None marks a place not known yet."""
        if members.group is None:
            return [self.resolve(ref) for ref in members.refs]
        assert members.round is not None
        done = self.rounds.get(members.round)
        if done is None:
            return []
        group = members.group
        if group is MemberGroup.WINNERS:
            return [h.winner for h in done.heats]
        if group is MemberGroup.LOSERS:
            return [h.loser for h in done.heats]
        ranked = [r.ride.entrant for r in done.ranking if r.rank is not None]
        if group is MemberGroup.RANKED:
            return list(ranked)
        if not done.complete:
            count = done.spec.advance or 0
            return [None] * count if group is MemberGroup.ADVANCED else []
        if group is MemberGroup.ADVANCED:
            return list(done.advanced)
        advanced = set(done.advanced)
        return [name for name in ranked if name not in advanced]

    def order(self, names: list[str], order: Order) -> list[tuple[int, bool, str]]:
        """Number `names` by `order`: (rank from 1, shared, name)."""
        if order.kind is OrderKind.LISTED:
            return [(i + 1, False, n) for i, n in enumerate(names)]
        if order.kind is OrderKind.SHARED:
            return [(1, len(names) > 1, n) for n in sorted(names, key=self.sort_name)]
        assert order.round is not None
        if order.kind is OrderKind.RANK:
            return self.order_by_rank(names, order.round)
        return self.order_by_time(names, order.round)

    def order_by_rank(self, names: list[str], round_id: str) -> list[tuple[int, bool, str]]:
        """Keep a round's own numbering (shared ranks stay shared), renumbered from 1."""
        done = self.rounds.get(round_id)
        ranks = {r.ride.entrant: r.rank for r in done.ranking} if done else {}
        levels = [ranks.get(n) for n in names]
        unranked_last = 10**9
        keys = [rank or unranked_last for rank in levels]
        order = sorted(range(len(names)), key=keys.__getitem__)  # stable: as given when equal
        return number_in_order(order, levels, names, self.sort_name)

    def order_by_time(self, names: list[str], round_id: str) -> list[tuple[int, bool, str]]:
        return self.order_by_time_known(names, round_id)[0]

    def order_by_time_known(
        self, names: list[str], round_id: str
    ) -> tuple[list[tuple[int, bool, str]], list[str]]:
        """`names` numbered by their times in the round and what its published orders say
        (core/published_orders.py), and those without a time whose place is not known."""
        rides = self.rides_by_round.get(round_id, {})
        with_time = [n for n in names if n in rides and rides[n].outcome.time is not None]
        timed = set(with_time)
        absent = self._non_starters([n for n in names if n not in timed], rides)
        rest = [n for n in names if n not in timed and n not in absent]
        caught: list[str] = []
        if self.competition.format.overtaken_in_time_order is OvertakenInOrder.LAST:
            caught = [n for n in rest if n in rides and rides[n].outcome.status is Status.OVERTAKEN]
            rest = [n for n in rest if n not in caught]
        chains = self.competition.orders.get(round_id)
        if chains:
            everyone = [n for n, ride in rides.items() if ride.outcome.time is not None]
            evidence = Evidence(rides, chains, self._by_time(everyone, rides))
            out, unknown = evidence.order(with_time + rest, self.sort_name)
        else:
            out = self._by_time(with_time, rides)
            without = sorted(rest, key=self.sort_name)
            out.extend((len(with_time) + 1, len(without) > 1, n) for n in without)
            unknown = without
        after = len(out) + 1
        out.extend((after, len(caught) > 1, n) for n in sorted(caught, key=self.sort_name))
        after += len(caught)
        out.extend((after + i, False, n) for i, n in enumerate(absent))
        return out, unknown

    def _by_time(self, names: list[str], rides: dict[str, Ride]) -> list[tuple[int, bool, str]]:
        """`names`, each with a time in `rides`, ranked by time as a timed round ranks."""

        def time_of(name: str) -> RaceTime:
            time = rides[name].outcome.time
            assert time is not None
            return time

        return rank_by_time(
            names,
            time_of,
            lambda name: rides[name].splits,
            digits=self.digits,
            half_laps=self.half_laps,
            tie_break=self.tie_break,
            name=self.sort_name,
        )

    def _non_starters(self, names: list[str], rides: dict[str, Ride]) -> list[str]:
        """Those of `names` who did not start in the round, last of a time order and among
        themselves in the order of the first round, better first (UCI 3.2.087: team pursuit
        first-round non-starters ranked upward from 8th in qualifying-time order)."""
        absent = [n for n in names if n in rides and rides[n].outcome.status is Status.DNS]
        if not absent:
            return []
        first = self.rounds.get(self.competition.format.rounds[0].id)
        ranks = {r.ride.entrant: r.rank for r in first.ranking} if first is not None else {}
        never = 10**9
        return sorted(absent, key=lambda n: (ranks.get(n) or never, self.sort_name(n)))
