"""Helpers shared by the web tests: settings, a seeded competition, a console driver and a live
uvicorn server. (A uniquely named module: every test folder has its own conftest.)"""

from __future__ import annotations

import re
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import uvicorn
from starlette.types import ASGIApp

from pursuit.app.creation import create_command
from pursuit.core import commands as c
from pursuit.core.times import parse_time
from pursuit.loading.format_files import format_definition
from pursuit.operators.passwords import PasswordCost
from pursuit.web.parts import Web
from pursuit.web.server import http_protocol
from pursuit.web.settings import WebSettings

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mexico-1968-men-individual-pursuit.toml"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
PASSWORD = "correct horse battery"
FAST_HASHING = PasswordCost(time_cost=1, memory_kib=8, parallelism=1)
RIDERS = [
    ("Anna Aalto", "FIN", "4:30.000"),
    ("Berit Berg", "NOR", "4:31.000"),
    ("Carla Costa", "POR", "4:40.000"),
    ("Dora Dahl", "DEN", "4:41.000"),
]
ROLES = {"tk": "timekeeper", "com": "commissaire", "boss": "admin"}


def settings(url: str = "memory://", **changes: Any) -> WebSettings:
    return WebSettings(
        store_url=url,
        secret_key="test-secret-key-0123456789abcdef",
        password_cost=FAST_HASHING,
        watch_interval_s=0.2,
        **changes,
    )


def seed(web: Web, cid: str = "cup", users: bool = True) -> None:
    """Competition `cup` (UCI format, 4 riders, qualifying drawn) and users tk, com, boss."""
    hub = web.hub
    hub.handle(
        cid,
        create_command(
            "uci-individual-pursuit",
            format_definition("uci-individual-pursuit"),
            "Test Cup",
            gender="women",
            track_length_m=250.0,
            venue="Test Velodrome",
            dates=("2026-05-01",),
        ),
        "setup",
    )
    for name, nation, seed_time in RIDERS:
        hub.handle(cid, c.RegisterEntrant(name, nation, seed_time=parse_time(seed_time)), "setup")
    hub.handle(cid, c.DrawRound("Q"), "setup")
    if users:
        for name, role in ROLES.items():
            web.users.add(name, role, PASSWORD, "setup")


def heat_riders(web: Web, round_id: str = "Q", number: int = 1) -> tuple[str, ...]:
    return web.hub.service.existing("cup").heats[round_id][number].entrants


CSRF = re.compile(r'name="csrf" value="([^"]+)"')


@dataclass
class Console:
    """Drives the console like a browser: log in, read the CSRF token, post forms."""

    client: TestClient

    def login(self, name: str, password: str = PASSWORD) -> Any:
        token = self.csrf("/console/login")
        return self.client.post(
            "/console/login",
            data={"name": name, "password": password, "csrf": token},
            follow_redirects=False,
        )

    def csrf(self, path: str = "/console") -> str:
        page = self.client.get(path)
        found = CSRF.search(page.text)
        assert found, f"no CSRF token on {path}"
        return found.group(1)

    def post(self, path: str, data: dict[str, str], page: str = "/console/c/cup") -> Any:
        return self.client.post(
            path, data={**data, "csrf": self.csrf(page)}, follow_redirects=False
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """uvicorn in a daemon thread on a free port (STACK.md §4); `options` change uvicorn's
    settings given here."""

    def __init__(self, app: ASGIApp, **options: Any) -> None:
        self.app = app
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        settings: dict[str, Any] = {
            "log_level": "warning",
            "timeout_graceful_shutdown": 1,
            "http": http_protocol(),  # as `pursuit serve`: live streams write to the transport
        }
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, **(settings | options))
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(5)


# A public page's status once its live stream is open (spectators are not told log positions).
STREAM_OPEN = re.compile(r"^Live(?: · updated .*)?$")
