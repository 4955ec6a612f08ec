"""The ODF export: valid against the project's XSD, and saying what the read model says.

Every rank, time, invalid-result mark, qualification mark and record of the XML is checked
against the results view (and the computed outcomes), never against numbers typed here.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from odf_support import bodies, parse, rows_of, schema
from pursuit.app.file_results import Computed, compute_file
from pursuit.core.outcomes import Status
from pursuit.export import odf, render
from pursuit.views.feed_facts import feed_facts
from pursuit.views.results import RoundView, RowView

ROOT = Path(__file__).resolve().parents[2]
MEXICO = ROOT / "examples" / "mexico-1968-men-individual-pursuit.toml"
TEAMS = ROOT / "examples" / "example-club-team-pursuit.toml"
IRMS = {
    Status.OVERTAKEN: "OVL",
    Status.DNS: "DNS",
    Status.DNF: "DNF",
    Status.DSQ: "DSQ",
    Status.REL: "REL",
}


@pytest.fixture(scope="module")
def mexico() -> Computed:
    return compute_file(MEXICO)


@pytest.fixture(scope="module")
def teams() -> Computed:
    return compute_file(TEAMS)


def xml_of(computed: Computed) -> etree._Element:
    return parse(render(computed.view, "odf", computed.results))


def unit_rows(rnd: RoundView) -> list[tuple[RoundView, tuple[RowView, ...]]]:
    if rnd.kind == "timed":
        return [(rnd, rnd.ranking)]
    return [(rnd, heat.rides) for heat in rnd.heats]


@pytest.mark.parametrize("example", [MEXICO, TEAMS], ids=["1968", "team-pursuit"])
def test_the_export_validates_against_the_xsd(example: Path) -> None:
    computed = compute_file(example)
    document = xml_of(computed)
    validator = schema()
    assert validator.validate(document), validator.error_log
    kinds = [b.get("DocumentType") for b in document]
    assert kinds.count("DT_RANKING") == 1 and kinds.count("DT_RECORD") == 1
    assert kinds.count("DT_BRACKETS") == 1


def test_every_rank_time_irm_and_record_of_1968_matches_the_read_model(mexico: Computed) -> None:
    document = xml_of(mexico)
    results = bodies(document, "DT_RESULT")
    expected = [pair for rnd in mexico.view.rounds for pair in unit_rows(rnd)]
    assert len(results) == len(expected)
    status_of = {
        (rnd.id, ranked.ride.entrant): ranked.ride.outcome.status
        for rnd in mexico.results.rounds
        for ranked in rnd.ranking
    }
    records = 0
    for body, (rnd, rows) in zip(results, expected, strict=True):
        assert body.get("ResultStatus") == "OFFICIAL"
        got = rows_of(body)
        assert [g["name"] for g in got] == [r.name for r in rows]
        for g, row in zip(got, rows, strict=True):
            assert g["rank"] == (row.rank if row.rank.isdigit() else None)
            assert g["time"] == (row.time or None)
            status = status_of[rnd.id, row.name]
            kept = status is Status.OVERTAKEN and rnd.kind == "timed" and row.rank.isdigit()
            assert g["irm"] == (None if kept else IRMS.get(status))
            assert g["records"] == [k for k in ("WR", "OR") if k in row.record.split()]
            assert g["organisation"] == (row.nation or None)
            records += len(g["records"])
    assert records == 2  # Kurmann's and Frey's Olympic records, as the view has them
    assert sum(1 for rnd in mexico.view.rounds for r in rnd.ranking if r.record) == records
    written = bodies(document, "DT_RECORD")[0].findall("Competition/Record")
    assert [(r.get("Code"), r.find("RecordData").get("Result")) for r in written] == [
        (row.record, row.time) for rnd in mexico.view.rounds for row in rnd.ranking if row.record
    ]


def test_the_ranking_is_the_classification(mexico: Computed) -> None:
    ranking = bodies(xml_of(mexico), "DT_RANKING")[0]
    got = rows_of(ranking)
    places = [p for p in mexico.view.classification if p.name]
    assert [g["name"] for g in got] == [p.name for p in places]
    for g, place in zip(got, places, strict=True):
        if place.rank.isdigit():
            assert (g["rank"], g["irm"], g["equal"]) == (place.rank, None, place.shared)
        else:
            assert (g["rank"], g["irm"]) == (None, place.rank)
    assert ranking.get("ResultStatus") == "OFFICIAL"


def test_brackets_hold_every_knockout_heat_with_winner_and_loser(mexico: Computed) -> None:
    brackets = bodies(xml_of(mexico), "DT_BRACKETS")[0].findall("Competition/Brackets/Bracket")
    knockouts = [r for r in mexico.view.rounds if r.kind == "knockout"]
    assert [b.get("Name") for b in brackets] == [r.name for r in knockouts]
    codes = {b.get("Name"): b.get("Code") for b in brackets}
    assert codes["Final"] == "FNL" and codes["Bronze medal match"] == "BRN"
    for bracket, rnd in zip(brackets, knockouts, strict=True):
        items = bracket.findall("BracketItems/BracketItem")
        assert len(items) == len(rnd.heats)
        for item, heat in zip(items, rnd.heats, strict=True):
            places = item.findall("CompetitorPlace")
            winners = [p for p in places if p.get("WLT") == "W"]
            best = min(heat.rides, key=lambda r: int(r.rank))
            assert [p.find("Competitor/Composition/Athlete/Description").get("Name")
                    for p in winners] == [best.name]  # fmt: skip


def test_team_pursuit_carries_members_and_qg_qb_marks(teams: Computed) -> None:
    document = xml_of(teams)
    assert schema().validate(document)
    first_round = next(r for r in teams.view.rounds if r.id == "R1")
    marks = {row.name: row.mark for row in first_round.ranking if row.mark}
    assert set(marks.values()) == {"QG", "QB"}
    seen: dict[str, str] = {}
    for body in bodies(document, "DT_RESULT"):
        for result in body.findall("Competition/Result"):
            competitor = result.find("Competitor")
            assert competitor.get("Type") == "T"
            team = competitor.find("Description").get("TeamName")
            members = [
                a.find("Description").get("Name") for a in competitor.findall("Composition/Athlete")
            ]
            row = next(
                (r for rnd in teams.view.rounds for r in rnd.ranking if r.name == team), None
            )
            assert row is not None and members and len(members) >= 3
            if result.get("QualificationMark") in ("QG", "QB"):
                seen[team] = result.get("QualificationMark")
    assert seen == marks
    final = bodies(document, "DT_RESULT")[-1]
    winner = rows_of(final)[0]
    gold = next(r for r in teams.view.rounds if r.id == "F").ranking[0]
    assert winner["members"] == list(gold.lineup)


def test_statuses_follow_how_far_each_round_is(mexico: Computed) -> None:
    view = mexico.view
    final = view.rounds[-1]
    bare = replace(final, complete=False, ranking=(), heats=(replace(final.heats[0], rides=()),))
    semis = view.rounds[2]
    half = replace(
        semis,
        complete=False,
        ranking=semis.heats[0].rides,
        heats=(semis.heats[0], replace(semis.heats[1], rides=semis.heats[1].rides[:1])),
    )
    partial = replace(view, rounds=(*view.rounds[:2], half, view.rounds[3], bare), complete=False)
    facts = feed_facts(mexico.results)
    statuses = {
        b.get("DocumentCode"): b.get("ResultStatus")
        for b in bodies(parse(odf.render(partial, facts)), "DT_RESULT")
    }
    assert statuses["CTM010900"] == "OFFICIAL"  # qualifying
    assert statuses["CTM010701"] == "UNOFFICIAL"  # semifinal 1 ridden, round not complete
    assert statuses["CTM010702"] == "INTERMEDIATE"  # one of two rides in
    assert statuses["CTM010102"] == "START_LIST"  # the final, not ridden
    live = replace(facts, running=frozenset({(final.id, 1)}))
    now = {
        b.get("DocumentCode"): b.get("ResultStatus")
        for b in bodies(parse(odf.render(partial, live)), "DT_RESULT")
    }
    assert now["CTM010102"] == "LIVE"
    ranking = bodies(parse(odf.render(partial, facts)), "DT_RANKING")[0]
    assert ranking.get("ResultStatus") == "UNOFFICIAL"


def test_the_export_command_writes_the_odf_file(tmp_path: Path) -> None:
    from cli_support import run_pursuit

    out = tmp_path / "mexico.xml"
    done = run_pursuit("export", str(MEXICO), "--to", "odf", "--output", str(out))
    assert done.returncode == 0, done.stderr
    document = etree.parse(str(out)).getroot()
    assert schema().validate(document), schema().error_log
    assert document.get("CompetitionCode") == "1968-CTM010"
    splitless = rows_of(bodies(document, "DT_RESULT")[0])
    assert all(row["splits"] == [] for row in splitless)  # the 1968 file has no splits
