"""The alphabetical key: accents and case ignored, the same as the plain definition."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hypothesis_budget import examples
from pursuit.core.entrants import Rider, sort_key


def plainly(text: str) -> str:
    """The key as defined: decompose, drop the combining marks, fold the case."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@pytest.mark.slow
@examples(1000)
@given(st.text(max_size=20))
def test_the_key_is_the_plain_definition_for_any_text(text: str) -> None:
    assert sort_key(text) == plainly(text)


def test_accents_and_case_do_not_change_the_order() -> None:
    assert sort_key("Rébillard") == sort_key("rebillard") == "rebillard"
    assert sort_key("Gösta Ørsted") == "gosta ørsted"  # ø is a letter, not o with a mark
    assert sort_key("Straße") == "strasse"
    names = ["Eric Abel", "Émile Zola", "émile Abel"]
    assert sorted(names, key=sort_key) == ["émile Abel", "Émile Zola", "Eric Abel"]
    assert Rider("Daniel Rébillard").sort_name == "rebillard daniel rebillard"
