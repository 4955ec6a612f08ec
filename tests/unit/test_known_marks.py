"""How text tables mark what is known: a shared rank, no place, how a heat was decided, a
team's line-up."""

from __future__ import annotations

from pursuit.views.known import NOT_PLACED, decided_by_words, lineup_text, notes_cell, rank_mark


def test_a_shared_rank_is_marked_on_every_row_and_no_place_is_a_dash_not_a_blank() -> None:
    assert rank_mark("5", shared=True) == "=5"
    assert rank_mark("5", shared=False) == "5"
    assert rank_mark("", shared=False) == NOT_PLACED != ""
    assert rank_mark("AC", shared=True) == "AC"  # a status is its own mark
    assert rank_mark("–", shared=False) == "–"


def test_a_heat_decided_says_how_in_words() -> None:
    assert decided_by_words("last_lap") == "level on time, on the better last lap"
    assert decided_by_words("catch") == "by a catch"
    assert decided_by_words("") == ""


def test_a_line_up_names_who_dropped_and_joins_the_notes() -> None:
    assert lineup_text(("A", "B", "C", "D"), ("D",)) == "A, B, C, D (dropped)"
    assert notes_cell("Q", "inferred", ("A", "B"), ()) == "Q; inferred; line-up: A, B"
    assert notes_cell("", "", (), ()) == ""
