"""Errors carry what they are about as fields, and their text stays the message alone."""

from __future__ import annotations

from pursuit.errors import Place, PursuitError, RuleViolation, TimeFormatError


def test_an_error_made_as_before_has_no_subject_and_the_same_text() -> None:
    error = RuleViolation("heat 2 is not drawn", Place("cup.toml", 4, "heat"))
    assert str(error) == "cup.toml:4, heat: heat 2 is not drawn"
    assert (error.entrant, error.round, error.heat, error.half_lap, error.field) == (None,) * 5
    assert error.about() == {}


def test_the_subject_fields_do_not_change_the_text() -> None:
    plain = RuleViolation("no split 3 for Frey")
    about = RuleViolation(
        "no split 3 for Frey", entrant="Mogens Frey", round="QF", heat=4, half_lap=3, field="time"
    )
    assert str(about) == str(plain) == "no split 3 for Frey"
    assert about.args == plain.args
    assert about.about() == {
        "entrant": "Mogens Frey",
        "round": "QF",
        "heat": 4,
        "half_lap": 3,
        "field": "time",
    }


def test_every_kind_of_error_takes_the_fields() -> None:
    error = TimeFormatError("not a race time: '4:6x'", field="time")
    assert isinstance(error, PursuitError) and isinstance(error, ValueError)
    assert error.about() == {"field": "time"}
