"""Live streams are capped in all and per address (503 with Retry-After, the one shape), and the
operators' writes go on when the cap is reached."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, expect
from web_support import PASSWORD, STREAM_OPEN, LiveServer, seed, settings

from pursuit.core import commands as c
from pursuit.web.app import create_app
from pursuit.web.limiting.streams import stream_cap
from pursuit.web.settings import LimitSettings

REQUEST = b"GET /c/cup/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n"


def open_stream(port: int, source: str = "127.0.0.1") -> socket.socket:
    """A viewer on a raw socket (from `source`, any 127.x address), once its first event came."""
    conn = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0))
    conn.sendall(REQUEST)
    seen = b""
    while b"event: update" not in seen:
        chunk = conn.recv(4096)
        assert chunk, f"the stream closed: {seen!r}"
        seen += chunk
    assert seen.startswith(b"HTTP/1.1 200")
    return conn


def refused(port: int, source: str = "127.0.0.1") -> httpx.Response:
    """The answer to one more viewer (its body read only if it is not a stream)."""
    transport = httpx.HTTPTransport(local_address=source)
    with httpx.Client(transport=transport, timeout=5) as client:
        url = f"http://127.0.0.1:{port}/c/cup/events"
        with client.stream("GET", url, headers={"Accept": "application/json"}) as answer:
            if answer.status_code != 200:
                answer.read()
            return answer


def assert_busy(answer: httpx.Response, words: str) -> None:
    assert answer.status_code == 503
    assert int(answer.headers["retry-after"]) > 0
    error = answer.json()["error"]
    assert set(error) == {"code", "message", "field"} and error["code"] == "busy"
    assert words in error["message"]


@pytest.fixture
def capped() -> Iterator[LiveServer]:
    app = create_app(settings(limits=LimitSettings(streams=3, streams_per_address=2)))
    seed(app.state.web)
    with LiveServer(app) as server:
        yield server


@pytest.mark.slow
def test_a_full_cap_refuses_viewers_and_operators_still_write(capped: LiveServer) -> None:
    viewers = [
        open_stream(capped.port),
        open_stream(capped.port),
        open_stream(capped.port, "127.0.0.2"),
    ]
    try:
        assert_busy(refused(capped.port, "127.0.0.3"), "as many live streams as it serves (3)")
        with httpx.Client(base_url=capped.url, timeout=5) as operator:
            token = operator.post("/api/token", json={"name": "tk", "password": PASSWORD})
            auth = {"Authorization": f"Bearer {token.json()['token']}"}
            started = operator.post(
                "/api/competitions/cup/starts", json={"round": "Q", "heat": 1}, headers=auth
            )
            assert started.status_code == 201
            assert operator.get("/c/cup").status_code == 200
        viewers.pop().close()  # a place is given back when a viewer goes
        deadline = time.monotonic() + 5
        while refused(capped.port, "127.0.0.3").status_code == 503:
            assert time.monotonic() < deadline, "the closed stream's place was not given back"
            time.sleep(0.05)
    finally:
        for viewer in viewers:
            viewer.close()


def test_one_address_gets_only_its_share(capped: LiveServer) -> None:
    viewers = [open_stream(capped.port), open_stream(capped.port)]
    try:
        assert_busy(refused(capped.port), "2 live streams are open from your address")
        viewers.append(open_stream(capped.port, "127.0.0.2"))  # another address still can
    finally:
        for viewer in viewers:
            viewer.close()


def test_the_cap_in_all_keeps_open_files_in_reserve() -> None:
    import resource

    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    assert stream_cap(LimitSettings(stream_reserve=256)) == max(1, soft - 256)
    assert stream_cap(LimitSettings(streams=2000)) == 2000


@pytest.mark.slow
@pytest.mark.parametrize("width", [390, 1366])
def test_a_refused_viewer_page_tries_again_and_goes_live_by_itself(
    browser: Browser, width: int, screenshots: Path
) -> None:
    app = create_app(settings(limits=LimitSettings(streams_per_address=1, stream_retry_s=1)))
    seed(app.state.web)
    web = app.state.web
    with LiveServer(app) as server:
        context = browser.new_context(viewport={"width": width, "height": 800})
        first, second = context.new_page(), context.new_page()
        first.goto(f"{server.url}/c/cup/heat/Q/1")
        expect(first.locator("#live-status")).to_have_text(STREAM_OPEN)
        second.goto(f"{server.url}/c/cup/heat/Q/1")
        expect(second.locator("#live-status")).to_contain_text("the server is full")
        second.screenshot(path=screenshots / f"stream-refused-{width}.png")
        second.evaluate("window.notReloaded = true")
        first.close()  # its place under the cap frees up; the second page takes it
        expect(second.locator("#live-status")).to_have_text(STREAM_OPEN, timeout=10_000)
        web.hub.handle("cup", c.StartHeat("Q", 1), "tk")
        expect(second.locator("#live")).to_contain_text("Running", timeout=10_000)
        assert second.evaluate("window.notReloaded") is True
        context.close()
