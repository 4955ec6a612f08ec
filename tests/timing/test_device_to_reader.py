"""The emulator through a pseudo-terminal read with pyserial, and through loopback TCP: the
reader hands on exactly the impulses the emulator sent, a double once, a dropped one never."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from pursuit.core.commands import TakeImpulse
from pursuit.core.times import RaceTime
from pursuit.timing.emulator import (
    THREE_PM,
    Options,
    Plan,
    PtyDevice,
    TcpDevice,
    default_example,
    plan_file,
    play,
)
from pursuit.timing.reader import (
    ByteSource,
    DeviceReader,
    SerialSource,
    TcpSource,
    TimerCommand,
)


def wait_for(condition: Callable[[], bool], seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def sent(plan: Plan) -> list[tuple[int, str, RaceTime]]:
    """Each impulse the emulator sent, once (a double is the same impulse again)."""
    return [(i.number, i.channel, i.time_of_day) for i in plan.impulses if not i.double]


def heat_plan() -> Plan:
    options = Options(jitter_ms=5, drop=0.1, double=0.1, seed=11)
    plan = plan_file(default_example(), "Q", 1, options=options, start_at=THREE_PM)
    assert any(p.dropped for p in plan.heats[0].passages)
    assert any(i.double for i in plan.impulses)
    return plan


def read_through(
    source: ByteSource, device: PtyDevice | TcpDevice, plan: Plan
) -> list[TimerCommand]:
    got: list[TimerCommand] = []
    reader = DeviceReader(source, got.append, reconnect=False)
    stop = threading.Event()
    thread = threading.Thread(target=reader.run, args=(stop,))
    thread.start()
    try:
        wait_for(lambda: reader.status.connected)
        if isinstance(device, TcpDevice):
            assert device.wait_for_client(5)
        assert play(plan, device, speed=0) == len(plan.impulses)
        wait_for(lambda: reader.status.impulses + reader.status.duplicates >= len(plan.impulses))
    finally:
        device.close()  # the device goes away: the reader ends (it does not reconnect)
        thread.join(10)
        stop.set()
    assert not thread.is_alive()
    assert reader.status.state == "stopped"
    assert reader.status.duplicates == sum(i.double for i in plan.impulses)
    return got


def test_emulator_to_a_pseudo_terminal_to_pyserial() -> None:
    plan = heat_plan()
    device = PtyDevice()
    got = read_through(SerialSource(device.path), device, plan)
    assert all(isinstance(c, TakeImpulse) for c in got)
    assert [(c.number, c.channel, c.time_of_day) for c in got if isinstance(c, TakeImpulse)] == (
        sent(plan)
    )
    assert {c.source for c in got if isinstance(c, TakeImpulse)} == {f"serial:{device.path}"}


def test_emulator_to_loopback_tcp() -> None:
    plan = heat_plan()
    device = TcpDevice(0)
    got = read_through(TcpSource("127.0.0.1", device.port), device, plan)
    assert [(c.number, c.channel, c.time_of_day) for c in got if isinstance(c, TakeImpulse)] == (
        sent(plan)
    )


@pytest.mark.slow
def test_accelerated_time_keeps_the_pace() -> None:
    plan = plan_file(default_example(), "Q", 1, start_at=THREE_PM)
    device = TcpDevice(0)
    client = TcpSource("127.0.0.1", device.port)
    client.open()
    assert device.wait_for_client(5)
    began = time.monotonic()
    play(plan, device, speed=400)  # a heat of 5 min 20 s in about 0.8 s
    took = time.monotonic() - began
    client.close()
    device.close()
    last = plan.impulses[-1].at / 400
    assert last <= took < last + 1.0
