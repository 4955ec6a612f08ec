"""The classification page lists the decisions after the race and says which place one gave."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from pursuit.app.importing import commands_from_file
from pursuit.web.parts import Web

TEAM_1968 = Path(__file__).resolve().parents[2] / "examples" / "mexico-1968-men-team-pursuit.toml"


@pytest.fixture
def team_1968(web: Web) -> str:
    web.hub.handle("tp-1968", commands_from_file(TEAM_1968), "import", "import-tp-1968")
    return "tp-1968"


def test_the_classification_page_lists_each_decision_with_who_when_and_why(
    client: TestClient, team_1968: str
) -> None:
    html = client.get(f"/c/{team_1968}/classification").text
    assert '<h2 id="decisions-heading">Decisions</h2>' in html
    assert "disqualify F, West Germany" in html
    assert "award place 2 to West Germany" in html
    assert "FIAC meeting, November 1968" in html
    assert "(awarded by FIAC (Fédération Internationale Amateur de Cyclisme), 1968-11-30)" in html
    data = client.get(f"/c/{team_1968}/classification.json").json()
    assert [(p["rank"], p["name"]) for p in data["places"][:3]] == [
        ("1", "Denmark"),
        ("2", "West Germany"),
        ("3", "Italy"),
    ]
    assert data["places"][1]["awarded"].startswith("awarded by FIAC")
    assert [d["date"] for d in data["decisions"]] == ["1968-10-21"] * 5 + ["1968-11-30"]


def test_a_competition_without_decisions_shows_no_decisions_section(
    client: TestClient, web: Web, tmp_path: Path
) -> None:
    (tmp_path / "formats").mkdir()
    fmt = "olympic-1968-team-pursuit.toml"
    (tmp_path / "formats" / fmt).write_bytes((TEAM_1968.parent / "formats" / fmt).read_bytes())
    path = tmp_path / "race.toml"
    path.write_text(TEAM_1968.read_text("utf-8").split("[[decisions]]")[0], "utf-8")
    web.hub.handle("tp-plain", commands_from_file(path), "import", "import-tp-plain")
    html = client.get("/c/tp-plain/classification").text
    assert "Decisions" not in html
    assert client.get("/c/tp-plain/classification.json").json()["places"][0]["name"] == (
        "West Germany"
    )
