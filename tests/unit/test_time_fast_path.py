"""The fast paths for times: the usual notation (m:ss.fff, s.fff) is read exactly as the
general notation reads it, every other text is left to that; writing skips truncating."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hypothesis_budget import examples
from pursuit.core.same_decimals import read_same_decimals
from pursuit.core.times import (
    RaceTime,
    format_time,
    parse_any_notation,
    parse_time,
    parse_usual,
    truncate,
    unit,
)
from pursuit.errors import TimeFormatError

MANY = examples(1500)  # 100 where a developer waits: hypothesis_budget says


def read(parse: object, text: object) -> tuple[object, ...]:
    """What a parser makes of `text`: its ticks and decimals, or the error it raises."""
    assert callable(parse)
    try:
        t = parse(text)
    except TimeFormatError as e:
        return ("error", e.message)
    return ("time", t.ticks, t.digits)


@st.composite
def time_like_texts(draw: st.DrawFn) -> str:
    """Texts near the usual notation: its digits and marks, out of place, too many or too
    few, with spaces, commas, quotes, line ends and non-ASCII digits thrown in."""
    fields = draw(st.lists(st.text("0123456789", min_size=0, max_size=5), min_size=1, max_size=4))
    marks = st.sampled_from([":", ".", ",", "'", '"', ":", ".", " ", "\n", "′", "″"])
    text = fields[0]
    for field in fields[1:]:
        text += draw(marks) + field
    if draw(st.booleans()):
        text = draw(st.sampled_from(["", " ", "\n", "\t", "٣", "x"])) + text
    if draw(st.booleans()):
        text += draw(st.sampled_from(["", " ", "\n", "٣", "x", "."]))
    return text


@st.composite
def usual_texts(draw: st.DrawFn, decimals: int | None = None) -> str:
    """A time in the usual notation: m:ss.f… or s.f…, one to four decimals (or `decimals`)."""
    size = (1, 4) if decimals is None else (decimals, decimals)
    fraction = draw(st.text("0123456789", min_size=size[0], max_size=size[1]))
    seconds = draw(st.integers(0, 59))
    if draw(st.booleans()):
        return f"{draw(st.integers(0, 120))}:{seconds:02d}.{fraction}"
    return f"{draw(st.integers(0, 400))}.{fraction}"


@st.composite
def nearly_usual_texts(draw: st.DrawFn) -> str:
    """Three runs of digits of any length joined by the marks of the usual notation."""
    runs = [draw(st.text("0123456789", min_size=0, max_size=5)) for _ in range(3)]
    marks = [draw(st.sampled_from([":", ".", ","])) for _ in range(2)]
    return runs[0] + marks[0] + runs[1] + marks[1] + runs[2]


@pytest.mark.slow
@MANY
@given(st.one_of(time_like_texts(), usual_texts(), nearly_usual_texts(), st.text(max_size=12)))
def test_parse_time_reads_every_text_as_the_general_notation_does(text: str) -> None:
    assert read(parse_time, text) == read(parse_any_notation, text)


@pytest.mark.slow
@MANY
@given(st.lists(st.one_of(usual_texts(), nearly_usual_texts(), time_like_texts()), max_size=8))
def test_reading_many_at_once_gives_the_same_ticks_and_decimals_or_leaves_them(
    texts: list[str],
) -> None:
    together = parse_usual(texts)
    one_by_one = [read(parse_any_notation, t) for t in texts]
    if together is None:
        assert texts  # an empty list is always read
        return
    ticks, digits = together
    assert [("time", t, d) for t, d in zip(ticks, digits, strict=True)] == one_by_one


@pytest.mark.slow
@MANY
@given(st.lists(usual_texts(), max_size=40))
def test_times_in_the_usual_notation_are_all_read_at_once(texts: list[str]) -> None:
    together = parse_usual(texts)
    assert together is not None
    assert list(zip(*together, strict=True)) == [
        (parse_any_notation(t).ticks, parse_any_notation(t).digits) for t in texts
    ]


@pytest.mark.slow
@MANY
@given(st.integers(1, 4).flatmap(lambda d: st.lists(usual_texts(d), min_size=1, max_size=40)))
def test_times_sharing_their_decimals_are_read_as_one_by_one(texts: list[str]) -> None:
    """The splits of a ride share their decimals: read all at once by one formula."""
    assert parse_usual(texts) == (
        tuple(parse_any_notation(t).ticks for t in texts),
        bytes(parse_any_notation(t).digits for t in texts),
    )


def test_splits_sharing_their_decimals_take_the_formula_and_others_do_not() -> None:
    ride = ["17.512", "33.105", "59.990", "1:00.001", "4:05.123", "12:59.000"]
    joined = "\n".join(ride) + "\n"
    assert read_same_decimals(joined, len(ride)) == (
        (175_120, 331_050, 599_900, 600_010, 2_451_230, 7_790_000),
        bytes([3] * 6),
    )
    for other in (["17.51", "33.105"], ["280.41"], ["4:40.41\n4:41.00", "x"], ["17.5", ""]):
        joined = "\n".join(other) + "\n"
        assert read_same_decimals(joined, len(other)) is None, other
    assert parse_usual(["280.41", "4:40.41"]) == ((2_804_100, 2_804_100), bytes([2, 2]))


@pytest.mark.parametrize(
    "texts",
    [
        ["18.123", 35],  # a number, not a string
        ["18.123", None],
        ["18.123\n35.456"],  # two times in one string
        ["4:40.41\n4:41.00", "x"],  # as many times as texts, but not one in each
        ["4:40.41", "x\n4:41.00"],
        ["4:61.00"],  # seconds above 59 after minutes
        ["1:02:03.4"],  # hours: the general notation
        ["4:40,41"],  # a decimal comma
        ["4:40"],  # no decimals
        [" 4:40.41"],
        ["4:40.41 "],
        ["4:40.12345"],  # five decimals
    ],
)
def test_anything_outside_the_usual_notation_is_left_to_the_general_one(
    texts: list[object],
) -> None:
    assert parse_usual(texts) is None  # type: ignore[arg-type]


def test_the_usual_notation_keeps_its_decimals_and_leading_zeros() -> None:
    assert parse_usual(["8.5", "0:17.10", "04:05.123", "280.4117"]) == (
        (85_000, 171_000, 2_451_230, 2_804_117),
        bytes([1, 2, 3, 4]),
    )
    assert parse_usual([]) == ((), b"")


def written_plainly(time: RaceTime, digits: int | None, decimal: str) -> str:
    """A time written as defined: truncated to `digits`, then h:mm:ss, m:ss or s, and the
    decimals it is known to."""
    shown = time if digits is None else truncate(time, digits)
    places = shown.digits if digits is None else min(digits, shown.digits)
    whole, rest = divmod(shown.ticks, 10_000)
    minutes, seconds = divmod(whole, 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        text = f"{hours}:{minutes:02d}:{seconds:02d}"
    elif minutes:
        text = f"{minutes}:{seconds:02d}"
    else:
        text = f"{seconds}"
    return text + (decimal + f"{rest:04d}"[:places] if places else "")


@pytest.mark.slow
@MANY
@given(
    st.one_of(st.integers(0, 10**9), st.integers(0, 10**12)),
    st.integers(0, 4),
    st.one_of(st.none(), st.integers(-2, 6)),
    st.sampled_from([".", ","]),
)
def test_a_time_is_written_as_its_truncated_time_is_written(
    units: int, own: int, digits: int | None, decimal: str
) -> None:
    time = RaceTime(units * unit(own), own)
    if digits is not None and digits < 0:
        with pytest.raises(TimeFormatError):
            format_time(time, digits)
        return
    assert format_time(time, digits, decimal=decimal) == written_plainly(time, digits, decimal)
