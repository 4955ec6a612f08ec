"""The heat charts as plain data (`pursuit.charts.heat_model`): axes that cover the data at the
values matplotlib would pick (checked against matplotlib in tests/sheets), the shading in the
colour of whoever is ahead, the catch, and no chart for a heat without splits."""

from __future__ import annotations

import json
from dataclasses import asdict

from pursuit.charts.colours import ACCENT, GREEN, RED
from pursuit.charts.heat_model import gap_plot, heat_plots, lap_plot
from pursuit.charts.model import Axis, Bar, Box, Label, Plot, Swatch
from pursuit.charts.qualifying_model import qualifying_plot
from pursuit.core.times import TICKS_PER_SECOND, RaceTime
from pursuit.views.heat_sheet import HalfLapRow, HeatSheet, RiderSheet
from pursuit.views.results import RoundView, RowView


def rider(name: str, side: str, laps: tuple[tuple[int, float], ...] = ()) -> RiderSheet:
    return RiderSheet(
        name=name, short=name.split()[-1], nation="", side=side, rank="", time="", status="",
        record="", crossings=(0.0, 12.0, 30.0), laps=laps, last_lap="", synthetic=False,
    )  # fmt: skip


def heat(gaps: list[float | None], caught_at: int | None = None, splits: bool = True) -> HeatSheet:
    """A 4000 m heat on a 250 m track (32 half laps) with the gaps (A minus B) given."""
    rows = tuple(
        HalfLapRow(i + 1, 125 * (i + 1), ("", ""), ("", ""), g, "", "") for i, g in enumerate(gaps)
    )
    laps = ((4, 22.5), (6, 18.1), (8, 17.6), (10, 17.9))
    a, b = rider("Ann Red", "red", laps), rider("Bea Green", "green", laps[:3])
    if not splits:
        a, b = (RiderSheet(**{**_fields(r), "crossings": (30.0,)}) for r in (a, b))
    return HeatSheet(
        round_id="Q", round_name="Qualifying", number=1, title="Heat 1", knockout=False,
        distance_m=4000, half_laps=32, half_lap_m=125.0, riders=(a, b), rows=rows, winner="",
        decided_by="", outcome="", caught_at=caught_at, synthetic=False,
    )  # fmt: skip


def _fields(r: RiderSheet) -> dict[str, object]:
    return {name: getattr(r, name) for name in RiderSheet.__slots__}


def covers(axis: Axis, values: list[float]) -> bool:
    low, high = sorted((axis.low, axis.high))
    return all(low <= v <= high for v in values)


def test_the_axes_cover_the_data_and_their_values_lie_on_them() -> None:
    plot = gap_plot(heat([0.2, -0.3, -1.4, 0.9, 2.6]))
    ys = [y for line in plot.lines for _, y in line.points]
    xs = [x for line in plot.lines for x, _ in line.points]
    assert covers(plot.y, ys) and covers(plot.x, xs)
    for axis in (plot.x, plot.y):
        assert len(axis.ticks) >= 3
        assert covers(axis, [t.value for t in axis.ticks])
    assert [t.label for t in plot.x.ticks] == ["0", "1000", "2000", "3000", "4000"]
    assert [t.label for t in plot.y.ticks] == ["2", "1", "0", "1", "2"]  # the lead, either way
    laps = lap_plot(heat([0.1]))
    seconds = [y for line in laps.lines for _, y in line.points]
    assert covers(laps.y, seconds) and covers(laps.x, [2, 3, 4, 5])
    assert all(t.label.isdigit() for t in laps.x.ticks)


def test_the_shading_is_in_the_colour_of_whoever_is_ahead() -> None:
    # gap is A minus B: negative while A (red) leads, positive once B (green) does
    plot = gap_plot(heat([-0.5, -0.8, 0.4, 1.2]))
    red, green = plot.areas
    assert (red.colour, green.colour) == (RED, GREEN)
    red_x = {x for x, y in red.points if y > 0}
    green_x = {x for x, y in green.points if y < 0}
    assert red_x == {125.0, 250.0} and green_x == {375.0, 500.0}
    assert all(y >= 0 for _, y in red.points) and all(y <= 0 for _, y in green.points)
    assert [k.colour for k in plot.key] == [RED, GREEN]
    assert plot.key[0].text == "▲ Red ahead" and plot.key[1].text == "▼ Green ahead"


def test_the_catch_is_a_dotted_line_at_its_distance() -> None:
    plot = gap_plot(heat([-1.0, -3.0, -6.0], caught_at=8))
    [catch] = [r for r in plot.rules if r.vertical]
    assert (catch.at, catch.dash, catch.note) == (1000.0, "dotted", "catch")
    assert not [r for r in gap_plot(heat([-1.0])).rules if r.vertical]


def test_the_lap_chart_leaves_lap_one_to_the_key() -> None:
    plot = lap_plot(heat([0.1]))
    assert [k.text for k in plot.key] == ["Red (lap 1: 22.50)", "Green (lap 1: 22.50)"]
    assert [len(line.points) for line in plot.lines] == [3, 2]
    assert 22.5 not in [y for line in plot.lines for _, y in line.points]


def test_a_heat_without_splits_has_no_chart_and_one_without_gaps_says_so() -> None:
    assert heat_plots(heat([], splits=False)) is None
    plots = heat_plots(heat([None, None]))
    assert plots is not None
    assert plots[0].empty == "no splits recorded for both riders" and not plots[0].lines


def test_a_plot_is_plain_data() -> None:
    data = gap_plot(heat([0.5, -0.5])).as_data()
    assert set(data) >= {"width", "height", "area", "x", "y", "lines", "areas", "key"}
    assert isinstance(data["x"]["ticks"][0], dict)
    assert isinstance(Plot.__dataclass_fields__, dict)


def ranking(times: list[tuple[str, str, float]], advance: int) -> RoundView:
    rows = tuple(
        RowView(rank=rank, name=name, nation="", time=f"{seconds:.2f}",
                value=RaceTime(round(seconds * TICKS_PER_SECOND)))
        for rank, name, seconds in times
    )  # fmt: skip
    return RoundView("Q", "Qualifying", "timed", True, rows, (), advance=advance)


def test_the_qualifying_chart_ranks_bars_draws_the_line_and_hatches_the_overtaken() -> None:
    view = ranking(
        [("1", "Ann", 261.0), ("2", "Bea", 263.5), ("3", "Cy", 265.0), ("–", "Dee", 262.0)], 2
    )
    plot = qualifying_plot(view)
    assert [b.row for b in plot.bars] == [0, 1, 2, 3]  # ranking order, the overtaken last
    assert [b.colour for b in plot.bars[:3]] == [ACCENT, ACCENT, "#9db4cc"]
    assert plot.bars[3].hatch and not any(b.hatch for b in plot.bars[:3])
    [line] = plot.rules
    assert line.at == 1.5 and line.note == "qualification: 2 advance"
    assert all(plot.x.low <= b.start < b.end <= plot.x.high for b in plot.bars)
    assert all(":" in t.label for t in plot.x.ticks) and covers(plot.x, [261.0, 265.0])
    texts = [label.text for label in plot.labels]
    assert "1  Ann" in texts and "–  Dee" in texts and any("overtaken" in t for t in texts)


def test_as_data_is_what_asdict_gives_for_every_kind_of_mark() -> None:
    """`Plot.as_data` is a faster `dataclasses.asdict`: the same data, for every field."""
    plots = list(heat_plots(heat([0.5, -0.25, None, 1.0], caught_at=3)) or ())
    assert plots, "the heat has charts"
    frame = Axis(0.0, 1.0, (), "")
    plots.append(Plot(
        width=200.0, height=100.0, area=(0.1, 0.1, 0.8, 0.8), title="t", note="n", x=frame, y=frame,
        bars=(Bar(1.0, 0.0, 0.5, 0.6, "#111111", hatch="#222222"),),
        labels=(Label(None, 0.5, "a row", "#333333", 7.0, bold=True),),
        boxes=(Box(0.1, 0.2, 0.3, 0.4, "#ffffff", "#000000", 0.5),),
        swatches=(Swatch("key", "#444444"),), style={"ink": "#222222", "sizes": [1, 2]},
    ))  # fmt: skip
    for plot in plots:
        data = plot.as_data()
        assert data == asdict(plot)
        assert json.dumps(data) == json.dumps(asdict(plot))
