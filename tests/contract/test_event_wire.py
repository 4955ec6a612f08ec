"""Events on the wire: every event type reads back as written; folding what `decide` returned
gives the same state as folding what the store would give back; old and broken records."""

from __future__ import annotations

import dataclasses
import json
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pursuit.app.creation import create_command
from pursuit.core import commands as c
from pursuit.core import events as ev
from pursuit.core.competition import Metadata
from pursuit.core.decide import decide
from pursuit.core.event_wire import UnknownEvent, from_wire, to_wire
from pursuit.core.evolve import evolve
from pursuit.core.live_state import CompetitionState
from pursuit.core.times import RaceTime, parse_time
from pursuit.errors import RuleViolation
from pursuit.loading.format_files import format_definition

UCI = "uci-individual-pursuit"
OLYMPIC = "olympic-1968"
DAY = 24 * 3600 * 10_000


def t(text: str) -> RaceTime:
    return parse_time(text)


@cache
def _definition(name: str) -> dict[str, Any]:
    return format_definition(name)


def definition(name: str = UCI) -> dict[str, Any]:
    return dict(_definition(name))


def through_the_store(event: ev.Event) -> ev.Event:
    """The event as a store gives it back: written, stored as JSON, read."""
    name, version, data = to_wire(event)
    return from_wire(name, version, json.loads(json.dumps(data)))


META = Metadata(
    title="Mexico City 1968",
    event="individual pursuit",
    gender="men",
    distance_m=4000,
    track_length_m=333.33,
    venue="Agustín Melgar Olympic Velodrome",
    altitude_m=2240,
    dates=("1968-10-17", "1968-10-18"),
    precision=2,
)

EXAMPLES: list[ev.Event] = [
    ev.CompetitionCreated(OLYMPIC, definition(OLYMPIC), META),
    ev.CompetitionCreated(UCI, definition(UCI), Metadata(title="Cup", precision=3)),
    ev.EntrantRegistered("Daniel Rebillard", "FRA", "Rebillard", "17", t("4:40"), None),
    ev.EntrantRegistered("Germany", "GER", roster=("A", "B", "C", "D")),
    ev.EntrantRegistered("Anna"),
    ev.RoundScheduled("Q", "1968-10-17", "15:00"),
    ev.RoundScheduled("F", "1968-10-18"),
    ev.RoundDrawn(
        "Q",
        (
            ev.HeatDrawn(1, ("Anna",), ("red",)),
            ev.HeatDrawn(2, ("Bert", "Carl"), ("red", "green")),
        ),
    ),
    ev.HeatStarted("Q", 2, t("15:02:11.0342")),
    ev.HeatStarted("Q", 1),
    ev.SplitRecorded("Q", 2, "Bert", 3, t("28.1234"), synthetic=True),
    ev.SplitRecorded("Q", 2, "Carl", 1, t("12.5")),
    ev.FinishRecorded("Q", 2, "Bert", t("4:40.41"), "typed", "OR"),
    ev.FinishRecorded("Q", 2, "Carl", t("1:02:03.4567"), "impulse"),
    ev.CatchRecorded("QF", 1, "Bert", "Carl", 20),
    ev.CatchRecorded("QF", 1, "Bert", "Carl"),
    ev.OutcomeRecorded("Q", "Anna", "dns", 1),
    ev.OutcomeRecorded("Q", "Anna", "dnf"),
    ev.RiderDisqualified("Q", "Bert", "irregular start"),
    ev.RiderRelegated("Q", "Bert", "left the lane"),
    ev.RideCorrected("Q", "Bert", "misread", t("4:40.42"), "overtaken", False),
    ev.RideCorrected("Q", "Bert", "abandoned", None, "dnf", True),
    ev.SplitCorrected("Q", "Bert", 3, t("28.000"), "misread impulse"),
    ev.DecisionRecorded("disqualify", "UCI", "doping", "Q", "Bert", "1968-11-01"),
    ev.DecisionRecorded("note", "Jury", "results confirmed"),
    ev.RideRecorded(
        "Q",
        "Anna",
        "overtaken",
        t("4:50.1"),
        3,
        "green",
        (t("20.00"), t("36.00")),
        "OR",
        "9",
        "published",
        ("A", "B", "C"),
    ),
    ev.RideRecorded("Q", "Carl", "dns"),
    ev.ClassificationPublished((ev.PublishedPlace("1", "Bert"), ev.PublishedPlace("AC", "Carl"))),
    ev.ClassificationPublished(),
    ev.OrderPublished("R1", ("Carl", "Bert", "Anna")),
    ev.CompetitionCreated(
        UCI,
        definition(UCI),
        Metadata(title="Games", nations=(("TAH", "Tahiti"), ("WLF", "Wallis and Futuna"))),
    ),
    ev.ChannelsMapped(("C0", "C1", "C2"), ("start", "line red", "line green"), (0, 12, 0)),
    ev.ImpulseReceived("serial:/dev/ttyUSB0", 51, "C1", t("08:44:20.1228"), "2026-12-03T08:44:20Z"),
    ev.ImpulseReceived(
        "tcp:10.0.0.5:7000", 52, "C0", t("08:44:21.0"), "2026-12-03T08:44:21Z", True
    ),
    ev.TimerNoiseReceived("serial:/dev/ttyUSB0", "TIMY V2.1 ready", "not an impulse", "2026-12-03"),
    ev.ImpulseAssigned("serial:/dev/ttyUSB0", 51, "Q", 2, "Bert", 3, "green", t("28.1234"), 0),
    ev.ImpulseAssigned("serial:/dev/ttyUSB0", 50, "Q", 2, None, 0, manual=True, reason="late"),
    ev.ImpulseAssigned("k", 53, "Q", 2, "Carl", 1, "red", t("12.5"), 2, timing=False),
    ev.ImpulseUnplaced("serial:/dev/ttyUSB0", 54, "no heat is running"),
    ev.ImpulseDiscarded("serial:/dev/ttyUSB0", 54, "a photographer's foot"),
    ev.HalfLapMissed("Q", 2, "Bert", 4),
    ev.TimerStatusReported("serial:/dev/ttyUSB0", False, "device went away", "2026-12-03T15:03Z"),
    ev.LineupDeclared("R1", "Germany", ("A", "B", "C", "D"), 2),
    ev.LineupDeclared("F", "Germany", ("A", "B", "C", "E"), None, by_default=True),
    ev.RiderDropped("R1", 2, "Germany", "D", 9),
    ev.RiderDropped("R1", 2, "Germany", "C"),
    ev.RoundNoted("SF", "The semifinal pairing is as the official report gives it."),
    ev.RoundNoted("SF", ""),
    ev.EntrantRegistered("Mogens Frey", "DEN", note="nation: published", aka=("Mogens Jensen",)),
    ev.EntrantRegistered("Denfield McNab", basis="inferred"),
    ev.RideRecorded("Q", "Anna", time=t("4:51.09"), note="time as in the official report"),
    ev.ClassificationPublished((ev.PublishedPlace("1", "Bert"),), source="Official report"),
    # incidents
    ev.FalseStartRecorded("Q", 2, "Bert", 1),
    ev.IncidentRecorded("Q", 2, "Carl", "puncture", 9, "reride"),
    ev.HeatStopped("Q", 2, "false start by Bert (1st start)"),
    ev.RerideGranted("Q", "Carl", 12, "puncture of Carl at half lap 9"),
    ev.ConsideredBeaten("F", 1, "Bert", "fall of Bert at half lap 20"),
    ev.DecisionRecorded("award", "FIAC", "silver", None, "Bert", "1968-11-30", 2, "minutes"),
]


# --- (a) every event type reads back as written -----------------------------------------------


def test_the_examples_cover_every_event_type() -> None:
    assert {type(e) for e in EXAMPLES} == set(ev.EVENT_TYPES.values())


@pytest.mark.parametrize("event", EXAMPLES, ids=lambda e: type(e).__name__)
def test_an_event_reads_back_as_it_was_written(event: ev.Event) -> None:
    name, version, data = to_wire(event)
    assert (name, version) == (event.wire_name, event.version)
    assert from_wire(name, version, data) == event


@pytest.mark.parametrize("event", EXAMPLES, ids=lambda e: type(e).__name__)
def test_an_event_stored_as_json_reads_back_with_its_times_to_the_same_digits(
    event: ev.Event,
) -> None:
    back = through_the_store(event)
    assert back == event
    assert repr(back) == repr(event)  # RaceTime equality ignores digits; repr does not


def test_times_travel_as_the_strings_results_are_written_in() -> None:
    _, _, data = to_wire(ev.FinishRecorded("Q", 2, "Bert", t("4:40.41")))
    assert data["time"] == "4:40.41"
    _, _, data = to_wire(ev.HeatStarted("Q", 2, t("15:02:11.0342")))
    assert data["start_impulse"] == "15:02:11.0342"


def test_a_stored_field_this_version_does_not_know_is_ignored() -> None:
    finish = ev.FinishRecorded("Q", 2, "Bert", t("4:40.41"))
    name, version, data = to_wire(finish)
    assert from_wire(name, version, {**data, "wind": "calm"}) == finish


def test_a_log_written_before_notes_were_carried_reads_without_them() -> None:
    """Notes, other names and the published source are optional fields: an old log's
    events, which have none, read as events without them."""
    cases = [
        (ev.EntrantRegistered("Anna", "FRA"), ("note", "aka", "basis")),
        (ev.RideRecorded("Q", "Anna", time=t("4:40.41")), ("note",)),
        (ev.ClassificationPublished((ev.PublishedPlace("1", "Anna"),), "Report"), ("source",)),
    ]
    for event, added in cases:
        name, version, data = to_wire(event)
        assert set(added) <= set(data)
        old = {k: v for k, v in data.items() if k not in added}
        assert from_wire(name, version, old) == dataclasses.replace(
            event, **{k: () if k == "aka" else None for k in added}
        )


# --- (b) folding what was decided is folding what is stored -----------------------------------

RIDERS = ("Anna", "Bert", "Carl", "Dirk")
KINDS = (
    *("split",) * 8,
    *("finish",) * 4,
    "catch",
    "dns",
    "dnf",
    "correct_ride",
    "correct_split",
    "correct_split",
    "disqualify",
    "relegate",
    "reinstate",
    "start",
)
steps = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.integers(0, len(RIDERS) - 1),
        st.integers(5_000, 31_000),  # milliseconds since the rider's last crossing
        st.booleans(),  # from the timer?
        st.integers(1, 4),  # a half lap
    ),
    min_size=5,
    max_size=40,
)


def start_of(catch: str) -> list[c.Command]:
    """A 500 m race (four half laps) in two heats of qualifying, with the catch rule given."""
    fmt = definition(UCI)
    fmt["rounds"] = [{**r, "catch": catch} if r["id"] == "Q" else r for r in fmt["rounds"]]
    return [
        create_command(UCI, fmt, "Wire cup", distance_m=500),
        *(c.RegisterEntrant(n) for n in RIDERS),
        c.DrawRound("Q", ((RIDERS[0], RIDERS[1]), (RIDERS[2], RIDERS[3]))),
    ]


def command_for(
    state: CompetitionState, step: tuple[str, int, int, bool, int], start_impulse: RaceTime
) -> c.Command:
    """The command a step stands for, from the state: track commands go to the riders of the
    running heat, and with none running they start the next heat."""
    kind, who, ms, timer, k = step
    running = state.running_heat()
    if kind == "start" or (running is None and kind in ("split", "finish", "catch")):
        waiting = [h for h in state.heats["Q"].values() if not h.started]
        number = waiting[0].number if waiting else 1
        return c.StartHeat("Q", number, start_impulse if timer else None)
    name = running.entrants[who % len(running.entrants)] if running else RIDERS[who]
    heat = state.heat_of("Q", name)
    ride = state.ride("Q", name)
    assert heat is not None and ride is not None
    last = ride.splits[-1].ticks if ride.splits else 0
    elapsed = RaceTime(last + ms * 10, 3)
    impulse = None
    if timer and heat.start_impulse is not None:
        impulse = RaceTime((heat.start_impulse.ticks + elapsed.ticks) % DAY, 4)
    typed = None if impulse is not None else elapsed
    match kind:
        case "split":
            return c.RecordSplit("Q", heat.number, name, typed, impulse)
        case "finish":
            return c.RecordFinish("Q", heat.number, name, typed, impulse)
        case "catch":
            return c.RecordCatch("Q", heat.number, name, k if k < 4 else None)
        case "dns":
            return c.RecordNonStart("Q", name)
        case "dnf":
            return c.RecordNonFinish("Q", name)
        case "correct_ride":
            time = RaceTime(ride.time.ticks + ms * 10, 3) if ride.time is not None else elapsed
            return c.CorrectRide("Q", name, "timer misread", time=time)
        case "correct_split":
            before = ride.splits[k - 2].ticks if 2 <= k <= len(ride.splits) + 1 else 0
            return c.CorrectSplit("Q", name, k, RaceTime(before + ms * 10, 3), "misread")
        case "disqualify":
            return c.Disqualify("Q", name, "irregular riding")
        case "relegate":
            return c.Relegate("Q", name, "left the lane")
        case _:
            return c.RecordDecision("reinstate", "Jury of appeal", "upheld", "Q", name)


def observed(state: CompetitionState) -> tuple[object, ...]:
    """What a reader of the state sees, times to their digits."""
    return (
        state.position,
        state.competition(),
        repr(state.rides),
        repr(state.heats),
        state.corrections,
        repr(state.decisions),
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    catch=st.sampled_from(["ride_on", "ends_race", "ease_up"]),
    start_ticks=st.integers(0, DAY - 1),
    plan=steps,
)
def test_folding_the_decided_events_equals_folding_them_as_stored(
    catch: str, start_ticks: int, plan: list[tuple[str, int, int, bool, int]]
) -> None:
    decided, stored = CompetitionState(), CompetitionState()
    commands: list[c.Command] = list(start_of(catch))
    start_impulse = RaceTime(start_ticks, 4)

    def apply(command: c.Command) -> None:
        for event in decide(decided, command):
            back = through_the_store(event)
            assert back == event
            evolve(decided, event)
            evolve(stored, back)

    for command in commands:
        apply(command)
    for step in plan:
        try:
            apply(command_for(decided, step, start_impulse))
        except RuleViolation:
            continue
    assert observed(stored) == observed(decided)


# --- (c) old records --------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "precision"), [(UCI, 3), (OLYMPIC, 2)])
def test_a_competition_stored_without_its_precision_reads_with_the_formats(
    fmt: str, precision: int
) -> None:
    name, version, data = to_wire(ev.CompetitionCreated(fmt, definition(fmt), Metadata("Old")))
    data["precision"] = None
    old = from_wire(name, version, data)
    assert isinstance(old, ev.CompetitionCreated)
    assert old.meta == Metadata("Old", precision=precision)
    del data["precision"]
    assert from_wire(name, version, data) == old


# --- (d) records that cannot be read ----------------------------------------------------------


def _without(event: ev.Event, field: str) -> tuple[str, int, dict[str, Any]]:
    name, version, data = to_wire(event)
    del data[field]
    return name, version, data


def _with(event: ev.Event, **changes: Any) -> tuple[str, int, dict[str, Any]]:
    name, version, data = to_wire(event)
    return name, version, {**data, **changes}


CREATED, ENTERED, DRAWN, STARTED, SPLIT, FINISH, IMPORTED, PUBLISHED = (
    EXAMPLES[i] for i in (0, 4, 7, 8, 10, 12, 25, 27)
)
UNREADABLE = {
    "FinishRecorded without a time": _without(FINISH, "time"),
    "FinishRecorded without an entrant": _without(FINISH, "entrant"),
    "FinishRecorded with a time that is not one": _with(FINISH, time="4:4o.41"),
    "FinishRecorded with a time as a number": _with(FINISH, time=280.41),
    "SplitRecorded without its half lap": _without(SPLIT, "half_lap"),
    "HeatStarted with an unreadable impulse": _with(STARTED, start_impulse="noon"),
    "RideRecorded with an unreadable split": _with(IMPORTED, splits=["20.00", "x"]),
    "EntrantRegistered without a name": _without(ENTERED, "name"),
    "RoundDrawn without its heats": _without(DRAWN, "heats"),
    "RoundDrawn with a heat without sides": _with(
        DRAWN, heats=[{"number": 1, "entrants": ["Anna"]}]
    ),
    "CompetitionCreated without a title": _without(CREATED, "title"),
    "CompetitionCreated without its format": _without(CREATED, "format_definition"),
    "CompetitionCreated with an unreadable old format": _with(
        CREATED, precision=None, format_definition={"rounds": "none"}
    ),
    "ClassificationPublished with a place without a rank": _with(
        PUBLISHED, places=[{"entrant": "Bert"}]
    ),
    "CatchRecorded with no data at all": ("CatchRecorded", 1, None),  # type: ignore[dict-item]
}


@pytest.mark.parametrize("record", UNREADABLE.values(), ids=UNREADABLE.keys())
def test_a_record_that_cannot_be_read_raises_unknown_event_naming_it(
    record: tuple[str, int, dict[str, Any]],
) -> None:
    name, version, data = record
    with pytest.raises(UnknownEvent, match=f"^cannot read event {name} v{version}: "):
        from_wire(name, version, data)


def test_a_missing_field_is_named() -> None:
    with pytest.raises(UnknownEvent, match="missing field 'title'"):
        from_wire(*_without(CREATED, "title"))


@pytest.mark.parametrize(("name", "version"), [("RiderFined", 1), ("FinishRecorded", 2)])
def test_an_event_of_an_unknown_name_or_version_raises_unknown_event(
    name: str, version: int
) -> None:
    with pytest.raises(UnknownEvent, match=f"^cannot read event {name} v{version}$"):
        from_wire(name, version, {})
