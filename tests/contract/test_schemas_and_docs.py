"""The JSON Schemas and the docs agree with the code that reads formats and competition files.

Every example file validates; broken documents are rejected by the schema (and we pin what
the reader does with them); every key the readers read and every finding code is documented;
the worked example formats in docs/formats.md are the files in docs/examples/formats, they
load, and they draw finals the way the docs say.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from pursuit.core.competition import Side
from pursuit.core.engine import compute
from pursuit.core.format_reader import GROUPS, ORDERS, UNRANKED_STATUSES, format_from_mapping
from pursuit.core.formats import CatchEffect, OvertakenRule, RoundKind, TieBreak
from pursuit.core.outcomes import Status
from pursuit.core.results import Results
from pursuit.core.times import parse_time
from pursuit.errors import CompetitionFileError, FormatDefinitionError, TimeFormatError
from pursuit.loading import competition_file, decisions, ride_reader
from pursuit.loading.competition_file import competition_from_text
from pursuit.loading.format_files import load_format

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "pursuit"
DOCS = ROOT / "docs"
FORMATS_MD = DOCS / "formats.md"
COMPETITION_MD = DOCS / "competition-file.md"
EXAMPLE_FORMATS_DIR = DOCS / "examples" / "formats"
EXAMPLE_FORMATS = sorted(EXAMPLE_FORMATS_DIR.glob("*.toml"))
PRESETS = sorted((SRC / "formats").glob("*.toml"))
EXAMPLE_COMPETITION = ROOT / "examples" / "mexico-1968-men-individual-pursuit.toml"


def schema(name: str) -> dict[str, Any]:
    text = resources.files("pursuit").joinpath(f"schemas/{name}.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


COMPETITION_SCHEMA = schema("competition")
FORMAT_SCHEMA = schema("format")


def errors(document: object, against: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft202012Validator(against)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


def toml_blocks(markdown: Path) -> list[str]:
    return re.findall(r"^```toml\n(.*?)^```$", markdown.read_text("utf-8"), re.M | re.S)


def code_spans(markdown: Path) -> str:
    """Everything inside `inline code` and ``` fenced blocks, for 'is it documented' checks."""
    text = markdown.read_text("utf-8")
    fenced = re.findall(r"^```\w*\n(.*?)^```$", text, re.M | re.S)
    inline = re.findall(r"`([^`\n]+)`", re.sub(r"^```\w*\n.*?^```$", "", text, flags=re.M | re.S))
    return "\n".join(fenced + inline)


def documented(key: str, spans: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", spans) is not None


def property_names(node: object) -> Iterator[str]:
    """Every key named under a `properties` keyword anywhere in a schema."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                yield from value
            yield from property_names(value)
    elif isinstance(node, list):
        for item in node:
            yield from property_names(item)


# ---------------------------------------------------------------- the schemas themselves


@pytest.mark.parametrize("name", ["competition", "format"])
def test_each_schema_is_a_valid_draft_2020_12_schema_shipped_in_the_package(name: str) -> None:
    document = schema(name)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(document)


# ---------------------------------------------------------------- valid documents validate


@pytest.mark.parametrize("path", sorted((ROOT / "examples").glob("*.toml")), ids=lambda p: p.stem)
def test_every_example_competition_file_matches_the_competition_schema(path: Path) -> None:
    data = tomllib.loads(path.read_text("utf-8"))
    assert errors(data, COMPETITION_SCHEMA) == []


@pytest.mark.parametrize("path", PRESETS, ids=lambda p: p.stem)
def test_every_preset_matches_the_format_schema(path: Path) -> None:
    assert errors(tomllib.loads(path.read_text("utf-8")), FORMAT_SCHEMA) == []


def test_every_preset_has_its_walkthrough_and_the_worked_examples_include_f5() -> None:
    text = FORMATS_MD.read_text("utf-8")
    assert {"olympic-1968", "uci-team-pursuit", "olympic-team-pursuit"} <= {p.stem for p in PRESETS}
    assert [p.stem for p in PRESETS if f"\n### `{p.stem}`: " not in text] == []
    assert "olympic-2004" in {p.stem for p in EXAMPLE_FORMATS}


@pytest.mark.parametrize("path", EXAMPLE_FORMATS, ids=lambda p: p.stem)
def test_every_worked_example_format_matches_the_schema_and_loads(path: Path) -> None:
    assert errors(tomllib.loads(path.read_text("utf-8")), FORMAT_SCHEMA) == []
    fmt = load_format(str(path))
    assert fmt.name == path.stem
    assert fmt.source == str(path)


def test_a_worked_example_loads_by_a_path_relative_to_the_competition_file() -> None:
    fmt = load_format("olympic-2004.toml", EXAMPLE_FORMATS_DIR)
    assert fmt.round_ids() == ("Q", "R1", "B", "F")
    with pytest.raises(FormatDefinitionError, match="not a preset"):
        load_format("olympic-2004.toml", DOCS)


# ---------------------------------------------------------------- broken documents


def small_competition() -> str:
    """The small complete file shown in docs/competition-file.md."""
    (block,) = [b for b in toml_blocks(COMPETITION_MD) if b.startswith("[competition]")]
    return block


def test_the_small_file_in_the_docs_is_valid_and_computes_without_findings() -> None:
    text = small_competition()
    assert errors(tomllib.loads(text), COMPETITION_SCHEMA) == []
    loaded = competition_from_text(text, "small.toml")
    results = compute(loaded.competition)
    assert loaded.findings == []
    assert results.findings == ()
    assert [(p.label, p.entrant) for p in results.classification] == [
        ("1", "Anna Berg"),
        ("2", "Clara van Dijk"),
        ("3", "Ella Fischer"),
        ("4", "Greta Holm"),
        ("5", "Ines Jordão"),
    ]


UNUSABLE = "unusable"
ACCEPTED = "accepted"

BROKEN_COMPETITIONS = [
    # (what, old, new, what the reader does: a finding code, UNUSABLE or ACCEPTED)
    ("misspelt ride field", 'Jordão", heat = 1,', 'Jordão", haet = 1,', "unknown-field"),
    ("misspelt entrant field", 'nation = "NOR"', 'natoin = "NOR"', "unknown-field"),
    ("unknown status", 'status = "overtaken"', 'status = "overtook"', "bad-status"),
    ("time with a letter O", 'time = "3:41.208"', 'time = "3:41.2O8"', "bad-time"),
    ("blue start side", 'heat = 1, side = "red"', 'heat = 1, side = "blue"', "bad-side"),
    ("heat zero", 'Jordão", heat = 1,', 'Jordão", heat = 0,', "bad-heat"),
    (
        "published place without rider",
        'rider = "Anna Berg" }',
        'ridder = "Anna Berg" }',
        "bad-published",
    ),
    (
        "ride for both a rider and a team",
        '{ rider = "Ines',
        '{ team = "X", rider = "Ines',
        ACCEPTED,
    ),
    ("unquoted time", 'time = "3:41.208"', "time = 221.208", "bad-time"),
    ("misspelt competition key", "track_length_m = 250", "track_lenght_m = 250", "unknown-field"),
    (
        "misspelt round key",
        'date = "2024-06-01"\nrides',
        'day = "2024-06-01"\nrides',
        "unknown-field",
    ),
    ("bib as a fraction", "bib = 11 }", "bib = 11.5 }", "bad-field"),
    ("roster on a rider", "bib = 11 }", 'bib = 11, roster = ["x"] }', ACCEPTED),
    ("no title", 'title = "Club championship 2024, women\'s individual pursuit"\n', "", UNUSABLE),
    ("no format", 'format = "uci-individual-pursuit"\n', "", UNUSABLE),
    ("distance as a string", "distance_m = 3000", 'distance_m = "3000"', UNUSABLE),
    ("track too short", "track_length_m = 250", "track_length_m = 50", UNUSABLE),
    (
        "unknown precision",
        'dates = ["2024-06-01"]',
        'dates = ["2024-06-01"]\nprecision = "0.05"',
        UNUSABLE,
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "reader"),
    [case[1:] for case in BROKEN_COMPETITIONS],
    ids=[case[0] for case in BROKEN_COMPETITIONS],
)
def test_a_broken_competition_file_is_rejected_by_the_schema(
    old: str, new: str, reader: str
) -> None:
    base = small_competition()
    assert old in base
    text = base.replace(old, new, 1)
    assert errors(tomllib.loads(text), COMPETITION_SCHEMA) != []
    if reader == UNUSABLE:
        with pytest.raises(CompetitionFileError):
            competition_from_text(text, "broken.toml")
        return
    codes = {f.code for f in competition_from_text(text, "broken.toml").findings}
    assert codes == (set() if reader == ACCEPTED else {reader})


def olympic_2004() -> str:
    return (EXAMPLE_FORMATS_DIR / "olympic-2004.toml").read_text("utf-8")


BROKEN_FORMATS = [
    # (what, old, new, whether the reader refuses it too)
    ("unknown round kind", 'kind = "timed"', 'kind = "time"', True),
    ("reference without #", '[["Q#1", "Q#8"]', '[["Q1", "Q#8"]', True),
    ("unknown group", 'members = "winners:R1"', 'members = "winner:R1"', True),
    ("order without its round", 'order = "time:R1"', 'order = "time"', True),
    ("unknown precision", 'precision = "0.001"', 'precision = "0.005"', True),
    ("unknown tie break", 'tie_break = ["last_lap", "shared"]', 'tie_break = ["last-lap"]', True),
    ("three places", "places = [3, 4]", "places = [3, 4, 5]", True),
    ("knockout round without heats", 'heats = [["WINNERS#3", "WINNERS#4"]]\n', "", True),
    ("unknown catch effect", 'catch = "ride_on"', 'catch = "rides_on"', True),
    ("zero advance", "advance = 8", "advance = 0", True),
    ("unknown top-level key", 'reduce = "truncate"', 'reduce = "truncate"\ntie_breaks = []', False),
    ("misspelt round key", 'heat_name = "Final for gold"', 'heat_title = "Final for gold"', False),
    ("precision as a number", 'precision = "0.001"', "precision = 0.001", False),
]


@pytest.mark.parametrize(
    ("old", "new", "reader_refuses"),
    [case[1:] for case in BROKEN_FORMATS],
    ids=[case[0] for case in BROKEN_FORMATS],
)
def test_a_broken_format_is_rejected_by_the_schema(
    old: str, new: str, reader_refuses: bool
) -> None:
    base = olympic_2004()
    assert old in base
    data = tomllib.loads(base.replace(old, new, 1))
    assert errors(data, FORMAT_SCHEMA) != []
    if reader_refuses:
        with pytest.raises(FormatDefinitionError):
            format_from_mapping(data, "broken.toml")
    else:
        format_from_mapping(data, "broken.toml")


# ---------------------------------------------------------------- schema and code agree


def enum_at(document: dict[str, Any], *path: str) -> set[str]:
    node: Any = document
    for key in path:
        node = node[key]
    return set(node["enum"])


def test_the_competition_schema_knows_exactly_the_fields_the_reader_knows() -> None:
    defs = COMPETITION_SCHEMA["$defs"]
    assert set(defs["ride"]["properties"]) == ride_reader.RIDE_FIELDS
    entrant_keys = set(defs["entrant"]["properties"])
    rider_keys = entrant_keys | set(defs["rider"]["properties"])
    team_keys = entrant_keys | set(defs["team"]["properties"])
    assert rider_keys | team_keys == competition_file.ENTRANT_FIELDS
    assert enum_at(defs, "ride", "properties", "status") == {s.value for s in Status}
    assert enum_at(defs, "ride", "properties", "side") == {s.value for s in Side}


def test_the_format_schema_values_are_the_readers_values() -> None:
    props = FORMAT_SCHEMA["$defs"]["round"]["properties"]
    assert enum_at(props, "kind") == {k.value for k in RoundKind}
    assert enum_at(props, "catch") == {c.value for c in CatchEffect}
    assert enum_at(props, "overtaken") == {o.value for o in OvertakenRule}
    assert enum_at(FORMAT_SCHEMA, "properties", "tie_break", "items") == {t.value for t in TieBreak}
    unranked = FORMAT_SCHEMA["$defs"]["unranked"]["properties"]
    assert enum_at(unranked, "statuses", "items") == set(UNRANKED_STATUSES)
    group_pattern = FORMAT_SCHEMA["$defs"]["members"]["oneOf"][1]["pattern"]
    order_pattern = FORMAT_SCHEMA["$defs"]["order"]["pattern"]
    assert all(re.match(group_pattern, f"{group}:Q") for group in GROUPS)
    assert all(
        re.match(order_pattern, f"{order}:Q" if order in ("time", "rank") else order)
        for order in ORDERS
    )


PRECISIONS = ["1", "0.1", "0.01", "0.001", "0.0001"]


def test_both_schemas_allow_the_same_five_precisions() -> None:
    assert enum_at(FORMAT_SCHEMA, "properties", "precision") == set(PRECISIONS)
    competition = COMPETITION_SCHEMA["$defs"]["competition"]["properties"]
    assert enum_at(competition, "precision") == set(PRECISIONS)


@pytest.mark.parametrize("precision", PRECISIONS)
def test_every_precision_the_schemas_allow_is_read_by_both_readers(precision: str) -> None:
    data = tomllib.loads(olympic_2004().replace('"0.001"', f'"{precision}"'))
    assert format_from_mapping(data).precision == len(precision.partition(".")[2])
    text = small_competition().replace("[entrants]", f'precision = "{precision}"\n\n[entrants]', 1)
    assert competition_from_text(text, "p.toml").competition.meta.precision == len(
        precision.partition(".")[2]
    )


TIMES_READ = [
    "4:40.41",
    "4'40\"41",
    "4′40″41",
    "4:39,96",
    "280.41",
    "4:24.537",
    "1:02:03.4",
    "4:40",
    " 4:40.41 ",
    "59.8765",
]
TIMES_REFUSED = ["", "4:40.41.2", "4.40:41", "4:40.12345", "abc", "-4:40.41", "4:40 41"]


@pytest.mark.parametrize("text", TIMES_READ)
def test_the_schema_time_pattern_takes_every_notation_the_parser_reads(text: str) -> None:
    parse_time(text)
    assert errors(text, COMPETITION_SCHEMA["$defs"]["time"]) == []


@pytest.mark.parametrize("text", TIMES_REFUSED)
def test_the_schema_time_pattern_refuses_what_the_parser_refuses(text: str) -> None:
    with pytest.raises(TimeFormatError):
        parse_time(text)
    assert errors(text, COMPETITION_SCHEMA["$defs"]["time"]) != []


# ---------------------------------------------------------------- the docs keep up with the code


def keys_read_by_format_reader() -> set[str]:
    source = (SRC / "core" / "format_reader.py").read_text("utf-8")
    keys = set(re.findall(r"\.get\(\s*\"(\w+)\"", source))
    keys |= set(re.findall(r"\.(?:text|choice|count|items)\(\s*\w+,\s*\"(\w+)\"", source))
    return keys


def test_the_key_extraction_finds_the_format_keys_it_should() -> None:
    keys = keys_read_by_format_reader()
    assert {"name", "rounds", "kind", "heats", "members", "order", "statuses", "places"} <= keys
    assert len(keys) >= 25


def test_every_key_the_format_reader_reads_is_documented_and_in_the_schema() -> None:
    spans = code_spans(FORMATS_MD)
    schema_keys = set(property_names(FORMAT_SCHEMA))
    keys = keys_read_by_format_reader()
    assert sorted(k for k in keys if not documented(k, spans)) == []
    assert sorted(keys - schema_keys) == []


def test_every_key_the_competition_reader_reads_is_documented_and_in_the_schema() -> None:
    source = "".join(
        (SRC / "loading" / name).read_text("utf-8")
        for name in (
            "competition_file.py",
            "ride_reader.py",
            "decisions.py",
            "embedded_format.py",
            "notes_reader.py",
        )
    )
    keys = set(re.findall(r"\bget\(\s*\"(\w+)\"", source))
    assert {"title", "format", "distance_m", "riders", "rides", "classification"} <= keys
    keys |= ride_reader.RIDE_FIELDS | ride_reader.ROUND_FIELDS | competition_file.ENTRANT_FIELDS
    keys |= decisions.DECISION_FIELDS
    spans = code_spans(COMPETITION_MD)
    assert sorted(k for k in keys if not documented(k, spans)) == []
    assert sorted(keys - set(property_names(COMPETITION_SCHEMA))) == []


def test_every_finding_code_in_the_code_is_documented() -> None:
    codes: set[str] = set()
    for path in SRC.rglob("*.py"):
        codes |= set(re.findall(r"\bfind\(\s*\"([a-z][a-z-]*)\"", path.read_text("utf-8")))
    assert {"pairing", "published-rank", "unknown-entrant", "bad-time"} <= codes
    table = COMPETITION_MD.read_text("utf-8")
    assert sorted(c for c in codes if f"| `{c}` |" not in table) == []


def test_every_status_is_documented_and_every_preset_named_where_formats_are_chosen() -> None:
    competition_text = COMPETITION_MD.read_text("utf-8")
    assert [s.value for s in Status if f"| `{s.value}` |" not in competition_text] == []
    format_row = next(
        line for line in competition_text.splitlines() if line.startswith("| `format`")
    )
    using = FORMATS_MD.read_text("utf-8").partition("## Using a format")[2].partition("\n## ")[0]
    assert [p.stem for p in PRESETS if f"`{p.stem}`" not in format_row + using] == []


def test_every_toml_block_in_the_docs_parses() -> None:
    for markdown in (FORMATS_MD, COMPETITION_MD):
        blocks = toml_blocks(markdown)
        assert blocks, markdown
        for block in blocks:
            tomllib.loads(block)


def glance() -> str:
    """The short format in 'A format at a glance', the one complete format that is no file."""
    (block,) = [b for b in toml_blocks(FORMATS_MD) if b.startswith('name = "my-format"')]
    return block


def test_every_complete_format_in_formats_md_is_a_preset_or_a_worked_example_file() -> None:
    files = {p.read_text("utf-8"): p for p in (*PRESETS, *EXAMPLE_FORMATS)}
    complete = [
        b
        for b in toml_blocks(FORMATS_MD)
        if {"name", "rounds", "classification"} <= set(tomllib.loads(b)) and b != glance()
    ]
    assert sorted(files[b].name for b in complete if b in files) == sorted(
        p.name for p in files.values()
    )
    assert [b[:60] for b in complete if b not in files] == []
    text = FORMATS_MD.read_text("utf-8")
    for content, path in files.items():
        assert f"```toml\n{content}```" in text, f"{path.name} is not shown verbatim"


def test_the_short_format_at_a_glance_loads_and_matches_the_schema() -> None:
    data = tomllib.loads(glance())
    assert format_from_mapping(data).round_ids() == ("Q", "F")
    assert errors(data, FORMAT_SCHEMA) == []


# ---------------------------------------------------------------- the worked examples behave


def competition(
    format_file: str, entrants: list[str], rounds: dict[str, list[str]], kind: str = "riders"
) -> Results:
    """Compute a competition on a worked example format; rides are inline-table bodies."""
    lines = [
        "[competition]",
        'title = "Worked example"',
        f'format = "{format_file}"',
        "",
        "[entrants]",
        f"{kind} = [",
    ]
    lines += [f'  {{ name = "{name}" }},' for name in entrants]
    lines.append("]")
    for round_id, rides in rounds.items():
        lines += ["", f"[rounds.{round_id}]", "rides = ["]
        lines += [f"  {{ {ride} }}," for ride in rides]
        lines.append("]")
    loaded = competition_from_text("\n".join(lines) + "\n", "worked.toml", EXAMPLE_FORMATS_DIR)
    results = compute(loaded.competition)
    assert loaded.findings == []
    assert results.findings == ()
    return results


def expected(results: Results, round_id: str) -> list[tuple[str | None, ...]]:
    return [heat.expected for heat in results.round(round_id).heats]


def classification(results: Results) -> list[tuple[str, str | None]]:
    return [(p.label, p.entrant) for p in results.classification]


RIDERS = [f"Rider {c}" for c in "ABCDEFGHIJ"]  # A is the fastest in qualifying, J the slowest
QUALIFYING = [f'rider = "{name}", time = "4:{20 + i}.000"' for i, name in enumerate(RIDERS)]
F5_FIRST_ROUND = [  # winners' times: C fastest, then A, D, B; losers: G, E, F, H
    'rider = "Rider A", time = "4:16.000"',
    'rider = "Rider H", time = "4:22.000"',
    'rider = "Rider B", time = "4:18.000"',
    'rider = "Rider G", time = "4:19.000"',
    'rider = "Rider C", time = "4:15.000"',
    'rider = "Rider F", time = "4:21.000"',
    'rider = "Rider D", time = "4:17.000"',
    'rider = "Rider E", time = "4:20.000"',
]


def test_f5_pairs_the_first_round_winners_by_their_times_and_ranks_the_losers_by_time() -> None:
    r = competition("olympic-2004.toml", RIDERS, {"Q": QUALIFYING, "R1": F5_FIRST_ROUND})
    assert expected(r, "R1") == [
        ("Rider A", "Rider H"),
        ("Rider B", "Rider G"),
        ("Rider C", "Rider F"),
        ("Rider D", "Rider E"),
    ]
    assert expected(r, "F") == [("Rider C", "Rider A")]
    assert expected(r, "B") == [("Rider D", "Rider B")]
    assert classification(r)[:6] == [
        ("5", "Rider G"),
        ("6", "Rider E"),
        ("7", "Rider F"),
        ("8", "Rider H"),
        ("9", "Rider I"),
        ("10", "Rider J"),
    ]


def test_f5_winners_tied_on_time_are_a_finding_as_their_order_decides_the_finals() -> None:
    tied = [r.replace("4:17.000", "4:16.000") for r in F5_FIRST_ROUND]  # D level with A
    lines = ["[competition]", 'title = "Tie"', 'format = "olympic-2004.toml"', "", "[entrants]"]
    lines += ["riders = [", *(f'  {{ name = "{n}" }},' for n in RIDERS), "]"]
    for round_id, rides in (("Q", QUALIFYING), ("R1", tied)):
        lines += ["", f"[rounds.{round_id}]", "rides = [", *(f"  {{ {r} }}," for r in rides), "]"]
    text = "\n".join(lines) + "\n"
    loaded = competition_from_text(text, "tie.toml", EXAMPLE_FORMATS_DIR)
    findings = [f for f in compute(loaded.competition).findings if f.code == "pool-tie"]
    assert len(findings) == 1
    assert findings[0].message.startswith(
        "pool WINNERS: Rider A and Rider D tie for place 2 on their R1 times"
    )
    place = findings[0].place
    assert place is not None and text.splitlines()[place.line - 1] == f"  {{ {tied[6]} }},"


def test_f5_places_the_finalists_once_the_finals_are_ridden() -> None:
    finals = {
        "F": ['rider = "Rider A", time = "4:14.000"', 'rider = "Rider C", status = "overtaken"'],
        "B": ['rider = "Rider B", time = "4:16.500"', 'rider = "Rider D", time = "4:16.900"'],
    }
    r = competition("olympic-2004.toml", RIDERS, {"Q": QUALIFYING, "R1": F5_FIRST_ROUND, **finals})
    assert classification(r)[:4] == [
        ("1", "Rider A"),
        ("2", "Rider C"),
        ("3", "Rider B"),
        ("4", "Rider D"),
    ]
    assert [h.decided_by for h in r.round("F").heats] == ["catch"]


TEAMS = [f"Team {n}" for n in range(1, 10)]  # Team 1 is the fastest in qualifying
TEAM_QUALIFYING = [f'team = "{name}", time = "3:{50 + i}.000"' for i, name in enumerate(TEAMS)]
F7_FIRST_ROUND = [  # ridden 6v7, 5v8, 2v3, 1v4; Team 1 catches Team 4, which rides on
    'team = "Team 6", time = "3:52.000"',
    'team = "Team 7", time = "3:53.000"',
    'team = "Team 5", time = "3:51.500"',
    'team = "Team 8", time = "3:55.000"',
    'team = "Team 2", time = "3:49.000"',
    'team = "Team 3", time = "3:50.000"',
    'team = "Team 1", time = "3:48.000", status = "caught"',
    'team = "Team 4", time = "3:54.000", status = "overtaken"',
]


def test_f7_draws_gold_from_1v4_and_2v3_and_bronze_from_the_fastest_of_the_other_six() -> None:
    r = competition(
        "uci-team-pursuit", TEAMS, {"Q": TEAM_QUALIFYING, "R1": F7_FIRST_ROUND}, kind="teams"
    )
    assert expected(r, "R1") == [
        ("Team 6", "Team 7"),
        ("Team 5", "Team 8"),
        ("Team 2", "Team 3"),
        ("Team 1", "Team 4"),
    ]
    assert [h.decided_by for h in r.round("R1").heats] == ["time", "time", "time", "catch"]
    assert expected(r, "F") == [("Team 1", "Team 2")]
    assert expected(r, "B") == [("Team 3", "Team 5")]
    assert classification(r)[:5] == [
        ("5", "Team 6"),
        ("6", "Team 7"),
        ("7", "Team 4"),
        ("8", "Team 8"),
        ("9", "Team 9"),
    ]


def test_the_olympic_team_pursuit_rides_finals_for_5th_and_7th_from_the_same_pool() -> None:
    r = competition(
        "olympic-team-pursuit",
        TEAMS,
        {"Q": TEAM_QUALIFYING, "R1": F7_FIRST_ROUND},
        kind="teams",
    )
    assert expected(r, "B") == [("Team 3", "Team 5")]
    assert expected(r, "F56") == [("Team 6", "Team 7")]
    assert expected(r, "F78") == [("Team 4", "Team 8")]
    assert classification(r)[0] == ("9", "Team 9")
