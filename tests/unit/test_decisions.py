"""Decisions after the race: sanctions lifted, places awarded, each state of the story."""

from __future__ import annotations

from dataclasses import replace

import pytest
from builders import Run, competition_text, line_of, ride, run
from test_classification import B_1968, F_1968, Q_1968, QF_1968, SF_1968

from pursuit.core.decisions import Cutoff, Decision, awards, in_force
from pursuit.core.engine import compute

# In F_1968, R04 (4:40.00) beats R03 (4:41.00); in B_1968, R01 beats R02.
ROUNDS = {"Q": Q_1968, "QF": QF_1968, "SF": SF_1968, "B": B_1968, "F": F_1968}
TOP_AS_RIDDEN = [("1", "R04"), ("2", "R03"), ("3", "R01"), ("4", "R02")]


def decision(**keys: object) -> str:
    body = "\n".join(
        f"{k} = {v!r}" if isinstance(v, str) else f"{k} = {v}" for k, v in keys.items()
    )
    return f"\n[[decisions]]\nauthority = 'Jury'\nreason = 'why'\n{body}\n"


def with_decisions(*decisions: str) -> Run:
    return run(competition_text("olympic-1968", ROUNDS) + "".join(decisions))


def top(r: Run, n: int = 4) -> list[tuple[str, str | None]]:
    return r.classification()[:n]


DSQ_WINNER = decision(effect="disqualify", round="F", entrant="R04", date="1968-10-21")


def test_a_disqualification_in_the_final_leaves_the_silver_vacant_and_nobody_moves_up() -> None:
    r = with_decisions(DSQ_WINNER)
    assert top(r) == [("1", "R03"), ("2", None), ("3", "R01"), ("4", "R02")]
    assert ("DSQ", "R04") in r.classification()
    assert r.findings == []


def test_an_award_fills_the_vacant_place_and_takes_the_entrant_out_of_the_dsq_block() -> None:
    award = decision(effect="award", entrant="R04", place=2, date="1968-11-30")
    r = with_decisions(DSQ_WINNER, award)
    assert top(r) == [("1", "R03"), ("2", "R04"), ("3", "R01"), ("4", "R02")]
    assert r.label_of("R04") == "2"
    awarded = r.results.classification[1].awarded
    assert awarded is not None and awarded.authority == "Jury" and awarded.date == "1968-11-30"


def test_an_award_moves_an_entrant_and_leaves_its_old_place_vacant() -> None:
    r = with_decisions(decision(effect="award", entrant="R01", place=2))
    assert top(r) == [("1", "R04"), ("2", "R03"), ("2", "R01"), ("3", None)]
    assert [p.shared for p in r.results.classification[1:3]] == [True, True]


def test_reinstating_lifts_the_disqualification_and_withdraws_an_earlier_award() -> None:
    award = decision(effect="award", entrant="R04", place=2)
    lift = decision(effect="reinstate", round="F", entrant="R04")
    r = with_decisions(DSQ_WINNER, award, lift)
    assert top(r) == TOP_AS_RIDDEN


def test_an_award_after_a_reinstatement_sets_the_place_whatever_the_rides_give() -> None:
    lift = decision(effect="reinstate", round="F", entrant="R04")
    award = decision(effect="award", entrant="R04", place=2)
    r = with_decisions(DSQ_WINNER, lift, award)
    # reinstated, R04 wins the final again; the award moves it to 2nd: gold is left vacant
    # (nobody moves up) and R03, 2nd by the rides, shares silver
    assert top(r) == [("1", None), ("2", "R03"), ("2", "R04"), ("3", "R01")]
    # the ride counts as ridden again: R04 won the final on the track
    assert r.heat("F") == ("R04", "R03", "time")


def test_the_published_ranks_of_a_heat_with_a_disqualification_are_not_compared() -> None:
    # ranks as ridden: R04 1st on the track; the decision makes it DSQ and R03 the winner
    final = [ride("R03", "4:41.00", rank="2"), ride("R04", "4:40.00", rank="1")]
    text = competition_text("olympic-1968", {**ROUNDS, "F": final})
    assert run(text).findings == []
    assert run(text + DSQ_WINNER).findings == []
    wrong = competition_text(
        "olympic-1968",
        {**ROUNDS, "F": final, "B": [ride("R01", "4:41.00", rank="4"), ("R02", "4:42.00")]},
    )
    assert run(wrong + DSQ_WINNER).codes() == ["published-rank"]  # another heat still is


@pytest.mark.parametrize(
    ("cutoff", "expected"),
    [
        (Cutoff("1968-10-20"), ["undated"]),
        (Cutoff("1968-10-21"), ["undated", "dsq"]),
        (Cutoff("1968-11-30"), ["undated", "dsq", "award"]),
        (Cutoff(None, 0), []),
        (Cutoff(None, 2), ["undated", "dsq"]),
        (Cutoff("1968-12-01", 1), ["undated"]),
    ],
)
def test_the_decisions_in_force_on_a_day_or_among_the_first_n(
    cutoff: Cutoff, expected: list[str]
) -> None:
    decisions = (
        Decision("note", "Jury", "undated"),
        Decision("disqualify", "Jury", "dsq", "F", "A", "1968-10-21"),
        Decision("award", "FIAC", "award", None, "A", "1968-11-30", 2),
    )
    assert [d.reason for d in in_force(decisions, cutoff)] == expected


def test_the_latest_decision_about_an_entrant_wins() -> None:
    first = Decision("award", "Jury", "r", None, "A", place=2)
    second = Decision("award", "Jury", "r", None, "A", place=3)
    lift = Decision("reinstate", "Jury", "r", "F", "A")
    assert awards((first, second)) == {"A": second}
    assert awards((first, lift)) == {}
    assert awards((lift, first)) == {"A": first}


def test_each_state_of_the_story_comes_from_the_same_file() -> None:
    award = decision(effect="award", entrant="R04", place=2, date="1968-11-30")
    r = with_decisions(DSQ_WINNER, award)
    states = {}
    for day in ("1968-10-20", "1968-10-21", "1968-11-30"):
        decided = in_force(r.loaded.competition.decisions, Cutoff(day))
        results = compute(replace(r.loaded.competition, decisions=decided))
        states[day] = [(p.label, p.entrant) for p in results.classification][:2]
    assert states == {
        "1968-10-20": [("1", "R04"), ("2", "R03")],
        "1968-10-21": [("1", "R03"), ("2", None)],
        "1968-11-30": [("1", "R03"), ("2", "R04")],
    }


@pytest.mark.parametrize(
    ("keys", "code", "words"),
    [
        ({"effect": "fine", "entrant": "R04"}, "bad-decision", "effect is one of"),
        ({"effect": "award", "entrant": "R04"}, "bad-decision", "names its place"),
        ({"effect": "award", "entrant": "R04", "place": 0}, "bad-decision", "names its place"),
        ({"effect": "award", "place": 2}, "bad-decision", "the entrant it goes to"),
        ({"effect": "note", "place": 2}, "bad-decision", "goes with a decision to award"),
        ({"effect": "disqualify", "entrant": "R04"}, "bad-decision", "names the round"),
        ({"effect": "reinstate", "round": "F", "entrant": "R04"}, "bad-decision", "to lift"),
        ({"effect": "disqualify", "round": "X", "entrant": "R04"}, "unknown-round", "'X'"),
        ({"effect": "award", "entrant": "Nobody", "place": 2}, "unknown-entrant", "Nobody"),
        ({"effect": "note", "date": "21 Oct 1968"}, "bad-date", "YYYY-MM-DD"),
    ],
)
def test_a_decision_that_cannot_be_applied_is_reported_on_its_line_and_left_out(
    keys: dict[str, object], code: str, words: str
) -> None:
    text = competition_text("olympic-1968", ROUNDS) + decision(**keys, basis="marker")
    r = run(text)
    assert r.loaded.competition.decisions == ()
    assert top(r) == TOP_AS_RIDDEN
    (finding,) = [f for f in r.findings if f.code == code]
    assert words in finding.message
    assert finding.place is not None and finding.place.line is not None
    assert line_of(text, "[[decisions]]") <= finding.place.line <= line_of(text, "marker")


def test_a_dsq_written_as_a_status_cannot_be_lifted_by_a_decision() -> None:
    final = [("R03", "4:41.00"), ("R04", "dsq")]
    lift = decision(effect="reinstate", round="F", entrant="R04")
    r = run(competition_text("olympic-1968", {**ROUNDS, "F": final}) + lift)
    assert r.codes() == ["bad-decision"]
    assert "write the ride as ridden" in r.findings[0].message
