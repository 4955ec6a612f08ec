"""A provisional classification reads top down as the competition stands: the riders still in
it first (furthest on first), then the places already decided, then AC, DNF, DNS, DSQ."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from pursuit.core.engine import compute
from pursuit.loading.competition_file import load_competition
from pursuit.views.classification import places_of
from pursuit.views.results import build_view

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "examples" / "mexico-1968-men-individual-pursuit.toml"
)


def places_after(*rounds: str) -> list[tuple[str, str]]:
    comp = load_competition(EXAMPLE).competition
    ridden = {r: rides for r, rides in comp.rides.items() if r in rounds}
    view = build_view(compute(replace(comp, rides=ridden)))
    return [(p.rank, p.name) for p in places_of(view)]


def test_after_the_quarterfinals_the_four_winners_lead_by_qualifying_rank() -> None:
    places = places_after("Q", "QF")
    assert places[:4] == [
        ("", "Xaver Kurmann"),
        ("", "John Bylsma"),
        ("", "Daniel Rébillard"),
        ("", "Mogens Frey"),
    ]
    assert [rank for rank, _ in places[4:8]] == ["5"] * 4  # the losers share 5th
    assert places[8][0] == "9"
    assert [rank for rank, _ in places[-6:]] == ["AC"] * 6


def test_after_the_semifinals_the_finalists_come_before_the_bronze_pair() -> None:
    places = places_after("Q", "QF", "SF")
    assert {name for _, name in places[:2]} == {"Daniel Rébillard", "Mogens Frey"}
    assert {name for _, name in places[2:4]} == {"Xaver Kurmann", "John Bylsma"}
    assert all(rank == "" for rank, _ in places[:4]) and places[4][0] == "5"


def test_a_complete_competition_keeps_the_official_order() -> None:
    places = places_after("Q", "QF", "SF", "B", "F")
    assert [name for _, name in places[:4]] == [
        "Daniel Rébillard",
        "Mogens Frey",
        "Xaver Kurmann",
        "John Bylsma",
    ]


def test_a_place_awarded_above_the_riders_still_in_stays_above_them() -> None:
    """Riders still in take the places still open: after an awarded 1st, not before it."""
    from pursuit.core.decisions import Decision

    comp = load_competition(EXAMPLE).competition
    ridden = {r: rides for r, rides in comp.rides.items() if r in ("Q", "QF")}
    award = Decision("award", "Jury", "test", entrant="Paul Crapez", place=1)
    view = build_view(compute(replace(comp, rides=ridden, decisions=(award,))))
    places = [(p.rank, p.name) for p in places_of(view)]
    assert places[0] == ("1", "Paul Crapez")
    # places 2, 3 and 4 are open: three of the four still in fill them before the shared 5th
    assert [rank for rank, _ in places[1:4]] == [""] * 3 and places[4][0] == "5"
