"""`evolve` folds each event into the competition state: rides, heats, corrections,
sanctions, the position, and the competition model built from them."""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest

from pursuit.core import events as ev
from pursuit.core.commands import StartHeat
from pursuit.core.competition import Metadata, PublishedPlace, Slot
from pursuit.core.decide import decide
from pursuit.core.entrants import Rider, Team
from pursuit.core.evolve import evolve
from pursuit.core.live_state import CompetitionState, Correction, HeatState, RideState
from pursuit.core.outcomes import Outcome, Status
from pursuit.core.times import RaceTime, parse_time
from pursuit.errors import RuleViolation
from pursuit.loading.format_files import format_definition

UCI = "uci-individual-pursuit"
ANNA, BERT, CARL, DIRK = "Anna", "Bert", "Carl", "Dirk"
META = Metadata(title="Test pursuit", precision=3)


def t(text: str) -> RaceTime:
    return parse_time(text)


@cache
def _definition(name: str) -> dict[str, Any]:
    return format_definition(name)


def created(name: str = UCI, **catch: str) -> ev.CompetitionCreated:
    """The competition, its rounds' catch rule changed where `catch` says (round id: rule)."""
    definition = dict(_definition(name))
    definition["rounds"] = [
        {**r, "catch": catch.get(r["id"], r["catch"])} for r in definition["rounds"]
    ]
    return ev.CompetitionCreated(name, definition, META)


def fold(*events: ev.Event) -> CompetitionState:
    state = CompetitionState()
    for event in events:
        evolve(state, event)
    return state


DRAWN = (
    created(),
    *(ev.EntrantRegistered(n) for n in (ANNA, BERT, CARL, DIRK)),
    ev.RoundDrawn(
        "Q",
        (
            ev.HeatDrawn(1, (ANNA, BERT), ("red", "green")),
            ev.HeatDrawn(2, (CARL, DIRK), ("red", "green")),
        ),
    ),
)
STARTED = (*DRAWN, ev.HeatStarted("Q", 1))
FINISHED = (*STARTED, ev.FinishRecorded("Q", 1, ANNA, t("4:20.000")))


def ride(state: CompetitionState, name: str, round_id: str = "Q") -> RideState:
    found = state.ride(round_id, name)
    assert found is not None
    return found


def heat(state: CompetitionState, number: int, round_id: str = "Q") -> HeatState:
    found = state.heat(round_id, number)
    assert found is not None
    return found


# --- setting up -------------------------------------------------------------------------------


def test_a_created_competition_has_its_format_and_metadata() -> None:
    state = fold(created())
    assert state.created
    assert state.meta == META
    assert state.format_name == UCI
    assert state.format is not None and state.format.round_ids() == ("Q", "B", "F")


def test_a_registered_rider_is_entered_with_the_seed_time() -> None:
    state = fold(created(), ev.EntrantRegistered(ANNA, "SUI", "Meier", "12", t("4:31.000")))
    assert state.entrants == {ANNA: Rider(ANNA, "SUI", "Meier", "12")}
    assert state.seed_times == {ANNA: t("4:31.000")}


def test_a_registered_team_is_entered_with_its_roster_of_its_nation() -> None:
    state = fold(created(), ev.EntrantRegistered("Germany", "GER", bib="3", roster=("A", "B")))
    assert state.entrants == {
        "Germany": Team("Germany", "GER", (Rider("A", "GER"), Rider("B", "GER")), "3")
    }
    assert state.seed_times == {}


def test_a_scheduled_round_has_its_slot() -> None:
    state = fold(created(), ev.RoundScheduled("Q", "2026-10-20", "14:30"))
    assert state.schedule == {"Q": Slot("2026-10-20", "14:30")}


def test_a_drawn_round_has_its_heats_and_each_rider_a_heat_and_a_side() -> None:
    state = fold(*DRAWN)
    assert state.heats["Q"] == {
        1: HeatState("Q", 1, (ANNA, BERT), ("red", "green")),
        2: HeatState("Q", 2, (CARL, DIRK), ("red", "green")),
    }
    assert ride(state, DIRK) == RideState(DIRK, heat=2, side="green")


def test_a_round_drawn_again_moves_the_riders_to_their_new_heats() -> None:
    redraw = ev.RoundDrawn(
        "Q",
        (
            ev.HeatDrawn(1, (ANNA, CARL), ("red", "green")),
            ev.HeatDrawn(2, (DIRK, BERT), ("red", "green")),
        ),
    )
    state = fold(*DRAWN, redraw)
    assert [h.entrants for h in state.heats["Q"].values()] == [(ANNA, CARL), (DIRK, BERT)]
    assert (ride(state, BERT).heat, ride(state, BERT).side) == (2, "green")
    assert (ride(state, DIRK).heat, ride(state, DIRK).side) == (2, "red")


def test_a_round_drawn_again_with_fewer_heats_has_only_the_new_heats() -> None:
    three = ev.RoundDrawn(
        "Q",
        (
            ev.HeatDrawn(1, (ANNA,), ("red",)),
            ev.HeatDrawn(2, (BERT, CARL), ("red", "green")),
            ev.HeatDrawn(3, (DIRK,), ("red",)),
        ),
    )
    state = fold(*DRAWN[:-1], three, DRAWN[-1])
    assert sorted(state.heats["Q"]) == [1, 2]
    with pytest.raises(RuleViolation, match="Qualifying heat 3 is not drawn"):
        decide(state, StartHeat("Q", 3))


# --- the track --------------------------------------------------------------------------------


def test_a_started_heat_is_running_with_its_start_impulse() -> None:
    state = fold(*DRAWN, ev.HeatStarted("Q", 1, t("15:02:11.0342")))
    assert heat(state, 1).started and not heat(state, 1).done
    assert heat(state, 1).start_impulse == t("15:02:11.0342")
    assert state.running_heat() is heat(state, 1)


def test_splits_are_kept_in_half_lap_order() -> None:
    state = fold(
        *STARTED,
        ev.SplitRecorded("Q", 1, ANNA, 1, t("12.000")),
        ev.SplitRecorded("Q", 1, ANNA, 2, t("20.000")),
    )
    assert ride(state, ANNA).splits == [t("12.000"), t("20.000")]
    assert not ride(state, ANNA).synthetic


def test_a_split_recorded_again_replaces_it_and_drops_those_after() -> None:
    state = fold(
        *STARTED,
        ev.SplitRecorded("Q", 1, ANNA, 1, t("12.000")),
        ev.SplitRecorded("Q", 1, ANNA, 2, t("20.000")),
        ev.SplitRecorded("Q", 1, ANNA, 1, t("12.500")),
    )
    assert ride(state, ANNA).splits == [t("12.500")]


def test_one_synthetic_split_marks_the_ride_synthetic() -> None:
    state = fold(
        *STARTED,
        ev.SplitRecorded("Q", 1, ANNA, 1, t("12.000"), synthetic=True),
        ev.SplitRecorded("Q", 1, ANNA, 2, t("20.000")),
    )
    assert ride(state, ANNA).synthetic
    assert ride(state, ANNA).to_ride().basis == "synthetic splits"


def test_a_finish_gives_the_ride_its_time_and_record_and_ends_it() -> None:
    state = fold(*STARTED, ev.FinishRecorded("Q", 1, ANNA, t("4:20.000"), "typed", "WR"))
    anna = ride(state, ANNA)
    assert (anna.time, anna.record, anna.finished, anna.status) == (
        t("4:20.000"),
        "WR",
        True,
        Status.FINISHED,
    )
    assert not heat(state, 1).done


def test_the_heat_is_over_once_every_rider_in_it_has_finished() -> None:
    state = fold(*FINISHED, ev.FinishRecorded("Q", 1, BERT, t("4:25.000")))
    assert heat(state, 1).done
    assert state.running_heat() is None


def test_a_non_finish_ends_the_ride_and_may_end_the_heat() -> None:
    state = fold(*FINISHED, ev.OutcomeRecorded("Q", BERT, "dnf", 1))
    assert (ride(state, BERT).status, ride(state, BERT).finished) == (Status.DNF, True)
    assert heat(state, 1).done


def test_a_non_start_without_a_heat_uses_the_heat_drawn() -> None:
    state = fold(*DRAWN, ev.OutcomeRecorded("Q", CARL, "dns"))
    assert ride(state, CARL).status is Status.DNS
    assert not heat(state, 2).done
    state = fold(*DRAWN, ev.OutcomeRecorded("Q", CARL, "dns"), ev.OutcomeRecorded("Q", DIRK, "dns"))
    assert heat(state, 2).done


# --- catches ----------------------------------------------------------------------------------


def test_a_catch_where_both_ride_on_ends_neither_ride() -> None:
    state = fold(*STARTED, ev.CatchRecorded("Q", 1, ANNA, BERT, 20))
    assert ride(state, ANNA).status is Status.CAUGHT_OPPONENT
    assert ride(state, BERT).status is Status.OVERTAKEN
    assert not ride(state, ANNA).finished and not ride(state, BERT).finished
    assert not heat(state, 1).done


def test_a_catch_that_ends_the_race_ends_both_rides_and_the_heat() -> None:
    state = fold(created(Q="ends_race"), *STARTED[1:], ev.CatchRecorded("Q", 1, ANNA, BERT, 20))
    assert ride(state, ANNA).status is Status.CAUGHT_OPPONENT
    assert ride(state, BERT).status is Status.OVERTAKEN
    assert ride(state, ANNA).finished and ride(state, BERT).finished
    assert heat(state, 1).done


def test_a_catch_where_the_catcher_eases_up_ends_only_the_catchers_ride() -> None:
    state = fold(created(Q="ease_up"), *STARTED[1:], ev.CatchRecorded("Q", 1, ANNA, BERT, 20))
    assert ride(state, ANNA).finished and not ride(state, BERT).finished
    assert not heat(state, 1).done


def test_a_caught_rider_who_finishes_keeps_the_time_and_stays_overtaken() -> None:
    state = fold(
        *STARTED,
        ev.CatchRecorded("Q", 1, ANNA, BERT, 20),
        ev.FinishRecorded("Q", 1, ANNA, t("4:20.000")),
        ev.FinishRecorded("Q", 1, BERT, t("4:40.000")),
    )
    assert ride(state, BERT).to_ride().outcome == Outcome(Status.OVERTAKEN, t("4:40.000"))
    assert ride(state, ANNA).status is Status.CAUGHT_OPPONENT
    assert heat(state, 1).done


# --- sanctions and corrections ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("event", "status", "what"),
    [
        (ev.RiderDisqualified("Q", ANNA, "irregular start"), Status.DSQ, "DSQ"),
        (ev.RiderRelegated("Q", ANNA, "irregular start"), Status.REL, "REL"),
    ],
)
def test_a_sanction_sets_the_status_and_is_listed_with_its_reason(
    event: ev.Event, status: Status, what: str
) -> None:
    state = fold(*FINISHED, event)
    anna = ride(state, ANNA)
    assert (anna.status, anna.time, anna.finished) == (status, t("4:20.000"), True)
    assert anna.before_sanction == (Status.FINISHED, t("4:20.000"))
    assert state.corrections == [Correction(state.position, "Q", ANNA, what, "irregular start")]


def test_a_second_sanction_keeps_what_the_ride_was_before_the_first() -> None:
    state = fold(
        *FINISHED,
        ev.RiderRelegated("Q", ANNA, "lane"),
        ev.RiderDisqualified("Q", ANNA, "again"),
    )
    assert ride(state, ANNA).before_sanction == (Status.FINISHED, t("4:20.000"))
    assert [c.what for c in state.corrections] == ["REL", "DSQ"]


@pytest.mark.parametrize(
    "sanction",
    [
        ev.RiderDisqualified("Q", ANNA, "start"),
        ev.DecisionRecorded("disqualify", "panel", "doping", "Q", ANNA),
    ],
)
def test_reinstatement_restores_the_status_and_time_before_the_sanction(
    sanction: ev.Event,
) -> None:
    reinstate = ev.DecisionRecorded("reinstate", "Jury of appeal", "upheld", "Q", ANNA)
    state = fold(*FINISHED, sanction, reinstate)
    anna = ride(state, ANNA)
    assert (anna.status, anna.time, anna.before_sanction) == (
        Status.FINISHED,
        t("4:20.000"),
        None,
    )
    assert state.competition().rides["Q"][0].outcome == Outcome(Status.FINISHED, t("4:20.000"))


def test_a_disqualification_decision_is_kept_with_its_position() -> None:
    decision = ev.DecisionRecorded("disqualify", "panel", "doping", "Q", ANNA, "2026-10-21")
    state = fold(*FINISHED, decision)
    assert ride(state, ANNA).status is Status.DSQ
    assert state.decisions == [(state.position, decision)]


def test_a_note_changes_no_ride() -> None:
    note = ev.DecisionRecorded("note", "UCI", "results confirmed")
    before = fold(*FINISHED)
    state = fold(*FINISHED, note)
    assert state.rides == before.rides
    assert state.decisions == [(state.position, note)]


def test_a_time_correction_is_listed_with_the_old_and_the_new_time() -> None:
    state = fold(*FINISHED, ev.RideCorrected("Q", ANNA, "misread", t("4:21.000")))
    assert ride(state, ANNA).time == t("4:21.000")
    assert state.corrections == [
        Correction(state.position, "Q", ANNA, "time 4:20.000 → 4:21.000", "misread")
    ]


def test_a_correction_of_status_and_clearing_the_time_lists_both_changes() -> None:
    correction = ev.RideCorrected("Q", ANNA, "abandoned", None, "dnf", clear_time=True)
    state = fold(*FINISHED, correction)
    anna = ride(state, ANNA)
    assert (anna.status, anna.time, anna.finished) == (Status.DNF, None, True)
    assert state.corrections[-1].what == "time 4:20.000 → –; status finished → dnf"


def test_a_time_given_to_a_ride_without_one_is_listed_from_a_dash() -> None:
    state = fold(*STARTED, ev.RideCorrected("Q", BERT, "timer failed", t("4:30.000")))
    assert state.corrections[-1].what == "time – → 4:30.000"
    assert ride(state, BERT).finished


def test_a_split_correction_replaces_the_split_and_lists_the_change() -> None:
    state = fold(
        *STARTED,
        ev.SplitRecorded("Q", 1, ANNA, 1, t("12.000")),
        ev.SplitRecorded("Q", 1, ANNA, 2, t("20.000")),
        ev.SplitCorrected("Q", ANNA, 2, t("19.500"), "misread impulse"),
    )
    assert ride(state, ANNA).splits == [t("12.000"), t("19.500")]
    assert state.corrections == [
        Correction(state.position, "Q", ANNA, "half lap 2 20.000 → 19.500", "misread impulse")
    ]


@pytest.mark.parametrize(
    "ends_ride",
    [
        ev.RiderDisqualified("Q", BERT, "irregular riding"),
        ev.RiderRelegated("Q", BERT, "irregular riding"),
        ev.RideCorrected("Q", BERT, "timer failed", t("4:30.000")),
    ],
)
def test_ending_the_last_ride_on_the_track_by_a_ruling_ends_the_heat(ends_ride: ev.Event) -> None:
    state = fold(*FINISHED, ends_ride)
    assert heat(state, 1).done
    assert decide(state, StartHeat("Q", 2)) == [ev.HeatStarted("Q", 2)]


# --- imports and published results ------------------------------------------------------------


def test_an_imported_ride_is_taken_whole() -> None:
    state = fold(
        *DRAWN,
        ev.RideRecorded(
            "Q",
            ANNA,
            "overtaken",
            t("4:40.41"),
            None,
            None,
            (t("20.00"), t("36.00")),
            "OR",
            "9",
            "published",
            ("A1",),
        ),
    )
    assert ride(state, ANNA) == RideState(
        ANNA,
        heat=1,
        side="red",
        status=Status.OVERTAKEN,
        time=t("4:40.41"),
        splits=[t("20.00"), t("36.00")],
        finished=True,
        record="OR",
        published_rank="9",
        basis="published",
        lineup=("A1",),
    )


def test_an_imported_ride_in_an_undrawn_round_has_its_own_heat_and_side() -> None:
    state = fold(
        created(),
        ev.EntrantRegistered(ANNA),
        ev.RideRecorded("Q", ANNA, heat=4, side="green", time=t("4:40.41")),
    )
    assert (ride(state, ANNA).heat, ride(state, ANNA).side) == (4, "green")


def test_a_published_classification_replaces_the_one_before() -> None:
    state = fold(
        *DRAWN,
        ev.ClassificationPublished((ev.PublishedPlace("1", ANNA),)),
        ev.ClassificationPublished((ev.PublishedPlace("1", BERT), ev.PublishedPlace("2", ANNA))),
    )
    assert state.published == [PublishedPlace("1", BERT), PublishedPlace("2", ANNA)]
    assert state.competition().published_classification == (
        PublishedPlace("1", BERT),
        PublishedPlace("2", ANNA),
    )


# --- position and the competition model -------------------------------------------------------


def test_each_event_advances_the_position_by_one() -> None:
    state = CompetitionState()
    for n, event in enumerate(FINISHED, start=1):
        assert evolve(state, event) is state
        assert state.position == n


def test_the_competition_model_is_kept_until_the_next_event_and_then_built_anew() -> None:
    state = fold(*STARTED)
    model = state.competition()
    assert state.competition() is model
    assert model.rides_of("Q") == ()  # drawn but not ridden: not in the results yet
    evolve(state, ev.FinishRecorded("Q", 1, ANNA, t("4:20.000")))
    rebuilt = state.competition()
    assert rebuilt is not model
    assert [(r.entrant, r.outcome) for r in rebuilt.rides_of("Q")] == [
        (ANNA, Outcome(Status.FINISHED, t("4:20.000")))
    ]


def test_the_competition_model_carries_entrants_schedule_and_ride_sides() -> None:
    state = fold(*FINISHED, ev.RoundScheduled("Q", "2026-10-20"))
    model = state.competition()
    assert model.meta == META
    assert [e.name for e in model.entrants] == [ANNA, BERT, CARL, DIRK]
    assert model.schedule == {"Q": Slot("2026-10-20")}
    assert model.rides_of("Q")[0].side is not None and model.rides_of("Q")[0].heat == 1
