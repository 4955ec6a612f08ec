"""A published order recorded live (`PublishOrder`): refused when it names no round, someone
not entered, or fewer than two; folded into the competition the engine computes; carried by
an import from a file."""

from __future__ import annotations

import json

from builders import competition_text, field_of, ride
from deciding import given, refuses

from pursuit.app.importing import commands_from_competition
from pursuit.core import commands as c
from pursuit.core.engine import compute
from pursuit.loading.competition_file import competition_from_text
from pursuit.loading.format_files import format_definition

TP = "uci-team-pursuit"
Q = field_of(8)
R1 = [
    ride(name, rank=rank)
    for name, rank in (
        ("R06", "1"), ("R07", "2"), ("R05", "1"), ("R08", "2"),
        ("R02", "1"), ("R03", "2"), ("R01", "1"), ("R04", "2"),
    )
]  # fmt: skip
OTHERS = ("R08", "R03", "R06", "R05", "R07", "R04")


def _commands(text: str) -> list[c.Command]:
    loaded = competition_from_text(text, "race.toml")
    return commands_from_competition(loaded.competition, TP, format_definition(TP))


def test_an_order_published_live_places_the_pool_as_in_the_file() -> None:
    state = given(*_commands(competition_text(TP, {"Q": Q, "R1": R1})))
    before = compute(state.competition())
    assert [f.code for f in before.findings] == ["order-unknown"]
    state = given(
        *_commands(competition_text(TP, {"Q": Q, "R1": R1})), c.PublishOrder("R1", OTHERS)
    )
    after = compute(state.competition())
    assert after.findings == ()
    assert after.round("B").heats[0].expected == ("R08", "R03")


def test_an_order_in_a_file_is_imported_as_a_published_order() -> None:
    text = competition_text(TP, {"Q": Q, "R1": R1}).replace(
        "[rounds.R1]\n", f"[rounds.R1]\norder = {json.dumps(list(OTHERS))}\n"
    )
    commands = _commands(text)
    assert c.PublishOrder("R1", OTHERS) in commands
    assert given(*commands).competition().orders == {"R1": (OTHERS,)}


def test_an_order_naming_no_round_someone_not_entered_or_one_name_is_refused() -> None:
    state = given(*_commands(competition_text(TP, {"Q": Q})))
    refuses(state, c.PublishOrder("X", ("R01", "R02")), "unknown round 'X'")
    refuses(state, c.PublishOrder("R1", ("R01", "Nobody")), "'Nobody' is not entered")
    refuses(state, c.PublishOrder("R1", ("R01",)), "at least two")
    refuses(state, c.PublishOrder("R1", ("R01", "R02", "R01")), "R01 named twice")
