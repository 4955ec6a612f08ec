"""A timer read by the server itself: `pursuit serve --timer-serial PORT -c ID` (or the demo).

The reader runs in a thread of the serving process and records through the hub, so an impulse
reaches every viewer's page as soon as it is recorded, with no polling between processes. It is
the same reader and listener `pursuit timing listen` runs on its own (`pursuit.timing`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from pursuit.core.channels import DEFAULT_MAP, ChannelMap
from pursuit.core.commands import TakeImpulse, TakeTimerNoise
from pursuit.core.live_state import CompetitionState
from pursuit.loading.channel_map import load_channel_map
from pursuit.timing.listen import Listener, Outcome, listen
from pursuit.timing.reader import (
    ByteSource,
    DeviceReader,
    ReaderStatus,
    SerialSource,
    TcpSource,
    TimerCommand,
    parse_address,
)
from pursuit.web.hub import Hub
from pursuit.web.settings import TimerSettings

log = logging.getLogger("pursuit.timer")


class _HubDesk:
    """The hub as the listener's service: records announce themselves to every viewer."""

    def __init__(self, hub: Hub) -> None:
        self._hub = hub

    def state(self, competition: str) -> CompetitionState:
        return self._hub.read(competition, lambda state: state)

    def handle(self, competition: str, request: Any, actor: str, command_id: Any = None) -> Any:
        return self._hub.handle(competition, request, actor, command_id)


class TimerLink:
    """Reads one timer into one competition until stopped; reconnects when the device drops."""

    def __init__(
        self, hub: Hub, competition: str, source: ByteSource, channel_map: ChannelMap
    ) -> None:
        self.listener = Listener(_HubDesk(hub), competition, channel_map)
        self.source = source
        self.status: ReaderStatus | None = None
        self.handled = 0  # lines recorded or refused so far (impulses and noise)
        self._stop = threading.Event()
        self._done = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="pursuit-timer-link", daemon=True)

    @property
    def competition(self) -> str:
        return self.listener.competition

    @competition.setter
    def competition(self, competition: str) -> None:
        self.listener.competition = competition

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def wait_connected(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.status is not None and self.status.connected:
                return True
            time.sleep(0.02)
        return False

    def wait_handled(self, count: int, timeout: float) -> bool:
        """Until `count` lines have been recorded (or refused), or `timeout` seconds."""
        with self._done:
            return self._done.wait_for(lambda: self.handled >= count, timeout)

    def _report(self, item: Outcome | ReaderStatus) -> None:
        if isinstance(item, ReaderStatus):
            if self.status is None or item.state != self.status.state:
                log.info("timer %s: %s %s", item.source, item.state, item.message)
            self.status = item
            return
        if item.refused:
            log.info("timer: %s", item.refused)
        if isinstance(item.command, TakeImpulse | TakeTimerNoise):
            with self._done:
                self.handled += 1
                self._done.notify_all()

    def _run(self) -> None:
        def reader(
            sink: Callable[[TimerCommand], None], status: Callable[[ReaderStatus], None]
        ) -> DeviceReader:
            return DeviceReader(self.source, sink, on_status=status, retry_first=True)

        try:
            listen(reader, self.listener, self._report, stop=self._stop)
        except Exception:  # the link must not take the server down; say why it stopped
            log.exception("the timer link stopped")


def timer_link(hub: Hub, settings: TimerSettings) -> TimerLink:
    """The link `pursuit serve --timer-…` asked for."""
    channel_map = load_channel_map(settings.channels) if settings.channels else DEFAULT_MAP
    source: ByteSource
    if settings.tcp is not None:
        source = TcpSource(*parse_address(settings.tcp))
    else:
        assert settings.serial is not None
        source = SerialSource(settings.serial, settings.baud, settings.parity)
    return TimerLink(hub, settings.competition, source, channel_map)
