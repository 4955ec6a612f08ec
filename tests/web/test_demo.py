"""`--demo`: the 1968 competition complete, an admin login, and a replay that resumes."""

from __future__ import annotations

from dataclasses import replace

import pytest
from fastapi import FastAPI
from web_support import EXAMPLE, settings

from pursuit.core.times import parse_time
from pursuit.web.app import create_app
from pursuit.web.demo import DemoReplay, prepare_demo
from pursuit.web.parts import Web
from pursuit.web.settings import DemoSettings

DEMO = DemoSettings(example=EXAMPLE, speed=0)


@pytest.fixture
def parts() -> Web:
    application: FastAPI = create_app(settings())
    web: Web = application.state.web
    return web


def run_to_end(web: Web, run: object) -> None:
    replay = DemoReplay(web, run, once=True)  # type: ignore[arg-type]
    replay.start()
    replay._thread.join(60)
    assert not replay.running
    replay.stop()


def recorded(web: Web, competition: str) -> list[tuple[str, dict[str, object]]]:
    """The log without what is this computer's (when a line arrived, the link going up and
    down as the server stops and starts)."""
    clock = ("received_at", "at")
    return [
        (e.type, {k: v for k, v in e.data.items() if k not in clock})
        for e in web.hub.events(competition, 0)
        if e.type != "TimerStatusReported"
    ]


def test_the_complete_competition_is_imported_once_and_the_admin_password_changes(
    parts: Web,
) -> None:
    first = prepare_demo(parts, DEMO)
    head = parts.hub.head("mexico-1968")
    second = prepare_demo(parts, DEMO)
    assert parts.hub.head("mexico-1968") == head > 0
    assert first.password != second.password
    assert parts.users.authenticate("admin", first.password) is None
    admin = parts.users.authenticate("admin", second.password)
    assert admin is not None and admin.role.value == "admin"


def test_a_stopped_replay_resumes_without_writing_anything_twice(parts: Web) -> None:
    run = prepare_demo(parts, DEMO)
    run_to_end(parts, replace(run, steps=run.steps[:100]))
    partial = parts.hub.head(run.live_id)
    assert partial > 0
    again = prepare_demo(parts, DEMO)
    assert again.live_id == run.live_id  # not finished: resume there
    run_to_end(parts, again)
    run_to_end(parts, replace(again, live_id="in-one-go"))
    resumed = recorded(parts, run.live_id)
    in_one_go = recorded(parts, "in-one-go")
    assert len(resumed) > partial
    assert resumed == in_one_go  # nothing written twice, nothing skipped
    view = parts.hub.model(run.live_id, "t", lambda state, view: view)[1]
    assert view.complete
    assert [p.name for p in view.classification[:3]] == [
        "Daniel Rébillard",
        "Mogens Frey",
        "Xaver Kurmann",
    ]
    assert prepare_demo(parts, DEMO).live_id == "mexico-1968-live-2"  # that one is over


def test_a_practice_competition_waits_drawn_for_a_newcomer_to_run(parts: Web) -> None:
    prepare_demo(parts, DEMO)
    prepare_demo(parts, DEMO)  # made once
    state = parts.hub.service.existing("practice")
    assert state.meta is not None and state.meta.title.startswith("Practice: ")
    assert len(state.entrants) == 28 and str(state.seed_times["Xaver Kurmann"]) == "4:40.41"
    heats = state.heats["Q"]
    assert len(heats) == 14 and not any(h.started for h in heats.values())
    assert set(heats[14].entrants) != {"Xaver Kurmann", "John Bylsma"}  # the two best apart
    assert state.rides["Q"]["Xaver Kurmann"].heat in (13, 14)  # the fastest heats ride last


def test_a_step_refused_because_someone_recorded_into_the_replay_is_skipped(
    parts: Web,
) -> None:
    run = prepare_demo(parts, DEMO)
    start = next(i for i, s in enumerate(run.steps) if type(s.command).__name__ == "StartHeat")
    run_to_end(parts, replace(run, steps=run.steps[: start + 1]))
    first_split = run.steps[start + 1].command
    parts.hub.handle(
        run.live_id, replace(first_split, elapsed=parse_time("25.00")), "visitor"
    )  # by hand
    run_to_end(parts, replace(run, steps=run.steps[: start + 40]))
    assert parts.hub.head(run.live_id) > start + 30  # the replay went on past the refusal


def test_the_list_shows_the_demo_s_latest_replay_alone(parts: Web) -> None:
    """The replay loops and restarts under new ids (-2, -3 …): the competition list shows the
    latest; the earlier ones stay in the log, at their address."""
    from fastapi.testclient import TestClient

    from pursuit.app.importing import commands_from_file
    from pursuit.web.demo import superseded_replays

    for cid in ("mexico-1968-live", "mexico-1968-live-2", "mexico-1968-live-10", "other-live-3"):
        parts.hub.handle(cid, commands_from_file(EXAMPLE), "test", f"import-{cid}")
    ids = parts.hub.competitions()
    assert superseded_replays(ids, "mexico-1968-live") == {
        "mexico-1968-live",
        "mexico-1968-live-2",
    }
    demo_settings = replace(parts.settings, demo=DEMO)
    client = TestClient(create_app(demo_settings, replace(parts, settings=demo_settings)))
    listed = [c["id"] for c in client.get("/competitions.json").json()["competitions"]]
    assert "mexico-1968-live-10" in listed and "other-live-3" in listed
    assert "mexico-1968-live" not in listed and "mexico-1968-live-2" not in listed
    assert client.get("/c/mexico-1968-live-2").status_code == 200
