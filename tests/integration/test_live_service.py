"""Running a competition live through the service: commands, events, state, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from pursuit.app.creation import create_command
from pursuit.app.importing import commands_from_file
from pursuit.app.replay import replay_script, run
from pursuit.app.service import CompetitionService
from pursuit.core import commands as c
from pursuit.core.engine import compute
from pursuit.core.times import parse_time as t
from pursuit.errors import RuleViolation
from pursuit.loading.competition_file import load_competition
from pursuit.loading.format_files import format_definition
from pursuit.store.errors import ConcurrencyConflict
from pursuit.store.open import open_store
from pursuit.views.results import build_view

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mexico-1968-men-individual-pursuit.toml"
RIDERS = [
    ("Anna", "4:30.00"),
    ("Berit", "4:31.00"),
    ("Carla", "4:40.00"),
    ("Dora", "4:41.00"),
    ("Eva", "4:50.00"),
    ("Fia", "5:20.00"),
]


def new_service() -> CompetitionService:
    ticks = iter(range(10**6))
    return CompetitionService(open_store("memory://"), clock=lambda: f"t{next(ticks):06d}")


def uci_competition(svc: CompetitionService, cid: str = "cup") -> None:
    svc.handle(
        cid,
        create_command(
            "uci-individual-pursuit",
            format_definition("uci-individual-pursuit"),
            "Cup",
            track_length_m=250.0,
        ),
        "admin",
    )
    for name, seed in RIDERS:
        svc.handle(cid, c.RegisterEntrant(name, "XYZ", seed_time=t(seed)), "admin")


def ride_heat(
    svc: CompetitionService, cid: str, round_id: str, heat: int, times: dict[str, str]
) -> None:
    svc.handle(cid, c.StartHeat(round_id, heat), "tk")
    for name, time in times.items():
        svc.handle(cid, c.RecordFinish(round_id, heat, name, t(time)), "tk")


def test_the_qualifying_draw_pairs_by_seed_time_slowest_first_and_never_pairs_the_two_best():
    svc = new_service()
    uci_competition(svc)
    state = svc.handle("cup", c.DrawRound("Q"), "admin").state
    heats = [h.entrants for h in state.heats["Q"].values()]
    assert heats == [("Eva", "Fia"), ("Berit", "Dora"), ("Anna", "Carla")]
    assert next(h.sides for h in state.heats["Q"].values()) == ("red", "green")


def test_given_pairs_that_put_the_two_best_together_are_refused_and_nothing_is_written():
    svc = new_service()
    uci_competition(svc)
    head = svc.store.head("cup")
    with pytest.raises(RuleViolation, match="two best"):
        svc.handle(
            "cup", c.DrawRound("Q", (("Anna", "Berit"), ("Carla", "Dora"), ("Eva", "Fia"))), "admin"
        )
    assert svc.store.head("cup") == head


def test_a_whole_uci_competition_runs_live_to_its_classification():
    svc = new_service()
    uci_competition(svc)
    svc.handle("cup", c.DrawRound("Q"), "admin")
    ride_heat(svc, "cup", "Q", 1, {"Eva": "4:50.000", "Fia": "5:20.000"})
    ride_heat(svc, "cup", "Q", 2, {"Berit": "4:31.000", "Dora": "4:41.000"})
    ride_heat(svc, "cup", "Q", 3, {"Anna": "4:30.000", "Carla": "4:40.000"})
    state = svc.handle("cup", c.DrawRound("B"), "admin").state
    # the faster qualifier takes the red side (home straight)
    assert state.heats["B"][1].entrants == ("Carla", "Dora")
    assert state.heats["B"][1].sides == ("red", "green")
    svc.handle("cup", c.DrawRound("F"), "admin")
    ride_heat(svc, "cup", "B", 1, {"Dora": "4:38.000", "Carla": "4:39.000"})
    svc.handle("cup", c.StartHeat("F", 1), "tk")
    svc.handle("cup", c.RecordCatch("F", 1, "Berit"), "tk")
    svc.handle("cup", c.RecordFinish("F", 1, "Berit", t("4:29.000")), "tk")
    view = build_view(svc.results("cup"))
    assert [(p.rank, p.name) for p in view.classification] == [
        ("1", "Berit"),
        ("2", "Anna"),
        ("3", "Dora"),
        ("4", "Carla"),
        ("5", "Eva"),
        ("6", "Fia"),
    ]
    assert view.complete


def test_refused_commands_name_the_problem_and_leave_the_log_unchanged():
    svc = new_service()
    uci_competition(svc)
    svc.handle("cup", c.DrawRound("Q"), "admin")
    head = svc.store.head("cup")
    refusals = [
        (c.RecordFinish("Q", 1, "Eva", t("4:50.00")), "not running"),
        (c.StartHeat("Q", 9), "not drawn"),
        (c.StartHeat("ZZ", 1), "unknown round"),
        (c.DrawRound("F"), "cannot be drawn yet"),
        (c.RegisterEntrant("Gina"), "entries are closed"),
    ]
    for command, message in refusals:
        with pytest.raises(RuleViolation, match=message):
            svc.handle("cup", command, "tk")
    svc.handle("cup", c.StartHeat("Q", 1), "tk")
    head = svc.store.head("cup")
    for command, message in [
        (c.RecordFinish("Q", 1, "Eva", t("2:10.00")), "faster than any pursuit"),
        (c.RecordSplit("Q", 1, "Eva", t("1.50")), "faster than any pursuit"),
        (c.RecordSplit("Q", 1, "Eva", t("59.00")), "slower than any pursuit"),
        (c.RecordSplit("Q", 1, "Anna", t("18.00")), "does not ride"),
        (c.StartHeat("Q", 2), "still running"),
        (c.RecordFinish("Q", 1, "Eva", None, t("15:00:00.0000")), "without a start impulse"),
    ]:
        with pytest.raises(RuleViolation, match=message):
            svc.handle("cup", command, "tk")
    assert svc.store.head("cup") == head


def test_a_second_finish_for_one_rider_is_refused_and_a_correction_needs_a_reason():
    svc = new_service()
    uci_competition(svc)
    svc.handle("cup", c.DrawRound("Q"), "admin")
    ride_heat(svc, "cup", "Q", 1, {"Eva": "4:50.000"})
    with pytest.raises(RuleViolation, match="already finished"):
        svc.handle("cup", c.RecordFinish("Q", 1, "Eva", t("4:49.000")), "tk")
    with pytest.raises(RuleViolation, match="reason is required"):
        svc.handle("cup", c.CorrectRide("Q", "Eva", " ", time=t("4:49.000")), "chief")
    done = svc.handle("cup", c.CorrectRide("Q", "Eva", "photo finish", time=t("4:49.500")), "chief")
    assert done.stored[0].actor == "chief"
    state = done.state
    assert str(state.ride("Q", "Eva").time) == "4:49.500"
    assert state.corrections[-1].reason == "photo finish"
    assert "4:50.000 → 4:49.500" in state.corrections[-1].what
    # the original finish is still in the log
    types = [e.type for e in svc.history("cup")]
    assert types.count("FinishRecorded") == 1 and types[-1] == "RideCorrected"


def test_a_split_is_corrected_with_a_reason_and_never_silently_recorded_twice():
    svc = new_service()
    uci_competition(svc)
    svc.handle("cup", c.DrawRound("Q"), "admin")
    svc.handle("cup", c.StartHeat("Q", 1), "tk")
    for time in ("18.000", "26.500", "35.000"):
        svc.handle("cup", c.RecordSplit("Q", 1, "Eva", t(time)), "tk")
    head = svc.state("cup").position
    # who recorded it and when (this service's clock writes "t" and a count)
    taken = r"half lap 2 of Eva is already recorded: 26.500 by tk at t\d+; correct it"
    with pytest.raises(RuleViolation, match=taken):
        svc.handle("cup", c.RecordSplit("Q", 1, "Eva", t("27.000"), half_lap=2), "tk2")
    refused = [
        (c.CorrectSplit("Q", "Eva", 2, t("27.000"), " "), "reason is required"),
        (c.CorrectSplit("Q", "Eva", 4, t("44.000"), "typo"), "no split at half lap 4 to correct"),
        (c.CorrectSplit("Q", "Eva", 2, t("36.000"), "typo"), "not before the next crossing"),
        (c.CorrectSplit("Q", "Eva", 2, t("17.000"), "typo"), r"not after half lap 1 \(18.0"),
        (c.CorrectSplit("Q", "Eva", 2, t("18.200"), "typo"), "faster than any pursuit"),
        (c.CorrectSplit("Q", "Eva", 2, t("26.5"), "typo"), "already 26.500"),
    ]
    for command, message in refused:
        with pytest.raises(RuleViolation, match=message):
            svc.handle("cup", command, "tk")
    assert svc.state("cup").position == head  # nothing refused was written
    done = svc.handle("cup", c.CorrectSplit("Q", "Eva", 2, t("26.050"), "typed 26.5"), "tk")
    state = done.state
    assert [str(s) for s in state.ride("Q", "Eva").splits] == ["18.000", "26.050", "35.000"]
    assert state.corrections[-1].what == "half lap 2 26.500 → 26.050"
    assert state.corrections[-1].reason == "typed 26.5"
    # after the finish the splits can still be corrected, the finish bounding the last one
    svc.handle("cup", c.RecordFinish("Q", 1, "Eva", t("4:50.000")), "tk")
    svc.handle("cup", c.CorrectSplit("Q", "Eva", 3, t("34.900"), "re-read"), "chief")
    assert str(svc.state("cup").ride("Q", "Eva").splits[-1]) == "34.900"
    assert [e.type for e in svc.history("cup")].count("SplitRecorded") == 3


def test_rounds_are_scheduled_and_moved_and_the_schedule_reaches_the_results_view():
    svc = new_service()
    uci_competition(svc)
    refused = [
        (c.ScheduleRound("X", "2026-10-20"), "unknown round 'X'"),
        (c.ScheduleRound("Q", "20.10.2026"), "not a date like 2026-10-20"),
        (c.ScheduleRound("Q", "2026-02-30"), "not a date"),
        (c.ScheduleRound("Q", "2026-10-20", "25:00"), "not a start time like 14:30"),
        (c.ScheduleRound("Q", "2026-10-20", "2pm"), "not a start time"),
    ]
    for command, message in refused:
        with pytest.raises(RuleViolation, match=message):
            svc.handle("cup", command, "chief")
    svc.handle("cup", c.ScheduleRound("Q", "2026-10-20", "10:00"), "chief")
    svc.handle("cup", c.ScheduleRound("F", "2026-10-20", "19:30"), "chief")
    with pytest.raises(RuleViolation, match="already scheduled"):
        svc.handle("cup", c.ScheduleRound("F", "2026-10-20", "19:30"), "chief")
    svc.handle("cup", c.ScheduleRound("F", "2026-10-21", "9:15"), "chief")  # moved
    view = build_view(compute(svc.state("cup").competition()))
    when = {r.id: (r.date, r.time) for r in view.rounds}
    assert when == {"Q": ("2026-10-20", "10:00"), "B": ("", ""), "F": ("2026-10-21", "9:15")}


def test_timer_impulses_give_the_elapsed_time_and_splits_propose_a_catch():
    svc = new_service()
    uci_competition(svc)
    svc.handle(
        "cup", c.DrawRound("Q", (("Anna", "Fia"), ("Berit", "Carla"), ("Dora", "Eva"))), "admin"
    )
    svc.handle("cup", c.StartHeat("Q", 1, t("15:00:00.0000")), "tk")
    done = svc.handle("cup", c.RecordSplit("Q", 1, "Anna", None, t("15:00:12.3456")), "tk")
    assert [str(x) for x in done.state.ride("Q", "Anna").splits] == ["12.3456"]
    # Fia is slow: 20 s a half lap; Anna 8.5 s — after k half laps Anna reaches the line
    # Fia crossed one half lap earlier
    proposal = None
    anna = 12.3456
    for k in range(1, 6):
        svc.handle("cup", c.RecordSplit("Q", 1, "Fia", t(f"{20 * k}.00")), "tk")
        if k >= 2:
            anna += 8.5
            proposal = svc.handle(
                "cup", c.RecordSplit("Q", 1, "Anna", t(f"{anna:.4f}")), "tk"
            ).proposal
            if proposal:
                break
    assert proposal is not None and (proposal.catcher, proposal.caught) == ("Anna", "Fia")
    svc.handle("cup", c.RecordCatch("Q", 1, "Anna", proposal.half_lap), "tk")
    state = svc.state("cup")
    assert state.ride("Q", "Fia").status.value == "overtaken"


def test_two_operators_on_one_heat_the_second_conflicting_write_is_refused_not_lost():
    store = open_store("memory://")
    a, b = CompetitionService(store), CompetitionService(store)
    uci_competition(a)
    a.handle("cup", c.DrawRound("Q"), "admin")
    a.handle("cup", c.StartHeat("Q", 1), "tk1")
    b.state("cup")  # operator B has loaded the log
    a.handle("cup", c.RecordFinish("Q", 1, "Eva", t("4:50.000")), "tk1")
    # B decides on a stale state: the store's unique position refuses the write
    stale = b._states["cup"]
    from pursuit.core.decide import decide
    from pursuit.core.event_wire import to_wire
    from pursuit.store.events import NewEvent

    events = decide(stale, c.RecordFinish("Q", 1, "Fia", t("5:20.000")))
    with pytest.raises(ConcurrencyConflict):
        store.append(
            "cup",
            stale.position,
            [NewEvent(*to_wire(events[0]), command_id="x", actor="tk2", recorded_at="t")],
        )
    # reloading, B sees A's finish and its own command now goes through
    assert str(b.state("cup").ride("Q", "Eva").time) == "4:50.000"
    b.handle("cup", c.RecordFinish("Q", 1, "Fia", t("5:20.000")), "tk2")
    assert str(b.state("cup").ride("Q", "Fia").time) == "5:20.000"


def test_a_retried_command_with_the_same_id_is_applied_once():
    svc = new_service()
    uci_competition(svc)
    svc.handle("cup", c.DrawRound("Q"), "admin")
    svc.handle("cup", c.StartHeat("Q", 1), "tk")
    first = svc.handle("cup", c.RecordFinish("Q", 1, "Eva", t("4:50.000")), "tk", "cmd-1")
    again = svc.handle("cup", c.RecordFinish("Q", 1, "Eva", t("4:50.000")), "tk", "cmd-1")
    assert [e.position for e in again.stored] == [e.position for e in first.stored]
    assert svc.store.head("cup") == first.stored[-1].position


def test_a_disqualification_and_a_later_reinstatement_both_stay_in_the_record():
    svc = new_service()
    for command in commands_from_file(EXAMPLE):
        svc.handle("mx", command, "import")
    before = svc.store.head("mx")
    svc.handle("mx", c.Disqualify("F", "Daniel Rébillard", "protest upheld"), "jury")
    dsq = build_view(svc.results("mx"))
    # the final goes to Frey; the disqualified rider's place stays vacant (nobody moves up)
    assert (dsq.classification[0].rank, dsq.classification[0].name) == ("1", "Mogens Frey")
    assert (dsq.classification[1].rank, dsq.classification[1].vacant) == ("2", True)
    assert dsq.classification[2].name == "Xaver Kurmann"
    assert ("DSQ", "Daniel Rébillard") in [(p.rank, p.name) for p in dsq.classification]
    svc.handle(
        "mx",
        c.RecordDecision(
            "reinstate", "federation", "appeal granted", "F", "Daniel Rébillard", "1968-11-02"
        ),
        "federation",
    )
    after = build_view(svc.results("mx"))
    assert after.classification[0].name == "Daniel Rébillard"
    # as of the protest, the record still shows the vacant gold
    as_of = build_view(compute(svc.existing("mx", before + 1).competition()))
    assert as_of.classification[1].vacant


def test_importing_the_1968_file_gives_identical_results_to_reading_it():
    from pursuit.app.file_results import compute_file

    svc = new_service()
    svc.handle("mx", commands_from_file(EXAMPLE), "import")
    assert build_view(svc.results("mx")) == compute_file(EXAMPLE).view


def test_the_1968_replay_reaches_the_published_classification_with_synthetic_splits():
    loaded = load_competition(EXAMPLE)
    steps = replay_script(loaded.competition, "olympic-1968", format_definition("olympic-1968"))
    svc = new_service()
    list(run(steps, lambda cmd: svc.handle("live", cmd, "replay") and None, 0, lambda s: None))
    live = build_view(svc.results("live"))
    published = build_view(compute(loaded.competition))
    assert [(p.rank, p.name) for p in live.classification] == [
        (p.rank, p.name) for p in published.classification
    ]
    state = svc.state("live")
    kurmann = state.ride("Q", "Xaver Kurmann")
    assert kurmann.synthetic and len(kurmann.splits) == 23
    # splits end before the published time and the time is exact
    assert str(kurmann.time) == "4:40.41"
    # records set on the day travel with the finish (Frey's Olympic record in QF 4)
    assert state.ride("QF", "Mogens Frey").record == "OR" and kurmann.record == "OR"


def test_a_refused_split_says_which_rider_heat_and_half_lap_it_was_about():
    svc = new_service()
    uci_competition(svc)
    svc.handle("cup", c.DrawRound("Q"), "admin")
    svc.handle("cup", c.StartHeat("Q", 1), "tk")
    svc.handle("cup", c.RecordSplit("Q", 1, "Eva", t("18.00")), "tk")
    with pytest.raises(RuleViolation) as refused:
        svc.handle("cup", c.RecordSplit("Q", 1, "Eva", t("18.50")), "tk")
    assert refused.value.about() == {
        "entrant": "Eva",
        "round": "Q",
        "heat": 1,
        "half_lap": 2,
        "field": "time",
    }
    assert "half lap 2" in str(refused.value)  # the words are unchanged


def test_an_idempotency_key_reused_for_another_request_is_refused_and_nothing_is_written():
    from pursuit.app.idempotency import KeyReused

    svc = new_service()
    uci_competition(svc)
    svc.handle("cup", c.DrawRound("Q"), "admin")
    svc.handle("cup", c.StartHeat("Q", 1), "tk")
    first = svc.handle("cup", c.RecordSplit("Q", 1, "Eva", t("18.00")), "tk", "K")
    again = svc.handle("cup", c.RecordSplit("Q", 1, "Eva", t("18.00")), "tk", "K")
    assert again.positions == first.positions  # a retry: applied once
    head = svc.state("cup").position
    for command, actor in [
        (c.RecordSplit("Q", 1, "Fia", t("18.50")), "tk"),  # another rider
        (c.RecordFinish("Q", 1, "Eva", t("4:50.00")), "tk2"),  # another command and actor
        (c.RecordSplit("Q", 1, "Eva", t("18.00")), "tk2"),  # the same request by someone else
    ]:
        with pytest.raises(KeyReused, match="'K' was already used"):
            svc.handle("cup", command, actor, "K")
    assert svc.state("cup").position == head
    # a second service on the same store (another process) knows the key too
    other = CompetitionService(svc.store)
    with pytest.raises(KeyReused):
        other.handle("cup", c.RecordSplit("Q", 1, "Fia", t("18.50")), "tk", "K")
    assert other.handle("cup", c.RecordSplit("Q", 1, "Eva", t("18.00")), "tk", "K").positions == (
        first.positions
    )
