"""The device reader: bytes in any pieces become impulse and noise commands, an impulse sent
twice is handed on once, and a device that drops is opened again."""

from __future__ import annotations

import threading
from collections.abc import Iterable

import pytest

from pursuit.core.commands import TakeImpulse, TakeTimerNoise
from pursuit.core.times import RaceTime
from pursuit.timing.reader import (
    Backoff,
    DeviceDropped,
    DeviceError,
    DeviceReader,
    ReaderStatus,
    TimerCommand,
    parse_address,
)

AT = "2026-10-20T15:00:00.000000+00:00"


def tod(text: str) -> RaceTime:
    h, m, s = text.split(":")
    return RaceTime(round((int(h) * 3600 + int(m) * 60 + float(s)) * 10_000), 4)


class FakeSource:
    """Each connection gives its pieces of bytes, then drops; an opening may fail."""

    def __init__(self, connections: Iterable[list[bytes] | str]) -> None:
        self.connections = list(connections)
        self.current: list[bytes] = []
        self.opened = 0
        self.closed = 0
        self.done = threading.Event()

    @property
    def name(self) -> str:
        return "fake:1"

    def open(self) -> None:
        if not self.connections:
            self.done.set()
            raise DeviceError("no more connections")
        given = self.connections.pop(0)
        if isinstance(given, str):
            raise DeviceError(given)
        self.opened += 1
        self.current = list(given)

    def read(self) -> bytes:
        if not self.current:
            raise DeviceDropped("the fake device dropped")
        return self.current.pop(0)

    def close(self) -> None:
        self.closed += 1


def reader_of(
    source: FakeSource, **kwargs: object
) -> tuple[DeviceReader, list[TimerCommand], list[ReaderStatus]]:
    got: list[TimerCommand] = []
    statuses: list[ReaderStatus] = []
    reader = DeviceReader(
        source,
        got.append,
        clock=lambda: AT,
        on_status=statuses.append,
        backoff=Backoff(0.001, 0.004),
        **kwargs,  # type: ignore[arg-type]
    )
    return reader, got, statuses


def test_lines_in_pieces_become_impulses() -> None:
    reader, got, _ = reader_of(FakeSource([]))
    for piece in [b"0051 C0  08:44", b":20.1228 00\r", b"\n0052 C1M 08:45:", b"01.5 00\r\n"]:
        reader.feed(piece)
    assert got == [
        TakeImpulse("fake:1", 51, "C0", tod("08:44:20.1228"), AT),
        TakeImpulse("fake:1", 52, "C1", tod("08:45:01.5"), AT, manual=True),
    ]
    assert (reader.status.impulses, reader.status.noise) == (2, 0)


def test_garbled_lines_are_noise_and_reading_goes_on() -> None:
    reader, got, _ = reader_of(FakeSource([]))
    reader.feed(b"TIMY STATUS OK\r\n00\xff53 C1 xx\r\n0054 C1  25:00:00.0000 00\r\n")
    reader.feed(b"0055 C2  08:46:00.0000 00\n")
    noise = [c for c in got if isinstance(c, TakeTimerNoise)]
    assert [n.raw for n in noise] == [
        "TIMY STATUS OK",
        "00\ufffd53 C1 xx",
        "0054 C1  25:00:00.0000 00",
    ]
    assert all(n.reason and n.source == "fake:1" and n.received_at == AT for n in noise)
    assert isinstance(got[-1], TakeImpulse) and got[-1].number == 55
    assert (reader.status.impulses, reader.status.noise) == (1, 3)


def test_an_impulse_sent_twice_is_handed_on_once() -> None:
    reader, got, _ = reader_of(FakeSource([]))
    line = b"0051 C1  08:44:20.1228 00\r\n"
    reader.feed(line + line)
    reader.feed(b"0052 C1  08:44:21.0000 00\r\n" + line)
    assert [c.number for c in got if isinstance(c, TakeImpulse)] == [51, 52]
    assert reader.status.duplicates == 2
    # another impulse with the same number at another time is not the same one
    reader.feed(b"0051 C1  09:00:00.0000 00\r\n")
    assert len(got) == 3


def test_the_memory_of_impulses_is_bounded() -> None:
    reader, got, _ = reader_of(FakeSource([]), remember=2)
    for n in (1, 2, 3, 1):
        reader.feed(f"{n:04d} C1  08:00:0{n}.0000 00\n".encode())
    assert [c.number for c in got if isinstance(c, TakeImpulse)] == [1, 2, 3, 1]


def test_a_line_cut_by_a_drop_is_noise_and_the_reader_reconnects() -> None:
    source = FakeSource(
        [
            [b"0001 C0  15:00:00.0000 00\r\n0002 C1  15:00:2"],
            "the port is gone",
            [b"0002 C1  15:00:20.1500 00\r\n0001 C0  15:00:00.0000 00\r\n"],
        ]
    )
    reader, got, statuses = reader_of(source, retry_first=False)
    stop = threading.Event()
    thread = threading.Thread(target=reader.run, args=(stop,))
    thread.start()
    assert source.done.wait(5)
    stop.set()
    thread.join(5)
    assert not thread.is_alive()
    assert [type(c).__name__ for c in got] == ["TakeImpulse", "TakeTimerNoise", "TakeImpulse"]
    assert isinstance(got[1], TakeTimerNoise) and got[1].raw == "0002 C1  15:00:2"
    assert source.opened == 2 and source.closed == 2
    states = [s.state for n, s in enumerate(statuses) if n == 0 or statuses[n - 1].state != s.state]
    assert states[:5] == ["connected", "disconnected", "reconnecting", "connected", "disconnected"]
    assert states[-1] == "stopped"
    assert any("the port is gone" in s.message for s in statuses if s.state == "reconnecting")
    assert reader.status.duplicates == 1  # the start impulse, sent again after the reconnect


def test_a_device_that_cannot_be_opened_the_first_time_is_an_error() -> None:
    reader, _, statuses = reader_of(FakeSource(["no such port"]))
    with pytest.raises(DeviceError, match="no such port"):
        reader.run(threading.Event())
    assert statuses[-1].state == "failed"


def test_without_reconnect_the_reader_ends_when_the_device_closes() -> None:
    source = FakeSource([[b"0001 C0  15:00:00.0000 00\n"], [b"never read"]])
    reader, got, statuses = reader_of(source, reconnect=False)
    reader.run(threading.Event())
    assert len(got) == 1 and source.opened == 1
    assert statuses[-1].state == "stopped"


def test_backoff_doubles_up_to_a_limit() -> None:
    backoff = Backoff(0.5, 4.0)
    assert [backoff.delay(n) for n in range(1, 6)] == [0.5, 1.0, 2.0, 4.0, 4.0]


def test_tcp_addresses() -> None:
    assert parse_address("10.0.0.5:7000") == ("10.0.0.5", 7000)
    assert parse_address("[::1]:7000") == ("::1", 7000)
    for bad in ("10.0.0.5", ":7000", "host:port", "host:70000"):
        with pytest.raises(DeviceError, match="HOST:PORT"):
            parse_address(bad)
