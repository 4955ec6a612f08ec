"""Splits kept as integer ticks: they read as a sequence of race times, equal and hash as a
tuple of them would, and cannot be changed."""

from __future__ import annotations

import copy
import pickle

import pytest

from pursuit.core.splits import NO_SPLITS, Splits
from pursuit.core.times import RaceTime, parse_time


def times(*texts: str) -> tuple[RaceTime, ...]:
    return tuple(parse_time(t) for t in texts)


def test_splits_read_as_the_race_times_they_were_made_of_with_their_own_decimals() -> None:
    made = times("18.5", "35.21", "52.123", "1:09.0000")
    splits = Splits.of(made)
    assert splits.ticks == (185_000, 352_100, 521_230, 690_000)
    assert splits.digits == bytes([1, 2, 3, 4])
    assert len(splits) == 4 and bool(splits) and not NO_SPLITS
    assert list(splits) == list(made)
    assert [t.digits for t in splits] == [1, 2, 3, 4]
    assert splits[1] == made[1] and splits[1].digits == 2
    assert splits[-1] == made[-1]
    assert [str(t) for t in splits] == ["18.5", "35.21", "52.123", "1:09.0000"]


def test_a_slice_of_splits_is_splits_and_a_bad_index_is_an_index_error() -> None:
    splits = Splits.of(times("18.50", "35.20", "52.10"))
    assert splits[:2] == Splits.of(times("18.50", "35.20"))
    assert isinstance(splits[1:], Splits) and splits[1:].digits == bytes([2, 2])
    assert splits[5:] == NO_SPLITS
    with pytest.raises(IndexError):
        splits[3]


def test_splits_equal_and_hash_like_a_tuple_of_the_same_race_times() -> None:
    made = times("18.50", "35.20")
    splits = Splits.of(made)
    assert splits == made and made == splits
    assert hash(splits) == hash(made)
    assert splits == Splits.of(times("18.5", "35.2"))  # equal times, as RaceTime compares
    assert splits != times("18.50", "35.21")
    assert splits != times("18.50")
    assert splits != [*made]  # a list is not a tuple, as before
    assert NO_SPLITS == () and Splits() == NO_SPLITS


def test_splits_cannot_be_changed_and_need_one_precision_per_time() -> None:
    splits = Splits.of(times("18.50"))
    with pytest.raises(AttributeError):
        splits.ticks = (1,)  # type: ignore[misc]
    with pytest.raises(ValueError):
        Splits((185_000, 352_000), bytes([2]))


def test_splits_copy_and_pickle_as_the_tuple_of_times_did() -> None:
    splits = Splits.of(times("18.5", "35.21"))
    for twin in (copy.copy(splits), copy.deepcopy(splits), pickle.loads(pickle.dumps(splits))):
        assert twin == splits and twin.digits == splits.digits


def test_splits_show_their_times() -> None:
    assert repr(Splits.of(times("18.50", "1:05.2"))) == "Splits(18.50, 1:05.2)"
