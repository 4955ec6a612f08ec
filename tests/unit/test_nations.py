"""Nation codes: the IOC's codes read from the data file, checked wherever a code enters."""

from __future__ import annotations

from pathlib import Path

import pytest
from builders import competition_text, ride

from pursuit.app.entries import commands_from_csv
from pursuit.app.toml_writer import competition_text as written
from pursuit.core import events as ev
from pursuit.core.competition import Metadata
from pursuit.core.event_wire import from_wire, to_wire
from pursuit.core.findings import Finding
from pursuit.core.nations import nation_problem
from pursuit.errors import CompetitionFileError
from pursuit.loading.competition_file import competition_from_text
from pursuit.loading.format_files import format_definition
from pursuit.loading.nations import ioc_nations

UCI = "uci-individual-pursuit"
HISTORIC = ["URS", "FRG", "GDR", "TCH", "YUG", "EUN", "EUA", "SCG", "ANZ", "BOH", "RU1", "TRI"]


def test_the_data_file_has_every_current_noc_and_the_historic_codes() -> None:
    nations = ioc_nations()
    current = [n for n in nations.values() if not n.historic]
    assert len(current) == 206
    assert nations["GER"].name == "Germany" and not nations["GER"].historic
    for code in HISTORIC:
        assert nations[code].historic, code
    assert nations["URS"].name == "Soviet Union" and nations["URS"].years == "1952–1988"
    assert "ZZZ" not in nations
    assert ioc_nations() is nations  # read once


def test_every_code_is_three_capitals_or_digits_and_named() -> None:
    for code, nation in ioc_nations().items():
        assert len(code) == 3 and code == code.upper() and code.isalnum(), code
        assert nation.code == code and nation.name.strip()


@pytest.mark.parametrize("code", ["FRA", "GER", *HISTORIC, "", "  "])
def test_known_codes_and_no_code_are_accepted(code: str) -> None:
    assert nation_problem(code, ioc_nations()) is None


def test_an_unknown_code_and_one_not_in_capitals_are_problems() -> None:
    assert nation_problem("ZZZ", ioc_nations()) == (
        "unknown-nation",
        "unknown nation code 'ZZZ': not an IOC code",
    )
    assert nation_problem("ger", ioc_nations()) == (
        "nation-case",
        "nation code 'ger' is written 'GER'",
    )
    assert nation_problem("zzz", ioc_nations())[0] == "unknown-nation"  # type: ignore[index]


def test_a_declared_code_is_accepted() -> None:
    assert nation_problem("NCL", {}, {"NCL": "New Caledonia"}) is None
    assert nation_problem("ncl", {}, {"NCL": "New Caledonia"}) == (
        "nation-case",
        "nation code 'ncl' is written 'NCL'",
    )


def file_with(nations: dict[str, str], declared: str = "") -> str:
    """A file whose riders have the given nations, with `declared` (a [nations] table) added."""
    text = competition_text(UCI, {"Q": [ride(name, "4:20.123") for name in nations]})
    for name, code in nations.items():
        text = text.replace(f'{{ name = "{name}" }}', f'{{ name = "{name}", nation = "{code}" }}')
    return text + ("\n" + declared if declared else "")


def findings(text: str) -> list[Finding]:
    return competition_from_text(text, "race.toml").findings


def test_a_file_with_historic_codes_is_clean() -> None:
    text = file_with({f"R{i}": code for i, code in enumerate(HISTORIC)})
    assert 'nation = "URS"' in text
    assert findings(text) == []


def test_an_unknown_code_is_a_finding_on_its_line_naming_the_rider_and_kept() -> None:
    text = file_with({"Anna": "FRA", "Bert": "ZZZ"})
    loaded = competition_from_text(text, "race.toml")
    [finding] = loaded.findings
    line = next(i for i, s in enumerate(text.splitlines(), 1) if '"ZZZ"' in s)
    assert finding.code == "unknown-nation" and finding.place is not None
    assert finding.place.line == line
    assert finding.message == (
        "Bert: unknown nation code 'ZZZ': not an IOC code; "
        "declare it under [nations] if it is right"
    )
    assert {e.name: e.nation for e in loaded.competition.entrants}["Bert"] == "ZZZ"


def test_a_code_not_in_capitals_is_a_finding_and_read_in_capitals() -> None:
    loaded = competition_from_text(file_with({"Anna": "ger"}), "race.toml")
    [finding] = loaded.findings
    assert (finding.code, finding.message) == (
        "nation-case",
        "Anna: nation code 'ger' is written 'GER'",
    )
    assert loaded.competition.entrants[0].nation == "GER"


def test_a_declared_code_is_accepted_and_kept_with_the_competition() -> None:
    text = file_with({"Anna": "NCL"}, '[nations]\nNCL = "New Caledonia"\n')
    loaded = competition_from_text(text, "race.toml")
    assert loaded.findings == []
    assert loaded.competition.meta.nations == (("NCL", "New Caledonia"),)


@pytest.mark.parametrize(
    ("declared", "said"),
    [
        ('"nc l" = "New Caledonia"', "got 'nc l'"),
        ('ncl = "New Caledonia"', "got 'ncl'"),
        ("NCL = 5", "nations: NCL must be text"),
    ],
)
def test_a_bad_declaration_is_a_bad_field_and_declares_nothing(declared: str, said: str) -> None:
    got = findings(file_with({"Anna": "NCL"}, f"[nations]\n{declared}\n"))
    assert sorted(f.code for f in got) == ["bad-field", "unknown-nation"], got
    assert said in next(f.message for f in got if f.code == "bad-field")


def test_declared_codes_travel_in_the_log_and_back_to_a_file() -> None:
    text = file_with({"Anna": "NCL"}, '[nations]\nNCL = "New Caledonia"\n')
    comp = competition_from_text(text, "race.toml").competition
    created = ev.CompetitionCreated(UCI, format_definition(UCI), comp.meta)
    name, version, data = to_wire(created)
    assert data["nations"] == {"NCL": "New Caledonia"}
    assert from_wire(name, version, data) == created
    again = competition_from_text(written(comp, UCI), "again.toml")
    assert again.findings == [] and again.competition.meta.nations == (("NCL", "New Caledonia"),)


def test_a_competition_without_declared_codes_writes_none() -> None:
    _, _, data = to_wire(ev.CompetitionCreated(UCI, format_definition(UCI), Metadata("Cup")))
    assert "nations" not in data


def test_the_entries_csv_refuses_unknown_codes_by_line_unless_declared(tmp_path: Path) -> None:
    path = tmp_path / "entries.csv"
    path.write_text("name,nation\nAnna,YUG\nBert,ZZZ\nCarl,ger\nDora,\n", "utf-8")
    with pytest.raises(CompetitionFileError) as refused:
        commands_from_csv(path)
    message = str(refused.value)
    assert f"{path}:3: Bert: unknown nation code 'ZZZ'" in message
    assert f"{path}:4: Carl: nation code 'ger' is written 'GER'" in message
    assert ":2:" not in message and ":5:" not in message
    path.write_text("name,nation\nAnna,YUG\nBert,ZZZ\nDora,\n", "utf-8")
    entered = commands_from_csv(path, [("ZZZ", "Zedland")])
    assert [(e.name, e.nation) for e in entered] == [
        ("Anna", "YUG"),
        ("Bert", "ZZZ"),
        ("Dora", None),
    ]
