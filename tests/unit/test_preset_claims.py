"""The presets claim only what they define, and say which parts are assumed.

RULES.md §3.2 and §8: the quarterfinal pairing pattern and the semifinal bracket are
published only for 1980 and assumed earlier; 1976 had a 1/8 round; nobody was overtaken
in the 1980 qualifying; the Olympic team pursuit's placing finals are confirmed for 2020
only; how the UCI individual pursuit places 5th onward is inferred.
"""

from __future__ import annotations

import re

import pytest

from pursuit.loading.format_files import load_format, preset_names

YEAR_RANGE = re.compile(r"\b(19|20)\d\d\s*[–-]\s*(19|20)?\d\d\b")


@pytest.mark.parametrize("name", preset_names())
def test_no_preset_title_claims_a_range_of_editions(name: str):
    assert not YEAR_RANGE.search(load_format(name).title), load_format(name).title


def test_the_1968_preset_claims_1968_and_says_its_pairings_are_assumed_from_1980():
    fmt = load_format("olympic-1968")
    assert "1968" in fmt.title
    text = " ".join(fmt.description.split())
    assert "Assumed from 1980" in text
    assumed = text.partition("Assumed from 1980")[2]
    assert "1st v 8th" in assumed and "semifinal" in assumed
    # the bracket is said once, as an assumption, not as a fact before it
    assert "1v8 and 3v6" not in text.partition("Assumed from 1980")[0]


def test_the_1980_preset_says_the_rule_for_overtaken_riders_is_assumed():
    text = " ".join(load_format("olympic-1980").description.split())
    assumed = text.partition("Assumed")[2]
    assert "overtaken" in assumed and "overtaken" not in text.partition("Assumed")[0]


def test_the_olympic_team_pursuit_claims_its_placing_finals_for_2020_only():
    fmt = load_format("olympic-team-pursuit")
    assert "2020" in fmt.title
    assert "not established" in fmt.description


def test_the_uci_individual_pursuit_marks_the_places_from_5th_as_inferred():
    text = " ".join(load_format("uci-individual-pursuit").description.split())
    assert "ranked by qualifying time (inferred" in text
