"""Properties of the pure core: times round-trip, truncation, and classification invariants
over random fields simulated round by round under every preset."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from builders import direct_competition, timed_ride
from hypothesis import given, settings
from hypothesis import strategies as st

from pursuit.core.competition import Ride
from pursuit.core.engine import compute
from pursuit.core.formats import Format, OvertakenRule, RoundKind, TieBreak
from pursuit.core.outcomes import Status
from pursuit.core.ranking import rank_by_time
from pursuit.core.results import Results
from pursuit.core.times import MAX_DIGITS, RaceTime, format_time, parse_time, truncate, unit
from pursuit.loading.format_files import load_format

FAST = settings(max_examples=50, deadline=None)
SIMULATION = settings(max_examples=25, deadline=None)

PRESETS = {
    name: load_format(name) for name in ("olympic-1968", "olympic-1980", "uci-individual-pursuit")
}

digits_st = st.integers(min_value=0, max_value=MAX_DIGITS)


@st.composite
def race_times(draw: st.DrawFn, digits: int | None = None) -> RaceTime:
    """A time known to `digits` decimals: its ticks carry nothing finer."""
    d = draw(digits_st) if digits is None else digits
    units = draw(st.integers(min_value=0, max_value=36_000 * 10**d))
    return RaceTime(units * unit(d), d)


@st.composite
def canonical_time_texts(draw: st.DrawFn) -> str:
    """A time written the way results print it (no leading zero on the first field)."""
    hours = draw(st.integers(0, 3))
    minutes = draw(st.integers(0, 59))
    seconds = draw(st.integers(0, 59))
    d = draw(digits_st)
    if hours:
        text = f"{hours}:{minutes:02d}:{seconds:02d}"
    elif minutes:
        text = f"{minutes}:{seconds:02d}"
    else:
        text = f"{seconds}"
    if d:
        text += "." + "".join(draw(st.lists(st.sampled_from("0123456789"), min_size=d, max_size=d)))
    return text


@pytest.mark.parametrize("digits", range(MAX_DIGITS + 1))
@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_parsing_a_formatted_time_gives_back_the_same_time_and_precision(
    digits: int, data: st.DataObject
) -> None:
    t = data.draw(race_times(digits=digits))
    back = parse_time(format_time(t))
    assert back == t
    assert back.digits == t.digits


@FAST
@given(canonical_time_texts())
def test_formatting_a_parsed_canonical_time_gives_back_the_same_text(text: str) -> None:
    assert format_time(parse_time(text)) == text


@FAST
@given(race_times(digits=4), digits_st)
def test_truncation_is_idempotent_never_increases_a_time_and_drops_less_than_a_unit(
    t: RaceTime, digits: int
) -> None:
    once = truncate(t, digits)
    assert truncate(once, digits) == once
    assert truncate(once, digits).digits == once.digits == digits
    assert once <= t
    assert t.ticks - once.ticks < unit(digits)
    assert once.ticks % unit(digits) == 0


@FAST
@given(race_times(digits=4), digits_st, digits_st)
def test_truncating_in_steps_is_the_same_as_truncating_at_once(t: RaceTime, a: int, b: int) -> None:
    fine, coarse = max(a, b), min(a, b)
    assert truncate(truncate(t, fine), coarse) == truncate(t, coarse)


@FAST
@given(st.lists(race_times(digits=3), min_size=1, max_size=30), st.integers(0, 3))
def test_without_a_last_lap_a_rank_is_one_plus_the_number_strictly_faster(
    times: list[RaceTime], digits: int
) -> None:
    names = [f"N{i:02d}" for i in range(len(times))]
    by_name = dict(zip(names, times, strict=True))
    out = rank_by_time(
        names,
        by_name.__getitem__,
        lambda n: (),
        digits=digits,
        half_laps=4,
        tie_break=(TieBreak.LAST_LAP, TieBreak.SHARED),
        name=str,
    )
    assert sorted(name for _, _, name in out) == names
    at = {n: truncate(t, digits).ticks for n, t in by_name.items()}
    for rank, shared, name in out:
        assert rank == 1 + sum(1 for other in names if at[other] < at[name])
        assert shared == (sum(1 for other in names if at[other] == at[name]) > 1)


# ---------------------------------------------------------------------------------------------
# Random competitions, simulated round by round.

DISTANCE_M, TRACK_M = 1000, 500  # four half laps: a last lap needs two splits
LOW, HIGH = 240_0000, 330_0000  # 4:00 to 5:30 in ticks


# (status, has a time): mostly finishers; some overtaken, some results known without a time.
QUALIFYING_OUTCOMES = [(Status.FINISHED, True)] * 6 + [
    (Status.OVERTAKEN, True),
    (Status.OVERTAKEN, True),
    (Status.CAUGHT_OPPONENT, True),
    (Status.FINISHED, False),
    (Status.DNF, False),
    (Status.DNS, False),
    (Status.DSQ, False),
]
qualifying_facts = st.tuples(
    st.sampled_from(QUALIFYING_OUTCOMES),
    st.integers(LOW // 10, HIGH // 10),  # whole thousandths
    st.one_of(st.none(), st.tuples(st.integers(20, 50), st.integers(51, 90))),  # splits, in %
)


def qualifying_ride(
    name: str, facts: tuple[tuple[Status, bool], int, tuple[int, int] | None]
) -> Ride:
    (status, has_time), thousandths, split_percent = facts
    if not has_time:
        return timed_ride(name, None, status)
    ticks = thousandths * 10
    splits = [] if split_percent is None else [ticks * p // 1000 * 10 for p in split_percent]
    return timed_ride(name, ticks, status, splits=splits)


@st.composite
def heat_rides(draw: st.DrawFn, a: str, b: str, heat: int) -> list[Ride]:
    how = draw(st.sampled_from(["time", "time", "time", "catch", "dns", "dsq", "tie"]))
    first, second = draw(st.permutations([a, b]))
    if how == "catch":
        return [
            timed_ride(first, None, Status.CAUGHT_OPPONENT, heat=heat),
            timed_ride(second, None, Status.OVERTAKEN, heat=heat),
        ]
    if how in ("dns", "dsq"):
        return [
            timed_ride(first, draw(st.integers(LOW // 10, HIGH // 10)) * 10, heat=heat),
            timed_ride(second, None, Status(how), heat=heat),
        ]
    t1 = draw(st.integers(LOW // 10, HIGH // 10)) * 10  # whole thousandths
    t2 = t1 if how == "tie" else draw(st.integers(LOW // 10, HIGH // 10)) * 10
    return [timed_ride(first, t1, heat=heat), timed_ride(second, t2, heat=heat)]


@dataclass(frozen=True)
class Simulated:
    preset: str
    fmt: Format
    names: tuple[str, ...]
    steps: tuple[Results, ...]  # results after qualifying, then after each knockout round

    @property
    def final(self) -> Results:
        return self.steps[-1]

    def __repr__(self) -> str:
        """The preset and every ride, short enough to read in a failing example."""
        lines = [f"Simulated({self.preset!r}, {len(self.names)} riders)"]
        for round_id, rides in self.final.competition.rides.items():
            for r in rides:
                time = "" if r.outcome.time is None else format_time(r.outcome.time)
                splits = " ".join(format_time(s) for s in r.splits)
                heat = "" if r.heat is None else f" heat {r.heat}"
                lines.append(
                    f"  {round_id}{heat}: {r.entrant} {r.outcome.status.value} {time} {splits}"
                )
        return "\n".join(lines)

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # Hypothesis' pretty printer
        printer.text(repr(self))


@st.composite
def simulations(draw: st.DrawFn) -> Simulated:
    preset = draw(st.sampled_from(sorted(PRESETS)))
    fmt = PRESETS[preset]
    facts = draw(st.lists(qualifying_facts, min_size=2, max_size=40))
    names = tuple(f"Rider {i:02d}" for i in range(1, len(facts) + 1))
    rides = {fmt.rounds[0].id: [qualifying_ride(n, f) for n, f in zip(names, facts, strict=True)]}

    def current() -> Results:
        return compute(
            direct_competition(fmt, names, rides, distance_m=DISTANCE_M, track_length_m=TRACK_M)
        )

    steps = [current()]
    knockouts = [r for r in fmt.rounds if r.kind is RoundKind.KNOCKOUT]
    ridden = draw(st.integers(0, len(knockouts)))
    for spec in knockouts[:ridden]:
        rides[spec.id] = []
        for heat in steps[-1].round(spec.id).heats:
            a, b = heat.expected
            if a is not None and b is not None:
                rides[spec.id] += draw(heat_rides(a, b, heat.number))
        steps.append(current())
    return Simulated(preset, fmt, names, tuple(steps))


@SIMULATION
@given(simulations())
def test_the_classification_lists_every_entrant_exactly_once_at_every_stage(
    sim: Simulated,
) -> None:
    for results in sim.steps:
        listed = [p.entrant for p in results.classification if not p.vacant]
        assert sorted(n for n in listed if n is not None) == sorted(sim.names)
        assert len(listed) == len(sim.names)
        assert all(p.entrant is None for p in results.classification if p.vacant)


@SIMULATION
@given(simulations())
def test_ranks_never_go_down_the_classification_and_unranked_places_come_last(
    sim: Simulated,
) -> None:
    for results in sim.steps:
        ranks = [p.rank for p in results.classification]
        numbered = [r for r in ranks if r is not None]
        assert numbered == sorted(numbered)
        first_unranked = next((i for i, r in enumerate(ranks) if r is None), len(ranks))
        assert all(r is None for r in ranks[first_unranked:])
        # "–": a ride without a time that no unranked block takes; "": still in competition
        unranked_labels = {block.label for block in sim.fmt.unranked} | {"", "–"}
        for p in results.classification:
            if p.rank is None:
                assert p.label in unranked_labels
            else:
                assert p.label == str(p.rank)


@SIMULATION
@given(simulations())
def test_the_qualifying_ranking_never_puts_a_slower_eligible_time_above_a_faster_one(
    sim: Simulated,
) -> None:
    q = sim.final.round(sim.fmt.rounds[0].id)
    digits = sim.fmt.precision
    ranked = [row for row in q.ranking if row.rank is not None]
    assert [row.rank for row in ranked] == sorted(row.rank for row in ranked if row.rank)
    assert all(row.rank is None for row in q.ranking[len(ranked) :])
    for x in ranked:
        for y in ranked:
            tx, ty = x.ride.outcome.time, y.ride.outcome.time
            assert tx is not None and ty is not None
            if truncate(tx, digits) < truncate(ty, digits):
                assert x.rank is not None and y.rank is not None and x.rank < y.rank


@SIMULATION
@given(simulations())
def test_who_qualifies_follows_the_overtaken_rule_of_the_format(sim: Simulated) -> None:
    spec = sim.fmt.rounds[0]
    q = sim.final.round(spec.id)
    overtaken = {
        row.ride.entrant for row in q.ranking if row.ride.outcome.status is Status.OVERTAKEN
    }
    ranked_order = [row.ride.entrant for row in q.ranking if row.rank is not None]
    assert spec.advance is not None
    assert q.advanced == tuple(ranked_order[: spec.advance])
    if spec.overtaken is OvertakenRule.ELIMINATE:
        assert not overtaken & set(q.advanced)
        assert not overtaken & set(ranked_order)
        assert q.eliminated == overtaken
    else:
        # Only the time counts: every overtaken rider with a time is ranked among the others.
        assert overtaken <= set(ranked_order)
        assert q.eliminated == frozenset()


@SIMULATION
@given(simulations())
def test_a_fully_ridden_competition_awards_the_medals_unless_a_place_is_vacant(
    sim: Simulated,
) -> None:
    results = sim.final
    if not results.complete:
        return
    top = {p.rank for p in results.classification if p.rank is not None and p.rank <= 4}
    ranked_in_q = sum(1 for row in results.rounds[0].ranking if row.rank is not None)
    if ranked_in_q >= (sim.fmt.rounds[0].advance or 0):
        assert top == {1, 2, 3, 4}


@SIMULATION
@given(simulations())
def test_once_every_round_is_decided_nobody_is_still_in_competition(sim: Simulated) -> None:
    results = sim.final
    if results.complete:
        assert [p.entrant for p in results.classification if p.label == ""] == []


@SIMULATION
@given(simulations())
def test_a_rider_still_due_to_ride_a_heat_is_listed_as_still_in_competition(
    sim: Simulated,
) -> None:
    for results in sim.steps:
        thrown_out = {
            ride.entrant
            for rides in results.competition.rides.values()
            for ride in rides
            if ride.outcome.status is Status.DSQ
        }
        labels = {p.entrant: p.label for p in results.classification}
        for round_result in results.rounds:
            for heat in round_result.heats:
                if heat.decided:
                    continue
                for name in heat.expected:
                    if name is not None and name not in thrown_out:
                        assert labels[name] == "", (round_result.id, heat.number, name)
