"""With a `run_order`, knockout heats are numbered in the order ridden: a published `heat`
is checked against that number, titles carry it with the bracket position alongside, and
references such as `QF.W1` keep naming the place in `heats` (the bracket)."""

from __future__ import annotations

from pathlib import Path

from builders import competition_text, ride

from pursuit.core.engine import compute
from pursuit.core.results import Results
from pursuit.loading.competition_file import load_competition

# The bracket lists 1st v 8th first; the heats were ridden 4v5, 3v6, 2v7, 1v8.
FORMAT = """
name = "bracket-ridden-backwards"
title = "Quarterfinals ridden from the slowest pair"
event = "individual"
precision = "0.01"
tie_break = ["last_lap", "shared"]

[[rounds]]
id = "Q"
name = "Qualifying round"
kind = "timed"
advance = 8

[[rounds]]
id = "QF"
name = "Quarterfinals"
kind = "knockout"
heat_name = "Quarterfinal {n}"
catch = "ends_race"
heats = [["Q#1", "Q#8"], ["Q#2", "Q#7"], ["Q#3", "Q#6"], ["Q#4", "Q#5"]]
run_order = [4, 3, 2, 1]

[[rounds]]
id = "SF"
name = "Semifinals"
kind = "knockout"
heat_name = "Semifinal {n}"
catch = "ends_race"
heats = [["QF.W1", "QF.W4"], ["QF.W2", "QF.W3"]]

[[classification]]
members = "losers:QF"
order = "time:QF"
"""
RIDERS = [f"R{k}" for k in range(1, 9)]  # R1 fastest in qualifying


def _results(tmp_path: Path, qf_heats: dict[str, int]) -> tuple[Results, list[str]]:
    (tmp_path / "ridden.toml").write_text(FORMAT, "utf-8")
    q = [ride(n, f"4:{40 + k}.00") for k, n in enumerate(RIDERS)]
    qf = [ride(n, f"4:{30 + RIDERS.index(n)}.50", heat=h) for n, h in qf_heats.items()]
    text = competition_text("ridden.toml", {"Q": q, "QF": qf})
    path = tmp_path / "race.toml"
    path.write_text(text, "utf-8")
    loaded = load_competition(path)
    results = compute(loaded.competition)
    return results, [f.message for f in (*loaded.findings, *results.findings)]


RIDDEN = {"R4": 1, "R5": 1, "R3": 2, "R6": 2, "R2": 3, "R7": 3, "R1": 4, "R8": 4}


def test_heats_published_in_riding_order_draw_no_pairing_finding(tmp_path: Path) -> None:
    results, messages = _results(tmp_path, RIDDEN)
    assert not [m for m in messages if "pairs" in m], messages
    qf = results.round("QF")
    titles = {h.number: h.title for h in qf.heats}
    assert titles[1] == "Quarterfinal 1 (4th v 5th)"
    assert titles[4] == "Quarterfinal 4 (1st v 8th)"
    first = next(h for h in qf.heats if h.number == 1)
    assert set(first.expected) == {"R4", "R5"} and first.winner == "R4"


def test_a_heat_numbered_by_the_bracket_is_a_pairing_finding_naming_the_riding_number(
    tmp_path: Path,
) -> None:
    bracket = {**RIDDEN, "R4": 4, "R5": 4}  # 4th v 5th is 4th in the bracket, 1st ridden
    _, messages = _results(tmp_path, bracket)
    pairing = [m for m in messages if "the format pairs" in m]
    assert len(pairing) == 2, messages
    assert "heat 1 (in riding order)" in pairing[0]


def test_references_keep_naming_the_bracket(tmp_path: Path) -> None:
    results, _ = _results(tmp_path, RIDDEN)
    sf = results.round("SF").heats
    # SF heat 1 is QF.W1 v QF.W4: the winners of 1st v 8th and 4th v 5th (bracket heats).
    assert set(sf[0].expected) == {"R1", "R4"}
    assert set(sf[1].expected) == {"R2", "R3"}
