"""The fan-out writes each update to every viewer's `send` from one loop: no task per viewer,
a viewer whose write waits holds up nobody and keeps one update, pings and leaving as before."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import pytest

from pursuit.web.live import broadcast
from pursuit.web.live.broadcast import PING, Broadcaster, Update
from pursuit.web.live.feed_stream import FeedStream
from pursuit.web.live.stream import UpdateStream
from pursuit.web.live.writes import Message, write_now

T = TypeVar("T")


def in_own_loop(coroutine: Coroutine[Any, Any, T]) -> T:
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result(10)


class Viewer:
    """A `send` that records what it is given; `stuck` ones wait until `release`d."""

    def __init__(self, stuck: bool = False) -> None:
        self.got: list[Message] = []
        self.stuck = stuck
        self.waits = 0
        self.gate: asyncio.Future[None] | None = None

    async def send(self, message: Message) -> None:
        if self.stuck:
            self.waits += 1
            self.gate = asyncio.get_running_loop().create_future()
            await self.gate
        self.got.append(message)

    def release(self) -> None:
        self.stuck = False
        if self.gate is not None and not self.gate.done():
            self.gate.set_result(None)


def as_update(update: Update, prepared: object) -> Message:
    return {"update": update}


def positions(viewer: Viewer) -> list[int]:
    return [m["update"].position for m in viewer.got if "update" in m]  # type: ignore[attr-defined]


async def settle() -> None:
    for _ in range(50):  # the slices of a large fan-out, each one turn of the loop
        await asyncio.sleep(0)


def test_many_viewers_get_each_update_once_without_a_task_each() -> None:
    async def scenario() -> tuple[list[list[int]], int, int]:
        hub = Broadcaster()
        hub.start(asyncio.get_running_loop())
        crowd = [Viewer() for _ in range(700)]
        for viewer in crowd:
            hub.subscribe("cup", viewer.send, as_update).open()
        tasks_before = len(asyncio.all_tasks())
        hub.publish(Update("cup", 7))
        await settle()
        hub.publish(Update("cup", 8))
        await settle()
        tasks_after = len(asyncio.all_tasks())
        hub.stop()
        return [positions(v) for v in crowd], tasks_before, tasks_after

    got, before, after = in_own_loop(scenario())
    assert all(p == [7, 8] for p in got)
    assert after == before  # every write finished in the fan-out's own loop


def test_a_stuck_viewer_delays_nobody_keeps_one_merged_update_and_catches_up() -> None:
    async def scenario() -> tuple[list[int], list[int], int, int, list[Message]]:
        hub = Broadcaster()
        hub.start(asyncio.get_running_loop())
        stuck, quick = Viewer(stuck=True), Viewer()
        hub.subscribe("cup", stuck.send, as_update).open()
        hub.subscribe("cup", quick.send, as_update).open()
        for position in range(5, 105):  # a hundred splits while one viewer's socket is full
            hub.publish(Update("cup", position, frozenset({f"Q/{position % 3}"})))
            await settle()
        quick_saw, stuck_saw, waits = positions(quick), positions(stuck), stuck.waits
        stuck.release()
        await settle()
        hub.stop()
        return quick_saw, stuck_saw, waits, len(stuck.got), stuck.got

    quick_saw, stuck_saw, waits, got, stuck_got = in_own_loop(scenario())
    assert quick_saw == list(range(5, 105))
    assert stuck_saw == [] and waits == 1  # one write in flight, the rest waiting merged
    assert got == 2  # then: the first update, and one merged update with all the rest
    last = stuck_got[1]["update"]
    assert isinstance(last, Update)
    assert last.position == 104 and last.heats == {"Q/0", "Q/1", "Q/2"}


def test_a_viewer_stalled_too_long_is_dropped_and_pings_reach_the_others(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(broadcast, "KEEPALIVE_S", 0.02)
    monkeypatch.setattr(broadcast, "STALLED_S", 0.05)

    async def scenario() -> tuple[bool, str, int, int]:
        hub = Broadcaster()
        hub.start(asyncio.get_running_loop())
        stuck, quiet = Viewer(stuck=True), Viewer()
        stalled = hub.subscribe("cup", stuck.send, as_update)
        stalled.open()
        hub.subscribe("cup", quiet.send, as_update).open()
        hub.publish(Update("cup", 3))
        await asyncio.wait_for(stalled.ended(), 2)
        await asyncio.sleep(0.05)
        hub.stop()
        return stalled.closed, stalled.reason, quiet.got.count(PING), len(stuck.got)

    closed, reason, pings, stuck_got = in_own_loop(scenario())
    assert closed and reason.startswith("stalled")
    assert pings >= 2
    assert stuck_got == 0  # its write was given up


def test_a_write_that_fails_ends_that_viewer_only() -> None:
    async def broken(message: Message) -> None:
        raise OSError("connection reset")

    async def scenario() -> tuple[bool, str, list[int]]:
        hub = Broadcaster()
        hub.start(asyncio.get_running_loop())
        other = Viewer()
        gone = hub.subscribe("cup", broken, as_update)
        gone.open()
        hub.subscribe("cup", other.send, as_update).open()
        hub.publish(Update("cup", 4))
        await settle()
        hub.stop()
        return gone.closed, gone.reason, positions(other)

    closed, reason, other = in_own_loop(scenario())
    assert closed and "connection reset" in reason
    assert other == [4]


def test_updates_before_the_opening_is_sent_come_after_it() -> None:
    async def scenario() -> list[int]:
        hub = Broadcaster()
        hub.start(asyncio.get_running_loop())
        viewer = Viewer()
        sub = hub.subscribe("cup", viewer.send, as_update)
        hub.publish(Update("cup", 5))
        hub.publish(Update("cup", 6))
        await settle()
        assert viewer.got == []  # not opened yet: nothing written
        sub.open()
        hub.stop()
        return positions(viewer)

    assert in_own_loop(scenario()) == [6]


def test_write_now_finishes_on_the_spot_or_hands_the_rest_to_a_task() -> None:
    async def scenario() -> tuple[object, list[Message], bool, list[Message]]:
        quick, slow = Viewer(), Viewer(stuck=True)
        done = write_now(quick.send, {"n": 1})
        task = write_now(slow.send, {"n": 2})
        assert task is not None and not task.done() and slow.got == []
        slow.release()
        await task
        cancelled = Viewer(stuck=True)
        pending = write_now(cancelled.send, {"n": 3})
        assert pending is not None
        pending.cancel()
        await asyncio.sleep(0)
        return done, quick.got, pending.cancelled(), slow.got + cancelled.got

    done, quick_got, cancelled, slow_got = in_own_loop(scenario())
    assert done is None and quick_got == [{"n": 1}]
    assert cancelled and slow_got == [{"n": 2}]


async def run_stream(stream: Any, leave: asyncio.Event, into: list[Message]) -> None:
    """An ASGI stream whose client leaves when `leave` is set."""

    async def receive() -> Message:
        await leave.wait()
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        into.append(message)

    await stream({"type": "http"}, receive, send)


def test_a_stream_that_leaves_unsubscribes_and_gives_its_place_back() -> None:
    async def scenario() -> tuple[int, int, list[bytes], int]:
        hub = Broadcaster()
        hub.start(asyncio.get_running_loop())
        released: list[int] = []
        leave = asyncio.Event()
        got: list[Message] = []
        stream = UpdateStream(hub, "cup", 5, release=lambda: released.append(1))
        task = asyncio.ensure_future(run_stream(stream, leave, got))
        await settle()
        watching = hub.viewers("cup")
        hub.publish(Update("cup", 6))
        await settle()
        leave.set()
        await asyncio.wait_for(task, 2)
        hub.stop()
        bodies = [m["body"] for m in got if m["type"] == "http.response.body"]
        assert all(isinstance(b, bytes) for b in bodies)
        return watching, hub.viewers("cup"), bodies, len(released)  # type: ignore[return-value]

    watching, after, bodies, released = in_own_loop(scenario())
    assert watching == 1 and after == 0 and released == 1
    assert b"id: 5\n" in bodies[0] and bodies[1] == Update("cup", 6).frame


def test_feed_viewers_share_one_reading_of_the_feed_per_update() -> None:
    reads: list[int] = []

    def feed() -> tuple[int, str, str]:
        reads.append(1)
        return 9, '{"heat":1}', "heat 1" if len(reads) < 4 else "heat 2"

    async def scenario() -> list[list[Message]]:
        hub = Broadcaster()
        hub.start(asyncio.get_running_loop())
        leave = asyncio.Event()
        got: list[list[Message]] = [[], [], []]
        tasks = [
            asyncio.ensure_future(run_stream(FeedStream(hub, "cup", feed), leave, into))
            for into in got
        ]
        for _ in range(20):
            await asyncio.sleep(0.01)
        hub.publish(Update("cup", 10))  # the 4th reading: the feed says something new
        for _ in range(20):
            await asyncio.sleep(0.01)
        leave.set()
        await asyncio.wait_for(asyncio.gather(*tasks), 2)
        hub.stop()
        return got

    got = in_own_loop(scenario())
    assert len(reads) == 4  # one per opening, then one for all three viewers
    for messages in got:
        frames = [m["body"] for m in messages if b"current-heat" in m.get("body", b"")]  # type: ignore[operator]
        assert len(frames) == 2


def test_bodies_go_to_the_servers_own_send_once_the_headers_went_through_the_middlewares() -> None:
    from pursuit.web.security_headers import SERVER_SEND

    async def scenario() -> tuple[list[str], list[bytes]]:
        hub = Broadcaster()
        hub.start(asyncio.get_running_loop())
        leave = asyncio.Event()
        chain: list[Message] = []
        server: list[Message] = []

        async def receive() -> Message:
            await leave.wait()
            return {"type": "http.disconnect"}

        async def through_middlewares(message: MutableMapping[str, Any]) -> None:
            chain.append(dict(message))

        async def server_send(message: Message) -> None:
            server.append(message)

        scope = {"type": "http", SERVER_SEND: server_send}
        stream = UpdateStream(hub, "cup", 5)
        task = asyncio.ensure_future(stream(scope, receive, through_middlewares))
        await settle()
        hub.publish(Update("cup", 6))
        await settle()
        leave.set()
        await asyncio.wait_for(task, 2)
        hub.stop()
        return [str(m["type"]) for m in chain], [m["body"] for m in server]  # type: ignore[misc]

    chain, server = in_own_loop(scenario())
    assert chain == ["http.response.start", "http.response.body"]  # headers, then the opening
    assert server == [Update("cup", 6).frame]
