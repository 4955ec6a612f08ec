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
    from pursuit.web import bootstrap
    from pursuit.web.app import create_app
    from pursuit.web.demo import prepare_demo
    from pursuit.web.limiting.streams import raise_open_files
    from pursuit.web.server import bind
    from pursuit.web.server import serve as run
    from pursuit.web.settings import DemoSettings, LimitSettings, WebSettings

    if demo and read_only:
        raise PursuitError("--demo records a replay and cannot run with --read-only")
    url = db if db else (DEMO_DB if demo else db_url(None))
    demo_settings = DemoSettings(example=demo_file or find_example(), speed=speed) if demo else None
    settings = WebSettings(
        store_url=url,
        secret_key=os.environ.get("PURSUIT_SECRET_KEY") or secrets.token_urlsafe(32),
        demo=demo_settings,
        secure_cookies=secure_cookies,
        read_only=read_only,
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
