"""Lines counted on demand: a file that loads with nothing to report is never scanned for
lines, and every place gives the line the full scan gives."""

from __future__ import annotations

import copy
import pickle
import tomllib
from pathlib import Path

import pytest
from builders import competition_text, field_of, ride

from pursuit.core.engine import compute
from pursuit.errors import Place
from pursuit.loading import toml_lines
from pursuit.loading.competition_file import competition_from_text, load_competition
from pursuit.loading.toml_lines import ValueLines, line_of, value_lines
from pursuit.views.results import build_view

ROOT = Path(__file__).resolve().parents[2]
UCI = "uci-individual-pursuit"
CLEAN = ROOT / "examples" / "mexico-1968-men-individual-pursuit.toml"
FILES = [CLEAN, ROOT / "tests" / "data" / "planted-mistakes.toml"]


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text the line scanner is run on, from here on."""
    seen: list[str] = []
    scan = toml_lines.value_lines

    def counting(text: str) -> dict[tuple[str | int, ...], int]:
        seen.append(text)
        return scan(text)

    monkeypatch.setattr(toml_lines, "value_lines", counting)
    return seen


def test_a_clean_file_is_loaded_computed_and_viewed_without_counting_a_line(
    scans: list[str],
) -> None:
    loaded = load_competition(CLEAN)
    results = compute(loaded.competition)
    build_view(results)
    assert loaded.findings == [] and results.findings == ()
    assert scans == []
    text = competition_text(UCI, {"Q": [ride("A", "4:20.00", splits=["1:00.00", "2:00.00"])]})
    assert competition_from_text(text, "race.toml").findings == []
    assert scans == []


def test_the_first_line_asked_for_counts_them_all_once(scans: list[str]) -> None:
    text = competition_text(UCI, {"Q": [*field_of(4), ("Nobody", "4:30.00")]}, riders=None)
    text = text.replace('  { name = "Nobody" },\n', "")
    loaded = competition_from_text(text, "race.toml")
    assert scans == []
    (finding,) = loaded.findings
    assert str(finding).startswith("race.toml:")
    rides = loaded.competition.rides_of("Q")
    assert [r.place.line for r in rides if r.place] == [
        n for n, line in enumerate(text.splitlines(), 1) if line.startswith('  { rider = "R0')
    ]
    assert scans == [text]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_ride_and_entrant_is_placed_on_the_line_the_full_scan_gives(path: Path) -> None:
    text = path.read_text("utf-8")
    lines = value_lines(text)
    competition = load_competition(path).competition
    data = tomllib.loads(text)
    for round_id, table in data["rounds"].items():
        raw = [r.get("rider", r.get("team")) for r in table.get("rides", [])]
        i = -1
        for ride_ in competition.rides_of(round_id):  # in file order, some left out
            i = raw.index(ride_.entrant, i + 1)
            assert ride_.place is not None
            assert ride_.place.line == line_of(lines, "rounds", round_id, "rides", i)
            assert ride_.place.line is not None
    for i, entrant in enumerate(data["entrants"].get("riders", [])):
        place = competition.entrant_places.get(entrant["name"])
        if place is not None:
            assert place.line == line_of(lines, "entrants", "riders", i)


def test_value_lines_on_demand_give_the_full_scans_lines_and_their_enclosing_ones() -> None:
    text = competition_text(UCI, {"Q": [ride("A", "4:20.00", splits=["1:00.00", "2:00.00"])]})
    full = value_lines(text)
    on_demand = ValueLines(text)
    assert not on_demand.counted
    for path in [*full, ("rounds", "Q", "rides", 0, "splits", 7), ("nowhere",)]:
        assert on_demand.line_of(path) == line_of(full, *path)
    assert on_demand.counted


def test_a_place_found_on_demand_is_the_same_as_one_given_its_line() -> None:
    text = 'a = 1\nb = [\n  "x",\n  "y",\n]\n'
    later = Place.in_document("f.toml", ValueLines(text), ("b", 1), "name")
    now = Place("f.toml", 4, "name")
    assert later == now and hash(later) == hash(now)
    assert (later.file, later.line, later.field) == ("f.toml", 4, "name")
    assert str(later) == str(now) == "f.toml:4, name"
    assert repr(later) == "Place(file='f.toml', line=4, field='name')"
    assert later != Place("f.toml", 3, "name")
    for twin in (copy.copy(later), copy.deepcopy(later), pickle.loads(pickle.dumps(later))):
        assert twin == now


def test_a_place_cannot_be_changed() -> None:
    place = Place("f.toml", 4)
    with pytest.raises(AttributeError):
        place.file = "g.toml"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del place.field
    assert str(Place()) == "" and str(Place(line=3)) == "line 3"
