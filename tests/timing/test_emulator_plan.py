"""The emulator's plan: which lines a heat gives, on which channels, in what order."""

from __future__ import annotations

import pytest

from pursuit.core.channels import DEFAULT_MAP, ChannelMap, ChannelUse
from pursuit.core.timer_lines import TimerImpulse, parse_line
from pursuit.core.times import RaceTime
from pursuit.timing.emulator import (
    THREE_PM,
    EmulatorError,
    Options,
    _Heat,
    default_example,
    parse_start_at,
    plan_file,
    plan_heats,
)


def s(seconds: float) -> RaceTime:
    return RaceTime(round(seconds * 10_000), 4)


def simple_heat() -> _Heat:
    """Four half laps each: Red a bit faster than Green."""
    heat = _Heat("Q", 1, 0.0, ["Red", "Green"])
    heat.times = {
        "Red": {1: s(20.0), 2: s(33.0), 3: s(46.0), 4: s(59.0)},
        "Green": {1: s(20.5), 2: s(34.0), 3: s(47.5), 4: s(61.0)},
    }
    return heat


def test_a_simple_heat() -> None:
    plan = plan_heats([simple_heat()], 4)
    read = [parse_line(line) for line in plan.lines]
    assert all(isinstance(r, TimerImpulse) for r in read)
    impulses = [r for r in read if isinstance(r, TimerImpulse)]
    assert [i.number for i in impulses] == list(range(1, 10))
    assert impulses[0].channel == "C0" and impulses[0].time_of_day == THREE_PM
    # Red starts on the red line (C1): odd half laps at the green line, even ones at red
    by_what = {i.what: i for i in plan.impulses}
    assert [by_what[f"Red {k}"].channel for k in (1, 2, 3, 4)] == ["C2", "C1", "C2", "C1"]
    assert [by_what[f"Green {k}"].channel for k in (1, 2, 3, 4)] == ["C1", "C2", "C1", "C2"]
    assert by_what["Red 4"].time_of_day.ticks == THREE_PM.ticks + 590_000
    assert [i.time_of_day for i in impulses] == sorted(i.time_of_day for i in impulses)
    (heat,) = plan.heats
    assert heat.sides == (("Red", "red"), ("Green", "green"))
    finish = heat.passage("Green", 4)
    assert finish is not None and finish.finish and finish.elapsed == s(61.0)
    assert finish.line == "green" and not finish.dropped


def test_heats_follow_one_another_and_numbers_wrap() -> None:
    first, second = simple_heat(), simple_heat()
    second.heat = 2
    plan = plan_heats([first, second], 4, options=Options(gap_s=30))
    assert plan.heats[1].start.ticks == THREE_PM.ticks + (61 + 30) * 10_000
    assert [i.number for i in plan.impulses] == list(range(1, 19))
    heats = [simple_heat() for _ in range(1200)]
    lines = plan_heats(heats, 4).lines
    assert lines[9999].startswith("0000 ") and lines[10000].startswith("0001 ")


def test_dropped_passages_send_nothing_and_doubles_repeat_the_number() -> None:
    plan = plan_heats([simple_heat()], 4, options=Options(drop=0.3, double=0.3, seed=2))
    (heat,) = plan.heats
    dropped = {(p.entrant, p.half_lap) for p in heat.passages if p.dropped}
    assert dropped  # the seed drops some
    sent = {i.what for i in plan.impulses}
    assert all(f"{e} {k}" not in sent for e, k in dropped)
    numbers = [i.number for i in plan.impulses]
    doubles = [i for i in plan.impulses if i.double]
    assert doubles
    for d in doubles:
        assert numbers.count(d.number) == 2
    assert sorted(set(numbers)) == list(range(1, len(set(numbers)) + 1))


def test_jitter_moves_each_passage_and_the_plan_says_by_how_much() -> None:
    plan = plan_heats([simple_heat()], 4, options=Options(jitter_ms=20, seed=1))
    (heat,) = plan.heats
    for p in heat.passages:
        true = simple_heat().times[p.entrant][p.half_lap]
        assert abs(p.elapsed.ticks - true.ticks) <= 200
        (impulse,) = [i for i in plan.impulses if i.what == f"{p.entrant} {p.half_lap}"]
        assert impulse.time_of_day.ticks - heat.start.ticks == p.elapsed.ticks


def test_team_passages_are_four_impulses_the_third_on_time() -> None:
    plan = plan_heats([simple_heat()], 4, options=Options(team=True, rider_off=3))
    red_2 = [i for i in plan.impulses if i.what.startswith("Red 2 ")]
    assert [i.what for i in red_2] == [f"Red 2 ({n} of 4)" for n in (1, 2, 3, 4)]
    start = plan.heats[0].start.ticks
    assert [i.time_of_day.ticks - start for i in red_2] == [327_000, 328_500, 330_000, 331_500]
    assert len({i.channel for i in red_2}) == 1
    red_3 = [i for i in plan.impulses if i.what.startswith("Red 3 ")]
    assert len(red_3) == 3 and red_3[2].time_of_day.ticks - start == 460_000


def test_gates_instead_of_a_start_and_another_wiring() -> None:
    wiring = ChannelMap(
        {
            "C3": ChannelUse("gate", "red"),
            "C4": ChannelUse("gate", "green"),
            "C5": ChannelUse("line", "red"),
            "C6": ChannelUse("line", "green"),
        }
    )
    plan = plan_heats([simple_heat()], 4, wiring)
    assert [i.channel for i in plan.impulses[:2]] == ["C3", "C4"]
    assert {i.channel for i in plan.impulses[2:]} == {"C5", "C6"}
    with pytest.raises(EmulatorError, match="line red"):
        plan_heats([simple_heat()], 4, ChannelMap({"C0": ChannelUse("start", None)}))


def test_the_1968_qualifying_heat_and_final() -> None:
    plan = plan_file(default_example(), "Q", 1, DEFAULT_MAP, start_at=THREE_PM)
    (heat,) = plan.heats
    assert len(heat.passages) == 48 and len(plan.impulses) == 49
    assert heat.sides[0] == ("Tarek Abou Al Dahab", "red")
    final = plan_file(default_example(), "F", None, DEFAULT_MAP, start_at=THREE_PM)
    assert [h.round for h in final.heats] == ["F"]
    with pytest.raises(EmulatorError, match="no ridden heat 9 of round F"):
        plan_file(default_example(), "F", 9)
    with pytest.raises(EmulatorError, match="--heat needs --round"):
        plan_file(default_example(), None, 1)


def test_start_at() -> None:
    assert parse_start_at("15:00") == THREE_PM
    assert parse_start_at("15:00:00") == THREE_PM
    for bad in ("25:00", "15", "3pm", "15:00:60"):
        with pytest.raises(EmulatorError, match="--start-at"):
            parse_start_at(bad)
