"""Live stream bodies written straight to the transport (`live.direct`), over a real uvicorn
server on a socket: the same bytes as the ASGI path, flow control kept (a slow reader gets
one merged catch-up, a stalled one is dropped), and every response ends cleanly, with nothing
in uvicorn's error log, when a viewer is dropped or the server shuts down."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from web_support import LiveServer

from pursuit.web.live import broadcast
from pursuit.web.live.broadcast import Broadcaster, Update
from pursuit.web.live.direct import EXTENSION, DirectBody, chunk_of
from pursuit.web.live.stream import BroadcastStream, UpdateStream
from pursuit.web.live.writes import Message
from pursuit.web.server import http_protocol

BIG = 256 * 1024  # a frame this big fills a socket's buffers in a few updates


class BigStream(BroadcastStream):
    """Each update as one large event (position first), to fill buffers quickly."""

    def frame(self, update: Update, prepared: object) -> Message | None:
        head = f"id: {update.position}\ndata: ".encode()
        return {
            "type": "http.response.body",
            "body": head + b"x" * BIG + b"\n\n",
            "more_body": True,
        }


class Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


class Server:
    """A bare ASGI app of live streams under uvicorn in a thread; `direct` picks `serve`'s
    protocol, else uvicorn's plain httptools one (bodies through ASGI `send`)."""

    def __init__(self, direct: bool, stream: Callable[[Broadcaster], BroadcastStream]) -> None:
        self.hub = Broadcaster()
        self.stream = stream
        self.directs: list[bool] = []  # per request: whether the scope had the transport
        self.subscriptions = 0
        self.live = LiveServer(
            self.app,
            log_config=None,
            log_level="info",
            lifespan="on",
            interface="asgi3",
            http=http_protocol() if direct else "httptools",
        )
        self.port = self.live.port

    async def app(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    self.hub.start(asyncio.get_running_loop())
                    await send({"type": "lifespan.startup.complete"})
                else:
                    self.hub.stop()
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        self.directs.append(isinstance(scope.get("extensions", {}).get(EXTENSION), DirectBody))
        await self.stream(self.hub)(scope, receive, send)

    def __enter__(self) -> Server:
        self.live.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.live.__exit__()

    def viewer(self, receive_buffer: int | None = None) -> Viewer:
        return Viewer(self.port, receive_buffer)

    def wait_for_viewers(self, n: int) -> None:
        deadline = time.monotonic() + 5
        while self.hub.viewers("cup") < n:
            assert time.monotonic() < deadline, "the viewers did not subscribe"
            time.sleep(0.01)


class Viewer:
    """A raw HTTP/1.1 client of `/events`: the bytes after the headers, as they come."""

    def __init__(self, port: int, receive_buffer: int | None) -> None:
        self.sock = socket.socket()
        if receive_buffer is not None:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
        self.sock.connect(("127.0.0.1", port))
        self.sock.sendall(b"GET /events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
        self.raw = b""

    def read_until(self, marker: bytes, timeout: float = 5) -> None:
        self.sock.settimeout(timeout)
        while marker not in self.raw:
            data = self.sock.recv(1 << 20)
            assert data, f"the stream ended before {marker!r}"
            self.raw += data

    def read_to_end(self, timeout: float = 5) -> bool:
        """Read until the server closes; False if it reset the connection instead."""
        self.sock.settimeout(timeout)
        while True:
            try:
                data = self.sock.recv(1 << 20)
            except ConnectionResetError:
                return False
            if not data:
                return True
            self.raw += data

    @property
    def body(self) -> bytes:
        """The chunked body as it came on the wire (chunk framing included)."""
        head, sep, body = self.raw.partition(b"\r\n\r\n")
        assert sep and b"transfer-encoding: chunked" in head.lower()
        return body

    def events(self) -> list[bytes]:
        """The body's chunks, decoded."""
        body, out = self.body, []
        while body:
            size, _, body = body.partition(b"\r\n")
            n = int(size, 16)
            out.append(body[:n])
            body = body[n + 2 :]
        return out

    def close(self) -> None:
        self.sock.close()


@contextmanager
def uvicorn_errors() -> Iterator[Errors]:
    handler = Errors()
    logger = logging.getLogger("uvicorn.error")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def update_stream(hub: Broadcaster) -> BroadcastStream:
    return UpdateStream(hub, "cup", head=1)


def test_the_direct_path_writes_the_same_bytes_as_asgi_send() -> None:
    bodies, used = [], []
    for direct in (True, False):
        with Server(direct, update_stream) as server:
            viewers = [server.viewer() for _ in range(3)]
            server.wait_for_viewers(3)
            for position in range(2, 40):
                server.hub.publish(Update("cup", position, frozenset({f"Q/{position % 4}"})))
            for viewer in viewers:
                viewer.read_until(b"id: 39\n")
                viewer.close()
            bodies.append([v.body for v in viewers])
            used.append(server.directs)
    assert used == [[True] * 3, [False] * 3]
    assert bodies[0] == bodies[1]  # chunk framing and all
    assert len(set(bodies[0])) == 1
    assert bodies[0][0].count(b"event: update\n") == 39  # the opening (1) and 2…39


def test_a_slow_reader_gets_one_merged_catch_up_and_the_others_everything() -> None:
    with Server(True, lambda hub: BigStream(hub, "cup")) as server:
        slow, quick = server.viewer(receive_buffer=4096), server.viewer()
        server.wait_for_viewers(2)
        quick_seen = b""
        for position in range(2, 60):
            server.hub.publish(Update("cup", position))
            quick.read_until(f"id: {position}\n".encode())
        quick_seen = quick.raw
        behind = [s.behind for group in server.hub._subscribers.values() for s in group]
        slow.read_until(b"id: 59\n", timeout=10)  # drains: the catch-up comes by itself
        slow_positions = [
            int(e.split(b"\n", 1)[0].removeprefix(b"id: ")) for e in slow.events() if e
        ]
        slow.close()
        quick.close()
    assert behind.count(True) == 1  # the slow one only, while it did not read
    assert all(f"id: {p}\n".encode() in quick_seen for p in range(2, 60))
    assert slow_positions == sorted(slow_positions) and slow_positions[-1] == 59
    assert len(slow_positions) < 58  # merged: positions skipped while it was behind


def test_a_stalled_reader_is_dropped_without_an_error_in_the_log(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(broadcast, "KEEPALIVE_S", 0.05)
    monkeypatch.setattr(broadcast, "STALLED_S", 0.2)
    with uvicorn_errors() as errors, Server(True, lambda hub: BigStream(hub, "cup")) as server:
        stalled, fine = server.viewer(receive_buffer=4096), server.viewer()
        server.wait_for_viewers(2)
        for position in range(2, 40):
            server.hub.publish(Update("cup", position))
            fine.read_until(f"id: {position}\n".encode())
        deadline = time.monotonic() + 5
        while server.hub.viewers("cup") > 1:
            assert time.monotonic() < deadline, "the stalled viewer was not dropped"
            time.sleep(0.02)
        server.hub.publish(Update("cup", 40))
        fine.read_until(b"id: 40\n")  # the other viewer goes on
        time.sleep(0.2)  # the dropped stream's task ends
        stalled.read_to_end()
        stalled.close()
        fine.close()
    assert not [line for line in errors.lines if "ASGI callable" in line], errors.lines


def test_shutting_down_ends_each_stream_with_its_last_chunk() -> None:
    with uvicorn_errors() as errors:
        server = Server(True, update_stream).__enter__()
        viewers = [server.viewer() for _ in range(3)]
        server.wait_for_viewers(3)
        server.hub.publish(Update("cup", 2))
        for viewer in viewers:
            viewer.read_until(b"id: 2\n")
        began = time.monotonic()
        server.__exit__()
        took = time.monotonic() - began
        ended = [viewer.read_to_end() for viewer in viewers]
    assert ended == [True] * 3
    assert all(viewer.body.endswith(b"\r\n0\r\n\r\n") for viewer in viewers)
    assert took < 1.0  # the streams ended: uvicorn did not wait out its graceful timeout
    assert not [line for line in errors.lines if "ASGI" in line or "Cancel" in line], errors.lines


def test_chunk_of_frames_a_body_as_uvicorn_does() -> None:
    body = Update("cup", 12, frozenset({"Q/1"})).frame
    assert chunk_of(body) == b"%x\r\n" % len(body) + body + b"\r\n"
    assert chunk_of(body) is chunk_of(body)  # framed once for every viewer
    other = b"event: other\n\n"
    assert chunk_of(other) == b"e\r\nevent: other\n\n\r\n"
