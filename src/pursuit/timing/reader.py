"""Reading a timer: bytes from a serial port or a TCP socket become impulse commands.

A `ByteSource` is where the bytes come from (`SerialSource` with pyserial, `TcpSource` a socket
client). `DeviceReader` cuts them into lines (`LineSplitter`), reads each line (`parse_line`)
and hands a `TakeImpulse` for an impulse, a `TakeTimerNoise` for anything else, to its sink.
An impulse the timer sends twice (same number, channel and time of day) is handed on once.
When the device drops, the reader says so and opens it again, waiting longer each time up to a
limit; every change of state and of the counts goes to its `on_status` callback.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal, Protocol

import serial

from pursuit.app.service import utc_now
from pursuit.core.commands import TakeImpulse, TakeTimerNoise
from pursuit.core.timer_lines import LineSplitter, TimerImpulse, parse_line
from pursuit.errors import PursuitError

DEFAULT_BAUD = 38_400
PARITIES = {"N": serial.PARITY_NONE, "E": serial.PARITY_EVEN, "O": serial.PARITY_ODD}
READ_TIMEOUT_S = 0.2  # how long a read waits for bytes, so a stop is noticed soon
RETRY = "; trying again in "
REMEMBERED = 4096  # impulses remembered to recognise one sent again

State = Literal["connecting", "connected", "disconnected", "reconnecting", "stopped", "failed"]
TimerCommand = TakeImpulse | TakeTimerNoise


class DeviceError(PursuitError):
    """A timing device that cannot be opened."""


class DeviceDropped(Exception):
    """The connection to the device ended (closed by the other end, cable pulled, …)."""


class ByteSource(Protocol):
    """Where a timer's bytes come from."""

    @property
    def name(self) -> str:
        """Names the device in every impulse it gives: `serial:/dev/ttyUSB0`, `tcp:host:port`."""
        ...

    def open(self) -> None:
        """Connect; raises DeviceError when it cannot."""
        ...

    def read(self) -> bytes:
        """What arrived, b"" after a short wait with nothing; raises DeviceDropped."""
        ...

    def close(self) -> None: ...


class SerialSource:
    """A serial port (RS-232, a USB adapter, a pseudo-terminal) read with pyserial, 8 data
    bits, 1 stop bit."""

    def __init__(
        self,
        port: str,
        baudrate: int = DEFAULT_BAUD,
        parity: str = "N",
        timeout: float = READ_TIMEOUT_S,
    ) -> None:
        if parity not in PARITIES:
            raise DeviceError(f"parity must be one of {', '.join(PARITIES)}; got {parity!r}")
        self.port = port
        self.baudrate = baudrate
        self.parity = parity
        self.timeout = timeout
        self._serial: serial.Serial | None = None

    @property
    def name(self) -> str:
        return f"serial:{self.port}"

    def open(self) -> None:
        try:
            self._serial = serial.Serial(
                self.port,
                baudrate=self.baudrate,
                parity=PARITIES[self.parity],
                bytesize=serial.EIGHTBITS,
                stopbits=serial.STOPBITS_ONE,
                timeout=self.timeout,
            )
        except (serial.SerialException, OSError, ValueError) as e:
            errno = getattr(e, "errno", None)
            reason = os.strerror(errno) if isinstance(errno, int) else str(e)
            raise DeviceError(f"cannot open serial port {self.port}: {reason}") from e

    def read(self) -> bytes:
        port = self._serial
        if port is None:
            raise DeviceDropped("the serial port is not open")
        try:
            data = bytes(port.read(1))
            if data:
                waiting = port.in_waiting
                if waiting:
                    data += bytes(port.read(waiting))
            return data
        except (serial.SerialException, OSError) as e:
            raise DeviceDropped(f"the serial port {self.port} dropped: {e}") from e

    def close(self) -> None:
        port, self._serial = self._serial, None
        if port is not None:
            with contextlib.suppress(serial.SerialException, OSError):
                port.close()


class TcpSource:
    """A TCP connection to a timing PC or a serial-to-network bridge sending the same lines."""

    def __init__(
        self,
        host: str,
        port: int,
        timeout: float = READ_TIMEOUT_S,
        connect_timeout: float = 5.0,
    ) -> None:
        self.host = host
        self.port = port
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self._socket: socket.socket | None = None

    @property
    def name(self) -> str:
        return f"tcp:{self.host}:{self.port}"

    def open(self) -> None:
        try:
            sock = socket.create_connection((self.host, self.port), self.connect_timeout)
        except OSError as e:
            raise DeviceError(f"cannot connect to {self.host}:{self.port}: {e}") from e
        sock.settimeout(self.timeout)
        self._socket = sock

    def read(self) -> bytes:
        sock = self._socket
        if sock is None:
            raise DeviceDropped("the connection is not open")
        try:
            data = sock.recv(4096)
        except TimeoutError:
            return b""
        except OSError as e:
            raise DeviceDropped(f"the connection to {self.host}:{self.port} dropped: {e}") from e
        if not data:
            raise DeviceDropped(f"{self.host}:{self.port} closed the connection")
        return data

    def close(self) -> None:
        sock, self._socket = self._socket, None
        if sock is not None:
            sock.close()


def parse_address(text: str) -> tuple[str, int]:
    """`HOST:PORT` (an IPv6 host in brackets: `[::1]:7000`)."""
    host, sep, port = text.rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65_536:
        raise DeviceError(f"a TCP address is HOST:PORT, e.g. 10.0.0.5:7000; got {text!r}")
    return host, int(port)


@dataclass(frozen=True, slots=True)
class ReaderStatus:
    """Where the reader stands: connected or not, and what it has read so far."""

    source: str
    state: State
    impulses: int = 0
    noise: int = 0
    duplicates: int = 0
    message: str = ""

    @property
    def connected(self) -> bool:
        return self.state == "connected"


@dataclass(frozen=True, slots=True)
class Backoff:
    """Seconds to wait before the n-th attempt to reconnect: doubling from `first` to `most`."""

    first: float = 0.5
    most: float = 10.0

    def delay(self, attempt: int) -> float:
        return float(min(self.most, self.first * 2 ** max(attempt - 1, 0)))


class DeviceReader:
    """Reads one device and hands each impulse (once) and each noise line to `sink`."""

    def __init__(
        self,
        source: ByteSource,
        sink: Callable[[TimerCommand], None],
        *,
        clock: Callable[[], str] = utc_now,
        on_status: Callable[[ReaderStatus], None] | None = None,
        backoff: Backoff | None = None,
        reconnect: bool = True,
        retry_first: bool = False,
        remember: int = REMEMBERED,
    ) -> None:
        self.source = source
        self._sink = sink
        self._clock = clock
        self._on_status = on_status
        self._backoff = backoff or Backoff()
        self._reconnect = reconnect
        self._retry_first = retry_first
        self._remember = remember
        self._seen: OrderedDict[tuple[int, str, int], None] = OrderedDict()
        self._splitter = LineSplitter()
        self.status = ReaderStatus(source.name, "connecting")

    # -- lines ---------------------------------------------------------------------------

    def feed(self, data: bytes) -> None:
        """Bytes as they arrived, in any pieces: each whole line is read and handed on."""
        for line in self._splitter.feed(data):
            self._line(line)

    def end_of_stream(self) -> None:
        """The connection ended: a line cut short is noise, not lost."""
        for line in self._splitter.flush():
            self._line(line)

    def _line(self, line: str) -> None:
        found = parse_line(line)
        received_at = self._clock()
        if isinstance(found, TimerImpulse):
            key = (found.number, found.channel, found.time_of_day.ticks)
            if key in self._seen:
                self._seen.move_to_end(key)
                self._set(duplicates=self.status.duplicates + 1)
                return
            self._seen[key] = None
            if len(self._seen) > self._remember:
                self._seen.popitem(last=False)
            self._set(impulses=self.status.impulses + 1)
            self._sink(
                TakeImpulse(
                    source=self.source.name,
                    number=found.number,
                    channel=found.channel,
                    time_of_day=found.time_of_day,
                    received_at=received_at,
                    manual=found.manual,
                )
            )
        else:
            self._set(noise=self.status.noise + 1)
            self._sink(TakeTimerNoise(self.source.name, found.raw, found.reason, received_at))

    # -- the connection ------------------------------------------------------------------

    def run(self, stop: threading.Event) -> None:
        """Read until `stop` is set (or, without `reconnect`, until the device drops).

        Raises DeviceError when the device cannot be opened the first time (a mistyped port is
        an error) unless `retry_first`; once it has been open, it is opened again and again."""
        attempt = 0
        opened_once = False
        try:
            while not stop.is_set():
                try:
                    self.source.open()
                except DeviceError as e:
                    if not opened_once and not self._retry_first:
                        self._set(state="failed", message=str(e))
                        raise
                    attempt += 1
                    wait = self._backoff.delay(attempt)
                    self._set(state="reconnecting", message=f"{e}{RETRY}{wait:.1f} s")
                    if stop.wait(wait):
                        break
                    continue
                opened_once, attempt = True, 0
                self._set(state="connected", message="")
                try:
                    while not stop.is_set():
                        data = self.source.read()
                        if data:
                            self.feed(data)
                except DeviceDropped as e:
                    self.end_of_stream()
                    self._set(state="disconnected", message=str(e))
                    if not self._reconnect:
                        break
                    wait = self._backoff.delay(1)
                    self._set(state="reconnecting", message=f"{e}{RETRY}{wait:.1f} s")
                    if stop.wait(wait):
                        break
                finally:
                    self.source.close()
        finally:
            if self.status.state != "failed":
                reason = self.status.message.partition(RETRY)[0]
                self._set(state="stopped", message=reason)

    def _set(
        self,
        *,
        state: State | None = None,
        message: str | None = None,
        impulses: int | None = None,
        noise: int | None = None,
        duplicates: int | None = None,
    ) -> None:
        status = self.status
        self.status = replace(
            status,
            state=state if state is not None else status.state,
            message=message if message is not None else status.message,
            impulses=impulses if impulses is not None else status.impulses,
            noise=noise if noise is not None else status.noise,
            duplicates=duplicates if duplicates is not None else status.duplicates,
        )
        if self._on_status is not None and self.status != status:
            self._on_status(self.status)
