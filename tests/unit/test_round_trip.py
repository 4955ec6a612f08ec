"""Lossless round trips: a competition file read into an event log, written back as a file and
read again gives the same events, the same results and, the second time, the same text; over
simulated competitions (with notes, other names and a published source added at random, and
under a format that is a preset or one written into the file) and over the shipped examples."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import test_properties as simulated
from hypothesis import given, settings
from hypothesis import strategies as st

from pursuit.app.importing import commands_from_competition, commands_from_file
from pursuit.app.toml_writer import competition_text
from pursuit.core import commands as c
from pursuit.core.competition import Competition, PublishedPlace
from pursuit.core.decide import decide
from pursuit.core.engine import compute
from pursuit.core.event_wire import from_wire, to_wire
from pursuit.core.evolve import evolve
from pursuit.core.live_state import CompetitionState
from pursuit.core.notes import EntrantNotes, Notes
from pursuit.export.json_export import render as to_json
from pursuit.loading.competition_file import competition_from_text
from pursuit.loading.format_files import format_definition
from pursuit.views.results import build_view

EXAMPLES = sorted((Path(__file__).parents[2] / "examples").glob("*.toml"))
ROUND_TRIPS = settings(max_examples=20, deadline=None)

Wire = list[tuple[str, int, Any]]


def into_the_log(commands: list[c.Command]) -> tuple[CompetitionState, Wire]:
    """The commands decided and folded as the service does, every event through JSON as a
    database stores it."""
    state = CompetitionState()
    stored: Wire = []
    for command in commands:
        for event in decide(state, command):
            name, version, data = to_wire(event)
            data = json.loads(json.dumps(data))
            stored.append((name, version, data))
            evolve(state, from_wire(name, version, data))
            state.advance()
    return state, stored


def out_and_back(text: str) -> tuple[CompetitionState, Wire, str]:
    """A file read into a log and written back as a file."""
    loaded = competition_from_text(text, "round-trip.toml")
    assert loaded.findings == [] and loaded.format is not None
    fmt = loaded.format
    state, stored = into_the_log(
        commands_from_competition(loaded.competition, fmt.name, fmt.definition)
    )
    written = competition_text(state.competition(), state.format_name, "", fmt.definition)
    return state, stored, written


def shown(comp: Competition) -> str:
    """The results as JSON, findings without their place: a file's findings point at its
    lines, the log's at nothing; what they say must be the same."""
    doc = json.loads(to_json(build_view(compute(comp))))
    for finding in doc.get("findings", []):
        finding.pop("place", None)
    return json.dumps(doc, sort_keys=True)


def assert_lossless(state: CompetitionState, stored: Wire, text: str) -> None:
    again_state, again_stored, again_text = out_and_back(text)
    assert again_stored == stored
    assert again_text == text
    assert shown(again_state.competition()) == shown(state.competition())


# --- simulated competitions ------------------------------------------------------------------

notes = st.one_of(st.none(), st.text(min_size=1, max_size=30).filter(lambda s: s.strip() != ""))


@st.composite
def annotated(draw: st.DrawFn) -> tuple[Competition, str, dict[str, Any]]:
    """A simulated competition with notes on some rides, entrants and rounds, a published
    classification with its source, and a format that is a preset or written in the file."""
    sim = draw(simulated.simulations())
    comp = sim.final.competition
    rides = {
        round_id: tuple(replace(r, note=draw(notes)) for r in round_rides)
        for round_id, round_rides in comp.rides.items()
    }
    entrant_notes = {}
    for name in sim.names:
        said = EntrantNotes(
            draw(notes),
            tuple(draw(st.lists(st.sampled_from(["Jensen", "Müller", "O'Neil"]), max_size=2))),
            draw(st.sampled_from([None, "inferred", "published"])),
        )
        if said:
            entrant_notes[name] = said
    round_notes = {spec.id: note for spec in sim.fmt.rounds if (note := draw(notes)) is not None}
    places = tuple(
        PublishedPlace(str(i), name)
        for i, name in enumerate(sim.names[: draw(st.integers(0, 4))], 1)
    )
    comp = replace(
        comp,
        meta=replace(comp.meta, track_length_m=float(comp.meta.track_length_m)),  # as files read
        rides=rides,
        published_classification=places,
        notes=Notes(entrant_notes, round_notes, draw(notes) if places else None),
    )
    definition = format_definition(sim.preset)
    name = sim.preset
    if draw(st.booleans()):  # a format of the user's own: written into the file
        name = f"{sim.preset}-as-ridden"
        definition = {**definition, "name": name}
    return comp, name, definition


@ROUND_TRIPS
@given(annotated())
def test_a_simulated_competition_goes_file_log_file_log_without_losing_a_fact(
    case: tuple[Competition, str, dict[str, Any]],
) -> None:
    comp, name, definition = case
    state, stored = into_the_log(commands_from_competition(comp, name, definition))
    text = competition_text(state.competition(), state.format_name, "", definition)
    assert ("[format]" in text) == name.endswith("-as-ridden")
    assert_lossless(state, stored, text)
    back = competition_from_text(text, "x.toml").competition
    assert back.notes == comp.notes
    assert [r.note for rs in back.rides.values() for r in rs] == [
        r.note for rs in comp.rides.values() for r in rs
    ]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_a_shipped_example_goes_file_log_file_log_without_losing_a_fact(path: Path) -> None:
    state, stored = into_the_log(commands_from_file(path))
    definition = from_wire(*stored[0]).format_definition  # type: ignore[attr-defined]
    text = competition_text(state.competition(), state.format_name, "", definition)
    assert_lossless(state, stored, text)
    original = competition_from_text(path.read_text("utf-8"), str(path), path.parent).competition
    assert shown(state.competition()) == shown(original)
    assert state.competition().notes == original.notes


def test_a_format_from_a_file_is_written_into_the_exported_file_and_reads_anywhere(
    tmp_path: Path,
) -> None:
    """Before, the exported file named the format file's format (`unknown format …`)."""
    preset = (Path(__file__).parents[2] / "src/pursuit/formats/olympic-1968.toml").read_text()
    (tmp_path / "mine.toml").write_text(preset.replace('name = "olympic-1968"', 'name = "mine"'))
    example = next(p for p in EXAMPLES if "1968" in p.name).read_text("utf-8")
    source = tmp_path / "race.toml"
    source.write_text(example.replace('format = "olympic-1968"', 'format = "mine.toml"'))
    state, stored = into_the_log(commands_from_file(source))
    assert state.format_name == "mine"
    text = competition_text(
        state.competition(), "mine", "", format_definition("mine.toml", tmp_path)
    )
    assert "[format]" in text and 'name = "mine"' in text and "mine.toml" not in text
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "race.toml").write_text(text)
    _, again_stored = into_the_log(commands_from_file(elsewhere / "race.toml"))
    assert again_stored == stored
    assert_lossless(state, stored, text)


def test_notes_of_rides_rounds_and_entrants_reach_the_log_and_come_back() -> None:
    example = next(p for p in EXAMPLES if "1968" in p.name).read_text("utf-8")
    text = (
        example.replace(
            '{ name = "Denfield McNab" }',
            '{ name = "Denfield McNab", note = "nation unknown", basis = "inferred" }',
        )
        .replace(
            '{ rider = "John Bylsma", time = "4:41.10", rank = "2", basis = "published" }',
            '{ rider = "John Bylsma", time = "4:41.10", rank = "2", basis = "published",'
            ' note = "as the official report" }',
        )
        .replace("[rounds.Q]\n", '[rounds.Q]\nnote = "ridden in pairs"\n', 1)
        .replace("[published]\n", '[published]\nsource = "Official report, vol. 3"\n', 1)
    )
    assert text.count("note = ") == 3
    state, stored, written = out_and_back(text)
    types = [name for name, _, _ in stored]
    assert "RoundNoted" in types
    assert any(d.get("note") == "nation unknown" for _, _, d in stored)
    assert any(d.get("note") == "as the official report" for _, _, d in stored)
    assert any(d.get("source") == "Official report, vol. 3" for _, _, d in stored)
    for said in (
        'note = "nation unknown"',
        'note = "as the official report"',
        'note = "ridden in pairs"',
        'source = "Official report, vol. 3"',
        'aka = ["Mogens Frey Jensen", "Mogens Jensen"]',
    ):
        assert said in written
    assert_lossless(state, stored, written)
