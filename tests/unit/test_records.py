"""Records recognised from the times: which apply, when, and how a record moves as it falls."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pursuit.core.engine import compute
from pursuit.core.records import discipline_of, gender_of, recognise
from pursuit.loading.competition_file import competition_from_text
from pursuit.views.results import build_view

# The standing records these files meet (src/pursuit/data/records.toml): men's IP 4 km,
# WR 3:59.153 (Milan, Ballerup 2024-10-18), OR 4:15.031 (Wiggins, Beijing 2008).


def _file(
    q: tuple[str, str, str, str, str],
    final: tuple[str, str] = ("4:20.000", "4:21.000"),
    *,
    records: str = '["WR", "OR"]',
    day: str = "2028-07-30",
    typed: str = "",
    finalists: tuple[str, str] = ("Anna", "Bea"),
) -> str:
    a, b, c, d, e = q
    return f"""
[competition]
title = "Games"
gender = "men"
distance_m = 4000
dates = ["{day}"]
format = "uci-individual-pursuit"
records = {records}

[entrants]
riders = [
  {{ name = "Anna", nation = "NOR" }}, {{ name = "Bea", nation = "NED" }},
  {{ name = "Cleo", nation = "GER" }}, {{ name = "Dina", nation = "SWE" }},
  {{ name = "Eva", nation = "POR" }},
]

[rounds.Q]
rides = [
  {{ rider = "Eva", heat = 1, time = "{e}" }},
  {{ rider = "Dina", heat = 1, time = "{d}" }},
  {{ rider = "Cleo", heat = 2, time = "{c}" }},
  {{ rider = "Bea", heat = 2, time = "{b}" }},
  {{ rider = "Anna", heat = 3, time = "{a}"{typed} }},
]

[rounds.F]
rides = [
  {{ rider = "{finalists[0]}", side = "red", time = "{final[0]}" }},
  {{ rider = "{finalists[1]}", side = "green", time = "{final[1]}" }},
]
"""


SLOW = ("4:20.000", "4:21.000", "4:22.000", "4:23.000", "4:24.000")


def _marks(text: str) -> dict[tuple[str, str], str]:
    """The marks of the rides the rules count, as the engine leaves them."""
    results = compute(competition_from_text(text, "games.toml").competition)
    return {
        (rnd.spec.id, ranked.ride.entrant): ranked.ride.record_mark.note
        for rnd in results.rounds
        for ranked in rnd.ranking
        if ranked.ride.record_mark is not None
    }


def _notes(text: str, round_id: str) -> dict[str, str]:
    view = build_view(compute(competition_from_text(text, "games.toml").competition))
    rnd = next(r for r in view.rounds if r.id == round_id)
    return {row.name: row.note for row in rnd.ranking}


def test_beating_the_world_record_is_a_wr_to_be_ratified() -> None:
    text = _file(("3:58.900", *SLOW[1:]))
    assert _marks(text) == {
        ("Q", "Anna"): "world record, to be ratified; "
        "previous WR 3:59.153, Jonathan Milan, Ballerup 2024"
    }
    assert _notes(text, "Q")["Anna"] == "WR to be ratified"


def test_beating_only_the_olympic_record_at_the_games_is_an_or() -> None:
    text = _file(("4:14.000", *SLOW[1:]))
    assert _notes(text, "Q")["Anna"] == "OR to be ratified"
    (note,) = _marks(text).values()
    assert note.endswith("previous OR 4:15.031, Bradley Wiggins, Beijing 2008")


def test_no_olympic_record_away_from_the_games() -> None:
    assert _marks(_file(("4:14.000", *SLOW[1:]), records='["WR"]')) == {}
    assert "Anna" in str(_marks(_file(("3:58.000", *SLOW[1:]), records='["WR"]')))


def test_equalling_is_not_beating_and_a_coarser_time_is_compared_at_its_precision() -> None:
    assert _marks(_file(("4:15.031", *SLOW[1:]))) == {}
    assert _marks(_file(("4:15.03", *SLOW[1:]))) == {}  # 4:15.031 at 0.01 is 4:15.03
    assert list(_marks(_file(("4:15.02", *SLOW[1:])))) == [("Q", "Anna")]


def test_nothing_is_compared_with_a_record_set_after_the_competition() -> None:
    text = _file(("3:50.000", *SLOW[1:]), day="2008-08-15")  # Beijing: neither had been set
    assert _marks(text) == {}
    comp = competition_from_text(text, "games.toml").competition
    assert comp.meta.standing_records == ()


def test_the_record_moves_as_it_falls_within_the_competition() -> None:
    # heat 1: Dina 4:14 beats the OR; heat 2: Bea 4:13 beats Dina's; the final: Bea 4:12
    text = _file(
        ("4:16.000", "4:13.000", "4:22.000", "4:14.000", "4:24.000"),
        ("4:12.000", "4:30.000"),
        finalists=("Bea", "Dina"),
    )
    marks = _marks(text)
    assert sorted(marks) == [("F", "Bea"), ("Q", "Bea"), ("Q", "Dina")]
    assert marks[("Q", "Dina")] == (
        "Olympic record, to be ratified; previous OR 4:15.031, Bradley Wiggins, Beijing 2008; "
        "the OR when ridden, bettered by 4:13.000, Bea, Qualifying"
    )
    assert (
        "previous OR 4:14.000, Dina, Qualifying; the OR when ridden, bettered by 4:12.000, Bea"
        in (marks[("Q", "Bea")])
    )
    assert marks[("F", "Bea")].endswith("previous OR 4:13.000, Bea, Qualifying")
    assert _notes(text, "Q")["Dina"] == "OR to be ratified"  # it was the OR when ridden


def test_a_slower_ride_in_a_later_heat_is_no_record() -> None:
    # heat 1: Dina 4:14 (OR); heat 2: Bea 4:14.5 beats Wiggins but not Dina
    text = _file(("4:16.000", "4:14.500", "4:22.000", "4:14.000", "4:24.000"))
    assert sorted(_marks(text)) == [("Q", "Dina")]


def test_a_typed_record_wins() -> None:
    text = _file(("4:14.000", *SLOW[1:]), typed=', record = "WR"')
    assert _notes(text, "Q")["Anna"] == "WR"  # as typed, not "OR to be ratified"


def test_the_1968_file_keeps_its_typed_records_and_gets_none() -> None:
    from pathlib import Path

    from pursuit.loading.competition_file import load_competition

    path = Path(__file__).parents[2] / "examples" / "mexico-1968-men-individual-pursuit.toml"
    comp = load_competition(path).competition
    assert comp.meta.standing_records == ()
    assert recognise(comp) == {}


def test_discipline_and_gender_from_free_text() -> None:
    assert discipline_of("Team Pursuit") == "team pursuit"
    assert discipline_of("individual pursuit") == "individual pursuit"
    assert discipline_of("scratch") is None
    assert [gender_of(g) for g in ("Men", "women's", "mixed", None)] == ["men", "women", None, None]


def test_exports_and_sheets_say_to_be_ratified_and_what_was_beaten() -> None:
    from pursuit.export import json_export, markdown, wikitext
    from pursuit.sheets.sheet import record_legend, record_tag
    from pursuit.views.heat_sheet import build_heat_sheet

    text = _file(("3:58.900", *SLOW[1:]))
    results = compute(competition_from_text(text, "games.toml").competition)
    view = build_view(results)
    said = "world record, to be ratified; previous WR 3:59.153, Jonathan Milan, Ballerup 2024"
    assert f"## Records\n\n- Qualifying, Anna: {said}" in markdown.render(view)
    assert f"==Records==\n\n* Qualifying, Anna: {said}" in wikitext.render(view)
    (anna,) = [
        r for r in json_export.results_document(view)["rounds"][0]["ranking"] if r["name"] == "Anna"
    ]
    assert (anna["note"], anna["record_note"]) == ("WR to be ratified", said)
    sheet = build_heat_sheet(results, "Q", 3)
    (rider,) = sheet.riders
    assert (rider.record, rider.record_note) == ("WR", said)
    assert record_tag(rider.record, rider.record_note) == "WR*"
    assert record_legend({"WR"}, {"Anna": said}) == f"WR world record · * Anna: {said}"


def test_a_ride_the_rules_leave_out_is_no_record() -> None:
    # Anna, 3rd in qualifying, is written into the final for gold: the format does not put
    # her there (not-qualified), so her 3:50 there counts for nothing, records included
    q = ("4:22.000", "4:20.000", "4:23.000", "4:21.000", "4:24.000")  # Bea, Dina, Anna, …
    text = _file(q, ("3:50.000", "4:30.000"), finalists=("Anna", "Bea"))
    loaded = competition_from_text(text, "games.toml")
    assert "not-qualified" in {f.code for f in compute(loaded.competition).findings}
    assert _marks(text) == {}


def test_records_in_a_file_that_are_not_wr_or_or_make_it_unusable() -> None:
    import pytest

    from pursuit.errors import CompetitionFileError

    with pytest.raises(CompetitionFileError, match="records must list") as caught:
        competition_from_text(_file(SLOW, records='["NR"]'), "games.toml")
    assert caught.value.place is not None and caught.value.place.line == 8
    meta = competition_from_text(_file(SLOW, records='["OR", "WR"]'), "g.toml").competition.meta
    assert meta.records == ("WR", "OR")


@given(
    thousandths=st.integers(min_value=254_900, max_value=255_100),
    decimals=st.sampled_from([1, 2, 3]),
)
@settings(max_examples=60, deadline=None)
def test_a_time_near_the_record_is_one_exactly_when_faster_at_the_coarser_precision(
    thousandths: int, decimals: int
) -> None:
    # the ride's time typed with `decimals` decimals (cut, not rounded); the OR is 4:15.031
    typed = f"{thousandths // 1000 - 240}.{thousandths % 1000:03d}"[: 3 + decimals]
    ride = int(typed.replace(".", "").ljust(5, "0")) + 240_000  # thousandths, as typed
    record = 255_031 // 10 ** (3 - decimals) * 10 ** (3 - decimals)  # the OR at that precision
    expected = [("Q", "Anna")] if ride < record else []
    assert list(_marks(_file((f"4:{typed}", *SLOW[1:])))) == expected
