"""The lean load process of `bench/sse.py`: its share of the SSE viewers and (client 0) the
poster, on one `select.epoll` loop over non-blocking sockets, without asyncio.

The load shares the two cores with the servers, so whatever it spends per frame is in every
latency figure. Per readable viewer it does one `recv`, one `rfind` of `"position":` and an
`int` of the digits after it; per split the poster writes one hand-made HTTP/1.1 request on a
keep-alive socket and reads its `content-length` answer. What it measures is what the asyncio
client measured: the monotonic time at which each position reached each viewer (positions only
grow, so the last one in a read is the newest; one a read cut short is completed by the next).
"""

from __future__ import annotations

import json
import select
import socket
import sys
import time
from typing import Any

COMPETITION = "bench"
KEY = b'"position":'
READ = 4096  # bytes per recv: a catch-up longer than that is read at the next turn


class Crowd:
    """This client's viewers: a socket each, its newest position, when each position came."""

    def __init__(self) -> None:
        self.poll = select.epoll()
        self.socks: dict[int, socket.socket] = {}
        self.position: dict[int, int] = {}
        self.rest: dict[int, bytes] = {}  # a read that ended inside `"position":…`
        self.arrivals: dict[int, list[float]] = {}
        self.target = 0  # the position waited for, and how many viewers are short of it
        self.short = 0
        self.handlers: dict[int, Any] = {}  # other sockets on the loop (stdin, the poster)

    def add(self, sock: socket.socket) -> None:
        sock.setblocking(False)
        fd = sock.fileno()
        self.socks[fd] = sock
        self.position[fd] = 0
        self.poll.register(fd, select.EPOLLIN)

    def wait_for(self, position: int) -> None:
        self.target = position
        self.short = sum(1 for p in self.position.values() if p < position)

    def newest(self) -> int:
        return max(self.position.values(), default=0)

    def oldest(self) -> int:
        return min(self.position.values(), default=0)

    def turn(self, timeout: float) -> None:
        """One wait on the sockets (at most `timeout` s) and whatever came."""
        for fd, _ in self.poll.poll(timeout):
            sock = self.socks.get(fd)
            if sock is None:
                self.handlers[fd]()
                continue
            data = sock.recv(READ)
            if not data:
                raise ConnectionError("a viewer lost its connection")
            now = time.monotonic()
            rest = self.rest.pop(fd, None)
            if rest is not None:
                data = rest + data
            at = data.rfind(KEY)
            if at < 0:
                continue
            start = at + len(KEY)
            end = data.find(b",", start)  # `"position":N,"heats":…` in every frame
            if end < 0:  # the number may go on in the next read
                self.rest[fd] = data[at:]
                at = data.rfind(KEY, 0, at)  # an earlier, whole one in this read
                if at < 0:
                    continue
                start = at + len(KEY)
                end = data.find(b",", start)
            position = int(data[start:end])
            before = self.position[fd]
            if position > before:
                self.position[fd] = position
                for p in range(before + 1, position + 1):
                    arrived = self.arrivals.get(p)
                    if arrived is None:
                        self.arrivals[p] = [now]
                    else:
                        arrived.append(now)
                if before < self.target <= position:
                    self.short -= 1


def connect(urls: list[str], mine: list[int], crowd: Crowd) -> None:
    """Viewer number j (of all clients') watches server j mod len(urls); every viewer has
    had its opening (a position) when this returns."""
    for j in mine:
        host, port = urls[j % len(urls)].removeprefix("http://").split(":")
        request = (
            f"GET /c/{COMPETITION}/events HTTP/1.1\r\nHost: {host}\r\n"
            "Accept: text/event-stream\r\n\r\n"
        ).encode()
        for attempt in range(5):  # a busy server's backlog may drop a connection: again
            try:
                sock = socket.create_connection((host, int(port)), timeout=30)
                break
            except OSError:
                if attempt == 4:
                    raise
                time.sleep(0.5 * (attempt + 1))
        sock.sendall(request)
        crowd.add(sock)
    crowd.wait_for(1)
    deadline = time.monotonic() + 120
    while crowd.short and time.monotonic() < deadline:
        crowd.turn(0.05)
    if crowd.short:
        raise SystemExit(f"{crowd.short} viewers had no opening in 120 s")


class Poster:
    """HTTP/1.1 POSTs of splits on one keep-alive socket, answered while the crowd is read."""

    def __init__(self, url: str, token: str, crowd: Crowd) -> None:
        host, port = url.removeprefix("http://").split(":")
        self.host = host
        self.sock = socket.create_connection((host, int(port)), timeout=30)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock.setblocking(False)
        self.token = token
        self.crowd = crowd
        self.buffer = b""
        self.answer: dict[str, Any] | None = None
        crowd.handlers[self.sock.fileno()] = self._readable
        crowd.poll.register(self.sock.fileno(), select.EPOLLIN)

    def post(self, item: dict[str, Any]) -> int:
        """Send one split and read the crowd until its answer came: the log's new position."""
        body = json.dumps(item["body"]).encode()
        head = (
            f"POST /api/competitions/{COMPETITION}/{item['path']} HTTP/1.1\r\n"
            f"Host: {self.host}\r\nAuthorization: Bearer {self.token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        ).encode()
        self.answer = None
        self.sock.setblocking(True)
        self.sock.sendall(head + body)
        self.sock.setblocking(False)
        deadline = time.monotonic() + 30
        while self.answer is None:
            if time.monotonic() > deadline:
                raise SystemExit("no answer to a split in 30 s")
            self.crowd.turn(1.0)
        return int(self.answer["position"])

    def _readable(self) -> None:
        data = self.sock.recv(65536)
        if not data:
            raise ConnectionError("the server closed the poster's connection")
        self.buffer += data
        head, sep, rest = self.buffer.partition(b"\r\n\r\n")
        if not sep:
            return
        lines = head.split(b"\r\n")
        status = int(lines[0].split()[1])
        length = next(
            int(line.split(b":", 1)[1])
            for line in lines[1:]
            if line.lower().startswith(b"content-length:")
        )
        if len(rest) < length:
            return
        self.buffer = rest[length:]
        if status >= 400:
            raise SystemExit(f"a split was refused: {status} {rest[:length]!r}")
        self.answer = json.loads(rest[:length])


def post_splits(
    poster: Poster, crowd: Crowd, requests: list[dict[str, Any]], args: Any, warm_up: int
) -> dict[str, Any]:
    """The poster (client 0): splits one at a time, each once this client's viewers all have
    the one before and `gap` s more (the other clients' viewers are not waited for)."""
    pending = iter(requests)
    sent: dict[int, float] = {}
    measured: list[int] = []
    warm: list[int] = []
    for index in range(warm_up + args.splits):  # phase 1, latency
        expected = crowd.newest() + 1
        crowd.wait_for(expected)
        sent[expected] = time.monotonic()
        position = poster.post(next(pending))
        assert position == expected, (position, expected)
        deadline = time.monotonic() + 5
        while crowd.short and time.monotonic() < deadline:
            crowd.turn(deadline - time.monotonic())
        (warm if index < warm_up else measured).append(position)
        pause = time.monotonic() + args.gap
        while (left := pause - time.monotonic()) > 0:
            crowd.turn(left)
    count, began, last = 0, time.monotonic(), 0  # phase 2, throughput
    while time.monotonic() - began < args.seconds:
        last = poster.post(next(pending))
        count += 1
    elapsed = time.monotonic() - began
    caught_up = time.monotonic()
    crowd.wait_for(last)
    while crowd.short and time.monotonic() - caught_up < 10:
        crowd.turn(0.05)
    return poster_report(sent, measured, warm, count, elapsed, last, time.monotonic() - caught_up)


def poster_report(
    sent: dict[int, float],
    measured: list[int],
    warm: list[int],
    count: int,
    elapsed: float,
    last: int,
    lag_s: float,
) -> dict[str, Any]:
    """What the poster says when done, whichever client it is (this loop or sse.py's asyncio):
    when each split was sent, which were measured and which warmed up, the throughput phase's
    splits per second, and how long the last viewer took to catch up after it."""
    return {
        "sent": sent,
        "measured": measured,
        "warm_up": warm,
        "splits_per_s": round(count / elapsed, 1),
        "throughput_splits": count,
        "last": last,
        "last_viewer_caught_up_s": round(lag_s, 3),
    }


def load(args: Any, token: str, requests: list[dict[str, Any]], warm_up: int) -> None:
    """One client process: its share of the viewers; client 0 also posts the splits. Says
    "ready" once connected, waits for "go" (client 0) or "stop" (the others) on stdin while
    its viewers are read."""
    urls = args.urls.split(",")
    mine = list(range(args.index, args.viewers, args.clients))
    crowd = Crowd()
    started = time.monotonic()
    connect(urls, mine, crowd)
    poster = Poster(urls[0], token, crowd) if args.index == 0 else None
    print(json.dumps({"ready": len(mine), "connect_s": round(time.monotonic() - started, 2)}))
    sys.stdout.flush()
    command: list[str] = []
    stdin = sys.stdin.fileno()
    crowd.handlers[stdin] = lambda: command.append(sys.stdin.readline().strip())
    crowd.poll.register(stdin, select.EPOLLIN)
    while not command:
        crowd.turn(1.0)
    figures: dict[str, Any] = {}
    if command[0] == "go" and poster is not None:
        figures = post_splits(poster, crowd, requests, args, warm_up)
    else:
        end = time.monotonic() + 0.5  # the last events still on their way
        while (left := end - time.monotonic()) > 0:
            crowd.turn(left)
    behind_at = figures.get("last") or crowd.newest()
    figures |= {
        "arrivals": crowd.arrivals,
        "viewers_behind": sum(1 for p in crowd.position.values() if p < behind_at),
    }
    print(json.dumps(figures))
