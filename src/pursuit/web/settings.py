"""The one settings object of the web application, built by the CLI and passed explicitly."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pursuit.operators.passwords import PasswordCost


@dataclass(frozen=True)
class DemoSettings:
    """What `--demo` replays: the example file, the ids it uses and how fast it runs."""

    example: Path
    complete_id: str = "mexico-1968"
    live_id: str = "mexico-1968-live"
    practice_id: str = "practice"  # the same field, drawn and waiting: run it in the console
    speed: float = 60.0
    admin_name: str = "admin"


@dataclass(frozen=True)
class TimerSettings:
    """A timer the server reads itself (`pursuit serve --timer-serial` or `--timer-tcp`)."""

    competition: str
    serial: str | None = None  # a serial port: /dev/ttyUSB0
    tcp: str | None = None  # HOST:PORT of a timing PC or a serial-to-network bridge
    baud: int = 38_400
    parity: str = "N"
    channels: Path | None = None  # a channel map file; None: C0 start, C1 red line, C2 green


@dataclass(frozen=True)
class LimitSettings:
    """How much of the server one visitor may take (docs/web.md, "Limits"). An address is a
    client's IPv4 address or its IPv6 /64, as the server sees it (behind a proxy, the proxy's
    unless it forwards the client's)."""

    login_failures_per_account: int = 10  # wrong passwords per name per minute, then 429
    login_failures_per_address: int = 30  # wrong passwords per address per minute, then 429
    password_checks: int = 1  # argon2 checks at once (each takes the cost's memory, 64 MiB)
    password_queue: int = 8  # logins waiting for a check; beyond, 503 at once
    streams: int | None = None  # live streams at once; None: the open-file limit less the reserve
    stream_reserve: int = 256  # open files kept from streams: the database, operators, pages
    streams_per_address: int = 100  # live streams per address
    stream_retry_s: int = 30  # a refused viewer's page tries again after this (Retry-After)
    body_bytes: int = 1 << 20  # request bodies, declared or streamed; beyond, 413


@dataclass(frozen=True)
class WebSettings:
    """Everything `create_app` needs; nothing in the web package reads the environment.

    `secret_key` signs session cookies and CSRF tokens (give every process sharing a database
    the same key if a load balancer spreads one operator over several). `secure_cookies` forces
    the Secure flag; it is also set whenever a request arrives over https. `read_only` opens
    the store for reading only (a SQLite file this process may not write is opened so anyway):
    the pages work, every write is refused with 503 `read_only`.
    """

    store_url: str
    secret_key: str
    demo: DemoSettings | None = None
    secure_cookies: bool = False
    read_only: bool = False
    session_hours: float = 12.0
    password_cost: PasswordCost = field(default_factory=PasswordCost)
    watch_interval_s: float = 1.0  # how often heads are polled for writes by other processes
    cache_entries: int = 512  # rendered pages and fragments kept per process
    limits: LimitSettings = field(default_factory=LimitSettings)
    timer: TimerSettings | None = None  # a timer this process reads itself
