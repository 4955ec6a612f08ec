"""The heat and Now pages show the virtual ranking and a record recognised from the times."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from web_support import Console, heat_riders

from pursuit.core import commands as c
from pursuit.core.times import RaceTime, parse_time
from pursuit.web.parts import Web

# The seeded cup: women's individual pursuit, 4 km on 250 m (32 half laps), 2026-05-01,
# where the women's 4 km WR stands at 4:19.461 (Josie Knight, Konya, February 2026).


def _ride(web: Web, heat: int, finishes: dict[str, str]) -> None:
    web.hub.handle("cup", c.StartHeat("Q", heat), "tk")
    for name, time in sorted(finishes.items(), key=lambda item: item[1]):
        web.hub.handle("cup", c.RecordFinish("Q", heat, name, parse_time(time)), "tk")


def _splits(web: Web, heat: int, name: str, half_laps: int, seconds: float) -> None:
    ticks = round(seconds * 10_000)
    for k in range(1, half_laps + 1):
        web.hub.handle("cup", c.RecordSplit("Q", heat, name, RaceTime(k * ticks, 4)), "tk")


def test_a_record_beaten_shows_to_be_ratified_with_the_record_it_beat(
    client: TestClient, web: Web
) -> None:
    red, green = heat_riders(web)
    _ride(web, 1, {red: "4:19.000", green: "4:31.000"})
    data = client.get("/c/cup/heat/Q/1.json").json()
    marked = {r["name"]: (r["record"], r["record_note"]) for r in data["riders"]}
    assert marked[green] == ("", "")
    assert marked[red] == (
        "WR",
        "world record, to be ratified; previous WR 4:19.461, Josie Knight, Konya 2026",
    )
    html = client.get("/c/cup/heat/Q/1").text
    assert 'title="world record, to be ratified; previous WR 4:19.461' in html
    results = client.get("/c/cup/results/Q").text
    assert "WR to be ratified" in results and "previous WR 4:19.461, Josie Knight" in results


def test_the_heat_and_now_pages_show_the_virtual_ranking(client: TestClient, web: Web) -> None:
    first = heat_riders(web, "Q", 1)
    _ride(web, 1, {first[0]: "4:30.000", first[1]: "4:40.000"})
    red, green = heat_riders(web, "Q", 2)
    web.hub.handle("cup", c.StartHeat("Q", 2), "tk")
    _splits(web, 2, red, 20, 8.5)  # 4:32.000 projected: between the two finished
    _splits(web, 2, green, 20, 8.0)  # 4:16.000 projected: ahead of both
    heat = client.get("/c/cup/heat/Q/2.json").json()
    ranks = {r["name"]: r["virtual_rank"] for r in heat["riders"]}
    assert ranks == {red: "on course for 2nd of 3", green: "on course for 1st of 3"}
    page = client.get("/c/cup/now").text
    assert "<dt>Virtual rank</dt><dd>on course for 2nd of 3</dd>" in page
    done = client.get("/c/cup/heat/Q/1").text
    assert "<dt>Virtual rank</dt><dd>provisional 1st of 2</dd>" in done
    assert "<dt>Virtual rank</dt><dd>provisional 2nd of 2</dd>" in done


def test_the_console_panel_of_the_virtual_ranking(web: Web) -> None:

    from jinja2 import Environment, FileSystemLoader, select_autoescape

    import pursuit.web
    from pursuit.core.engine import compute
    from pursuit.views.results import build_view
    from pursuit.views.virtual_ranking import virtual_ranking
    from pursuit.web.console.desk import desk

    def panel() -> tuple[object, str]:
        state = web.hub.service.existing("cup")
        view = build_view(compute(state.competition()))
        templates = Path(pursuit.web.__file__).parent / "templates"
        env = Environment(loader=FileSystemLoader(templates), autoescape=select_autoescape())
        shown = desk("cup")(state, view)
        html = env.get_template("console/_virtual_ranking.html").render(desk=shown)
        return virtual_ranking(state, view), html.strip()

    assert panel() == (None, "")  # nothing on the track yet
    first = heat_riders(web, "Q", 1)
    _ride(web, 1, {first[0]: "4:30.000"})
    found, html = panel()
    assert found is not None and found.finished == 1
    assert [(line.name, line.rank) for line in found.lines] == [
        (first[0], "provisional 1st of 1"),
        (first[1], ""),
    ]
    assert "Virtual ranking: Qualifying, heat 1" in html and "1 finished so far" in html


def test_no_virtual_ranking_once_the_round_is_complete(client: TestClient, web: Web) -> None:
    for heat, times in ((1, ("4:30.000", "4:40.000")), (2, ("4:35.000", "4:45.000"))):
        _ride(web, heat, dict(zip(heat_riders(web, "Q", heat), times, strict=True)))
    data = client.get("/c/cup/heat/Q/2.json").json()
    assert [r["virtual_rank"] for r in data["riders"]] == ["", ""]
    assert "Virtual rank" not in client.get("/c/cup/now").text


def test_an_admin_creates_an_olympic_competition_where_olympic_records_apply(
    console: Console, web: Web
) -> None:
    console.login("boss")
    form = {
        "id": "games",
        "title": "Games",
        "format": "uci-individual-pursuit",
        "event": "team pursuit",
        "gender": "men",
        "dates": "2028-08-05",
    }
    assert "The Olympic Games (Olympic records apply" in console.client.get("/console/new").text
    assert (
        console.post("/console/new", {**form, "olympic": "true"}, page="/console/new").status_code
        == 303
    )
    assert (
        console.post("/console/new", {**form, "id": "worlds"}, page="/console/new").status_code
        == 303
    )
    games = web.hub.service.existing("games").meta
    worlds = web.hub.service.existing("worlds").meta
    assert games is not None and worlds is not None
    assert [(r.kind, r.holder) for r in games.standing_records] == [
        ("WR", "Denmark"),
        ("OR", "Australia"),
    ]
    assert [r.kind for r in worlds.standing_records] == ["WR"]
