"""`pursuit user …` and `pursuit serve`, run as a user would."""

from __future__ import annotations

import os
import signal
import socket
import time
from pathlib import Path

import httpx
from typer.testing import CliRunner

from cli_support import start_pursuit
from pursuit.cli.main import app
from pursuit.operators.registry import STREAM
from pursuit.store.open import open_store

runner = CliRunner()


def test_user_add_stores_an_argon2_hash_and_token_prints_a_usable_token(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'users.db'}"
    added = runner.invoke(
        app,
        ["user", "add", "tina", "--role", "timekeeper", "--password-stdin", "--db", db],
        input="a secret password\n",
    )
    assert added.exit_code == 0, added.output
    assert "user tina added as timekeeper" in added.output
    with open_store(db) as store:
        [created] = list(store.read(STREAM))
    assert created.type == "UserCreated"
    assert created.data["password_hash"].startswith("$argon2id$")
    assert "a secret password" not in str(created.data)
    issued = runner.invoke(app, ["user", "token", "tina", "--db", db])
    assert issued.exit_code == 0 and issued.output.startswith("pst_")
    listed = runner.invoke(app, ["user", "list", "--db", db])
    assert listed.output.strip() == "tina\ttimekeeper"


def test_user_errors_are_one_line_and_exit_2(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'users.db'}"
    bad_role = runner.invoke(
        app,
        ["user", "add", "x", "--role", "boss", "--password-stdin", "--db", db],
        input="long enough\n",
    )
    assert bad_role.exit_code == 2
    assert "unknown role 'boss'" in bad_role.output
    unknown = runner.invoke(app, ["user", "role", "ghost", "admin", "--db", db])
    assert unknown.exit_code == 2 and "no user 'ghost'" in unknown.output


def test_serve_binds_loopback_prints_the_address_and_stops_promptly(tmp_path: Path) -> None:
    env = {**os.environ, "PURSUIT_SECRET_KEY": "k" * 32}
    server = start_pursuit(
        "serve", "--db", f"sqlite:///{tmp_path / 's.db'}", "--port", "0", env=env, cwd=tmp_path
    )
    try:
        assert server.stdout is not None
        lines = [server.stdout.readline() for _ in range(3)]
        assert lines[1].startswith("live streams: at most ")
        address = lines[-1].split("serving on ")[1].split()[0]
        assert address.startswith("http://127.0.0.1:")
        assert httpx.get(address).status_code == 200
        with httpx.stream("GET", address + "c/none/events") as response:  # 404, not a stream
            assert response.status_code == 404
    finally:
        server.send_signal(signal.SIGTERM)
        started = time.monotonic()
        server.wait(10)
    assert time.monotonic() - started < 5


def test_serve_on_a_busy_port_says_so_in_one_line_and_exits_2(tmp_path: Path) -> None:
    held = socket.socket()
    held.bind(("127.0.0.1", 0))
    held.listen(1)
    port = held.getsockname()[1]
    try:
        env = {**os.environ, "PURSUIT_SECRET_KEY": "k" * 32}
        db = f"sqlite:///{tmp_path / 's.db'}"
        server = start_pursuit("serve", "--db", db, "--port", str(port), env=env, cwd=tmp_path)
        out, _ = server.communicate(timeout=30)  # stderr comes on the same stream
    finally:
        held.close()
    assert server.returncode == 2
    assert out.strip() == f"error: port {port} is in use; try --port {port + 1}"


def test_serve_demo_prints_a_working_login_and_replays_live(tmp_path: Path) -> None:
    server = start_pursuit("serve", "--demo", "--speed", "120", "--port", "0", cwd=tmp_path)
    try:
        assert server.stdout is not None
        lines = []
        while not lines or "serving on" not in lines[-1]:
            lines.append(server.stdout.readline())
            assert len(lines) < 10, lines
        text = "".join(lines)
        assert "sqlite:///pursuit-demo.db" in text and (tmp_path / "pursuit-demo.db").exists()
        login = next(line for line in lines if line.startswith("demo login:"))
        name, password = login.split(":", 1)[1].split("(")[0].split(" / ")
        address = lines[-1].split("serving on ")[1].split()[0]
        token = httpx.post(
            address + "api/token", json={"name": name.strip(), "password": password.strip()}
        )
        assert token.status_code == 200 and token.json()["role"] == "admin"
        first = httpx.get(address + "c/mexico-1968-live.json").json()["position"]
        with httpx.stream("GET", address + "c/mexico-1968-live/events", timeout=5) as events:
            updates = []
            for line in events.iter_lines():
                if line.startswith("data:") and '"position":' in line:
                    updates.append(line)
                if len(updates) == 3:
                    break
        assert httpx.get(address + "c/mexico-1968-live.json").json()["position"] > first
        assert httpx.get(address + "c/mexico-1968.json").json()["status"] == "official"
        server.send_signal(signal.SIGTERM)  # with a live stream open a moment ago
        started = time.monotonic()
        server.wait(10)
        assert time.monotonic() - started < 5
    finally:
        if server.poll() is None:
            server.kill()
