"""Race times: every notation seen in results, exact storage, truncation, formatting."""

from __future__ import annotations

import pytest

from pursuit.core.times import RaceTime, format_time, parse_time, parse_usual, truncate
from pursuit.errors import PursuitError, TimeFormatError


def ticks(minutes: int, seconds: int, ten_thousandths: int = 0) -> int:
    return (minutes * 60 + seconds) * 10_000 + ten_thousandths


@pytest.mark.parametrize(
    ("text", "expected_ticks", "digits"),
    [
        ("4:40.41", ticks(4, 40, 4100), 2),
        ("4'40\"41", ticks(4, 40, 4100), 2),
        ("4:39,96", ticks(4, 39, 9600), 2),
        ("280.41", ticks(4, 40, 4100), 2),
        ("4:24.537", ticks(4, 24, 5370), 3),
        ("4:32.2", ticks(4, 32, 2000), 1),
        ("59.87", ticks(0, 59, 8700), 2),
        ("4:40", ticks(4, 40), 0),
        ("1:02:03.4", ticks(62, 3, 4000), 1),
        ("4:40.4117", ticks(4, 40, 4117), 4),
        ("  4:40.41  ", ticks(4, 40, 4100), 2),
    ],
)
def test_every_published_notation_parses_to_exact_ticks_and_keeps_its_precision(
    text: str, expected_ticks: int, digits: int
) -> None:
    parsed = parse_time(text)
    assert parsed.ticks == expected_ticks
    assert parsed.digits == digits


def test_the_apostrophe_quote_and_comma_notations_all_mean_the_same_time() -> None:
    notations = ["4:40.41", "4'40\"41", "4:40,41", "280.41", "280,41"]
    assert {parse_time(n).ticks for n in notations} == {ticks(4, 40, 4100)}


def test_a_time_stored_to_hundredths_is_not_the_same_as_one_measured_to_thousandths() -> None:
    hundredths, thousandths = parse_time("4:39.96"), parse_time("4:39.960")
    assert hundredths.ticks == thousandths.ticks
    assert (hundredths.digits, thousandths.digits) == (2, 3)
    assert format_time(hundredths) == "4:39.96"
    assert format_time(thousandths) == "4:39.960"


@pytest.mark.parametrize(
    "text", ["4:60.00", "abc", "", "4:40.41.2", "-1", "4:40.", "1:60:00.0", ":40.41", "4:40.12345"]
)
def test_text_that_is_not_a_race_time_raises_a_time_format_error_quoting_it(text: str) -> None:
    with pytest.raises(TimeFormatError) as error:
        parse_time(text)
    assert repr(text) in str(error.value)


def test_a_time_format_error_is_both_a_pursuit_error_and_a_value_error() -> None:
    with pytest.raises(PursuitError):
        parse_time("abc")
    with pytest.raises(ValueError):
        parse_time("abc")


def test_a_negative_race_time_cannot_exist() -> None:
    with pytest.raises(TimeFormatError):
        RaceTime(-1)


@pytest.mark.parametrize("digits", [-1, 5])
def test_a_precision_outside_zero_to_four_digits_is_refused(digits: int) -> None:
    with pytest.raises(TimeFormatError):
        RaceTime(0, digits)


def test_formatting_at_a_coarser_precision_truncates_step_by_step() -> None:
    t = parse_time("4:32.296")
    assert format_time(t) == "4:32.296"
    assert format_time(t, 2) == "4:32.29"
    assert format_time(t, 1) == "4:32.2"
    assert format_time(t, 0) == "4:32"


def test_formatting_never_rounds_up_even_at_nine_nine_nine() -> None:
    t = parse_time("4:59.999")
    assert format_time(t, 2) == "4:59.99"
    assert format_time(t, 0) == "4:59"


def test_formatting_at_a_finer_precision_does_not_invent_digits() -> None:
    assert format_time(parse_time("4:39.96"), 3) == "4:39.96"


def test_formatting_can_write_a_decimal_comma_as_some_sources_do() -> None:
    assert format_time(parse_time("4:39.96"), decimal=",") == "4:39,96"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("59.87", "59.87"),
        ("0.5", "0.5"),
        ("1:00.00", "1:00.00"),
        ("4:05.10", "4:05.10"),
        ("62:03.4", "1:02:03.4"),
        ("4:40", "4:40"),
    ],
)
def test_times_are_written_as_results_print_them(text: str, shown: str) -> None:
    assert format_time(parse_time(text)) == shown
    assert str(parse_time(text)) == shown


def test_truncation_drops_digits_and_records_the_coarser_precision() -> None:
    t = parse_time("4:32.296")
    assert truncate(t, 2) == parse_time("4:32.29")
    assert truncate(t, 2).digits == 2
    assert truncate(truncate(t, 2), 1) == parse_time("4:32.2")
    assert t.at(1).ticks == ticks(4, 32, 2000)


def test_truncation_to_a_finer_precision_leaves_the_time_unchanged() -> None:
    t = parse_time("4:39.96")
    assert truncate(t, 3) is t


def test_race_times_order_and_compare_by_duration_only() -> None:
    assert parse_time("4:40.41") < parse_time("4:40.42")
    assert parse_time("4:40.41") == parse_time("4:40.410")
    assert hash(parse_time("4:40.41")) == hash(parse_time("4:40.410"))
    assert max(parse_time("4:41.10"), parse_time("4:40.41")) == parse_time("4:41.10")
    assert parse_time("4:40.41") != "4:40.41"


def test_seconds_are_offered_as_a_float_for_charts() -> None:
    assert parse_time("4:40.41").seconds == pytest.approx(280.41)


@pytest.mark.parametrize(
    "text", ["9" * 5000, "9" * 5000 + ".5", "4:" + "0" * 5000 + "1.5", "1:00:00." + "1" * 5000]
)
def test_a_time_of_thousands_of_digits_is_refused_shortly_not_with_an_int_limit(text: str) -> None:
    with pytest.raises(TimeFormatError, match="characters long") as error:
        parse_time(text)
    assert len(error.value.message) < 120
    assert parse_usual([text]) is None
    assert parse_usual(["1.5", "9" * 5000 + ".5"]) is None
