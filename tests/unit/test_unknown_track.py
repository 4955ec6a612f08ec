"""A track whose length the sources do not give: nothing is computed for a track nobody gave.

No half laps can be counted, so splits are not read (a finding says why), the last lap breaks
no tie, the unknown length survives the event log, and live timing by half lap is refused.
"""

from __future__ import annotations

import pytest
from builders import competition_text, ride, run
from deciding import given, refuses

from pursuit.app.creation import create_command
from pursuit.core import commands as c
from pursuit.core import events as ev
from pursuit.core.competition import Metadata, TrackLengthUnknown, metadata_problem
from pursuit.core.event_wire import from_wire, to_wire
from pursuit.core.race import last_lap
from pursuit.core.times import parse_time
from pursuit.loading.format_files import format_definition

UCI = "uci-individual-pursuit"
QUALIFYING = [("A", "4:20.000"), ("B", "4:21.000"), ("C", "4:22.000"), ("D", "4:23.000")]
# Equal times that the last lap separates on a known track: A's last lap is the faster.
A_FINAL = ride("A", "4:19.000", splits=["1:05.000", "2:10.500"])
B_FINAL = ride("B", "4:19.000", splits=["1:04.000", "2:09.000"])


def final_text(track: str) -> str:
    text = competition_text(
        UCI, {"Q": QUALIFYING, "F": [A_FINAL, B_FINAL]}, distance_m=1000, track_length_m=500
    )
    return text.replace("track_length_m = 500", f"track_length_m = {track}")


def test_an_unknown_track_has_no_half_laps_and_what_needs_them_says_so():
    meta = Metadata("Test", track_length_m=None)
    assert meta.half_laps is None
    with pytest.raises(TrackLengthUnknown, match="track length is not known") as refused:
        _ = meta.counted_half_laps
    assert refused.value.field == "track_length_m"
    assert metadata_problem(4000, None, ()) is None
    assert Metadata("Test", track_length_m=250.0).counted_half_laps == 32


def test_without_the_half_laps_there_is_no_last_lap():
    time = parse_time("1:10.000")
    splits = [parse_time("35.000")]
    assert last_lap(time, splits, 2) == time  # a one-lap race on a known track
    assert last_lap(time, splits, None) is None


def test_the_file_says_unknown_and_the_splits_are_dropped_with_a_finding_at_their_line():
    known = run(final_text("500"))
    assert known.heat("F") == ("A", "B", "last_lap")
    unknown = run(final_text('"unknown"'))
    assert unknown.loaded.competition.meta.track_length_m is None
    found = [f for f in unknown.findings if f.code == "track-unknown"]
    assert [f.place.line for f in found if f.place] == [
        i for i, line in enumerate(unknown.text.splitlines(), 1) if "splits" in line
    ]
    assert all('track length is "unknown"' in f.message for f in found)


def test_on_an_unknown_track_a_tie_the_last_lap_would_break_stays_a_tie_with_a_finding():
    r = run(final_text('"unknown"'))
    assert r.heat("F") == (None, None, "")
    assert "tie" in r.codes()


def test_an_absent_track_length_is_still_the_250_m_default():
    text = final_text("500").replace("track_length_m = 500\n", "")
    assert run(text).loaded.competition.meta.track_length_m == 250.0


def test_a_bad_track_length_is_still_unusable():
    from pursuit.errors import CompetitionFileError

    with pytest.raises(CompetitionFileError, match="track_length_m"):
        run(final_text('"not known"'))


def test_the_unknown_length_survives_the_event_log():
    created = create_command(UCI, format_definition(UCI), "Test", track_length_m=None)
    event = ev.CompetitionCreated(created.format_name, created.format_definition, created.meta)
    back = from_wire(*to_wire(event))
    assert isinstance(back, ev.CompetitionCreated)
    assert back.meta.track_length_m is None
    assert back.meta == created.meta


def unknown_track_with_a_drawn_heat() -> tuple[c.Command, ...]:
    create = create_command(UCI, format_definition(UCI), "Test", track_length_m=None)
    entered = tuple(c.RegisterEntrant(n) for n in ("Anna", "Bert"))
    return (create, *entered, c.DrawRound("Q", (("Anna", "Bert"),)))


def test_a_heat_on_an_unknown_track_cannot_be_started_live():
    state = given(*unknown_track_with_a_drawn_heat())
    refused = refuses(state, c.StartHeat("Q", 1), "track length is not known")
    assert refused.field == "track_length_m"


def test_a_ride_imported_with_splits_on_an_unknown_track_is_refused_and_without_is_kept():
    state = given(*unknown_track_with_a_drawn_heat())
    split = (parse_time("20.000"),)
    refuses(state, c.ImportRide("Q", "Anna", time=parse_time("4:30.000"), splits=split), "track")
    state = given(
        *unknown_track_with_a_drawn_heat(), c.ImportRide("Q", "Anna", time=parse_time("4:30.000"))
    )
    assert state.position > 0
