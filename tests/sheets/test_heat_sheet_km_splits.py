"""The heat sheet of a ride with splits every kilometre: rows at the known crossings and the
finish only (a mark's row with no half-lap number), the gap where both riders have a time,
no lap made up, and a lap chart that says why it is empty."""

from __future__ import annotations

from pathlib import Path

from pursuit.charts.heat import GapChart, LapChart
from pursuit.core.engine import compute
from pursuit.loading.competition_file import load_competition
from pursuit.sheets.heat_page import _row
from pursuit.views.heat_sheet import build_heat_sheet
from unit.builders import competition_text, ride

KM = [{"at": "1000 m", "time": "1:13.60"}, {"at": "2000 m", "time": "2:24.10"},
      {"at": "3000 m", "time": "3:34.80"}]  # fmt: skip
KM_B = [{"at": "1000 m", "time": "1:14.00"}, {"at": "2000 m", "time": "2:23.90"},
        {"at": "2100 m", "time": "2:30.00"}]  # fmt: skip


def test_the_sheet_lists_the_known_points_and_the_gaps_between_them(tmp_path: Path) -> None:
    rides = [ride("Ann", "4:45.20", splits=KM, heat=1, side="red"),
             ride("Bea", "4:46.00", splits=KM_B, heat=1, side="green")]  # fmt: skip
    path = tmp_path / "km.toml"
    text = competition_text("uci-individual-pursuit", {"Q": rides}, track_length_m=285.714)
    path.write_text(text, "utf-8")
    sheet = build_heat_sheet(compute(load_competition(path).competition), "Q", 1)
    cells = [_row(r, {"Ann": "Ann", "Bea": "Bea"})[:3] for r in sheet.rows]
    assert cells == [
        ["7", "1,000", "1:13.600"],
        ["14", "2,000", "2:24.100"],
        ["", "2,100", ""],
        ["21", "3,000", "3:34.800"],
        ["28", "4,000", "4:45.200"],
    ]
    gaps = {r.distance_m: r.gap for r in sheet.rows}
    assert gaps[1000] == "0.400" and gaps[3000] == "" and gaps[4000] == "0.800"
    assert sheet.riders[0].laps == () and sheet.riders[0].last_lap == ""
    assert [x for x, _ in GapChart(sheet).points()] == [1000.0, 2000.0, 4000.0]
    assert not LapChart(sheet).has_data()
    assert LapChart(sheet).empty_message() == "no lap timed at both ends"
