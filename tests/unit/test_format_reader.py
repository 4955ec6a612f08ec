"""Reading a format definition: a valid one becomes a Format; every error names its field."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from pursuit.core.format_reader import format_from_mapping
from pursuit.core.formats import (
    DEFAULT_UNRANKED,
    CatchEffect,
    HeatRef,
    OvertakenRule,
    RankRef,
    RoundKind,
    TieBreak,
)
from pursuit.core.refs import parse_ref
from pursuit.errors import FormatDefinitionError
from pursuit.loading.format_files import format_from_text


def base() -> dict[str, Any]:
    """A small valid format: qualifying, semifinals, bronze and gold finals."""
    return {
        "name": "test-format",
        "precision": "0.001",
        "rounds": [
            {"id": "Q", "kind": "timed", "overtaken": "eliminate", "advance": 4},
            {
                "id": "SF",
                "kind": "knockout",
                "heats": [["Q#1", "Q#4"], ["Q#2", "Q#3"]],
                "run_order": [2, 1],
            },
            {"id": "B", "kind": "knockout", "heats": [["SF.L1", "SF.L2"]], "places": [3, 4]},
            {"id": "F", "kind": "knockout", "heats": [["SF.W1", "SF.W2"]]},
        ],
        "classification": [
            {"members": ["F.W1", "F.L1", "B.W1", "B.L1"], "order": "listed"},
            {"members": "not_advanced:Q", "order": "rank:Q"},
        ],
    }


def test_a_valid_definition_is_read_with_its_defaults() -> None:
    fmt = format_from_mapping(base(), "test.toml")
    assert fmt.name == "test-format"
    assert fmt.title == "test-format"
    assert fmt.precision == 3
    assert fmt.event == "individual"
    assert fmt.round_ids() == ("Q", "SF", "B", "F")
    q, sf, b, _ = fmt.rounds
    assert (q.kind, q.catch, q.overtaken, q.advance) == (
        RoundKind.TIMED,
        CatchEffect.RIDE_ON,
        OvertakenRule.ELIMINATE,
        4,
    )
    assert (sf.kind, sf.catch) == (RoundKind.KNOCKOUT, CatchEffect.ENDS_RACE)
    assert sf.heats[0].refs == (RankRef("Q", 1), RankRef("Q", 4))
    assert [h.number for h in sf.heats_in_run_order] == [2, 1]
    assert b.heats[0].refs == (HeatRef("SF", 1, False), HeatRef("SF", 2, False))
    assert b.places == (3, 4)
    assert fmt.unranked == DEFAULT_UNRANKED
    assert fmt.tie_break == (TieBreak.LAST_LAP, TieBreak.SHARED)


@pytest.mark.parametrize(
    ("text", "ref"),
    [
        ("Q#3", RankRef("Q", 3)),
        ("R1-winners#12", RankRef("R1-winners", 12)),
        ("QF.W1", HeatRef("QF", 1, True)),
        ("QF.L4", HeatRef("QF", 4, False)),
    ],
)
def test_references_parse_and_print_back_as_written(text: str, ref: object) -> None:
    parsed = parse_ref(text, "here")
    assert parsed == ref
    assert str(parsed) == text


@pytest.mark.parametrize("text", ["Q#0", "Q3", "QF.X1", "QF.W0", "#1", 3, None])
def test_a_reference_that_does_not_parse_is_refused_naming_where_it_stands(text: object) -> None:
    with pytest.raises(FormatDefinitionError, match=r"rounds\[1\]\.heats\[0\]"):
        parse_ref(text, "rounds[1].heats[0]")


def broken(change: Callable[[dict[str, Any]], None]) -> str:
    data = base()
    change(data)
    with pytest.raises(FormatDefinitionError) as error:
        format_from_mapping(copy.deepcopy(data), "bad.toml")
    message = str(error.value)
    assert message.startswith("bad.toml: ")
    return message


def set_in(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def drop(path: tuple[Any, ...]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


@pytest.mark.parametrize(
    ("change", "field", "says"),
    [
        (drop(("rounds",)), "rounds", "at least one"),
        (set_in(("rounds",), []), "rounds", "at least one"),
        (drop(("name",)), "format.name", "non-empty"),
        (set_in(("event",), "relay"), "format.event", "individual, team"),
        (drop(("rounds", 0, "id")), "rounds[0].id", "non-empty"),
        (set_in(("rounds", 0, "kind"), "elimination"), "rounds[0].kind", "timed, knockout"),
        (set_in(("rounds", 1, "catch"), "stop"), "rounds[1].catch", "ends_race"),
        (set_in(("rounds", 0, "overtaken"), "out"), "rounds[0].overtaken", "eliminate"),
        (set_in(("rounds", 0, "advance"), 0), "rounds[0].advance", "whole number"),
        (set_in(("rounds", 0, "advance"), True), "rounds[0].advance", "whole number"),
        (set_in(("rounds", 1, "competitors_per_heat"), "2"), "competitors_per_heat", "whole"),
        (drop(("rounds", 1, "heats")), "rounds[1]", "knockout round needs its heats"),
        (set_in(("rounds", 0, "heats"), [["X#1", "X#2"]]), "rounds[0]", "timed round"),
        (set_in(("rounds", 1, "heats"), [["Q#1", "Q#4", "Q#2"]]), "rounds[1].heats[0]", "2"),
        (set_in(("rounds", 1, "heats"), "Q#1"), "rounds[1].heats", "list of references"),
        (set_in(("rounds", 1, "heats"), [["Q#1", "Q4"]]), "rounds[1].heats[0][1]", "Q4"),
        (set_in(("rounds", 1, "run_order"), [1, 1]), "rounds[1].run_order", "every heat"),
        (set_in(("rounds", 1, "run_order"), [1, 2, 3]), "rounds[1].run_order", "every heat"),
        (set_in(("rounds", 1, "run_order"), [0, 1]), "rounds[1].run_order", "every heat"),
        (set_in(("rounds", 2, "places"), [3]), "rounds[2].places", "two ranks"),
        (set_in(("rounds", 2, "places"), [3, "4"]), "rounds[2].places", "two ranks"),
        (
            set_in(("rounds", 1, "heats"), [["Q#1", "F.W1"], ["Q#2", "Q#3"]]),
            "rounds[1].heats[0]",
            "earlier",
        ),
        (
            set_in(("rounds", 1, "heats"), [["Q#1", "SF.W1"], ["Q#2", "Q#3"]]),
            "rounds[1].heats[0]",
            "earlier",
        ),
        (
            set_in(("rounds", 1, "heats"), [["Q#1", "Z#2"], ["Q#2", "Q#3"]]),
            "rounds[1].heats[0]",
            "'Z'",
        ),
        (
            set_in(("rounds", 1, "heats"), [["Q#1", "Q#5"], ["Q#2", "Q#3"]]),
            "rounds[1].heats[0]",
            "only 4",
        ),
        (set_in(("rounds", 2, "heats"), [["Q.W1", "SF.L2"]]), "rounds[2].heats[0]", "knockout"),
        (set_in(("rounds", 2, "heats"), [["SF.L1", "SF.L3"]]), "rounds[2].heats[0]", "2 heats"),
        (set_in(("rounds", 2, "heats"), [["SF#1", "SF#2"]]), "rounds[2].heats[0]", "pool"),
        (set_in(("rounds", 2, "id"), "SF"), "rounds[2].id", "used twice"),
        (drop(("classification",)), "classification", "at least one"),
        (set_in(("classification", 1, "members"), "best:Q"), "classification[1].members", "GR"),
        (set_in(("classification", 1, "members"), "losers"), "classification[1].members", "GR"),
        (set_in(("classification", 1, "order"), "fastest"), "classification[1].order", "one"),
        (set_in(("classification", 1, "order"), "time"), "classification[1].order", "which"),
        (set_in(("classification", 1, "order"), 3), "classification[1].order", "string"),
        (set_in(("classification", 1, "members"), "losers:QF"), "classification[1]", "'QF'"),
        (set_in(("classification", 1, "order"), "time:QF"), "classification[1]", "'QF'"),
        (set_in(("classification", 0, "members"), ["X.W1"]), "classification[0]", "'X'"),
        (set_in(("unranked",), [{"label": "AC", "statuses": ["gone"]}]), "unranked[0]", "dnf"),
        (set_in(("unranked",), [{"label": "AC", "statuses": []}]), "unranked[0].statuses", ""),
        (set_in(("unranked",), [{"statuses": ["dnf"]}]), "unranked[0].label", "non-empty"),
        (
            set_in(("unranked",), [{"label": "AC", "statuses": ["dnf"], "order": "age"}]),
            "unranked[0].order",
            "time, name",
        ),
        (set_in(("precision",), "0.005"), "precision", "0.001"),
        (set_in(("reduce",), "round"), "reduce", "truncate"),
        (set_in(("tie_break",), ["coin_toss"]), "tie_break", "last_lap"),
        (set_in(("tie_break",), True), "format.tie_break", "list of strings"),
        (set_in(("tie_break",), [1]), "format.tie_break", "list of strings"),
        (set_in(("rounds", 2, "places"), date(1968, 10, 17)), "rounds[2].places", "1968-10-17"),
        (set_in(("rounds", 2, "places"), [True, False]), "rounds[2].places", "two ranks"),
        (set_in(("rounds", 1, "run_order"), "21"), "rounds[1].run_order", "whole numbers"),
        (set_in(("rounds", 1, "heats"), 5), "rounds[1].heats", "list of references"),
        (set_in(("rounds", 1, "heat_name"), "{n.real}"), "rounds[1].heat_name", "only"),
        (set_in(("rounds", 1, "heat_name"), "{n:>999999999}"), "rounds[1].heat_name", "only"),
        (set_in(("rounds", 1, "heat_name"), "{round!r}"), "rounds[1].heat_name", "only"),
        (set_in(("description",), 5), "description", "string"),
        (
            set_in(("pools",), [{"id": "Q", "members": "winners:SF", "order": "time:SF"}]),
            "pools",
            "unique",
        ),
        (
            set_in(("pools",), [{"id": "P", "members": "winners:XX", "order": "time:SF"}]),
            "pools[P]",
            "'XX'",
        ),
    ],
)
def test_every_validation_error_names_the_field_it_is_in(
    change: Callable[[dict[str, Any]], None], field: str, says: str
) -> None:
    message = broken(change)
    assert field in message
    assert says in message


def test_a_format_file_names_the_line_of_a_field_of_the_wrong_type() -> None:
    text = 'name = "mine"\n\n[[rounds]]\nid = "Q"\nkind = "timed"\nplaces = 1968-10-17\n'
    with pytest.raises(FormatDefinitionError) as error:
        format_from_text(text, "mine.toml")
    assert str(error.value).startswith("mine.toml:6: rounds[0].places: ")


def test_a_format_file_nested_too_deeply_is_refused_as_bad_toml() -> None:
    text = "tie_break = " + "[" * 600 + "]" * 600 + "\n"
    with pytest.raises(FormatDefinitionError, match=r"mine\.toml: not valid TOML: .*nested"):
        format_from_text(text, "mine.toml")


def test_a_pool_can_rank_a_knockout_rounds_winners_for_a_later_round() -> None:
    data = base()
    data["pools"] = [{"id": "SFW", "members": "winners:SF", "order": "time:SF"}]
    data["rounds"][3]["heats"] = [["SFW#1", "SFW#2"]]
    fmt = format_from_mapping(data)
    assert fmt.pools[0].id == "SFW"
    assert fmt.round("F").heats[0].refs == (RankRef("SFW", 1), RankRef("SFW", 2))


def test_a_pool_whose_members_refer_to_a_later_round_is_refused() -> None:
    data = base()
    data["pools"] = [{"id": "P", "members": ["F.W1", "F.L1"], "order": "listed"}]
    data["rounds"][2]["heats"] = [["P#1", "P#2"]]
    with pytest.raises(FormatDefinitionError, match=r"pools\[P\]"):
        format_from_mapping(data)


def test_a_pool_that_refers_to_itself_is_refused_with_a_format_error() -> None:
    data = base()
    data["pools"] = [{"id": "P", "members": ["P#1", "P#2"], "order": "listed"}]
    data["rounds"][3]["heats"] = [["P#1", "P#2"]]
    with pytest.raises(FormatDefinitionError, match=r"pools\[P\]"):
        format_from_mapping(data)


def test_a_solo_heat_round_takes_one_competitor_per_heat() -> None:
    data = base()
    data["rounds"][3] = {
        "id": "F",
        "kind": "knockout",
        "competitors_per_heat": 1,
        "heats": [["SF.W1"]],
    }
    data["classification"][0]["members"] = ["F.W1", "B.W1", "B.L1"]
    assert format_from_mapping(data).round("F").competitors_per_heat == 1


def test_a_numeric_precision_as_toml_writes_it_is_understood() -> None:
    data = base()
    data["precision"] = 0.01
    assert format_from_mapping(data).precision == 2
