"""The heat-sheet read model: sides, crossings (splits plus the finish), lap times counted back
from the finish, the gap at every half lap as a number and as text, the catch, the outcome."""

from __future__ import annotations

import pytest

from pursuit.core.engine import compute
from pursuit.loading.competition_file import load_competition
from pursuit.sheets.source import SheetSource
from pursuit.views.heat_sheet import HeatSheet, build_heat_sheet, heat_numbers

# 3 km on a 400 m track: 15 half laps, so the first "lap" is a half lap.
HALF = ["15.000", "24.000", "33.000", "42.000", "51.000", "60.000", "69.000",
        "78.000", "87.000", "96.000", "105.000", "114.000", "123.000", "132.000"]  # fmt: skip
SLOW = ["16.000", "25.500", "35.000", "44.500", "54.000", "63.500", "73.000",
        "82.500", "92.000", "101.500", "111.000", "120.500", "130.000", "139.500"]  # fmt: skip
COMPETITION = f"""
[competition]
title = "Test"
distance_m = 3000
track_length_m = 400
precision = "0.001"
format = "olympic-1968"

[entrants]
riders = [{{ name = "Åsa Öberg", nation = "SWE", family_name = "Öberg" }},
          {{ name = "Bea Ruiz", nation = "ESP" }}]

[rounds.Q]
rides = [
  {{ rider = "Bea Ruiz", heat = 1, side = "green", time = "2:29.000", splits = {SLOW} }},
  {{ rider = "Åsa Öberg", heat = 1, side = "red", time = "2:21.000", splits = {HALF} }},
]
"""


@pytest.fixture(scope="module")
def sheet(tmp_path_factory: pytest.TempPathFactory) -> HeatSheet:
    path = tmp_path_factory.mktemp("view") / "test.toml"
    path.write_text(COMPETITION, "utf-8")
    results = compute(load_competition(path).competition)
    assert heat_numbers(results, "Q") == (1,)
    return build_heat_sheet(results, "Q", 1)


def test_the_red_rider_comes_first_with_the_finish_as_the_last_crossing(sheet: HeatSheet) -> None:
    a, b = sheet.riders
    assert (a.name, a.side, a.short, b.name, b.side) == (
        "Åsa Öberg", "red", "Öberg", "Bea Ruiz", "green",
    )  # fmt: skip
    assert sheet.half_laps == 15 and len(a.crossings) == len(b.crossings) == 15
    assert a.crossings[-1] == 141.0 and b.crossings[-1] == 149.0
    assert [r.distance_m for r in sheet.rows][:3] == [200, 400, 600]


def test_laps_are_counted_back_from_the_finish_so_the_first_is_a_half_lap(
    sheet: HeatSheet,
) -> None:
    a = sheet.riders[0]
    assert [end for end, _ in a.laps] == [1, 3, 5, 7, 9, 11, 13, 15]
    assert a.laps[0] == (1, 15.0) and a.laps[1] == (3, 18.0) and a.laps[-1] == (15, 18.0)
    assert a.last_lap == "18.000"
    assert sheet.rows[2].lap == ("18.000", "19.000") and sheet.rows[1].lap == ("", "")


def test_the_gap_is_a_minus_b_as_a_number_and_its_size_and_leader_as_text(
    sheet: HeatSheet,
) -> None:
    first, last = sheet.rows[0], sheet.rows[-1]
    assert first.gap_s == -1.0 and first.gap == "1.000" and first.leader == "Åsa Öberg"
    assert last.gap_s == -8.0 and last.gap == "8.000" and last.elapsed == ("2:21.000", "2:29.000")
    assert all(r.gap_s is not None and r.gap_s < 0 for r in sheet.rows)
    assert not sheet.synthetic and sheet.caught_at is None
    assert sheet.outcome == "Times count for the qualifying round ranking."


def test_a_knockout_heat_sheet_names_the_winner_and_how(db_source: SheetSource) -> None:
    sheet = build_heat_sheet(db_source.computed.results, "F", 1)
    assert sheet.winner == "Daniel Rébillard" and sheet.decided_by == "time"
    assert sheet.outcome == "Daniel Rébillard wins in 4:41.71, on time."
    assert sheet.synthetic and sheet.has_splits and len(sheet.rows) == 24
    assert sheet.rows[-1].gap_s == pytest.approx(4 * 60 + 41.71 - (4 * 60 + 42.43))


def test_a_catch_is_placed_at_the_half_lap_the_splits_prove_it(db_source: SheetSource) -> None:
    caught = [
        build_heat_sheet(db_source.computed.results, "Q", n)
        for n in heat_numbers(db_source.computed.results, "Q")
    ]
    with_catch = [s for s in caught if s.caught_at is not None]
    assert with_catch, "the replay should show at least one catch in its splits"
    for s in with_catch:
        k = s.caught_at
        assert k is not None
        chaser = next(r for r in s.riders if r.status == "Caught opponent")
        victim = next(r for r in s.riders if r.status == "Overtaken")
        assert chaser.crossings[k - 1] <= victim.crossings[k - 2]
        assert f"caught {victim.name} at half lap {k}" in s.outcome


def test_an_unknown_heat_is_a_key_error(db_source: SheetSource) -> None:
    with pytest.raises(KeyError):
        build_heat_sheet(db_source.computed.results, "QF", 5)


def test_a_file_without_splits_gives_a_sheet_without_rows(file_source: SheetSource) -> None:
    sheet = build_heat_sheet(file_source.computed.results, "QF", 4)
    assert sheet.rows == () and not sheet.has_splits and sheet.riders[0].record == "OR"
