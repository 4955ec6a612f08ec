"""Public pages: rendered on the server, accessible, and each also as JSON."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_support import EXAMPLE, Console, heat_riders

from cli_support import run_pursuit
from pursuit.app.importing import commands_from_file
from pursuit.web.parts import Web


@pytest.fixture
def olympics(web: Web) -> str:
    web.hub.handle("mexico-1968", commands_from_file(EXAMPLE), "import", "import-1968")
    return "mexico-1968"


PAGES = [
    "/c/{c}",
    "/c/{c}/now",
    "/c/{c}/start/Q",
    "/c/{c}/start/QF",
    "/c/{c}/heat/QF/1",
    "/c/{c}/results/Q",
    "/c/{c}/results/F",
    "/c/{c}/bracket",
    "/c/{c}/classification",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_accessible_html_with_its_json_twin(
    client: TestClient, olympics: str, path: str
) -> None:
    url = path.format(c=olympics)
    page = client.get(url)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    html = page.text
    assert '<html lang="en">' in html
    assert '<main id="main">' in html
    assert "<h1>" in html
    if "<table" in html:
        assert html.count("<caption") >= html.count("<table")
        assert 'scope="col"' in html
    by_suffix = client.get(url + ".json")
    by_accept = client.get(url, headers={"Accept": "application/json"})
    assert by_suffix.headers["content-type"] == "application/json"
    assert by_suffix.json() == by_accept.json()
    assert by_suffix.json()["position"] == int(page.headers["X-Log-Position"])


def test_the_overview_explains_the_format_in_words_and_lists_entrants_with_nations(
    client: TestClient, olympics: str
) -> None:
    html = client.get(f"/c/{olympics}").text
    assert "1st v 8th" in html  # the format's description
    assert "1968-10-17" in html
    assert "Xaver Kurmann" in html and "SUI" in html
    data = client.get(f"/c/{olympics}.json").json()
    assert data["status"] == "official"
    assert [r["status"] for r in data["rounds"]] == ["official"] * 5
    assert [r["date"] for r in data["rounds"]] == ["1968-10-17"] * 2 + ["1968-10-18"] * 3
    assert '<time datetime="1968-10-18">18 October 1968</time>' in html  # the schedule
    assert len(data["entrants"]) == 28


def test_the_classification_shows_shared_ranks_and_ac(client: TestClient, olympics: str) -> None:
    data = client.get(f"/c/{olympics}/classification.json").json()
    fifth = [p["name"] for p in data["places"] if p["rank"] == "5"]
    assert len(fifth) == 4 and all(p["shared"] for p in data["places"] if p["rank"] == "5")
    assert any(p["rank"] == "AC" for p in data["places"])
    html = client.get(f"/c/{olympics}/classification").text
    assert "Official" in html and 'title="shared rank"' in html
    assert "AC: overtaken and eliminated" in html
    # on a phone the last-round columns are hidden: how each went out is said under the name
    assert (
        '<span class="narrow-only note-inline">Qualifying round: 6:12.96 Overtaken</span>' in html
    )


def test_the_bracket_marks_who_went_through(client: TestClient, olympics: str) -> None:
    data = client.get(f"/c/{olympics}/bracket.json").json()
    final = next(col for col in data["columns"] if col["round"]["id"] == "F")
    winners = [s["name"] for s in final["matches"][0]["slots"] if s["winner"]]
    assert winners == ["Daniel Rébillard"]
    assert [c["round"]["id"] for c in data["columns"]] == ["QF", "SF", "B", "F"]


def test_a_live_round_is_provisional_until_complete(client: TestClient, web: Web) -> None:
    start = client.get("/c/cup/start/Q.json").json()
    assert start["round"]["status"] == "drawn"
    assert all({s["side"] for s in h["starters"]} == {"red", "green"} for h in start["heats"])
    assert start["sides_known"] is True
    overview = client.get("/c/cup.json").json()
    assert overview["status"] == "provisional"
    assert client.get("/c/cup/classification").text.count("Provisional") >= 1


def test_the_live_heat_shows_splits_gaps_projection_and_a_catch(
    client: TestClient, console: Console, web: Web
) -> None:
    red, green = heat_riders(web)
    console.login("tk")
    console.post("/console/c/cup/start", {"round": "Q", "heat": "1"})
    for red_time, green_time in (("12.0", "12.5"), ("20.0", "21.0"), ("28.0", "29.5")):
        console.post(
            "/console/c/cup/split", {"round": "Q", "heat": "1", "entrant": red, "time": red_time}
        )
        console.post(
            "/console/c/cup/split",
            {"round": "Q", "heat": "1", "entrant": green, "time": green_time},
        )
    data = client.get("/c/cup/heat/Q/1.json").json()
    assert [r["name"] for r in data["riders"]] == [red, green]
    assert [r["side"] for r in data["riders"]] == ["red", "green"]
    assert [h["gap"] for h in data["half_laps"]] == ["0.500", "1.000", "1.500"]
    assert {h["leader"] for h in data["half_laps"]} == {"red"}
    # the last lap (two half laps, 16 s) projected over the 29 half laps still to go
    assert data["riders"][0]["projected"] == "4:20.000"
    assert [r["to_go"] for r in data["riders"]] == ["14½", "14½"]  # 29 of 32 half laps left
    assert data["gap_summary"] == "Gap at each half lap; latest: the red side ahead by 1.50 s."
    gap, laps = (p["src"] for p in data["pictures"])
    assert gap.endswith(f"/gap.svg?at={data['position']}") and "/laps.svg" in laps
    html = client.get("/c/cup/heat/Q/1").text
    assert "ahead by <strong>1.500 s</strong>" in html
    assert re.search(
        r'<img class="wide" src="[^"]+/gap.svg\?at=\d+" alt="Chart: the gap between', html
    )


def test_the_live_heat_charts_are_drawn_while_the_heat_is_ridden(
    client: TestClient, console: Console, web: Web
) -> None:
    red, green = heat_riders(web)
    console.login("tk")
    console.post("/console/c/cup/start", {"round": "Q", "heat": "1"})
    for who, time in ((red, "12.0"), (green, "12.5"), (red, "20.0"), (green, "21.0")):
        console.post(
            "/console/c/cup/split", {"round": "Q", "heat": "1", "entrant": who, "time": time}
        )
    src = client.get("/c/cup/heat/Q/1.json").json()["pictures"][0]["src"]
    first = client.get(src)
    assert first.status_code == 200 and first.headers["content-type"] == "image/svg+xml"
    assert first.content.startswith(b"<?xml") and b"<svg" in first.content
    again = client.get(src, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and not again.content
    for who, time in ((red, "28.0"), (green, "29.5")):
        console.post(
            "/console/c/cup/split", {"round": "Q", "heat": "1", "entrant": who, "time": time}
        )
    moved = client.get("/c/cup/heat/Q/1.json").json()["pictures"][0]["src"]
    assert moved != src  # the page names the new picture, so a live page reloads it
    redrawn = client.get(moved, headers={"If-None-Match": first.headers["etag"]})
    assert redrawn.status_code == 200 and redrawn.content != first.content


def test_results_and_classification_show_the_charts_of_the_sheets(
    client: TestClient, olympics: str
) -> None:
    qualifying = client.get(f"/c/{olympics}/results/Q.json").json()["picture"]
    assert client.get(f"/c/{olympics}/results/QF.json").json()["picture"] is None
    bracket = client.get(f"/c/{olympics}/classification.json").json()["picture"]
    for picture in (qualifying, bracket):
        answer = client.get(picture["src"])
        assert answer.status_code == 200 and b"<svg" in answer.content
        assert picture["alt"].startswith("Chart: ")
    assert qualifying["src"] in client.get(f"/c/{olympics}/results/Q").text
    # the 1968 knockout heats have no splits: no heat charts on their pages
    assert client.get(f"/c/{olympics}/heat/QF/1.json").json()["pictures"] == []


@pytest.mark.parametrize(
    "path",
    [
        "/c/cup/charts/heat/Q/9/gap.svg",
        "/c/cup/charts/heat/Q/1/speed.svg",
        "/c/cup/charts/heat/X/1/gap.svg",
        "/c/cup/charts/results/F.svg",
        "/c/cup/charts/results/X.svg",
        "/c/nowhere/charts/bracket.svg",
    ],
)
def test_a_chart_that_does_not_exist_is_404(client: TestClient, path: str) -> None:
    assert client.get(path).status_code == 404
    answer = client.get(path, headers={"Accept": "application/json"})
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"


def test_unknown_pages_are_404_in_html_and_in_json(client: TestClient) -> None:
    html = client.get("/c/nowhere")
    assert html.status_code == 404 and "Not found" in html.text
    data = client.get("/c/nowhere.json")
    assert data.status_code == 404
    assert data.json() == {
        "error": {"code": "not_found", "message": "no competition 'nowhere'", "field": None}
    }
    assert client.get("/c/_users").status_code == 404  # the users' log is no competition


def test_the_competition_list_leaves_out_reserved_logs(client: TestClient) -> None:
    data = client.get("/competitions.json").json()
    assert [c["id"] for c in data["competitions"]] == ["cup"]
    assert "Test Cup" in client.get("/").text


def test_every_page_names_its_icon_and_the_icon_is_served(client: TestClient) -> None:
    for path in ("/", "/c/cup", "/console/login"):
        assert '<link rel="icon" href="/static/favicon.svg"' in client.get(path).text
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200 and icon.headers["content-type"].startswith("image/svg+xml")
    assert "<svg" in icon.text


def test_a_fragment_is_the_live_part_of_its_page(client: TestClient) -> None:
    page = client.get("/c/cup/start/Q").text
    fragment = client.get("/c/cup/start/Q/fragment").text
    assert "<html" not in fragment
    assert fragment.strip() in page


def test_now_follows_the_track_from_heat_to_heat(
    client: TestClient, console: Console, web: Web
) -> None:
    red, green = heat_riders(web)
    before = client.get("/c/cup/now.json").json()
    assert before["heat"] is None and before["next"]["title"] == "Qualifying, heat 1"
    assert "Nothing on the track yet" in client.get("/c/cup/now").text
    console.login("tk")
    console.post("/console/c/cup/start", {"round": "Q", "heat": "1"})
    console.post(
        "/console/c/cup/split", {"round": "Q", "heat": "1", "entrant": red, "time": "12.0"}
    )
    running = client.get("/c/cup/now").text
    assert "On the track: " in running and "Qualifying, heat 1" in running
    assert '<dt>Half lap 1</dt><dd class="big">12.000</dd>' in running  # to the precision
    for who, time in ((red, "4:30.000"), (green, "4:31.000")):
        console.post(
            "/console/c/cup/finish", {"round": "Q", "heat": "1", "entrant": who, "time": time}
        )
    after = client.get("/c/cup/now.json").json()
    assert (after["running"], after["heat"]["number"]) == (False, 1)
    assert after["next"]["title"] == "Qualifying, heat 2"
    assert "Last heat: " in client.get("/c/cup/now/fragment").text


def test_now_on_a_complete_competition_points_to_the_classification(
    client: TestClient, olympics: str
) -> None:
    page = client.get(f"/c/{olympics}/now").text
    assert "The competition is complete" in page and "Nothing on the track" not in page


def test_one_unreadable_log_takes_down_only_its_own_pages(client: TestClient, web: Web) -> None:
    from pursuit.app.creation import create_command
    from pursuit.core.event_wire import to_wire
    from pursuit.core.events import CompetitionCreated
    from pursuit.loading.format_files import format_definition
    from pursuit.store.events import NewEvent

    store = web.hub.service.store
    created = create_command("olympic-1968", format_definition("olympic-1968"), "Broken Cup")
    broken = ("EntrantRegistered", 1, {"nation": "FRA"})  # no name: written by another tool
    event = CompetitionCreated(created.format_name, created.format_definition, created.meta)
    store.append("broken", 0, [NewEvent(*to_wire(event), "a", "x", "t")])
    store.append("broken", 1, [NewEvent(*broken, "b", "x", "t")])
    listing = client.get("/")
    assert listing.status_code == 200 and "Test Cup" in listing.text
    page = client.get("/c/broken")
    assert page.status_code == 500
    assert "event 2 (EntrantRegistered)" in page.text
    assert client.get("/c/cup").status_code == 200


def test_a_name_with_dollar_signs_is_drawn_as_text_not_as_mathematics(
    client: TestClient, web: Web, tmp_path: Path
) -> None:
    odd = "Math $\\undefinedcmd$ Rider"
    text = EXAMPLE.read_text("utf-8").replace("Xaver Kurmann", odd.replace("\\", "\\\\"))
    path = tmp_path / "odd.toml"
    path.write_text(text, "utf-8")
    web.hub.handle("odd", commands_from_file(path), "import", "import-odd")
    assert odd in client.get("/c/odd/results/Q").text
    for chart in ("/c/odd/charts/results/Q.svg", "/c/odd/charts/bracket.svg"):
        answer = client.get(chart)
        assert answer.status_code == 200 and b"<svg" in answer.content
    sheet = run_pursuit(
        "sheet", str(path), "-r", "Q", "--kind", "results", "--to", "q.pdf", cwd=tmp_path
    )
    assert sheet.returncode == 0, sheet.stderr
