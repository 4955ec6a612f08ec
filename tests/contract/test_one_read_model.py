"""One read model per thing shown: the web page (and its JSON), the PDF sheet and the static site
of a start list, a round's results and the classification render the same `pursuit.views`
objects, so they show the same riders, the same times and the same research notes."""

from __future__ import annotations

import ast
import json
import warnings
from pathlib import Path
from typing import Any

import pytest

from pursuit.app.importing import commands_from_file
from pursuit.app.replay import replay_script
from pursuit.loading.competition_file import load_competition
from pursuit.loading.format_files import format_definition
from pursuit.sheets.classification_page import classification_page
from pursuit.sheets.heat_page import heat_page
from pursuit.sheets.round_page import round_page
from pursuit.sheets.source import SheetSource, from_competition_file, from_store
from pursuit.sheets.start_list import start_list as start_list_sheet
from pursuit.views.classification import places_of
from pursuit.views.document import document
from pursuit.views.heat_sheet import build_heat_sheet
from pursuit.views.results import RoundView
from pursuit.views.round import heat_results, ranking_rows
from pursuit.views.start_list import build_start_list
from pursuit.web.app import create_app
from pursuit.web.settings import PasswordCost, WebSettings

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mexico-1968-men-individual-pursuit.toml"
SRC = ROOT / "src" / "pursuit"


@pytest.fixture(scope="module")
def source() -> SheetSource:
    return from_competition_file(EXAMPLE)


def _app() -> Any:
    settings = WebSettings(
        store_url="memory://",
        secret_key="test-secret-key-0123456789abcdef",
        password_cost=PasswordCost(time_cost=1, memory_kib=8, parallelism=1),
    )
    return create_app(settings)


def _json_getter(client: TestClient) -> Any:
    def get(path: str) -> Any:
        response = client.get(path, headers={"Accept": "application/json"})
        assert response.status_code == 200, path
        return json.loads(response.text)

    return get


@pytest.fixture(scope="module")
def web_json() -> Any:
    app = _app()
    app.state.web.hub.handle("mx", commands_from_file(EXAMPLE), "import", "import-1968")
    with TestClient(app) as client:
        yield _json_getter(client)


@pytest.fixture(scope="module")
def replayed() -> Any:
    """The 1968 example ridden again heat by heat (with synthetic half-lap splits): its web
    pages as JSON, and its sheets."""
    app = _app()
    hub = app.state.web.hub
    steps = replay_script(
        load_competition(EXAMPLE).competition, "olympic-1968", format_definition("olympic-1968")
    )
    hub.handle("rx", [s.command for s in steps], "replay", "replay-1968")
    with TestClient(app) as client:
        yield _json_getter(client), from_store(hub.service, "rx")


def _round(source: SheetSource, round_id: str) -> RoundView:
    return next(r for r in source.computed.view.rounds if r.id == round_id)


def _sheet_rows(data: dict[str, Any]) -> list[dict[str, str]]:
    """The sheet's table rows as column key -> cell."""
    keys = [c["key"] for c in data["columns"]]
    return [dict(zip(keys, row, strict=True)) for g in data["groups"] for row in g["rows"]]


def test_the_results_page_and_the_results_sheet_show_the_same_rows_times_and_notes(
    source: SheetSource, web_json: Any
) -> None:
    rows = ranking_rows(_round(source, "Q"))
    page = web_json("/c/mx/results/Q")
    assert page["rows"] == document(rows)  # the web's JSON is the view's rows
    sheet = _sheet_rows(round_page(source, "Q", charts=False).data)
    assert [s["name"] for s in sheet] == [r.name for r in rows]
    assert [s["time"] for s in sheet] == [r.time for r in rows]
    noted = [r for r in rows if r.basis_note]
    assert noted, "the 1968 qualifying round has rides known only from their rank"
    for row, cells in zip(rows, sheet, strict=True):
        if row.basis_note:  # the sheet's Note column shows the view's note
            assert row.basis_note in cells["note"]
        assert row.value is None or row.value.at(2) == row.value  # the value is the time shown
    assert [p["basis_note"] for p in page["rows"]] == [r.basis_note for r in rows]


def test_a_knockout_round_shows_the_same_heats_on_the_page_and_the_sheet(
    source: SheetSource, web_json: Any
) -> None:
    heats = heat_results(_round(source, "QF"))
    page = web_json("/c/mx/results/QF")
    assert page["heats"] == document(heats)
    sheet = round_page(source, "QF", charts=False).data
    assert [g["title"] for g in sheet["groups"]] == [h.title for h in heats]


def test_the_start_list_page_and_the_start_list_sheet_list_the_same_heats(
    source: SheetSource, web_json: Any
) -> None:
    rnd = _round(source, "QF")
    entrants = {e.name: e for e in source.computed.results.competition.entrants}
    model = build_start_list("mx", source.computed.view, rnd, source.lines("QF"), entrants)
    page = web_json("/c/mx/start/QF")
    assert page["heats"] == document(model.heats)
    sheet = start_list_sheet(source, "QF").data
    assert [[r["name"] for r in h["riders"]] for h in sheet["heats"]] == [
        [s.name for s in h.starters] for h in model.heats
    ]


def test_the_classification_page_and_sheet_show_the_same_places(
    source: SheetSource, web_json: Any
) -> None:
    places = places_of(source.computed.view)
    page = web_json("/c/mx/classification")
    assert page["places"] == document(places)
    sheet = _sheet_rows(classification_page(source, charts=False).data)
    assert [s["name"] for s in sheet] == [p.name or "(vacant)" for p in places]
    for place, cells in zip(places, sheet, strict=True):
        if place.ride is not None and place.ride.time:
            assert cells["time"] == place.ride.time


def test_the_heat_page_and_the_heat_sheet_show_the_same_splits_gaps_and_leader(
    replayed: Any,
) -> None:
    get, source = replayed
    page = get("/c/rx/heat/F/1")
    sheet = heat_page(source, "F", 1, charts=False).data
    riders = page["riders"]
    assert [r["name"] for r in riders] == [r["name"] for r in sheet["riders"]]
    assert [r["time"] for r in riders] == [r["time"] for r in sheet["riders"]]
    short = [r["short"] for r in sheet["riders"]]
    rows = sheet["rows"]  # half lap, distance, elapsed A, lap A, elapsed B, lap B, gap, leader
    assert len(rows) == len(page["half_laps"]) == 24, "the final has splits at every half lap"
    for i, rider in enumerate(riders):  # the splits, then the finish
        assert rider["splits"] == [row[2 + 2 * i] for row in rows][: len(rider["splits"])]
    leaders = set()
    for row, half_lap in zip(rows, page["half_laps"], strict=True):
        assert [str(half_lap["number"]), f"{half_lap['distance_m']:,}"] == row[:2]
        assert half_lap["times"] == [row[2], row[4]]
        if row[6]:  # the sheet prints a gap: the page shows it, and the same rider ahead
            assert half_lap["gap"] == row[6]
            assert short[("red", "green").index(half_lap["leader"])] == row[7]
            leaders.add(row[7])
        else:
            assert half_lap["leader"] == "" and row[7] == ""
    assert page["latest"] == page["half_laps"][-1]
    assert leaders, "somebody leads the final at some half lap"


def test_the_heat_page_and_the_heat_sheet_place_a_catch_at_the_same_half_lap(
    replayed: Any,
) -> None:
    get, source = replayed
    sheet = build_heat_sheet(source.computed.results, "Q", 9)
    page = get("/c/rx/heat/Q/9")
    # Kratzer's finish comes before Rusu's 23rd crossing: the catch is proven at the finish,
    # which only the crossings (the splits ended by the finish) show
    assert sheet.caught_at == page["catch"]["half_lap"] == 24
    assert (page["catch"]["catcher"], page["catch"]["caught"]) == ("Rupert Kratzer", "Emil Rusu")
    assert "Rupert Kratzer caught Emil Rusu at half lap 24 (4000 m)" in sheet.outcome


PAGE_BUILDERS = {  # module -> the views module it must take its model from
    "web/routes/public.py": {"pursuit.views.start_list", "pursuit.views.round"},
    "web/routes/api_read.py": {"pursuit.views.classification", "pursuit.views.live_heat"},
    "web/routes/console_timing.py": {"pursuit.views.timing"},  # the panel and its JSON
    "sheets/start_list.py": {"pursuit.views.start_list"},
    "sheets/round_page.py": {"pursuit.views.round"},
    "sheets/classification_page.py": {"pursuit.views.classification"},
    "sheets/heat_page.py": {"pursuit.views.heat_sheet"},
    "views/heat_sheet.py": {"pursuit.views.heat"},  # the sheet and the page: one heat model
    "views/live_heat.py": {"pursuit.views.heat"},
    "export/json_export.py": {"pursuit.views.results"},
    "export/layout.py": {"pursuit.views.results"},
}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


@pytest.mark.parametrize("module", sorted(PAGE_BUILDERS))
def test_outputs_take_their_page_models_from_views(module: str) -> None:
    assert PAGE_BUILDERS[module] <= _imports(SRC / module)


def test_no_output_keeps_page_models_of_its_own() -> None:
    assert not (SRC / "web" / "pages").exists()
    for package in ("web", "sheets", "publish", "export"):
        for path in (SRC / package).rglob("*.py"):
            modules = _imports(path)
            assert "pursuit.web.pages" not in {m.rsplit(".", 1)[0] for m in modules}, path
            if package != "web":  # only the web reads the web
                assert not any(m.startswith("pursuit.web") for m in modules), path


def test_views_import_no_output() -> None:
    outputs = ("pursuit.web", "pursuit.sheets", "pursuit.publish", "pursuit.export", "pursuit.cli")
    for path in (SRC / "views").glob("*.py"):
        assert not any(m.startswith(outputs) for m in _imports(path)), path
