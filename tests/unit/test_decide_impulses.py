"""Impulses from the timer through decide and evolve: stored as they came, placed in the running
heat by their expected passage, missed half laps marked, the rest left for an official."""

from __future__ import annotations

import pytest
from test_decide import ANNA, BERT, DRAWN, given, refuses, t

from pursuit.core import commands as c
from pursuit.core import events as ev
from pursuit.core.decide import decide
from pursuit.core.evolve import evolve
from pursuit.core.live_state import CompetitionState
from pursuit.core.times import TICKS_PER_SECOND, RaceTime

START = t("15:02:11.0342")
SOURCE = "serial:/dev/ttyUSB0"


def at(seconds: float) -> RaceTime:
    """The time of day `seconds` after the start."""
    return RaceTime(START.ticks + round(seconds * TICKS_PER_SECOND), 4)


def anna(k: int) -> float:
    return 12 + 8 * (k - 1)


def bert(k: int) -> float:
    return 12.5 + 8.1 * (k - 1)


class Timer:
    """Feeds impulses one by one, numbering them as a timer does."""

    def __init__(self, state: CompetitionState) -> None:
        self.state = state
        self.number = 0

    def send(
        self, channel: str, time_of_day: RaceTime, number: int | None = None
    ) -> list[ev.Event]:
        if number is None:
            self.number += 1
            number = self.number
        command = c.TakeImpulse(SOURCE, number, channel, time_of_day, "2026-12-03T15:02:00Z")
        return self.apply(command)

    def apply(self, command: c.Command) -> list[ev.Event]:
        events = decide(self.state, command)
        for event in events:
            evolve(self.state, event)
        return events


def sides(state: CompetitionState) -> dict[str, str]:
    heat = state.heat("Q", 1)
    assert heat is not None
    return dict(zip(heat.entrants, heat.sides, strict=True))


def line_channel(state: CompetitionState, name: str, half_lap: int) -> str:
    """C1 is the red line, C2 the green: a side ends its odd half laps at the other line."""
    own = sides(state)[name]
    line = own if half_lap % 2 == 0 else ("green" if own == "red" else "red")
    return "C1" if line == "red" else "C2"


def passages(state: CompetitionState, upto: int, skip: set[tuple[str, int]] = frozenset()) -> list:
    out = []
    for name, when in ((ANNA, anna), (BERT, bert)):
        for k in range(1, upto + 1):
            if (name, k) not in skip:
                out.append((when(k), line_channel(state, name, k)))
    return sorted(out)


def test_the_gate_impulse_gives_a_heat_started_by_hand_its_start() -> None:
    timer = Timer(given(*DRAWN, c.StartHeat("Q", 1)))
    events = timer.send("C0", START)
    assert [type(e) for e in events] == [ev.ImpulseReceived, ev.ImpulseAssigned]
    heat = timer.state.heat("Q", 1)
    assert heat is not None and heat.start_impulse == START


def test_a_heat_ridden_on_impulses_gets_its_splits_and_a_missed_half_lap_is_marked() -> None:
    timer = Timer(given(*DRAWN, c.StartHeat("Q", 1)))
    timer.send("C0", START)
    for seconds, channel in passages(timer.state, 8, skip={(ANNA, 5)}):
        timer.send(channel, at(seconds))
    ride = timer.state.ride("Q", ANNA)
    assert ride is not None
    assert ride.missing == {5}
    assert [s.ticks for k, s in enumerate(ride.splits, 1) if k != 5] == [
        round(anna(k) * TICKS_PER_SECOND) for k in range(1, 9) if k != 5
    ]
    other = timer.state.ride("Q", BERT)
    assert other is not None and [s.ticks for s in other.splits] == [
        round(bert(k) * TICKS_PER_SECOND) for k in range(1, 9)
    ]


def test_the_last_half_lap_is_the_finish_timed_by_the_impulse() -> None:
    timer = Timer(given(*DRAWN, c.StartHeat("Q", 1)))
    timer.send("C0", START)
    assert timer.state.meta is not None
    last = timer.state.meta.half_laps
    for seconds, channel in passages(timer.state, last):
        timer.send(channel, at(seconds))
    ride = timer.state.ride("Q", ANNA)
    assert ride is not None and ride.finished
    assert ride.time == RaceTime(round(anna(last) * TICKS_PER_SECOND), 4)


def test_an_impulse_sent_twice_is_stored_once() -> None:
    timer = Timer(given(*DRAWN, c.StartHeat("Q", 1)))
    timer.send("C0", START)
    first = timer.send(line_channel(timer.state, ANNA, 1), at(12))
    again = timer.send(line_channel(timer.state, ANNA, 1), at(12), number=timer.number)
    assert ev.SplitRecorded in {type(e) for e in first}
    assert again == []


def test_a_gate_impulse_before_the_heat_started_waits_and_can_start_it() -> None:
    timer = Timer(given(*DRAWN))
    events = timer.send("C0", START)
    assert isinstance(events[-1], ev.ImpulseUnplaced)
    assert "no heat is running" in events[-1].reason
    started = timer.apply(c.AssignImpulse(SOURCE, 1, "Q", 1, None, 0, "the starter was early"))
    assert [type(e) for e in started] == [ev.HeatStarted, ev.ImpulseAssigned]
    heat = timer.state.heat("Q", 1)
    assert heat is not None and heat.started and heat.start_impulse == START


def test_an_unplaced_impulse_can_fill_a_missed_half_lap_by_hand() -> None:
    timer = Timer(given(*DRAWN, c.StartHeat("Q", 1)))
    timer.send("C0", START)
    for seconds, channel in passages(timer.state, 6, skip={(ANNA, 3)}):
        timer.send(channel, at(seconds))
    # the backup contact's impulse for Anna's half lap 3, on a channel the map does not know
    events = timer.send("C7", at(anna(3)))
    assert isinstance(events[-1], ev.ImpulseUnplaced)
    number = timer.number
    filled = timer.apply(c.AssignImpulse(SOURCE, number, "Q", 1, ANNA, 3, "backup contact"))
    assert [type(e) for e in filled] == [ev.ImpulseAssigned, ev.SplitCorrected]
    ride = timer.state.ride("Q", ANNA)
    assert ride is not None and ride.missing == set()
    assert ride.splits[2] == RaceTime(round(anna(3) * TICKS_PER_SECOND), 4)


def test_an_impulse_that_fits_nothing_stays_unplaced_and_can_be_discarded() -> None:
    timer = Timer(given(*DRAWN, c.StartHeat("Q", 1)))
    timer.send("C0", START)
    for seconds, channel in passages(timer.state, 2):
        timer.send(channel, at(seconds))
    events = timer.send("C2", at(23.5))  # between passages: nobody is due
    assert isinstance(events[-1], ev.ImpulseUnplaced)
    assert [r.number for r in timer.state.timing.unplaced()] == [timer.number]
    timer.apply(c.DiscardImpulse(SOURCE, timer.number, "a photographer's foot"))
    assert timer.state.timing.unplaced() == []
    refuses(timer.state, c.DiscardImpulse(SOURCE, timer.number, "again"), "discarded already")


def test_a_channel_delay_is_taken_off_the_impulse() -> None:
    delayed = c.MapChannels(("C0", "C1", "C2"), ("start", "line red", "line green"), (0, 50, 50))
    timer = Timer(given(*DRAWN, delayed, c.StartHeat("Q", 1)))
    timer.send("C0", START)
    timer.send(line_channel(timer.state, ANNA, 1), at(12.005))
    ride = timer.state.ride("Q", ANNA)
    assert ride is not None and ride.splits == [RaceTime(12 * TICKS_PER_SECOND, 4)]


@pytest.mark.parametrize(
    ("uses", "match"),
    [
        (("start", "line red", "line rouge"), "is not start"),
        (("start", "line red", "line red"), "each pursuit line has one channel"),
    ],
)
def test_a_channel_map_that_cannot_be_right_is_refused(uses: tuple[str, ...], match: str) -> None:
    refuses(given(*DRAWN), c.MapChannels(("C0", "C1", "C2"), uses, (0, 0, 0)), match)


def test_replaying_the_log_assigns_every_impulse_the_same_way() -> None:
    timer = Timer(given(*DRAWN, c.StartHeat("Q", 1)))
    log = list(timer.apply(c.TakeImpulse(SOURCE, 99, "C0", START, "now")))
    timer.number = 99
    for seconds, channel in passages(timer.state, 10, skip={(BERT, 4)}):
        log += timer.send(channel, at(seconds))
    again = given(*DRAWN, c.StartHeat("Q", 1))
    for event in log:
        evolve(again, event)
    for name in (ANNA, BERT):
        a, b = timer.state.ride("Q", name), again.ride("Q", name)
        assert a is not None and b is not None
        assert (a.splits, a.missing) == (b.splits, b.missing)


def test_the_second_wheel_at_the_finish_is_part_of_the_finish_not_unplaced() -> None:
    timer = Timer(given(*DRAWN, c.StartHeat("Q", 1)))
    timer.send("C0", START)
    assert timer.state.meta is not None
    last = timer.state.meta.half_laps
    for seconds, channel in passages(timer.state, last):
        timer.send(channel, at(seconds))
    wheel = timer.send(line_channel(timer.state, ANNA, last), at(anna(last) + 0.06))
    assert isinstance(wheel[-1], ev.ImpulseAssigned) and not wheel[-1].timing
    assert timer.state.timing.unplaced() == []
