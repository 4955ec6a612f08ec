"""Ranking by time at the competition's precision, the last-lap tie break and shared ranks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import pytest
from builders import field_of, ride, run_rounds
from hypothesis import given
from hypothesis import strategies as st

from hypothesis_budget import examples
from pursuit.core.formats import TieBreak
from pursuit.core.race import last_lap
from pursuit.core.ranking import number_in_order, rank_by_time
from pursuit.core.times import RaceTime, parse_time, truncate, unit

LAST_LAP_THEN_SHARED = (TieBreak.LAST_LAP, TieBreak.SHARED)


class Timed(NamedTuple):
    """A ride as ranking sees it: its time and splits."""

    time: RaceTime
    splits: Sequence[RaceTime] = ()


def ranked(
    rows: Sequence[tuple[str, str, Sequence[str]]],
    *,
    digits: int = 2,
    half_laps: int = 4,
    tie_break: Sequence[TieBreak] = LAST_LAP_THEN_SHARED,
) -> list[tuple[int, bool, str]]:
    """rank_by_time over (name, time, splits) rows; returns (rank, shared, name)."""
    by_name = {
        name: Timed(parse_time(t), tuple(parse_time(s) for s in splits)) for name, t, splits in rows
    }
    out = rank_by_time(
        list(by_name),
        lambda n: by_name[n].time,
        lambda n: by_name[n].splits,
        digits=digits,
        half_laps=half_laps,
        tie_break=tie_break,
        name=str,
    )
    return out


def test_faster_times_rank_higher_and_each_rank_is_its_own() -> None:
    rows = [("C", "4:42.00", ()), ("A", "4:40.00", ()), ("B", "4:41.00", ())]
    assert ranked(rows) == [(1, False, "A"), (2, False, "B"), (3, False, "C")]


def test_equal_times_are_broken_by_the_better_last_lap_when_every_tied_ride_has_splits() -> None:
    # Four half laps: the last lap is the time minus the split at half lap 2.
    rows = [
        ("Slow last lap", "4:40.00", ("1:10.00", "2:20.00")),  # last lap 2:20.00
        ("Fast last lap", "4:40.00", ("1:11.00", "2:21.00")),  # last lap 2:19.00
        ("Third", "4:45.00", ()),
    ]
    assert ranked(rows) == [
        (1, False, "Fast last lap"),
        (2, False, "Slow last lap"),
        (3, False, "Third"),
    ]


def test_equal_times_share_a_rank_when_one_tied_ride_has_no_splits() -> None:
    rows = [
        ("B", "4:40.00", ("1:11.00", "2:21.00")),
        ("A", "4:40.00", ()),
        ("C", "4:39.00", ()),
    ]
    assert ranked(rows) == [(1, False, "C"), (2, True, "A"), (2, True, "B")]


def test_equal_times_share_a_rank_when_the_format_does_not_break_ties_on_the_last_lap() -> None:
    rows = [
        ("B", "4:40.00", ("1:11.00", "2:21.00")),
        ("A", "4:40.00", ("1:10.00", "2:20.00")),
    ]
    assert ranked(rows, tie_break=(TieBreak.SHARED,)) == [(1, True, "A"), (1, True, "B")]


def test_equal_times_and_equal_last_laps_share_the_rank() -> None:
    rows = [
        ("B", "4:40.00", ("1:11.00", "2:20.00")),
        ("A", "4:40.00", ("1:09.00", "2:20.00")),
    ]
    assert ranked(rows) == [(1, True, "A"), (1, True, "B")]


def test_the_rank_after_a_shared_rank_skips_by_the_number_sharing() -> None:
    rows = [
        ("A", "4:40.00", ()),
        ("B", "4:41.00", ()),
        ("D", "4:42.00", ()),
        ("C", "4:42.00", ()),
        ("E", "4:43.00", ()),
    ]
    assert ranked(rows) == [
        (1, False, "A"),
        (2, False, "B"),
        (3, True, "C"),
        (3, True, "D"),
        (5, False, "E"),
    ]


def test_a_three_way_tie_partly_broken_by_last_laps_keeps_ranks_inside_the_group() -> None:
    rows = [
        ("A", "4:40.00", ("1:10.00", "2:20.00")),  # last lap 2:20.00
        ("B", "4:40.00", ("1:10.00", "2:21.00")),  # last lap 2:19.00
        ("C", "4:40.00", ("1:10.00", "2:20.00")),  # last lap 2:20.00
        ("D", "4:41.00", ()),
    ]
    assert ranked(rows) == [(1, False, "B"), (2, True, "A"), (2, True, "C"), (4, False, "D")]


def test_times_differing_only_beyond_the_precision_tie_by_truncation() -> None:
    # Rounding would give 4:40.42 and 4:40.41; truncation gives 4:40.41 for both.
    rows = [("B", "4:40.419", ()), ("A", "4:40.411", ())]
    assert ranked(rows, digits=2) == [(1, True, "A"), (1, True, "B")]


def test_times_that_rounding_would_tie_stay_apart_under_truncation() -> None:
    # Rounding would give 4:40.41 for both; truncation gives 4:40.40 and 4:40.41.
    rows = [("B", "4:40.411", ()), ("A", "4:40.409", ())]
    assert ranked(rows, digits=2) == [(1, False, "A"), (2, False, "B")]


def test_the_same_times_are_apart_at_thousandths() -> None:
    rows = [("B", "4:40.419", ()), ("A", "4:40.411", ())]
    assert ranked(rows, digits=3) == [(1, False, "A"), (2, False, "B")]


def test_last_laps_are_also_compared_at_the_precision() -> None:
    rows = [
        ("A", "4:40.00", ("1:10.00", "2:20.001")),  # last lap 2:19.999 -> 2:19.99
        ("B", "4:40.00", ("1:10.00", "2:20.009")),  # last lap 2:19.991 -> 2:19.99
    ]
    assert ranked(rows) == [(1, True, "A"), (1, True, "B")]


def test_splits_that_include_the_finish_give_the_same_last_lap() -> None:
    rows = [
        ("A", "4:40.00", ("1:10.00", "2:20.00", "3:30.00", "4:40.00")),
        ("B", "4:40.00", ("1:11.00", "2:21.00")),
    ]
    assert ranked(rows) == [(1, False, "B"), (2, False, "A")]


def test_too_few_splits_for_a_last_lap_leave_the_tie_shared() -> None:
    rows = [("A", "4:40.00", ("1:10.00",)), ("B", "4:40.00", ("1:11.00", "2:21.00"))]
    assert ranked(rows) == [(1, True, "A"), (1, True, "B")]


# The same rules through a qualifying round computed by the engine.


def test_qualifying_breaks_a_tie_at_the_precision_with_the_last_lap() -> None:
    field = field_of(6, start="4:50.00")  # eight riders fill the QF
    rides = [
        ride("Early", "4:40.419", splits=["1:10.00", "2:20.00"]),  # last lap 2:20.419
        ride("Late", "4:40.411", splits=["1:11.00", "2:22.00"]),  # last lap 2:18.411
        *field,
    ]
    r = run_rounds("olympic-1968", {"Q": rides}, distance_m=1000, track_length_m=500)
    table = [(row.label, row.ride.entrant) for row in r.results.round("Q").ranking]
    assert table[:2] == [("1", "Late"), ("2", "Early")]
    assert r.findings == []


def test_qualifying_shares_a_rank_and_skips_the_next_when_there_are_no_splits() -> None:
    rides = [("A", "4:40.00"), ("B", "4:41.00"), ("D", "4:42.009"), ("C", "4:42.001")]
    rides += [("E", "4:43.00")]
    r = run_rounds("olympic-1980", {"Q": rides})
    table = [(row.rank, row.shared, row.ride.entrant) for row in r.results.round("Q").ranking]
    assert table == [
        (1, False, "A"),
        (2, False, "B"),
        (3, True, "C"),
        (3, True, "D"),
        (5, False, "E"),
    ]


def test_a_tie_across_the_qualification_line_is_reported_for_the_commissaires() -> None:
    rides = [("A", "4:30.000"), ("B", "4:31.000"), ("C", "4:32.000"), ("D", "4:33.000")]
    rides += [("E", "4:33.000"), ("F", "4:34.000")]
    r = run_rounds("uci-individual-pursuit", {"Q": rides})
    ties = [f for f in r.findings if f.code == "tie-at-line"]
    assert len(ties) == 1
    assert "D" in ties[0].message and "E" in ties[0].message


def test_a_tie_inside_the_qualifiers_is_not_a_tie_at_the_line() -> None:
    rides = [("A", "4:30.000"), ("B", "4:30.000"), ("C", "4:32.000"), ("D", "4:33.000")]
    rides += [("E", "4:34.000")]
    r = run_rounds("uci-individual-pursuit", {"Q": rides})
    assert "tie-at-line" not in r.codes()
    assert r.results.round("Q").advanced == ("A", "B", "C", "D")


# The ranking against a plain statement of the rules, on random fields full of ties.


def reference_ranking(
    rows: dict[str, Timed], digits: int, half_laps: int, use_last_lap: bool
) -> list[tuple[int, bool, str]]:
    """The rules written plainly, with race times: sort by the truncated time; a group of
    equal times goes by the truncated last lap (then the name) when the format says so
    and every ride in it has one, else shares the rank (listed by name)."""
    at = {n: truncate(t.time, digits).ticks for n, t in rows.items()}
    order = sorted(rows, key=at.__getitem__)
    out: list[tuple[int, bool, str]] = []
    while len(out) < len(order):
        first = len(out)
        group = [n for n in order if at[n] == at[order[first]]]
        laps = {n: last_lap(rows[n].time, rows[n].splits, half_laps) for n in group}
        if len(group) == 1:
            out.append((first + 1, False, group[0]))
        elif use_last_lap and all(lap is not None for lap in laps.values()):
            lap_at = {n: truncate(lap, digits).ticks for n, lap in laps.items() if lap}
            for n in sorted(group, key=lambda n: (lap_at[n], n.casefold())):
                same = [m for m in group if lap_at[m] == lap_at[n]]
                rank = first + 1 + sum(1 for m in group if lap_at[m] < lap_at[n])
                out.append((rank, len(same) > 1, n))
        else:
            out.extend((first + 1, True, n) for n in sorted(group, key=str.casefold))
    return out


@st.composite
def tied_fields(draw: st.DrawFn) -> dict[str, Timed]:
    """Up to 15 rides whose times fall on few values (many ties at any precision), each
    with no, some or all splits, in mixed decimals."""
    names = draw(st.lists(st.sampled_from("abcdeABCDEfghij"), min_size=1, max_size=15, unique=True))
    rows: dict[str, Timed] = {}
    for name in names:
        d = draw(st.integers(0, 4))
        step = unit(d)
        ticks = 2_400_000 + draw(st.integers(0, 40)) * 25 // step * step
        count = draw(st.integers(0, 6))
        marks = sorted(draw(st.lists(st.integers(1, 2_399_999), min_size=count, max_size=count)))
        split_digits = [draw(st.integers(0, 4)) for _ in marks]
        splits = sorted(
            {
                m // unit(sd) * unit(sd) or unit(sd)
                for m, sd in zip(marks, split_digits, strict=True)
            }
        )
        times = tuple(RaceTime(s, 4) for s in splits)
        rows[name] = Timed(RaceTime(ticks, d), times)
    return rows


@pytest.mark.slow
@examples(400)
@given(tied_fields(), st.integers(0, 4), st.integers(1, 7), st.booleans())
def test_ranking_agrees_with_the_rules_written_plainly(
    rows: dict[str, Timed], digits: int, half_laps: int, use_last_lap: bool
) -> None:
    tie_break = (TieBreak.LAST_LAP, TieBreak.SHARED) if use_last_lap else (TieBreak.SHARED,)
    got = rank_by_time(
        list(rows),
        lambda n: rows[n].time,
        lambda n: rows[n].splits,
        digits=digits,
        half_laps=half_laps,
        tie_break=tie_break,
        name=str.casefold,
    )
    assert got == reference_ranking(rows, digits, half_laps, use_last_lap)


@pytest.mark.slow
@examples(300)
@given(st.lists(st.tuples(st.integers(0, 5), st.sampled_from("aAbBcC")), max_size=30))
def test_numbering_in_order_shares_a_rank_among_equal_levels_listed_by_name(
    rows: list[tuple[int, str]],
) -> None:
    levels = [level for level, _ in rows]
    items = [f"{name}{i}" for i, (_, name) in enumerate(rows)]
    order = sorted(range(len(rows)), key=levels.__getitem__)
    got = number_in_order(order, levels, items, lambda item: item[0].casefold())
    expected = []
    for k, i in enumerate(sorted(order, key=lambda i: (levels[i], rows[i][1].casefold(), i))):
        rank = 1 + sum(1 for other in levels if other < levels[i])
        shared = levels.count(levels[i]) > 1
        expected.append((rank, shared, items[i]))
        assert k + 1 >= rank
    assert got == expected
