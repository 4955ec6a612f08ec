"""Splits given at distances survive every way a competition travels: imported into a log
(and that log written and read back), exported to a competition file and read again; and
the heat shows them with the half laps between left blank, never invented."""

from __future__ import annotations

from pursuit.app.importing import commands_from_competition
from pursuit.app.replay import replay_script
from pursuit.app.toml_writer import competition_text as written
from pursuit.core import commands as c
from pursuit.core import events as ev
from pursuit.core.decide import decide
from pursuit.core.event_wire import from_wire, to_wire
from pursuit.core.evolve import evolve
from pursuit.core.live_state import CompetitionState
from pursuit.core.splits import Splits
from pursuit.core.times import parse_time
from pursuit.loading.competition_file import competition_from_text
from pursuit.loading.format_files import format_definition
from pursuit.views.heat import heat_of
from unit.builders import competition_text, ride

UCI = "uci-individual-pursuit"
KM = [{"at": "1000 m", "time": "1:13.60"}, {"at": "2000 m", "time": "2:24.10"},
      {"at": "3000 m", "time": "3:34.80"}]  # fmt: skip
KM_B = [{"at": "1000 m", "time": "1:14.00"}, {"at": "2000 m", "time": "2:23.90"},
        {"at": "2100 m", "time": "2:30.00"}]  # fmt: skip  # 2100 m: no crossing, a mark


def _text() -> str:
    return competition_text(
        "uci-individual-pursuit",
        {
            "Q": [
                ride("Ann", "4:45.20", splits=KM, heat=1, side="red"),
                ride("Bea", "4:46.00", splits=KM_B, heat=1, side="green"),
            ]
        },
        track_length_m=285.714,
    )


def _splits(rides: object) -> dict[str, Splits]:
    return {r.entrant: r.splits for r in rides}  # type: ignore[attr-defined]


def test_an_imported_log_keeps_each_split_at_its_distance_through_the_wire() -> None:
    comp = competition_from_text(_text(), "race.toml").competition
    state, back = CompetitionState(), CompetitionState()
    commands = commands_from_competition(comp, comp.format.name, format_definition(
        "uci-individual-pursuit", None))  # fmt: skip
    for command in commands:
        for event in decide(state, command):
            evolve(state, event)
            evolve(back, from_wire(*to_wire(event)))
            if isinstance(event, ev.RideRecorded) and event.entrant == "Ann":
                assert event.split_at == ("1000 m", "2000 m", "3000 m")
    original = _splits(comp.rides_of("Q"))
    for folded in (state, back):
        rides = [r.to_ride() for r in folded.rides["Q"].values()]
        assert _splits(rides) == original
    assert original["Bea"].marks[0].distance_m == 2100


def test_a_competition_file_written_back_keeps_the_distances() -> None:
    comp = competition_from_text(_text(), "race.toml").competition
    again = competition_from_text(written(comp, "uci-individual-pursuit"), "again.toml")
    assert not again.findings
    assert _splits(again.competition.rides_of("Q")) == _splits(comp.rides_of("Q"))


def test_the_heat_shows_known_points_only_with_the_gap_where_both_have_one() -> None:
    comp = competition_from_text(_text(), "race.toml").competition
    entrants = {e.name: e for e in comp.entrants}
    heat = heat_of(comp.meta, entrants, "Q", 1, comp.rides_of("Q"))
    rows = [(r.number, r.distance_m, r.mark) for r in heat.rows]
    assert rows == [(7, 1000, False), (14, 2000, False), (14, 2100, True), (21, 3000, False),
                    (28, 4000, False)]  # fmt: skip
    by_distance = {r.distance_m: r for r in heat.rows}
    assert by_distance[1000].behind == parse_time("1:13.60").ticks - parse_time("1:14.00").ticks
    assert by_distance[3000].behind is None  # Bea has no split at 3 km
    assert by_distance[2100].crossings == (None, parse_time("2:30.00"))
    ann = heat.riders[0]
    assert ann.crossings[6] == parse_time("1:13.60") and ann.crossings[5] is None
    assert ann.laps == ()  # no lap has both ends known: none is made up
    assert heat.catch is None


def test_a_replay_makes_up_half_laps_for_kilometre_splits_and_says_so() -> None:
    comp = competition_from_text(_text(), "race.toml").competition
    steps = replay_script(comp, UCI, format_definition(UCI, None))
    recorded = [s.command for s in steps if isinstance(s.command, c.RecordSplit)]
    ann = [x for x in recorded if x.entrant == "Ann"]
    assert len(ann) == comp.meta.half_laps - 1  # every half lap: not 1, 2, 3 km as the first
    assert all(x.synthetic for x in ann)
