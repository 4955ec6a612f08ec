"""The timing panel's view: a heat ridden on impulses with a passage the timer missed and a stray
impulse shows the missed half lap, the unplaced impulses and the ways to place them."""

from __future__ import annotations

from test_decide import ANNA, BERT, DRAWN, given
from test_decide_impulses import SOURCE, START, Timer, anna, at, passages

from pursuit.core import commands as c
from pursuit.views.timing import build_timing


def ridden(upto: int = 6) -> Timer:
    """Qualifying heat 1 on impulses: Anna's half lap 3 missed, a stray impulse at 23.5 s and
    the backup contact's impulse (channel C7) for Anna's half lap 3."""
    timer = Timer(given(*DRAWN, c.StartHeat("Q", 1)))
    timer.apply(c.ReportTimerStatus(SOURCE, True, "38400 baud", "2026-12-03T15:00:00Z"))
    timer.send("C0", START)
    ridden = passages(timer.state, upto, skip={(ANNA, 3)})
    for seconds, channel in [s for s in ridden if s[0] < 23.5]:
        timer.send(channel, at(seconds))
    timer.send("C2", at(23.5))  # nobody is due there then
    for seconds, channel in [s for s in ridden if s[0] > 23.5]:
        timer.send(channel, at(seconds))
    timer.send("C7", at(anna(3)))
    return timer


def test_the_panel_lists_the_unplaced_impulses_newest_first_with_their_reasons() -> None:
    timer = ridden()
    panel = build_timing(timer.state, "cup")
    backup, stray = panel.unplaced  # newest first
    assert backup.impulse.number == timer.number
    assert backup.impulse.channel == "C7" and backup.impulse.use == "not mapped"
    assert backup.reason == "channel C7 is not a start or a line"
    assert stray.reason.startswith("no passage expected at the")
    assert stray.since_start == "23.5"
    assert panel.impulses == timer.number and panel.noise_lines == 0


def test_the_missed_half_lap_is_listed_with_its_estimate() -> None:
    panel = build_timing(ridden().state, "cup")
    assert [(m.entrant, m.half_lap) for m in panel.missed] == [(ANNA, 3)]
    assert panel.missed[0].estimate == "28.00"  # between 20 s and 36 s
    assert panel.heat is not None and (panel.heat.round, panel.heat.number) == ("Q", 1)


def test_the_choices_are_the_missed_and_the_next_half_laps_the_likeliest_nearest() -> None:
    panel = build_timing(ridden().state, "cup")
    backup = panel.unplaced[0]
    assert [(p.entrant, p.half_lap, p.kind) for p in backup.choices] == [
        (ANNA, 3, "missed"),
        (ANNA, 7, "next"),
        (ANNA, 8, "next"),
        (BERT, 7, "next"),
        (BERT, 8, "next"),
    ]
    assert backup.likely == f"Q|1|3|{ANNA}"
    assert backup.choices[0].label == f"{ANNA}, half lap 3, missed (~28.0)"
    assert backup.choices[1].label == f"{ANNA}, half lap 7, due 1:00.0"


def test_placing_the_backup_impulse_fills_the_half_lap_and_says_what_it_became() -> None:
    timer = ridden()
    number = timer.number
    timer.apply(c.AssignImpulse(SOURCE, number, "Q", 1, ANNA, 3, "backup contact"))
    stray = build_timing(timer.state).unplaced[0].impulse.number
    timer.apply(c.DiscardImpulse(SOURCE, stray, "a photographer's foot"))
    panel = build_timing(timer.state, "cup")
    assert panel.unplaced == () and panel.missed == ()
    shown = {i.number: i for ch in panel.channels for i in ch.impulses}
    assert shown[number].became == f"{ANNA}, half lap 3 (placed by hand: backup contact)"
    assert shown[stray].became == "discarded: a photographer's foot"
    assert shown[stray].status == "discarded"


def test_the_last_impulses_per_channel_newest_first_with_what_they_became() -> None:
    panel = build_timing(ridden().state, "cup")
    assert [(ch.channel, ch.use) for ch in panel.channels] == [
        ("C0", "start"),
        ("C1", "line red"),
        ("C2", "line green"),
        ("C7", "not mapped"),
    ]
    start, red, green, _ = panel.channels
    assert [i.became for i in start.impulses] == ["start of Q heat 1"]
    assert start.impulses[0].time_of_day == "15:02:11.0342"
    assert len(red.impulses) == 5 and len(green.impulses) == 5
    assert "unplaced" in {i.status for i in green.impulses}
    assert red.impulses[0].became in {f"{ANNA}, half lap 6", f"{BERT}, half lap 6"}


def test_the_reader_shows_connected_with_its_last_line() -> None:
    panel = build_timing(ridden().state, "cup")
    (source,) = panel.sources
    assert (source.source, source.link, source.detail) == (SOURCE, "connected", "38400 baud")
    assert source.last_line == "2026-12-03T15:02:00Z" and source.impulses == panel.impulses
    assert panel.connected


def test_a_gate_impulse_before_any_heat_started_offers_the_start_of_the_next_heat() -> None:
    timer = Timer(given(*DRAWN))
    timer.send("C0", START)
    panel = build_timing(timer.state, "cup")
    (waiting,) = panel.unplaced
    assert [(p.round, p.heat, p.half_lap, p.label) for p in waiting.choices] == [
        ("Q", 1, 0, "start of Q heat 1")
    ]
    assert waiting.likely == "Q|1|0|"
    assert panel.heat is None and panel.next_heat is not None


def test_noise_lines_are_counted_and_the_last_ones_shown_newest_first() -> None:
    timer = Timer(given(*DRAWN))
    for n in range(7):
        timer.apply(c.TakeTimerNoise(SOURCE, f"garbage {n}", "not a timer line", f"t{n}"))
    panel = build_timing(timer.state, "cup")
    assert panel.noise_lines == 7
    assert [n.raw for n in panel.noise] == [f"garbage {n}" for n in (6, 5, 4, 3, 2)]
    assert panel.sources[0].link == "unknown" and panel.sources[0].last_line == "t6"
