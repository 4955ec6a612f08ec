"""`pursuit timing`: listen to a timer (serial or TCP) and record its impulses; emulate one."""

from __future__ import annotations

import sys
import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path

import typer
from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.table import Table
from rich.text import Text

from pursuit.cli.database import COMPETITION, DB, competition_id, say, service
from pursuit.cli.errors import user_errors
from pursuit.cli.help_format import WholeHelpGroup
from pursuit.core.channels import DEFAULT_MAP, ChannelMap
from pursuit.core.commands import TakeImpulse, TakeTimerNoise
from pursuit.loading.channel_map import load_channel_map
from pursuit.timing import emulator as em
from pursuit.timing.listen import Limits, Listener, Outcome, describe_command, listen
from pursuit.timing.reader import (
    DEFAULT_BAUD,
    PARITIES,
    ByteSource,
    DeviceError,
    DeviceReader,
    ReaderStatus,
    SerialSource,
    TcpSource,
    TimerCommand,
    parse_address,
)

app = typer.Typer(
    cls=WholeHelpGroup,
    name="timing",
    help="Timing devices: record a timer's impulses (serial or TCP), or emulate a timer.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

CHANNELS = typer.Option(
    None,
    "--channels",
    help="Channel map (TOML): which channel is the start and which each pursuit line "
    "(default C0 start, C1 line red, C2 line green).",
    show_default=False,
)


def _channel_map(path: Path | None) -> ChannelMap:
    return load_channel_map(path) if path is not None else DEFAULT_MAP


def _outcome_text(outcome: Outcome) -> str:
    what = describe_command(outcome.command)
    if outcome.dry_run:
        return f"{what} (dry run: not recorded)"
    if outcome.duplicate:
        return f"{what}: already recorded"
    if outcome.refused is not None:
        return f"{what}: refused: {outcome.refused}"
    if not outcome.events:
        return f"{what}: nothing recorded"
    return f"{what}: " + "; ".join(text for _, text in outcome.events)


def _status_text(status: ReaderStatus, refused: int) -> str:
    state = {"connected": "connected to", "failed": "cannot open"}.get(
        status.state, f"{status.state}:"
    )
    text = (
        f"{state} {status.source} · impulses {status.impulses} · noise {status.noise} · "
        f"duplicates {status.duplicates} · refused {refused}"
    )
    return f"{text} · {status.message}" if status.message else text


class Display:
    """What the listener shows: one line per change when the output is not a terminal, else a
    Rich live panel (the status line, the last impulses per channel, the last messages)."""

    def __init__(self, source: str, live: bool) -> None:
        self.status = ReaderStatus(source, "connecting")
        self.refused = 0
        self.per_channel: dict[str, deque[str]] = {}
        self.messages: deque[str] = deque(maxlen=8)
        self.console = Console()
        self.live: Live | None = (
            Live(self.render(), console=self.console, refresh_per_second=8, transient=False)
            if live
            else None
        )

    def __enter__(self) -> Display:
        if self.live is not None:
            self.live.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live is not None:
            self.live.update(self.render())
            self.live.__exit__(None, None, None)

    def show(self, item: Outcome | ReaderStatus) -> None:
        if isinstance(item, ReaderStatus):
            changed = (item.state, item.message) != (self.status.state, self.status.message)
            self.status = item
            if changed:
                self._say(_status_text(item, self.refused))
        else:
            self.refused += item.refused is not None
            text = _outcome_text(item)
            command = item.command
            if isinstance(command, TakeImpulse):
                self.per_channel.setdefault(command.channel, deque(maxlen=3)).append(text)
            if not isinstance(command, TakeImpulse | TakeTimerNoise) or item.refused:
                self.messages.append(text)
            self._say(text)
        if self.live is not None:
            self.live.update(self.render())

    def _say(self, text: str) -> None:
        if self.live is None:
            say(text)
        else:
            self.messages.append(text)

    def render(self) -> RenderableType:
        style = "green" if self.status.connected else "yellow"
        parts: list[RenderableType] = [Text(_status_text(self.status, self.refused), style=style)]
        table = Table(show_header=True, header_style="bold", box=None, expand=False)
        table.add_column("channel")
        table.add_column("last impulses")
        for channel in sorted(self.per_channel):
            table.add_row(channel, "\n".join(self.per_channel[channel]))
        parts.append(table)
        parts.extend(Text(m, style="dim") for m in self.messages)
        parts.append(Text("Ctrl+C stops.", style="dim"))
        return Group(*parts)


@app.command("listen")
@user_errors
def listen_command(
    serial_port: str | None = typer.Option(
        None, "--serial", help="Serial port, e.g. /dev/ttyUSB0 or COM3.", show_default=False
    ),
    baud: int = typer.Option(DEFAULT_BAUD, "--baud", help="Serial speed."),
    parity: str = typer.Option("N", "--parity", help="Serial parity: N, E or O."),
    tcp: str | None = typer.Option(
        None,
        "--tcp",
        help="HOST:PORT of a timing PC or serial-to-network bridge sending the same lines.",
        show_default=False,
    ),
    db: str | None = DB,
    competition: str | None = COMPETITION,
    channels: Path | None = CHANNELS,
    dry_run: bool = typer.Option(
        False, "--dry-run", help="Read and show the impulses; record nothing."
    ),
    reconnect: bool = typer.Option(
        True,
        "--reconnect/--no-reconnect",
        help="Open the device again when it drops (else stop).",
    ),
    retry: bool = typer.Option(
        False,
        "--retry",
        help="Keep trying when the device cannot be opened at the start (else that is an error).",
    ),
    seconds: float | None = typer.Option(
        None, "--for", help="Stop after this many seconds.", show_default=False
    ),
    max_impulses: int | None = typer.Option(
        None, "--max-impulses", help="Stop after this many impulses.", show_default=False
    ),
) -> None:
    """Read a timer and record each impulse as it arrives (long-running; Ctrl+C stops).

    Every impulse is recorded as the timer sent it, then placed in the running heat when it
    fits; lines that are not impulses are recorded as noise. An impulse sent twice is recorded
    once. The device is opened again whenever it drops.
    """
    if (serial_port is None) == (tcp is None):
        raise DeviceError("give the device: --serial PORT or --tcp HOST:PORT")
    channel_map = _channel_map(channels)
    source: ByteSource
    if serial_port is not None:
        if parity.upper() not in PARITIES:
            raise DeviceError(f"--parity is N, E or O; got {parity!r}")
        source = SerialSource(serial_port, baud, parity.upper())
    else:
        host, port = parse_address(tcp or "")
        source = TcpSource(host, port)
    if dry_run:
        listener = Listener(None, "", channel_map)
    else:
        svc = service(db)
        cid = competition_id(svc, competition)
        svc.existing(cid)
        listener = Listener(svc, cid, channel_map)

    def make_reader(
        sink: Callable[[TimerCommand], None], on_status: Callable[[ReaderStatus], None]
    ) -> DeviceReader:
        return DeviceReader(
            source, sink, on_status=on_status, reconnect=reconnect, retry_first=retry
        )

    stop = threading.Event()
    with Display(source.name, live=sys.stdout.isatty()) as display:
        try:
            listen(make_reader, listener, display.show, Limits(seconds, max_impulses), stop)
        except KeyboardInterrupt:
            stop.set()


@app.command("emulate")
@user_errors
def emulate_command(
    file: Path | None = typer.Argument(
        None,
        metavar="[FILE]",
        help="Competition file whose heats are ridden (default: the 1968 example).",
        show_default=False,
    ),
    pty: bool = typer.Option(
        False, "--pty", help="Write to a new pseudo-terminal; its path is printed."
    ),
    tcp_port: int | None = typer.Option(
        None,
        "--tcp-port",
        help="Serve the lines on this TCP port (0: any free port) to every client.",
        show_default=False,
    ),
    tcp_host: str = typer.Option("127.0.0.1", "--tcp-host", help="Address the TCP port is on."),
    speed: float = typer.Option(1.0, "--speed", help="Times faster than real (0: no waiting)."),
    round_id: str | None = typer.Option(
        None, "--round", help="Only this round (default: every heat in order).", show_default=False
    ),
    heat: int | None = typer.Option(
        None, "--heat", help="Only this heat of --round.", show_default=False
    ),
    jitter_ms: float = typer.Option(0.0, "--jitter-ms", help="Each passage up to ± this late."),
    drop: float = typer.Option(0.0, "--drop", help="Share of passages the timer misses (0–1)."),
    double: float = typer.Option(0.0, "--double", help="Share of impulses sent twice (0–1)."),
    team: bool = typer.Option(
        False, "--team", help="Team pursuit: four impulses a passage, the third on time."
    ),
    rider_off: int | None = typer.Option(
        None,
        "--rider-off",
        help="With --team: from this half lap on, three impulses a passage.",
        show_default=False,
    ),
    start_at: str | None = typer.Option(
        None,
        "--start-at",
        help="Time of day of the first start, HH:MM[:SS] (default: now).",
        show_default=False,
    ),
    seed: int | None = typer.Option(
        None, "--seed", help="Seed for jitter, drops and doubles.", show_default=False
    ),
    wait: float = typer.Option(
        5.0, "--wait", help="Seconds to wait before the first heat (time to start the reader)."
    ),
    channels: Path | None = CHANNELS,
    quiet: bool = typer.Option(False, "--quiet", help="Do not print each line."),
) -> None:
    """Emulate a timer: ride heats of a competition and write the timer's lines."""
    if pty == (tcp_port is not None):
        raise em.EmulatorError("give where the lines go: --pty or --tcp-port N")
    if rider_off is not None and not team:
        raise em.EmulatorError("--rider-off goes with --team")
    options = em.Options(jitter_ms, drop, double, team, rider_off, seed)
    start = em.parse_start_at(start_at) if start_at is not None else em.now()
    path = file or em.default_example()
    plan = em.plan_file(path, round_id, heat, _channel_map(channels), options, start)
    device: em.PtyDevice | em.TcpDevice
    if pty:
        device = em.PtyDevice()
        say(f"timer on {device.path} (pursuit timing listen --serial {device.path})")
    else:
        try:
            device = em.TcpDevice(tcp_port or 0, tcp_host)
        except OSError as e:
            raise em.EmulatorError(f"cannot serve on {tcp_host}:{tcp_port}: {e}") from e
        say(
            f"timer on {device.host}:{device.port} (pursuit timing listen --tcp "
            f"{device.host}:{device.port})"
        )
    heats = ", ".join(f"{h.round}/{h.heat}" for h in plan.heats)
    say(f"{len(plan.impulses)} impulses in {len(plan.heats)} heats ({heats}) at {speed:g}×")

    def on_line(impulse: em.Impulse, went: bool) -> None:
        if not quiet:
            lost = "" if went else "  (nobody reading: lost)"
            say(f"{impulse.line}  {impulse.round}/{impulse.heat} {impulse.what}{lost}")

    stop = threading.Event()
    try:
        if wait > 0 and stop.wait(wait):
            return
        written = em.play(plan, device, speed, stop, on_line)
        say(f"done: {written} of {len(plan.impulses)} lines written")
    except KeyboardInterrupt:
        stop.set()
        say("stopped")
    finally:
        device.close()


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="timing")
