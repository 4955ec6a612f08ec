"""Reading a competition file: findings placed on the right line, pairings, unusable files."""

from __future__ import annotations

import pytest
from builders import competition_text, field_of, line_of, ride, run, run_rounds

from pursuit.core.competition import Slot
from pursuit.core.findings import Finding
from pursuit.core.outcomes import Status
from pursuit.errors import CompetitionFileError
from pursuit.loading.competition_file import competition_from_text

UCI = "uci-individual-pursuit"


def findings_of(text: str) -> list[Finding]:
    return competition_from_text(text, "race.toml").findings


def only(findings: list[Finding], code: str) -> Finding:
    hits = [f for f in findings if f.code == code]
    assert len(hits) == 1, findings
    return hits[0]


def test_a_clean_file_loads_without_findings_and_keeps_every_fact() -> None:
    text = competition_text(
        UCI, {"Q": [ride("A", "4:20.123", heat=1, side="red", record="WR"), ("B", "dns")]}
    )
    loaded = competition_from_text(text, "race.toml")
    assert loaded.findings == []
    a, b = loaded.competition.rides_of("Q")
    assert (a.entrant, str(a.outcome.time), a.heat, a.side and a.side.value, a.record) == (
        "A",
        "4:20.123",
        1,
        "red",
        "WR",
    )
    assert (b.outcome.status, b.outcome.time) == (Status.DNS, None)
    assert a.place is not None and a.place.line == line_of(text, '"A", heat')


def test_an_unknown_rider_is_a_finding_on_its_line_and_the_ride_is_left_out() -> None:
    text = competition_text(UCI, {"Q": [*field_of(4), ("Nobody", "4:30.00")]}, riders=None)
    text = text.replace('  { name = "Nobody" },\n', "")
    loaded = competition_from_text(text, "race.toml")
    finding = only(loaded.findings, "unknown-entrant")
    assert "Nobody" in finding.message
    assert finding.place is not None
    assert (finding.place.file, finding.place.line) == ("race.toml", line_of(text, '"Nobody"'))
    assert [r.entrant for r in loaded.competition.rides_of("Q")] == ["R01", "R02", "R03", "R04"]


def test_a_time_that_does_not_parse_is_a_finding_on_its_line_quoting_it() -> None:
    text = competition_text(UCI, {"Q": [("A", "4:20.000"), ("B", "4:61.00"), ("C", "4:22.0")]})
    finding = only(findings_of(text), "bad-time")
    assert "4:61.00" in finding.message and "B" in finding.message
    assert finding.place is not None and finding.place.line == line_of(text, "4:61.00")


def test_splits_out_of_order_are_a_finding_on_the_line_of_the_offending_split() -> None:
    text = competition_text(UCI, {"Q": [("A", "4:20.000"), ("B", "4:21.000")]})
    text = text.replace(
        '{ rider = "B", time = "4:21.000" }',
        '{ rider = "B", time = "4:21.000", splits = [\n'
        '    "0:20.000",\n'
        '    "0:35.000",\n'
        '    "0:34.000",\n'
        "  ] }",
    )
    finding = only(findings_of(text), "bad-splits")
    assert "split 3" in finding.message
    assert finding.place is not None and finding.place.line == line_of(text, "0:34.000")


def test_a_last_split_that_is_not_the_finish_time_is_a_finding() -> None:
    splits = ["1:00.00", "2:00.00", "3:00.00", "4:00.00"]
    text = competition_text(
        UCI, {"Q": [ride("A", "4:01.00", splits=splits)]}, distance_m=1000, track_length_m=500
    )
    assert "bad-splits" in [f.code for f in findings_of(text)]


def test_more_splits_than_half_laps_are_a_finding() -> None:
    splits = ["1:00.00", "2:00.00", "3:00.00", "4:00.00", "4:30.00"]
    text = competition_text(
        UCI, {"Q": [ride("A", "5:00.00", splits=splits)]}, distance_m=1000, track_length_m=500
    )
    assert "bad-splits" in [f.code for f in findings_of(text)]


def test_an_unknown_field_in_a_ride_is_a_finding_on_its_line() -> None:
    text = competition_text(UCI, {"Q": [("A", "4:20.000"), ride("B", "4:21.000", speed=52)]})
    finding = only(findings_of(text), "unknown-field")
    assert "'speed'" in finding.message
    assert finding.place is not None and finding.place.line == line_of(text, "speed")


def test_an_unknown_field_in_an_entrant_is_a_finding_on_its_line() -> None:
    text = competition_text(UCI, {"Q": [("A", "4:20.000")]})
    text = text.replace('{ name = "A" }', '{ name = "A", height = 180 }')
    finding = only(findings_of(text), "unknown-field")
    assert "'height'" in finding.message
    assert finding.place is not None and finding.place.line == line_of(text, "height")


def test_a_misspelt_key_in_a_round_table_is_an_unknown_field_finding_on_its_line() -> None:
    # `ride =` for `rides =` would otherwise drop the whole round without a word.
    text = competition_text(UCI, {"Q": field_of(4)}).replace("rides = [", "ride = [")
    finding = only(findings_of(text), "unknown-field")
    assert "'ride'" in finding.message
    assert finding.place is not None and finding.place.line == line_of(text, "ride = [")


def test_a_misspelt_key_in_the_competition_table_is_an_unknown_field_finding() -> None:
    # `precison` for `precision` would otherwise silently rank at the format's precision.
    text = competition_text(UCI, {"Q": field_of(4)}, precision="0.01")
    text = text.replace("precision =", "precison =")
    finding = only(findings_of(text), "unknown-field")
    assert "'precison'" in finding.message
    assert finding.place is not None and finding.place.line == line_of(text, "precison")


def test_an_unknown_round_is_a_finding_on_its_table_header() -> None:
    text = competition_text(UCI, {"Q": field_of(4), "SF": [("R01", "4:30.00")]})
    finding = only(findings_of(text), "unknown-round")
    assert "'SF'" in finding.message and "Q, B, F" in finding.message
    assert finding.place is not None and finding.place.line == line_of(text, "[rounds.SF]")


def test_an_unknown_status_is_a_finding_listing_the_known_ones() -> None:
    text = competition_text(UCI, {"Q": [("A", "4:20.000"), ride("B", status="crashed")]})
    finding = only(findings_of(text), "bad-status")
    assert "'crashed'" in finding.message and "dnf" in finding.message
    assert finding.place is not None and finding.place.line == line_of(text, "crashed")


def test_an_entrant_entered_twice_is_a_finding_naming_the_first_line() -> None:
    text = competition_text(UCI, {"Q": [("A", "4:20.000")]}, riders=["A", "B", "A"])
    finding = only(findings_of(text), "duplicate-entrant")
    first = text.splitlines().index('  { name = "A" },') + 1
    assert f"line {first}" in finding.message
    assert finding.place is not None and finding.place.line == first + 2


def test_line_numbers_are_found_in_array_of_tables_form_too() -> None:
    text = competition_text(UCI, {"Q": []}, riders=["A", "B"]).replace("rides = [\n]\n", "")
    text += (
        '\n[[rounds.Q.rides]]\nrider = "A"\ntime = "4:20.000"\n'
        '\n[[rounds.Q.rides]]\nrider = "B"\ntime = "4:2x.000"\n'
    )
    finding = only(findings_of(text), "bad-time")
    assert finding.place is not None and finding.place.line == line_of(text, "4:2x.000")


def test_a_toml_syntax_error_makes_the_file_unusable_and_mentions_the_line() -> None:
    text = competition_text(UCI, {"Q": [("A", "4:20.000")]}).replace("[rounds.Q]", "[rounds.Q")
    broken_line = line_of(text, "[rounds.Q")
    with pytest.raises(CompetitionFileError) as error:
        competition_from_text(text, "race.toml")
    assert "race.toml" in str(error.value)
    assert f"line {broken_line}" in str(error.value)


def test_a_toml_syntax_error_carries_its_file_and_line_as_a_place() -> None:
    text = competition_text(UCI, {"Q": [("A", "4:20.000")]}).replace("[rounds.Q]", "[rounds.Q")
    with pytest.raises(CompetitionFileError) as error:
        competition_from_text(text, "race.toml")
    place = error.value.place
    assert place is not None
    assert (place.file, place.line) == ("race.toml", line_of(text, "[rounds.Q"))


def test_a_file_without_a_competition_table_is_unusable() -> None:
    with pytest.raises(CompetitionFileError, match=r"\[competition\]"):
        competition_from_text('[entrants]\nriders = [{ name = "A" }]\n', "race.toml")


def test_an_unknown_format_is_unusable_and_placed_on_the_format_line() -> None:
    text = competition_text("olympic-1900", {"Q": [("A", "4:20.00")]})
    with pytest.raises(CompetitionFileError) as error:
        competition_from_text(text, "race.toml")
    assert "olympic-1900" in str(error.value)
    assert error.value.place is not None
    assert error.value.place.line == line_of(text, "format =")


def test_a_file_without_entrants_is_unusable() -> None:
    text = '[competition]\ntitle = "x"\nformat = "uci-individual-pursuit"\n'
    with pytest.raises(CompetitionFileError, match="entrants"):
        competition_from_text(text, "race.toml")


def test_the_competition_precision_overrides_the_formats() -> None:
    text = competition_text("olympic-1968", {"Q": [("A", "4:20.000")]}, precision="0.001")
    assert competition_from_text(text, "race.toml").competition.meta.precision == 3
    text = competition_text("olympic-1968", {"Q": [("A", "4:20.000")]})
    assert competition_from_text(text, "race.toml").competition.meta.precision == 2


def test_knockout_pairings_left_out_of_the_file_are_drawn_from_the_format() -> None:
    r = run_rounds(
        UCI,
        {
            "Q": field_of(6),
            "B": [("R04", "4:30.000"), ("R03", "4:31.000")],
            "F": [("R02", "4:30.000"), ("R01", "4:31.000")],
        },
    )
    assert r.heat("F") == ("R02", "R01", "time")
    assert r.heat("B") == ("R04", "R03", "time")
    assert r.findings == []


def test_a_pairing_that_contradicts_the_format_is_a_finding_on_the_ride() -> None:
    qf = [
        ride("R01", "4:40.00", heat=1),
        ride("R08", "4:41.00", heat=1),
        ride("R02", "4:40.00", heat=2),
        ride("R07", "4:41.00", heat=3),  # the format puts 2v7 in heat 2
    ]
    r = run_rounds("olympic-1968", {"Q": field_of(8), "QF": qf})
    finding = only(r.findings, "pairing")
    assert "R07" in finding.message and "heat 2" in finding.message
    assert finding.place is not None and finding.place.line == line_of(r.text, '"R07", heat')
    assert r.heat("QF", 2) == ("R02", "R07", "time")


def test_a_rider_entered_in_two_heats_of_one_round_is_a_finding_on_the_second() -> None:
    qf = [
        ride("R01", "4:40.00", heat=1),
        ride("R08", "4:41.00", heat=1),
        ride("R01", "4:39.00", heat=2),
    ]
    r = run_rounds("olympic-1968", {"Q": field_of(8), "QF": qf})
    finding = only(r.findings, "two-rides")
    assert "R01" in finding.message
    first = line_of(r.text, '"R01", heat = 1')
    assert f"line {first}" in finding.message
    assert finding.place is not None and finding.place.line == line_of(r.text, '"R01", heat = 2')


def test_a_heat_with_three_riders_in_qualifying_is_a_finding() -> None:
    q = [ride(name, time, heat=1) for name, time in field_of(3)]
    r = run_rounds(UCI, {"Q": q})
    assert "heat-size" in r.codes()


def test_a_published_classification_that_disagrees_with_the_rules_is_a_finding() -> None:
    text = competition_text(
        UCI,
        {"Q": field_of(6)},
        published=[("6", "R05"), ("5", "R06"), ("7", "Nobody")],
    )
    r = run(text)
    assert [f.code for f in r.load_findings] == ["unknown-entrant"]
    disagreements = [f for f in r.results.findings if f.code == "published-rank"]
    assert sorted(f.place.line for f in disagreements if f.place) == [
        line_of(text, 'rank = "6", rider = "R05"'),
        line_of(text, 'rank = "5", rider = "R06"'),
    ]


def test_a_published_qualifying_rank_that_disagrees_with_the_times_is_a_finding() -> None:
    q = [ride("A", "4:20.000", rank="2"), ride("B", "4:21.000", rank="1")]
    r = run_rounds(UCI, {"Q": q})
    assert [f.code for f in r.findings] == ["published-rank", "published-rank"]


def test_a_round_day_and_start_time_make_its_schedule() -> None:
    text = competition_text(UCI, {"Q": [ride("A", "4:20.123"), ride("B", "4:21.000")]})
    text = text.replace("[rounds.Q]\n", '[rounds.Q]\ndate = "2026-10-20"\ntime = "9:30"\n')
    loaded = competition_from_text(text, "race.toml")
    assert loaded.findings == []
    assert loaded.competition.schedule["Q"] == Slot("2026-10-20", "9:30")


@pytest.mark.parametrize(
    ("lines", "key", "message"),
    [
        ('date = "20.10.2026"', "date", "not a date like 2026-10-20"),
        ("date = 2026-10-20", "date", "must be a quoted string"),
        ('date = "2026-10-20"\ntime = "9.30"', "time", "not a start time like 14:30"),
        ('time = "09:30"', "time", "a time needs a date"),
    ],
)
def test_an_unreadable_day_or_start_time_is_a_finding_on_its_line(
    lines: str, key: str, message: str
) -> None:
    text = competition_text(UCI, {"Q": [ride("A", "4:20.123"), ride("B", "4:21.000")]})
    text = text.replace("[rounds.Q]\n", f"[rounds.Q]\n{lines}\n")
    loaded = competition_from_text(text, "race.toml")
    finding = only(loaded.findings, "bad-date")
    assert message in finding.message
    line = next(k for k, t in enumerate(text.splitlines(), 1) if t.startswith(f"{key} = "))
    assert finding.place is not None and finding.place.line == line
    assert "Q" not in loaded.competition.schedule


@pytest.mark.parametrize("heat", ["true", "0", '"2"', "1.5"])
def test_a_heat_that_is_not_a_whole_number_from_1_is_a_finding(heat: str) -> None:
    text = competition_text(UCI, {"Q": [ride("A", "4:20.123", heat=1), ride("B", "4:21.000")]})
    text = text.replace("heat = 1", f"heat = {heat}")
    finding = only(findings_of(text), "bad-heat")
    assert finding.place is not None and finding.place.line == line_of(text, f"heat = {heat}")


@pytest.mark.parametrize(
    ("replace", "field"),
    [
        ("distance_m = 4000", "distance_m"),
        ('title = "Test pursuit"', "dates"),
    ],
)
def test_an_impossible_distance_or_day_makes_the_file_unusable_naming_the_field(
    replace: str, field: str
) -> None:
    text = competition_text(UCI, {"Q": [ride("A", "4:20.123")]})
    wrong = {"distance_m": "distance_m = 9223372036854775807", "dates": 'dates = ["1968-02-30"]'}
    text = text.replace(
        replace, wrong[field] if field == "distance_m" else replace + "\n" + wrong[field]
    )
    with pytest.raises(CompetitionFileError) as error:
        competition_from_text(text, "race.toml")
    assert str(error.value).startswith("race.toml:")
    assert field in str(error.value)


@pytest.mark.parametrize(
    ("old", "new", "code", "says"),
    [
        ('{ name = "A" }', '{ name = "A", nation = 5 }', "bad-field", "A: nation must be text"),
        ('{ name = "A" }', '{ name = "A", bib = 1968-10-17 }', "bad-field", "1968-10-17"),
        ('{ name = "A" }', '{ name = "A", family_name = ["A"] }', "bad-field", "family_name"),
        ('{ name = "A" }', '{ name = "A", aka = [1] }', "bad-field", "aka"),
        ('time = "4:20.123"', 'time = "4:20.123", lineup = 5', "bad-field", "A: lineup"),
        ('time = "4:20.123"', 'time = "4:20.123", record = 1', "bad-field", "record"),
        ('time = "4:20.123"', 'time = "4:20.123", rank = true', "bad-field", "rank"),
        (
            "[rounds.Q]",
            '[published]\nclassification = [{ rank = 1, rider = ["x"] }]\n\n[rounds.Q]',
            "bad-published",
            "rider",
        ),
        (
            "[rounds.Q]",
            '[published]\nclassification = [{ rank = [1], rider = "A" }]\n\n[rounds.Q]',
            "bad-published",
            "rank",
        ),
        ("[rounds.Q]", "[published]\nsource = 5\n\n[rounds.Q]", "bad-field", "source"),
    ],
)
def test_a_field_of_the_wrong_type_is_a_finding_on_its_line_and_the_value_left_out(
    old: str, new: str, code: str, says: str
) -> None:
    text = competition_text(UCI, {"Q": [ride("A", "4:20.123")]})
    assert old in text
    text = text.replace(old, new)
    found = only(findings_of(text), code)
    assert says in found.message
    needle = next(line for line in new.splitlines() if "=" in line and line[0] != "[")
    assert found.place is not None and found.place.line == line_of(text, needle)
    competition = competition_from_text(text, "race.toml").competition
    assert all(e.nation is None or isinstance(e.nation, str) for e in competition.entrants)


def test_published_classification_that_is_not_a_list_makes_the_file_unusable() -> None:
    text = competition_text(UCI, {"Q": [ride("A", "4:20.123")]})
    text = text.replace("[rounds.Q]", "[published]\nclassification = 5\n\n[rounds.Q]")
    with pytest.raises(CompetitionFileError, match=r"published\.classification must be a list"):
        competition_from_text(text, "race.toml")
