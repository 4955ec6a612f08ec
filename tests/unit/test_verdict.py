"""A heat's verdict in words: who won, by how much (a margin, a catch, the opponent's DNS…),
the medals of a final and the records set."""

from __future__ import annotations

from pursuit.core.outcomes import Status
from pursuit.core.times import RaceTime, parse_time
from pursuit.views.heat import Catch, HeatRider
from pursuit.views.verdict import Ranked, heat_verdict, margin_text


def rider(name: str, time: str | None = None, status: Status = Status.FINISHED) -> HeatRider:
    return HeatRider(
        name=name,
        short=name.split()[-1],
        nation="",
        side="",
        status=status,
        time=parse_time(time) if time is not None else None,
        record="",
        splits=(),
        crossings=(),
        laps=(),
        synthetic=False,
    )


def duel(a: HeatRider, rank_a: str, b: HeatRider, rank_b: str) -> tuple[Ranked, Ranked]:
    return Ranked(a, rank_a), Ranked(b, rank_b)


REBILLARD = rider("Daniel Rébillard", "4:41.71")
FREY = rider("Mogens Frey", "4:42.43")


def test_a_knockout_heat_decided_by_time_gives_the_winner_and_the_margin() -> None:
    verdict = heat_verdict(
        duel(FREY, "2", REBILLARD, "1"), None, 2, knockout=True, decided_by="time"
    )
    assert verdict is not None
    assert (verdict.winner, verdict.loser, verdict.how) == (
        "Daniel Rébillard",
        "Mogens Frey",
        "time",
    )
    assert verdict.margin == "0.72 s"
    assert verdict.text == "Daniel Rébillard won by 0.72 s"


def test_the_margin_is_the_difference_of_the_times_as_shown() -> None:
    # 4:41.719 and 4:42.431 are shown as 4:41.71 and 4:42.43: the margin shown is 0.72 s
    a, b = rider("A", "4:41.719"), rider("B", "4:42.431")
    verdict = heat_verdict(duel(a, "1", b, "2"), None, 2, knockout=True, decided_by="time")
    assert verdict is not None and verdict.margin == "0.72 s"
    assert margin_text(RaceTime(62 * 10_000 + 4_000, 4).ticks, 2) == "1:02.40"


def test_a_catch_says_in_which_lap() -> None:
    a, b = rider("A", "3:10.00", Status.CAUGHT_OPPONENT), rider("B", None, Status.OVERTAKEN)
    verdict = heat_verdict(
        duel(a, "1", b, "2"), Catch("A", "B", 11), 2, knockout=True, decided_by="catch"
    )
    assert verdict is not None
    assert verdict.how == "catch"
    assert verdict.text == "A won: caught B in lap 6"
    assert verdict.margin == ""


def test_a_catch_without_splits_names_no_lap() -> None:
    a, b = rider("A", "3:10.00", Status.CAUGHT_OPPONENT), rider("B", None, Status.OVERTAKEN)
    verdict = heat_verdict(
        duel(b, "2", a, "1"), Catch("A", "B", None), 2, knockout=True, decided_by="catch"
    )
    assert verdict is not None and verdict.text == "A won: caught B"


def test_an_opponent_who_did_not_start_is_said_in_words() -> None:
    a, b = rider("A", "4:50.00"), rider("B", None, Status.DNS)
    verdict = heat_verdict(duel(a, "1", b, "2"), None, 2, knockout=True, decided_by="outcome")
    assert verdict is not None
    assert verdict.how == "outcome"
    assert verdict.text == "A won: B did not start (DNS)"


def test_an_opponent_who_did_not_finish_is_said_in_words() -> None:
    a, b = rider("A", "4:50.00"), rider("B", None, Status.DNF)
    verdict = heat_verdict(duel(b, "2", a, "1"), None, 2, knockout=True, decided_by="outcome")
    assert verdict is not None and verdict.text == "A won: B did not finish (DNF)"


def test_equal_times_in_a_knockout_are_decided_on_the_last_lap() -> None:
    a, b = rider("A", "4:40.00"), rider("B", "4:40.00")
    verdict = heat_verdict(duel(a, "2", b, "1"), None, 2, knockout=True, decided_by="last_lap")
    assert verdict is not None
    assert verdict.winner == "B"
    assert verdict.text == "B won on the better last lap (both 4:40.00)"


def test_equal_times_in_a_timed_round_are_level() -> None:
    a, b = rider("A", "4:40.001"), rider("B", "4:40.009")  # level at 0.01
    verdict = heat_verdict(duel(a, "3", b, "3"), None, 2, knockout=False)
    assert verdict is not None
    assert (verdict.winner, verdict.how) == ("", "level")
    assert verdict.text == "Level: both 4:40.00"


def test_a_timed_round_says_who_was_faster_not_who_won() -> None:
    a, b = rider("A", "4:40.00"), rider("B", "4:41.50")
    verdict = heat_verdict(duel(a, "2", b, "5"), None, 2, knockout=False)
    assert verdict is not None and verdict.text == "A was faster by 1.50 s"


def test_no_verdict_before_the_heat_is_decided() -> None:
    a, b = rider("A", "4:40.00"), rider("B")
    assert heat_verdict(duel(a, "", b, ""), None, 2, knockout=True, decided_by="") is None
    assert heat_verdict(duel(a, "1", b, "2"), None, 2, knockout=False, finished=False) is None
    assert heat_verdict((Ranked(a, "1"),), None, 2, knockout=False) is None


def test_a_final_gives_gold_and_silver_a_bronze_match_bronze_only() -> None:
    final = heat_verdict(
        duel(REBILLARD, "1", FREY, "2"), None, 2, knockout=True, decided_by="time", places=(1, 2)
    )
    assert final is not None
    assert [(m.name, m.medal) for m in final.medals] == [
        ("Daniel Rébillard", "Gold"),
        ("Mogens Frey", "Silver"),
    ]
    bronze = heat_verdict(
        duel(FREY, "4", REBILLARD, "3"), None, 2, knockout=True, decided_by="time", places=(3, 4)
    )
    assert bronze is not None
    assert [(m.name, m.medal) for m in bronze.medals] == [("Daniel Rébillard", "Bronze")]
    quarter = heat_verdict(
        duel(FREY, "1", REBILLARD, "2"), None, 2, knockout=True, decided_by="time"
    )
    assert quarter is not None and quarter.medals == ()


def test_records_are_named_and_a_recognised_one_is_to_be_ratified() -> None:
    riders = (
        Ranked(FREY, "1", "OR"),
        Ranked(REBILLARD, "2", "WR", "world record, to be ratified; previous WR …"),
    )
    verdict = heat_verdict(riders, None, 2, knockout=True, decided_by="time")
    assert verdict is not None
    assert verdict.records == (
        "OR (Olympic record) by Mogens Frey",
        "WR to be ratified (world record) by Daniel Rébillard",
    )
