"""Published orders without times: who was faster in a round, used wherever the engine
orders by that round's time, and checked against every known time."""

from __future__ import annotations

import json

from builders import competition_text, field_of, ride, run, run_rounds

TP = "uci-team-pursuit"
Q = field_of(8)  # R01 fastest … R08
# First round: heats 6v7, 5v8, 2v3, 1v4, each decided by published places only.
R1 = [
    ride("R06", rank="1"),
    ride("R07", rank="2"),
    ride("R05", rank="1"),
    ride("R08", rank="2"),
    ride("R02", rank="1"),
    ride("R03", rank="2"),
    ride("R01", rank="1"),
    ride("R04", rank="2"),
]
# The pool of the others, best first, as the source ranked them on their R1 times.
OTHERS = ["R08", "R03", "R06", "R05", "R07", "R04"]


def _with_order(text: str, round_id: str, order: object) -> str:
    return text.replace(
        f"[rounds.{round_id}]\n", f"[rounds.{round_id}]\norder = {json.dumps(order)}\n"
    )


def test_a_pool_ordered_by_time_with_no_times_reports_the_riders_whose_order_is_unknown() -> None:
    r = run_rounds(TP, {"Q": Q, "R1": R1})
    assert r.codes() == ["order-unknown"]
    message = r.findings[0].message
    assert message.startswith("pool OTHERS: R03, R04, R05, R06, R07, R08 have no R1 time")
    assert "tie on their" not in message


def test_a_published_order_puts_the_right_riders_in_the_final_for_bronze() -> None:
    bronze = [ride("R08", "4:01.000"), ride("R03", "4:02.000")]
    text = competition_text(TP, {"Q": Q, "R1": R1, "B": bronze})
    r = run(_with_order(text, "R1", OTHERS))
    assert r.findings == []
    assert r.heat("B") == ("R08", "R03", "time")
    assert [r.label_of(n) for n in ("R06", "R05", "R07", "R04")] == ["5", "6", "7", "8"]


def test_without_the_order_the_riders_of_the_final_for_bronze_are_refused() -> None:
    bronze = [ride("R08", "4:01.000"), ride("R03", "4:02.000")]
    r = run_rounds(TP, {"Q": Q, "R1": R1, "B": bronze})
    assert "not-qualified" in r.codes()  # what the published order above puts right


def test_an_order_slots_untimed_riders_among_the_timed_ones() -> None:
    # R06 won heat 1 in 4:10, R07 lost it in 4:12; the source says where the others were
    timed = [{**ride, "time": t} for ride, t in zip(R1[:2], ("4:10.000", "4:12.000"), strict=True)]
    text = competition_text(TP, {"Q": Q, "R1": [*timed, *R1[2:]]})
    r = run(_with_order(text, "R1", ["R08", "R03", "R06", "R05", "R07", "R04"]))
    assert r.findings == []
    assert r.results.round("B").heats[0].expected == ("R08", "R03")
    assert [r.label_of(n) for n in ("R06", "R05", "R07", "R04")] == ["5", "6", "7", "8"]


def test_an_order_that_contradicts_the_known_times_is_a_finding_and_the_times_win() -> None:
    timed = [{**ride, "time": t} for ride, t in zip(R1[:2], ("4:10.000", "4:12.000"), strict=True)]
    text = competition_text(TP, {"Q": Q, "R1": [*timed, *R1[2:]]})
    r = run(_with_order(text, "R1", ["R08", "R03", "R07", "R06", "R05", "R04"]))
    assert r.codes() == ["published-order"]
    assert "puts R07 before R06, but R07's time 4:12.000 is slower than R06's" in (
        r.findings[0].message
    )


def test_two_orders_that_contradict_each_other_are_a_finding() -> None:
    text = competition_text(TP, {"Q": Q, "R1": R1})
    r = run(_with_order(text, "R1", [OTHERS, ["R04", "R08"]]))
    assert "published-order" in r.codes()
    assert any("contradict each other" in f.message for f in r.findings)


def test_an_order_naming_someone_not_entered_is_a_finding_on_its_line() -> None:
    text = _with_order(competition_text(TP, {"Q": Q, "R1": R1}), "R1", [*OTHERS, "Nobody"])
    r = run(text)
    assert r.codes() == ["unknown-entrant"]
    place = r.findings[0].place
    assert place is not None and place.line is not None
    assert "order = " in text.splitlines()[place.line - 1]


def test_an_order_that_is_not_a_list_of_names_is_a_bad_field() -> None:
    r = run(_with_order(competition_text(TP, {"Q": Q, "R1": R1}), "R1", "R08"))
    assert "bad-field" in r.codes()


def test_a_caught_rider_is_ordered_apart_from_an_unknown_time_when_the_format_says_so() -> None:
    # R02 caught R03 in heat 3; R06 won heat 1 in 4:10; nobody else has a time
    rides = [ride("R06", "4:10.000", rank="1"), *R1[1:4], ride("R02", status="caught")]
    rides += [ride("R03", status="overtaken"), *R1[6:]]
    base = competition_text(TP, {"Q": Q, "R1": rides})
    # by default the caught R03 is one more whose time is not known: alphabetically first
    assert run(base).results.round("B").heats[0].expected == ("R06", "R03")
    fmt_file = _format_with_overtaken_last()
    r = run(base.replace(f"format = {json.dumps(TP)}", f"format = {json.dumps(fmt_file)}"))
    assert r.results.round("B").heats[0].expected == ("R06", "R04")
    ranks = {p.entrant: p.rank for p in r.results.classification}
    assert ranks["R03"] == 8  # after every finisher of the pool


def _format_with_overtaken_last() -> str:
    """The UCI team pursuit preset, saying that a caught team goes after every finisher."""
    import tempfile
    from importlib import resources

    preset = resources.files("pursuit").joinpath("formats/uci-team-pursuit.toml").read_text()
    text = 'overtaken_in_time_order = "last"\n' + preset
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as f:
        f.write(text)
    return f.name
