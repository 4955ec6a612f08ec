"""The listen loop: each command recorded under its impulse's key, refusals reported and the
loop going on, the channel map recorded at the start, a dry run recording nothing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pursuit.app.idempotency import KeyReused
from pursuit.app.importing import commands_from_file
from pursuit.app.service import CompetitionService
from pursuit.core.channels import DEFAULT_MAP, ChannelMap, ChannelUse
from pursuit.core.commands import (
    Command,
    MapChannels,
    ReportTimerStatus,
    TakeImpulse,
    TakeTimerNoise,
)
from pursuit.core.live_state import CompetitionState
from pursuit.core.times import RaceTime
from pursuit.errors import RuleViolation
from pursuit.store.open import open_store
from pursuit.timing.emulator import default_example
from pursuit.timing.listen import Limits, Listener, Outcome, impulse_key, listen
from pursuit.timing.reader import DeviceDropped, DeviceReader, ReaderStatus, TimerCommand

AT = "2026-10-20T15:00:00.000000+00:00"
T = RaceTime(15 * 3600 * 10_000, 4)


class Stored:
    def __init__(self, type_: str, data: dict[str, Any]) -> None:
        self.type = type_
        self.data = data


class Done:
    def __init__(self, stored: list[Stored]) -> None:
        self.stored = tuple(stored)


class FakeService:
    """Records impulses as `ImpulseReceived`, refuses impulse 13, says a key twice is reused."""

    def __init__(self) -> None:
        self.calls: list[tuple[Command, str | None]] = []
        self.keys: set[str] = set()

    def state(self, competition: str) -> CompetitionState:
        return CompetitionState()  # a competition with no map of its own yet: the default

    def handle(self, competition: str, request: Any, actor: str, command_id: Any = None) -> Any:
        assert competition == "c1" and actor == "timer"
        self.calls.append((request, command_id))
        if command_id is not None:
            if command_id in self.keys:
                raise KeyReused("used")
            self.keys.add(command_id)
        if isinstance(request, TakeImpulse) and request.number == 13:
            raise RuleViolation("no heat is running")
        return Done([Stored(type(request).__name__, {"number": getattr(request, "number", 0)})])


def impulse(number: int, seconds: int = 0) -> TakeImpulse:
    return TakeImpulse("fake:1", number, "C1", RaceTime(T.ticks + seconds * 10_000, 4), AT)


def test_the_listener_records_with_the_impulse_key() -> None:
    svc = FakeService()
    delayed = ChannelMap({**DEFAULT_MAP.uses, "C1": ChannelUse("line", "red", 12)})
    listener = Listener(svc, "c1", delayed)  # type: ignore[arg-type]
    assert Listener(svc, "c1", DEFAULT_MAP).begin() is None  # the competition has that one
    begun = listener.begin()
    assert begun is not None and isinstance(begun.command, MapChannels)
    assert svc.calls[0][1] is None
    first = listener.take(impulse(1))
    assert first.events == (("TakeImpulse", "TakeImpulse number=1"),)
    assert svc.calls[-1][1] == impulse_key(impulse(1)) == "impulse:fake:1:1:540000000"
    again = listener.take(impulse(1))
    assert again.duplicate and again.refused is None
    refused = listener.take(impulse(13))
    assert refused.refused == "no heat is running"
    noise = listener.take(TakeTimerNoise("fake:1", "xx", "garbled", AT))
    assert svc.calls[-1][1] is None and noise.events


def test_a_dry_run_records_nothing() -> None:
    listener = Listener(None, "", DEFAULT_MAP)
    assert listener.begin() is None
    assert listener.take(impulse(1)).dry_run


class Pieces:
    """A device that gives its bytes once and drops."""

    name = "fake:1"

    def __init__(self, data: bytes) -> None:
        self.data = [data]

    def open(self) -> None:
        pass

    def read(self) -> bytes:
        if not self.data:
            raise DeviceDropped("gone")
        return self.data.pop()

    def close(self) -> None:
        pass


def reader_for(
    data: bytes,
) -> Callable[[Callable[[TimerCommand], None], Callable[[ReaderStatus], None]], DeviceReader]:
    def make(sink: Callable[[TimerCommand], None], status: Callable[[ReaderStatus], None]) -> Any:
        return DeviceReader(Pieces(data), sink, on_status=status, reconnect=False)

    return make


LINES = (
    b"".join(f"{n:04d} C1  15:00:{n:02d}.0000 00\r\n".encode() for n in (1, 2, 13, 14))
    + b"garbage\r\n"
)


def test_the_loop_goes_on_after_a_refusal_and_ends_with_the_device() -> None:
    svc = FakeService()
    seen: list[Outcome | ReaderStatus] = []
    summary = listen(reader_for(LINES), Listener(svc, "c1", DEFAULT_MAP), seen.append)  # type: ignore[arg-type]
    outcomes = [o for o in seen if isinstance(o, Outcome)]
    links = [o.command for o in outcomes if isinstance(o.command, ReportTimerStatus)]
    assert [link.connected for link in links][:1] == [True] and not links[-1].connected
    assert [type(o.command).__name__ for o in outcomes if o.command not in links] == [
        *["TakeImpulse"] * 4,
        "TakeTimerNoise",
    ]
    assert (summary.taken, summary.refused) == (4, 1)
    assert summary.status.state == "stopped"
    assert [s.state for s in seen if isinstance(s, ReaderStatus)][-1] == "stopped"


def test_the_loop_stops_after_so_many_impulses() -> None:
    seen: list[Outcome | ReaderStatus] = []
    stop = threading.Event()
    summary = listen(
        reader_for(LINES), Listener(None, "", DEFAULT_MAP), seen.append, Limits(impulses=2), stop
    )
    assert summary.taken == 2 and stop.is_set()


def test_into_a_real_store_a_refusal_never_stops_the_loop(tmp_path: Path) -> None:
    svc = CompetitionService(open_store(f"sqlite:///{tmp_path / 'c.db'}"))
    svc.handle("mexico", commands_from_file(default_example()), "test")
    seen: list[Outcome | ReaderStatus] = []
    summary = listen(reader_for(LINES), Listener(svc, "mexico", DEFAULT_MAP), seen.append)
    outcomes = [o for o in seen if isinstance(o, Outcome)]
    # the link, four impulses and the noise, each recorded or refused (the map is the default)
    assert [type(o.command).__name__ for o in outcomes][:1] == ["ReportTimerStatus"]
    timer = [o for o in outcomes if not isinstance(o.command, ReportTimerStatus)]
    assert len(timer) == 5
    assert all(o.events or o.refused for o in timer)
    links = svc.state("mexico").timing.links
    assert [link.connected for link in links.values()] == [False]  # the device closed
    reported = [
        e.data["connected"] for e in svc.history("mexico") if e.type == "TimerStatusReported"
    ]
    assert reported[0] is True and reported[-1] is False
    assert summary.taken == 4
