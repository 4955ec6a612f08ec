"""`pursuit serve`: the web pages, the operator console, the API and live updates."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import typer

from pursuit.cli.database import DB, db_url, say
from pursuit.cli.errors import user_errors
from pursuit.errors import PursuitError

DEMO_DB = "sqlite:///pursuit-demo.db"
EXAMPLE = "mexico-1968-men-individual-pursuit.toml"


def find_example() -> Path:
    """The 1968 example: shipped in the package, else in the source checkout, else here."""
    from importlib import resources

    shipped = resources.files("pursuit").joinpath("examples", EXAMPLE)
    candidates = [
        Path(str(shipped)),
        Path(__file__).resolve().parents[3] / "examples" / EXAMPLE,
        Path.cwd() / "examples" / EXAMPLE,
    ]
    for path in candidates:
        if path.is_file():
            return path
    raise PursuitError(f"the demo needs {EXAMPLE}; give its path with --demo-file")


@user_errors
def serve(
    db: str | None = DB,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port (0: any free port)."),
    demo: bool = typer.Option(
        False,
        "--demo",
        help="Import the 1968 Olympic pursuit and replay it live as mexico-1968-live "
        f"(in {DEMO_DB} unless --db is given), with a demo admin login.",
    ),
    speed: float = typer.Option(60.0, "--speed", help="Demo replay: times faster than real."),
    demo_file: Path | None = typer.Option(
        None, "--demo-file", help="Competition file the demo replays.", show_default=False
    ),
    timer_serial: str | None = typer.Option(
        None,
        "--timer-serial",
        help="Read a timer on this serial port (38,400 baud 8N1; see --timer-baud) into -c.",
        show_default=False,
    ),
    timer_tcp: str | None = typer.Option(
        None,
        "--timer-tcp",
        help="Read a timer's lines from HOST:PORT (a timing PC or a serial bridge) into -c.",
        show_default=False,
    ),
    timer_competition: str | None = typer.Option(
        None, "-c", "--competition", help="The competition a timer's impulses go to."
    ),
    timer_channels: Path | None = typer.Option(
        None,
        "--channels",
        help="The timer's channel map (docs/timing.md); default C0 start, C1 red, C2 green.",
        show_default=False,
    ),
    timer_baud: int = typer.Option(38_400, "--timer-baud", help="Serial speed of the timer."),
    secure_cookies: bool = typer.Option(
        False, "--secure-cookies", help="Always mark cookies Secure (behind an https proxy)."
    ),
    read_only: bool = typer.Option(
        False,
        "--read-only",
        help="Only show the competitions: open the database for reading, refuse every write "
        "(a SQLite file you may not write is opened so anyway).",
    ),
    max_streams: int | None = typer.Option(
        None,
        "--max-streams",
        min=1,
        help="Live streams at once (default: the open-file limit less 256 kept in reserve).",
        show_default=False,
    ),
    max_streams_per_address: int | None = typer.Option(
        None,
        "--max-streams-per-address",
        min=1,
        help="Live streams at once from one client address (default: 100).",
        show_default=False,
    ),
) -> None:
    """Serve the public pages, the operator console (/console) and the JSON API (/api).
    Sessions are signed with $PURSUIT_SECRET_KEY (random per start if unset)."""
    from pursuit.loading.channel_map import load_channel_map
    from pursuit.web import bootstrap
    from pursuit.web.app import create_app
    from pursuit.web.demo import prepare_demo
    from pursuit.web.limiting.streams import raise_open_files
    from pursuit.web.server import bind
    from pursuit.web.server import serve as run
    from pursuit.web.settings import DemoSettings, LimitSettings, TimerSettings, WebSettings

    if demo and read_only:
        raise PursuitError("--demo records a replay and cannot run with --read-only")
    url = db if db else (DEMO_DB if demo else db_url(None))
    demo_settings = DemoSettings(example=demo_file or find_example(), speed=speed) if demo else None
    timer = None
    if timer_serial or timer_tcp:
        if timer_serial and timer_tcp:
            raise PursuitError("read the timer from --timer-serial or --timer-tcp, not both")
        if not timer_competition:
            raise PursuitError("say which competition the timer's impulses go to: -c ID")
        timer = TimerSettings(
            timer_competition, timer_serial, timer_tcp, timer_baud, channels=timer_channels
        )
        if timer_channels is not None:
            load_channel_map(timer_channels)  # a mistake in the map is said before serving
    settings = WebSettings(
        store_url=url,
        secret_key=os.environ.get("PURSUIT_SECRET_KEY") or secrets.token_urlsafe(32),
        demo=demo_settings,
        secure_cookies=secure_cookies,
        read_only=read_only,
        timer=timer,
        limits=LimitSettings(streams=max_streams, streams_per_address=max_streams_per_address)
        if max_streams_per_address
        else LimitSettings(streams=max_streams),
    )
    raise_open_files()  # before the stream cap is derived from the limit
    sock = bind(host, port)
    web = bootstrap.build(settings)
    run_demo = prepare_demo(web, demo_settings) if demo_settings else None
    say(f"event store: {url}" + (" (read-only)" if web.hub.service.store.read_only else ""))
    streams = web.limits.streams
    say(f"live streams: at most {streams.total:,} ({streams.per_address:,} per client address)")
    if run_demo is not None:
        say(
            f"demo: complete 1968 results as {demo_settings.complete_id if demo_settings else ''},"
            f" live replay at {run_demo.speed:g}x into {run_demo.live_id}"
        )
        say(
            f"demo: {demo_settings.practice_id if demo_settings else ''} has the same field, "
            "qualifying drawn: run it yourself from the console"
        )
        say(f"demo login: {run_demo.admin} / {run_demo.password}  (console: /console)")
    run(create_app(settings, web, run_demo), sock, say)


def register(app: typer.Typer) -> None:
    app.command()(serve)
