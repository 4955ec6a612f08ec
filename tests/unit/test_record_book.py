"""The record book: the shipped file loads, and a bad fact is named by file, line and field."""

from __future__ import annotations

import pytest

from pursuit.core.records import standing_at
from pursuit.core.times import parse_time
from pursuit.loading.records import RecordBookError, record_book, records_from_text

GOOD = """\
[[record]]
kind = "WR"
discipline = "individual pursuit"
gender = "men"
distance_m = 4000
time = "3:59.153"
holder = "Jonathan Milan"
date = "2024-10-18"
venue = "Ballerup"
"""


def test_the_shipped_book_loads_with_every_discipline_gender_and_kind() -> None:
    book = record_book()
    keys = {(r.kind, r.discipline, r.gender, r.distance_m) for r in book}
    assert ("WR", "individual pursuit", "men", 4000) in keys
    assert ("OR", "team pursuit", "women", 4000) in keys
    closed = [r for r in book if r.distance_m == 3000]
    assert closed and all(r.closed == "2025-01-01" for r in closed)


def test_a_good_record() -> None:
    (record,) = records_from_text(GOOD, "r.toml")
    assert record.time == parse_time("3:59.153")
    assert (record.holder, record.date, record.venue, record.closed) == (
        "Jonathan Milan",
        "2024-10-18",
        "Ballerup",
        None,
    )


@pytest.mark.parametrize(
    ("change", "line", "field", "said"),
    [
        (('"3:59.153"', '"3:59.1x3"'), 6, "time", "not a race time"),
        (('kind = "WR"', 'kind = "NR"'), 2, "kind", "one of 'WR', 'OR'"),
        (('gender = "men"', 'gender = "mixed"'), 4, "gender", "one of 'men', 'women'"),
        (("distance_m = 4000", 'distance_m = "4000"'), 5, "distance_m", "a whole number"),
        (('"2024-10-18"', '"18 Oct 2024"'), 8, "date", "YYYY-MM-DD, YYYY-MM or YYYY"),
        (('venue = "Ballerup"', 'venu = "Ballerup"'), 9, "venu", "unknown field 'venu'"),
    ],
)
def test_a_bad_fact_is_named_by_line_and_field(
    change: tuple[str, str], line: int, field: str, said: str
) -> None:
    with pytest.raises(RecordBookError) as caught:
        records_from_text(GOOD.replace(*change), "r.toml")
    place = caught.value.place
    assert place is not None
    assert (place.file, place.line, place.field) == ("r.toml", line, field)
    assert said in str(caught.value)


def test_a_missing_field_and_bad_toml() -> None:
    with pytest.raises(RecordBookError, match="needs holder"):
        records_from_text(GOOD.replace('holder = "Jonathan Milan"\n', ""), "r.toml")
    with pytest.raises(RecordBookError, match="not valid TOML") as caught:
        records_from_text("[[record]\n", "r.toml")
    assert caught.value.place is not None and caught.value.place.line == 1


def test_what_stood_on_a_day() -> None:
    book = record_book()

    def stood(day: str, gender: str = "women", distance: int = 3000) -> list[str]:
        found = standing_at(
            book,
            discipline="individual pursuit",
            gender=gender,
            distance_m=distance,
            day=day,
            kinds=("WR", "OR"),
        )
        return [f"{r.kind} {r.time}" for r in found]

    assert stood("2010-08-01") == ["OR 3:24.537"]  # the 2024 WR was not set yet
    assert stood("2026-06-01") == []  # closed: the women ride 4 km from 2025
    assert stood("2026-03-01", distance=4000) == ["WR 4:19.461"]
    assert stood("2026-02-20", distance=4000) == []  # set some day in February 2026
    assert stood("1968-10-17", gender="men", distance=4000) == []
    assert stood("2024-11-01", gender="men", distance=4000) == ["WR 3:59.153", "OR 4:15.031"]
