"""A format that extends another changes only the keys and rounds it writes."""

from __future__ import annotations

from typing import Any

import pytest

from pursuit.core.format_extends import extended
from pursuit.core.format_reader import format_from_mapping
from pursuit.errors import FormatDefinitionError


def base() -> dict[str, Any]:
    return {
        "name": "base",
        "title": "The base format",
        "description": "Claims made for the base only.",
        "precision": "0.01",
        "rounds": [
            {"id": "Q", "kind": "timed", "advance": 4},
            {"id": "SF", "kind": "knockout", "heats": [["Q#1", "Q#4"], ["Q#2", "Q#3"]]},
            {"id": "F", "kind": "knockout", "places": [1, 2], "heats": [["SF.W1", "SF.W2"]]},
        ],
        "classification": [{"members": ["F.W1", "F.L1"], "order": "listed"}],
    }


def test_a_round_named_by_id_changes_only_the_keys_given():
    own = {
        "extends": "base",
        "name": "edition",
        "rounds": [{"id": "SF", "heats": [["Q#1", "Q#3"], ["Q#2", "Q#4"]]}],
    }
    merged, _ = extended(base(), own, "edition.toml")
    fmt = format_from_mapping(merged, "edition.toml")
    sf = fmt.round("SF")
    assert [[str(r) for r in h.refs] for h in sf.heats] == [["Q#1", "Q#3"], ["Q#2", "Q#4"]]
    assert sf.kind.value == "knockout" and fmt.round_ids() == ("Q", "SF", "F")
    assert fmt.name == "edition" and fmt.precision == 2


def test_top_level_keys_replace_the_bases_and_the_bases_claims_are_not_taken_over():
    merged, _ = extended(base(), {"extends": "base", "name": "e", "precision": "0.001"}, "e.toml")
    fmt = format_from_mapping(merged, "e.toml")
    assert fmt.precision == 3
    assert fmt.title == "e"
    assert "Claims made for the base" not in fmt.description
    assert "base" in fmt.description and "extends" not in merged


def test_a_description_written_by_the_extending_format_is_kept():
    own = {"extends": "base", "name": "e", "description": "Semifinals as published in 1972."}
    merged, _ = extended(base(), own, "e.toml")
    assert merged["description"] == "Semifinals as published in 1972."


@pytest.mark.parametrize(
    ("rounds", "message"),
    [
        (
            [{"id": "QF", "heats": []}],
            r"rounds\[0\]\.id: 'QF' is not a round of base \(rounds: Q, SF, F\)",
        ),
        ([{"heats": []}], r"rounds\[0\]: must be a table whose id names a round of base"),
        ([{"id": "SF"}, {"id": "SF"}], r"rounds\[1\]\.id: round 'SF' changed twice"),
        ({"id": "SF"}, r"rounds: must be a list"),
    ],
)
def test_changing_a_round_the_base_does_not_have_names_the_file_and_key(
    rounds: object, message: str
):
    with pytest.raises(FormatDefinitionError, match=message) as caught:
        extended(base(), {"extends": "base", "name": "e", "rounds": rounds}, "e.toml")
    assert str(caught.value).startswith("e.toml: ")


def test_the_base_is_not_changed():
    original = base()
    extended(original, {"extends": "base", "name": "e", "rounds": [{"id": "Q", "advance": 2}]}, "e")
    assert original == base()
