"""`pursuit timing listen`: a device's impulses recorded, one command each, for as long as it runs.

The reader runs in a thread of its own and puts what it reads on a queue; the calling thread
takes each command off it and records it through `CompetitionService.handle` under an
idempotency key made of the source, the impulse number and its time of day, so an impulse sent
again (or read again after a restart) is the same command and is recorded once. A command the
rules refuse is reported and the loop goes on; nothing the device sends stops it.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from pursuit.app.describe import describe
from pursuit.app.idempotency import KeyReused
from pursuit.app.service import Handled, Request, utc_now
from pursuit.core.channels import ChannelMap
from pursuit.core.commands import (
    Command,
    MapChannels,
    ReportTimerStatus,
    TakeImpulse,
    TakeTimerNoise,
)
from pursuit.core.impulses import clock_text
from pursuit.errors import PursuitError
from pursuit.loading.channel_map import map_channels_command
from pursuit.timing.reader import DeviceReader, ReaderStatus, TimerCommand

ACTOR = "timer"


class Service(Protocol):
    def handle(
        self, competition: str, request: Request, actor: str, command_id: str | None = None
    ) -> Handled: ...

    def state(self, competition: str) -> Any: ...


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one command: the events recorded (type and one line each), or why not."""

    command: Command
    events: tuple[tuple[str, str], ...] = ()
    refused: str | None = None
    duplicate: bool = False  # already recorded (the same impulse taken before)
    dry_run: bool = False


def impulse_key(command: TakeImpulse) -> str:
    """The idempotency key of an impulse: the same impulse again is the same command."""
    return f"impulse:{command.source}:{command.number}:{command.time_of_day.ticks}"


class Listener:
    """Records a device's commands into one competition (or, `dry_run`, only says them)."""

    def __init__(
        self,
        service: Service | None,
        competition: str,
        channel_map: ChannelMap,
        actor: str = ACTOR,
    ) -> None:
        self.service = service
        self.competition = competition
        self.channel_map = channel_map
        self.actor = actor

    @property
    def dry_run(self) -> bool:
        return self.service is None

    def begin(self) -> Outcome | None:
        """Record the channel map unless the competition already has this one."""
        if self.service is None:
            return None
        if self.service.state(self.competition).timing.channel_map == self.channel_map:
            return None
        return self.take(map_channels_command(self.channel_map))

    def link(self, status: ReaderStatus) -> Outcome | None:
        """Record the link to the timer coming up or going down (once per change)."""
        if self.service is None or status.state in ("connecting", "reconnecting"):
            return None
        connected = status.state == "connected"
        detail = status.state if connected else f"{status.state}: {status.message}".rstrip(": ")
        return self.take(ReportTimerStatus(status.source, connected, detail, utc_now()))

    def take(self, command: Command) -> Outcome:
        if self.service is None:
            return Outcome(command, dry_run=True)
        key = impulse_key(command) if isinstance(command, TakeImpulse) else None
        try:
            done = self.service.handle(self.competition, command, self.actor, key)
        except KeyReused:
            return Outcome(command, duplicate=True)
        except PursuitError as e:
            return Outcome(command, refused=str(e))
        events = tuple((s.type, describe(s.type, s.data)) for s in done.stored)
        return Outcome(command, events)


@dataclass(frozen=True, slots=True)
class Limits:
    """When to stop besides Ctrl+C: after `seconds`, after `impulses` impulses taken."""

    seconds: float | None = None
    impulses: int | None = None


@dataclass(frozen=True, slots=True)
class Summary:
    status: ReaderStatus
    taken: int  # impulses handed to the listener
    refused: int
    duplicates: int  # impulses already recorded (by the key), besides those the reader dropped


Report = Callable[[Outcome | ReaderStatus], None]


def listen(
    make_reader: Callable[
        [Callable[[TimerCommand], None], Callable[[ReaderStatus], None]], DeviceReader
    ],
    listener: Listener,
    report: Report,
    limits: Limits = Limits(),
    stop: threading.Event | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Summary:
    """Run a reader in a thread and record what it reads until `stop` is set, a limit is
    reached or the reader ends (the device closed and it does not reconnect). Raises the
    reader's DeviceError when the device cannot be opened at all."""
    stop = stop or threading.Event()
    inbox: queue.Queue[TimerCommand | ReaderStatus] = queue.Queue()
    reader = make_reader(inbox.put, inbox.put)
    failure: list[BaseException] = []

    def run() -> None:
        try:
            reader.run(stop)
        except BaseException as e:  # handed to the calling thread, which raises it
            failure.append(e)

    thread = threading.Thread(target=run, name="pursuit-timing-reader", daemon=True)
    deadline = clock() + limits.seconds if limits.seconds is not None else None
    taken = refused = duplicates = 0
    begun = listener.begin()
    if begun is not None:
        report(begun)
    thread.start()
    try:
        while True:
            if deadline is not None and clock() >= deadline:
                break
            if limits.impulses is not None and taken >= limits.impulses:
                break
            try:
                item = inbox.get(timeout=0.05)
            except queue.Empty:
                if not thread.is_alive() and inbox.empty():
                    break
                continue
            if isinstance(item, ReaderStatus):
                report(item)
                linked = listener.link(item)
                if linked is not None:
                    report(linked)
                continue
            outcome = listener.take(item)
            if isinstance(item, TakeImpulse):
                taken += 1
            refused += outcome.refused is not None
            duplicates += outcome.duplicate
            report(outcome)
    finally:
        stop.set()
        thread.join(timeout=2.0)
    while not inbox.empty():  # the last status changes (stopped) are still worth saying
        item = inbox.get_nowait()
        if isinstance(item, ReaderStatus):
            report(item)
    if failure:
        raise failure[0]
    return Summary(reader.status, taken, refused, duplicates)


def describe_command(command: Command) -> str:
    """One line for a timer's command, as the listener shows it."""
    if isinstance(command, TakeImpulse):
        mark = " (manual)" if command.manual else ""
        return f"#{command.number} {command.channel} {clock_text(command.time_of_day)}{mark}"
    if isinstance(command, TakeTimerNoise):
        return f"noise {command.raw!r}: {command.reason}"
    if isinstance(command, MapChannels):
        uses = ", ".join(f"{c}={u}" for c, u in zip(command.channels, command.uses, strict=True))
        return f"channel map {uses}"
    return type(command).__name__
