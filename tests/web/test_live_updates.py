"""Live updates: the broadcaster's rules, and server-sent events from a running server."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import httpx
import pytest
from web_support import LiveServer, heat_riders

from pursuit.app.touched import heats_touched
from pursuit.core import commands as c
from pursuit.core.times import parse_time
from pursuit.web.live.broadcast import Broadcaster, Update
from pursuit.web.parts import Web

T = TypeVar("T")


def in_own_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in a fresh thread (Playwright's sync API may hold this thread's loop)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result(10)


def test_a_subscriber_gets_the_latest_update_merged_and_old_positions_are_dropped() -> None:
    async def scenario() -> tuple[list[object], bool, bool]:
        hub = Broadcaster()
        hub.start(asyncio.get_running_loop())
        got: list[object] = []

        async def send(message: dict[str, object]) -> None:
            got.append(message["update"])

        sub = hub.subscribe("cup", send, lambda update, _: {"update": update})
        other = hub.subscribe("else", send, lambda update, _: {"update": update})
        assert hub.publish(Update("cup", 5, frozenset({"Q/1"})))
        assert hub.publish(Update("cup", 6, frozenset({"Q/2"})))
        assert not hub.publish(Update("cup", 6, frozenset({"Q/3"})))  # seen: NOTIFY echo
        await asyncio.sleep(0)
        sub.open()  # what came before the opening was sent: kept, merged
        hub.stop()
        await sub.ended()
        return got, sub.closed, other.closed

    got, closed, other_closed = in_own_loop(scenario())
    assert got == [Update("cup", 6, frozenset({"Q/1", "Q/2"}))]
    assert closed and other_closed


def test_publishing_works_from_other_threads() -> None:
    async def scenario() -> Update:
        hub = Broadcaster()
        hub.start(asyncio.get_running_loop())
        arrived: asyncio.Future[Update] = asyncio.get_running_loop().create_future()

        async def send(message: dict[str, object]) -> None:
            arrived.set_result(message["update"])  # type: ignore[arg-type]

        hub.subscribe("cup", send, lambda update, _: {"update": update}).open()
        threading.Thread(target=hub.publish, args=(Update("cup", 9),)).start()
        return await asyncio.wait_for(arrived, 2)

    assert in_own_loop(scenario()) == Update("cup", 9)


def test_the_heats_an_append_touched() -> None:
    from pursuit.core import events as ev

    heats = (ev.HeatDrawn(1, ("A", "B"), ("red", "green")), ev.HeatDrawn(2, ("C",), ("red",)))
    drawn = ev.RoundDrawn("Q", heats)
    split = ev.SplitRecorded("B", 1, "A", 1, parse_time("19.5"))
    corrected = ev.RideCorrected("Q", "A", "typo", parse_time("4:40.00"))  # names no heat
    assert heats_touched([drawn, split, corrected]) == {"Q/1", "Q/2", "B/1"}


def sse_events(url: str, stop: threading.Event, into: list[dict[str, object]]) -> None:
    try:
        with httpx.stream("GET", url, timeout=10) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            for line in response.iter_lines():
                if line.startswith("data:"):
                    into.append({**json.loads(line[5:]), "at": time.monotonic()})
                if stop.is_set():
                    return
    except httpx.HTTPError:
        return  # the server stopped at the end of the test


@pytest.fixture
def stream(live: LiveServer) -> Iterator[list[dict[str, object]]]:
    received: list[dict[str, object]] = []
    stop = threading.Event()
    reader = threading.Thread(
        target=sse_events, args=(f"{live.url}/c/cup/events", stop, received), daemon=True
    )
    reader.start()
    deadline = time.monotonic() + 5
    while not received:
        assert time.monotonic() < deadline, "no first event"
        time.sleep(0.01)
    yield received
    stop.set()


def wait_for(received: list[dict[str, object]], position: int, within: float) -> float:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        for event in received:
            if event["position"] == position:
                return float(event["at"])  # type: ignore[arg-type]
        time.sleep(0.005)
    raise AssertionError(f"no update to {position} within {within} s: {received}")


def test_the_stream_starts_with_the_current_position_and_follows_every_append(
    stream: list[dict[str, object]], web: Web
) -> None:
    assert stream[0] == {**stream[0], "competition": "cup", "position": 6}
    red, _ = heat_riders(web)
    web.hub.handle("cup", c.StartHeat("Q", 1), "tk")
    sent = time.monotonic()
    web.hub.handle("cup", c.RecordSplit("Q", 1, red, parse_time("12.5")), "tk")
    arrived = wait_for(stream, 8, within=1.0)
    assert arrived - sent < 1.0
    assert any(e.get("heats") == ["Q/1"] for e in stream)


def test_appends_by_another_process_reach_the_stream_through_the_poller(
    stream: list[dict[str, object]], web: Web
) -> None:
    from pursuit.app.service import CompetitionService

    elsewhere = CompetitionService(web.hub.service.store)  # as a CLI writing to the same store
    elsewhere.handle("cup", c.StartHeat("Q", 1), "cli")
    wait_for(stream, 7, within=2.0)


def test_an_unknown_competition_has_no_stream(live: LiveServer) -> None:
    answer = httpx.get(f"{live.url}/c/nowhere/events", headers={"Accept": "application/json"})
    assert answer.status_code == 404
    assert answer.json()["error"]["code"] == "not_found"


def test_a_quiet_stream_gets_a_keepalive_and_a_frame_is_encoded_once() -> None:
    from pursuit.web.live.broadcast import PING

    async def scenario() -> list[dict[str, object]]:
        got: list[dict[str, object]] = []

        async def send(message: dict[str, object]) -> None:
            got.append(message)

        sub = Broadcaster().subscribe("cup", send, lambda update, _: update.message)
        sub.open()
        sub.ping()
        return got

    assert in_own_loop(scenario()) == [PING]
    update = Update("cup", 12, frozenset({"Q/1"}))
    assert update.frame is update.frame
    assert update.frame == (
        b'event: update\nid: 12\ndata: {"competition":"cup","position":12,"heats":["Q/1"]}\n\n'
    )
