"""A timer emulator: heats of a competition file ridden as the timer's lines.

`plan_heats` turns a competition into heats as the replay rides them (`app.replay`: the
published times, half-lap splits made up where none were published) and each heat into the
impulses a timer would send: one `start` impulse when the gates open (or one per gate when the
channel map has gates and no start), then each side's passages at the pursuit lines. The red
side starts on the red line, so its odd half laps are taken at the green line and its even ones,
the finish included, at the red line; the green side the other way round. Sides are those the
rules draw: in the first round the pairs as the replay draws them (the first of a pair red),
later the rider faster in the previous round red.

Options make the timer imperfect: jitter on each passage, passages dropped (no impulse at
all), impulses sent twice (same number) and, for team pursuit, four impulses per passage (the
riders ~0.15 s apart, the third at the true time), three once a rider has dropped off. Impulse
numbers run 1, 2, 3, … (four digits, wrapping), counting only what is sent.

`play` writes the lines in real or accelerated time to a `LineDevice`: a pseudo-terminal
(`PtyDevice`, whose slave path `timing listen --serial` opens) or a TCP server (`TcpDevice`).
The plan says what was intended: per heat, per entrant, per half lap, the elapsed time the
impulses carry and whether the passage was dropped.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import random
import select
import socket
import struct
import termios
import threading
import time
import tomllib
import tty
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol

from pursuit.app.replay import replay_script
from pursuit.core import commands as c
from pursuit.core.channels import DEFAULT_MAP, ChannelMap
from pursuit.core.competition import Competition, Side
from pursuit.core.impulses import time_of_day
from pursuit.core.timer_lines import format_line
from pursuit.core.times import TICKS_PER_SECOND, RaceTime
from pursuit.errors import PursuitError
from pursuit.loading.competition_file import load_competition
from pursuit.loading.format_files import format_definition, preset_names

EXAMPLE = "mexico-1968-men-individual-pursuit.toml"
GAP_BETWEEN_HEATS_S = 90.0
TEAM_OFFSETS_S = (-0.30, -0.15, 0.0, 0.15)  # four riders; the third times the passage
THREE_PM = RaceTime(15 * 3600 * TICKS_PER_SECOND, 4)
WRITE_WAIT_S = 1.0  # how long a write waits for a slow reader before the line is lost


class EmulatorError(PursuitError):
    """What the emulator was asked cannot be done (no such heat, a channel map without lines)."""


def default_example() -> Path:
    """The 1968 example: next to the sources in a checkout, else in the installed package."""
    here = Path(__file__).resolve()
    for base in (here.parents[3] / "examples", here.parents[1] / "examples"):
        if (base / EXAMPLE).is_file():
            return base / EXAMPLE
    raise EmulatorError(f"the example {EXAMPLE} is not installed; give a competition file")


@dataclass(frozen=True, slots=True)
class Options:
    jitter_ms: float = 0.0
    drop: float = 0.0  # chance a passage gets no impulse at all
    double: float = 0.0  # chance an impulse is sent twice
    team: bool = False  # four impulses per passage
    rider_off: int | None = None  # from this half lap on, three impulses per passage
    seed: int | None = None
    gap_s: float = GAP_BETWEEN_HEATS_S  # between one heat's last passage and the next start

    def __post_init__(self) -> None:
        if self.jitter_ms < 0:
            raise EmulatorError("--jitter-ms cannot be negative")
        for name, rate in (("--drop", self.drop), ("--double", self.double)):
            if not 0 <= rate <= 1:
                raise EmulatorError(f"{name} is a rate from 0 to 1; got {rate}")
        if self.rider_off is not None and self.rider_off < 1:
            raise EmulatorError("--rider-off is a half lap from 1")


@dataclass(frozen=True, slots=True)
class IntendedPassage:
    entrant: str
    side: str  # the side the entrant starts on
    half_lap: int  # from 1; the last is the finish
    line: str  # the line it is taken at
    elapsed: RaceTime  # what the impulses carry: timing impulse − start impulse, 1/10,000 s
    dropped: bool
    finish: bool


@dataclass(frozen=True, slots=True)
class Impulse:
    at: float  # seconds since the emulation began (virtual time)
    number: int
    channel: str
    time_of_day: RaceTime
    round: str
    heat: int
    what: str  # "start", "Name 3", "Name 3 (2 of 4)"
    double: bool = False  # the timer sent this one again

    @property
    def line(self) -> str:
        return format_line(self.number, self.channel, self.time_of_day)


@dataclass(frozen=True, slots=True)
class IntendedHeat:
    round: str
    heat: int
    sides: tuple[tuple[str, str], ...]  # (entrant, side)
    start: RaceTime  # time of day of the start impulse
    passages: tuple[IntendedPassage, ...]

    def passage(self, entrant: str, half_lap: int) -> IntendedPassage | None:
        for p in self.passages:
            if p.entrant == entrant and p.half_lap == half_lap:
                return p
        return None


@dataclass(frozen=True, slots=True)
class Plan:
    heats: tuple[IntendedHeat, ...]
    impulses: tuple[Impulse, ...]  # in the order they are sent, doubles included

    @property
    def lines(self) -> list[str]:
        return [i.line for i in self.impulses]


@dataclass
class _Heat:
    round: str
    heat: int
    start_at: float  # in the replay's time
    entrants: list[str] = field(default_factory=list)
    times: dict[str, dict[int, RaceTime]] = field(default_factory=dict)  # half lap -> elapsed


def load_file(path: Path) -> tuple[Competition, list[c.Command], list[float]]:
    """The competition in `path` and the replay's commands with their times."""
    loaded = load_competition(path)
    reference = tomllib.loads(path.read_text("utf-8"))["competition"]["format"]
    comp = loaded.competition
    name = reference if reference in preset_names() else comp.format.name
    steps = replay_script(comp, name, format_definition(reference, path.parent))
    return comp, [s.command for s in steps], [s.at for s in steps]


def ridden_heats(
    comp: Competition, commands: Sequence[c.Command], at: Sequence[float]
) -> list[_Heat]:
    """Each heat the replay rides: its entrants in drawn order and their elapsed times."""
    half_laps = comp.meta.counted_half_laps
    heats: dict[tuple[str, int], _Heat] = {}
    pairs: dict[str, tuple[tuple[str, ...], ...] | None] = {}
    for command, when in zip(commands, at, strict=True):
        if isinstance(command, c.DrawRound):
            pairs[command.round] = command.pairs
        elif isinstance(command, c.StartHeat):
            heats[(command.round, command.heat)] = _Heat(command.round, command.heat, when)
        elif isinstance(command, c.RecordSplit | c.RecordFinish):
            heat = heats.get((command.round, command.heat))
            if heat is None:
                continue
            if isinstance(command, c.RecordSplit):
                if command.elapsed is None or command.half_lap is None:
                    continue
                k, elapsed = command.half_lap, command.elapsed
            else:
                if command.time is None:
                    continue
                k, elapsed = half_laps, command.time
            if command.entrant not in heat.entrants:
                heat.entrants.append(command.entrant)
            heat.times.setdefault(command.entrant, {})[k] = elapsed
    out = list(heats.values())
    for heat in out:
        heat.entrants = _drawn_order(comp, heat, pairs.get(heat.round))
    return out


def _drawn_order(
    comp: Competition, heat: _Heat, pairs: tuple[tuple[str, ...], ...] | None
) -> list[str]:
    """The heat's entrants red first, as the rules draw them."""
    names = list(heat.entrants)
    rides = {r.entrant: r for r in comp.rides_of(heat.round)}
    sided = {n: rides[n].side for n in names if n in rides and rides[n].side is not None}
    if len(sided) == len(names) and names:
        return sorted(names, key=lambda n: sided[n] is not Side.RED)
    if pairs is not None:
        for pair in pairs:
            if set(names) <= set(pair):
                return [n for n in pair if n in names]
        return names
    rounds = [spec.id for spec in comp.format.rounds]
    index = rounds.index(heat.round)
    if index == 0:
        return names
    before = {r.entrant: r.outcome.time for r in comp.rides_of(rounds[index - 1])}

    def previous(name: str) -> int:
        t = before.get(name)
        return t.ticks if t is not None else 10**12

    return sorted(names, key=previous)  # faster in the previous round: red


def select_heats(heats: Sequence[_Heat], round_id: str | None, heat: int | None) -> list[_Heat]:
    if heat is not None and round_id is None:
        raise EmulatorError("--heat needs --round")
    if round_id is None:
        return list(heats)
    chosen = [h for h in heats if h.round == round_id and (heat is None or h.heat == heat)]
    if not chosen:
        rounds = sorted({h.round for h in heats}, key=[h.round for h in heats].index)
        what = f"heat {heat} of round {round_id}" if heat is not None else f"round {round_id}"
        raise EmulatorError(
            f"the competition has no ridden {what}; rounds ridden: {', '.join(rounds)}"
        )
    return chosen


def plan_heats(
    heats: Sequence[_Heat],
    half_laps: int,
    channel_map: ChannelMap = DEFAULT_MAP,
    options: Options = Options(),
    start_at: RaceTime = THREE_PM,
) -> Plan:
    """The impulses of `heats` ridden one after another, the first starting at `start_at`."""
    lines: dict[str, str] = {}
    for side in ("red", "green"):
        found = channel_map.channel_of(f"line {side}")
        if found is None:
            raise EmulatorError(f"the channel map names no channel for 'line {side}'")
        lines[side] = found
    start = channel_map.channel_of("start")
    gates = (channel_map.channel_of("gate red"), channel_map.channel_of("gate green"))
    starts = [start] if start is not None else [ch for ch in gates if ch is not None]
    if not starts:
        raise EmulatorError("the channel map names no 'start' and no gate channel")
    rng = random.Random(options.seed)
    number = 0
    sent: list[Impulse] = []
    intended: list[IntendedHeat] = []
    clock = 0.0  # seconds since the emulation began
    for heat in heats:
        heat_start = start_at.ticks + round(clock * TICKS_PER_SECOND)
        pending: list[tuple[int, int, str, str]] = []  # (tick of day, order, channel, what)
        for order, channel in enumerate(starts):
            pending.append((heat_start, order, channel, "start"))
        passages: list[IntendedPassage] = []
        sides = tuple(zip(heat.entrants, ("red", "green"), strict=False))
        for entrant, side in sides:
            other = "green" if side == "red" else "red"
            for k, true in sorted(heat.times.get(entrant, {}).items()):
                line = other if k % 2 else side
                jitter = rng.uniform(-options.jitter_ms, options.jitter_ms) / 1000
                elapsed = max(1, round((true.seconds + jitter) * TICKS_PER_SECOND))
                dropped = rng.random() < options.drop
                passages.append(
                    IntendedPassage(
                        entrant, side, k, line, RaceTime(elapsed, 4), dropped, k == half_laps
                    )
                )
                if dropped:
                    continue
                offsets: Sequence[float] = (0.0,)
                if options.team:
                    riders = 3 if options.rider_off is not None and k >= options.rider_off else 4
                    offsets = TEAM_OFFSETS_S[:riders]
                for i, offset in enumerate(offsets, start=1):
                    tick = heat_start + elapsed + round(offset * TICKS_PER_SECOND)
                    what = f"{entrant} {k}" + (f" ({i} of {len(offsets)})" if options.team else "")
                    pending.append((tick, 10 + i, lines[line], what))
        pending.sort()
        last = heat_start
        for tick, _, channel, what in pending:
            number += 1
            at = (tick - start_at.ticks) / TICKS_PER_SECOND
            impulse = Impulse(at, number, channel, time_of_day(tick), heat.round, heat.heat, what)
            sent.append(impulse)
            if rng.random() < options.double:
                sent.append(
                    Impulse(
                        at,
                        number,
                        channel,
                        impulse.time_of_day,
                        heat.round,
                        heat.heat,
                        what,
                        double=True,
                    )
                )
            last = max(last, tick)
        intended.append(
            IntendedHeat(heat.round, heat.heat, sides, time_of_day(heat_start), tuple(passages))
        )
        clock = (last - start_at.ticks) / TICKS_PER_SECOND + options.gap_s
    return Plan(tuple(intended), tuple(sent))


def plan_file(
    path: Path,
    round_id: str | None = None,
    heat: int | None = None,
    channel_map: ChannelMap = DEFAULT_MAP,
    options: Options = Options(),
    start_at: RaceTime | None = None,
) -> Plan:
    """The plan for the chosen heats of the competition file at `path` (all heats in order)."""
    comp, commands, at = load_file(path)
    chosen = select_heats(ridden_heats(comp, commands, at), round_id, heat)
    return plan_heats(chosen, comp.meta.counted_half_laps, channel_map, options, start_at or now())


def now() -> RaceTime:
    """This computer's local time of day, to 1/10,000 s."""
    t = datetime.now()
    ticks = ((t.hour * 60 + t.minute) * 60 + t.second) * TICKS_PER_SECOND + t.microsecond // 100
    return RaceTime(ticks, 4)


def parse_start_at(text: str) -> RaceTime:
    """`HH:MM` or `HH:MM:SS` (a time of day) as ticks since midnight."""
    parts = text.strip().split(":")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        numbers = []
    if len(numbers) == 2:
        numbers.append(0)
    if len(numbers) != 3 or not (
        0 <= numbers[0] <= 23 and 0 <= numbers[1] <= 59 and 0 <= numbers[2] <= 59
    ):
        raise EmulatorError(f"--start-at is a time of day HH:MM[:SS], e.g. 15:00:00; got {text!r}")
    h, m, s = numbers
    return RaceTime(((h * 60 + m) * 60 + s) * TICKS_PER_SECOND, 4)


# -- where the lines go ------------------------------------------------------------------------


class LineDevice(Protocol):
    def write_line(self, line: str) -> bool:
        """Send one line; False when it could not go anywhere (nobody reading)."""
        ...

    def close(self) -> None: ...


class PtyDevice:
    """A pseudo-terminal pair: the emulator writes to the master, a reader opens `path`."""

    def __init__(self) -> None:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no echo, no line discipline: bytes as the timer sends them
        self.path = os.ttyname(self._slave)

    def write_line(self, line: str) -> bool:
        data = (line + "\r\n").encode("ascii")
        while data:
            _, ready, _ = select.select([], [self._master], [], WRITE_WAIT_S)
            if not ready:
                return False
            data = data[os.write(self._master, data) :]
        return True

    def unread(self) -> int:
        """Bytes written that the reader has not read yet."""
        found = fcntl.ioctl(self._slave, termios.FIONREAD, b"\0\0\0\0")
        return int(struct.unpack("i", found)[0])

    def close(self, linger: float = 2.0) -> None:
        """Close both ends once the reader has read what was written (or after `linger`
        seconds): a reader of the slave then sees the device gone."""
        deadline = time.monotonic() + linger
        time.sleep(0.1)  # what was written reaches the slave's queue a moment later
        with contextlib.suppress(OSError):
            while self.unread() and time.monotonic() < deadline:
                time.sleep(0.02)
        for fd in (self._master, self._slave):
            with contextlib.suppress(OSError):
                os.close(fd)


class TcpDevice:
    """A TCP server sending every line to each connected client (a serial-to-network bridge)."""

    def __init__(self, port: int = 0, host: str = "127.0.0.1") -> None:
        self._server = socket.create_server((host, port))
        self._server.settimeout(0.2)
        self.host = host
        self.port = int(self._server.getsockname()[1])
        self._clients: list[socket.socket] = []
        self._lock = threading.Lock()
        self._connected = threading.Event()
        self._closed = threading.Event()
        self._thread = threading.Thread(
            target=self._accept, name="pursuit-emulator-accept", daemon=True
        )
        self._thread.start()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.settimeout(WRITE_WAIT_S)
            with self._lock:
                self._clients.append(client)
            self._connected.set()

    def wait_for_client(self, timeout: float | None = None) -> bool:
        return self._connected.wait(timeout)

    @property
    def clients(self) -> int:
        with self._lock:
            return len(self._clients)

    def write_line(self, line: str) -> bool:
        data = (line + "\r\n").encode("ascii")
        with self._lock:
            alive: list[socket.socket] = []
            for client in self._clients:
                try:
                    client.sendall(data)
                    alive.append(client)
                except OSError:
                    client.close()
            self._clients = alive
            return bool(alive)

    def close(self) -> None:
        self._closed.set()
        self._server.close()
        self._thread.join(timeout=1.0)
        with self._lock:
            for client in self._clients:
                with contextlib.suppress(OSError):
                    client.shutdown(socket.SHUT_RDWR)
                client.close()
            self._clients = []


def play(
    plan: Plan,
    device: LineDevice,
    speed: float = 1.0,
    stop: threading.Event | None = None,
    on_line: Callable[[Impulse, bool], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Write the plan's lines at `speed` times real time (0: as fast as they go); returns how
    many were written. `stop` ends it early; `on_line` hears each line and whether it went."""
    stop = stop or threading.Event()
    began = clock()
    written = 0
    for impulse in plan.impulses:
        if speed > 0:
            wait = began + impulse.at / speed - clock()
            if wait > 0 and stop.wait(wait):
                break
        if stop.is_set():
            break
        went = device.write_line(impulse.line)
        written += went
        if on_line is not None:
            on_line(impulse, went)
    return written
