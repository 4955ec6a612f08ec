"""The heat and results pages say how a heat was decided and how a ride is known."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from web_support import EXAMPLE

from pursuit.app.importing import commands_from_file
from pursuit.web.parts import Web


@pytest.fixture
def olympics(web: Web) -> str:
    web.hub.handle("mexico-1968", commands_from_file(EXAMPLE), "import", "import-1968")
    return "mexico-1968"


def test_a_heat_page_says_how_the_heat_was_decided_and_how_each_ride_is_known(
    client: TestClient, olympics: str
) -> None:
    html = client.get(f"/c/{olympics}/heat/QF/1").text
    assert "Decided on time." in html
    assert html.count("Known: name not printed with the time") == 2  # both QF 1 rides: seed
    page = client.get(f"/c/{olympics}/heat/QF/1.json").json()
    assert page["decided_by"] == "time"
    assert [r["basis_note"] for r in page["riders"]] == ["name not printed with the time"] * 2


def test_a_results_page_captions_each_heat_with_how_it_was_decided_in_words(
    client: TestClient, olympics: str
) -> None:
    html = client.get(f"/c/{olympics}/results/QF").text
    assert html.count("<caption>Decided on time</caption>") == 4  # one a quarterfinal
    assert "Quarterfinal 1, decided" not in html  # the heading names the heat, once
    assert "decided by time" not in html
    html = client.get(f"/c/{olympics}/results/SF").text
    assert '<small class="basis">inferred</small>' in html
