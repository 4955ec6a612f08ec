"""Two `pursuit serve` processes on one PostgreSQL database: a split recorded through process A
reaches a live viewer of process B (LISTEN/NOTIFY), and B's pages show it.

PostgreSQL comes from PURSUIT_TEST_DATABASE_URL (scripts/pg_up.sh); without it the test is
skipped, except under CI=true, where it fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from web_support import PASSWORD, seed, settings

from cli_support import start_pursuit
from pursuit.web import bootstrap

VARIABLE = "PURSUIT_TEST_DATABASE_URL"


@pytest.fixture
def database() -> Iterator[str]:
    url = os.environ.get(VARIABLE, "")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{VARIABLE} is not set, but CI=true and CI always runs PostgreSQL")
        pytest.skip(f"{VARIABLE} is unset (source scripts/pg_up.sh)")
    import psycopg

    schema = f"web_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def serve(url: str, cwd: Path) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "PURSUIT_SECRET_KEY": "shared-" + "k" * 32}
    process = start_pursuit("serve", "--db", url, "--port", "0", env=env, cwd=cwd)
    assert process.stdout is not None
    for _ in range(5):
        line = process.stdout.readline()
        if "serving on" in line:
            return process, line.split("serving on ")[1].split()[0].rstrip("/")
    process.kill()
    raise AssertionError(f"pursuit serve did not start: {line}")


def test_a_split_through_process_a_reaches_a_viewer_of_process_b(
    database: str, tmp_path: Path
) -> None:
    parts = bootstrap.build(settings(database))
    seed(parts)
    red = parts.hub.service.existing("cup").heats["Q"][1].entrants[0]
    parts.hub.service.store.close()
    a, url_a = serve(database, tmp_path)
    b, url_b = serve(database, tmp_path)
    received: list[tuple[int, float]] = []
    feed: list[dict[str, object]] = []  # B's current-heat feed viewer (the feed's own fan-out)

    def listen() -> None:
        try:
            with httpx.stream("GET", f"{url_b}/c/cup/events", timeout=10) as stream:
                for line in stream.iter_lines():
                    if line.startswith("data:"):
                        received.append((json.loads(line[5:])["position"], time.monotonic()))
        except httpx.HTTPError:
            return

    def watch_feed() -> None:
        try:
            with httpx.stream("GET", f"{url_b}/c/cup/current-heat/events", timeout=10) as stream:
                for line in stream.iter_lines():
                    if line.startswith("data:"):
                        feed.append(json.loads(line[5:]))
        except httpx.HTTPError:
            return

    try:
        threading.Thread(target=listen, daemon=True).start()
        threading.Thread(target=watch_feed, daemon=True).start()
        deadline = time.monotonic() + 5
        while not received:
            assert time.monotonic() < deadline, "B sent no first event"
            time.sleep(0.01)
        assert received[0][0] == 6
        token = httpx.post(f"{url_a}/api/token", json={"name": "tk", "password": PASSWORD})
        auth = {"Authorization": f"Bearer {token.json()['token']}"}
        httpx.post(
            f"{url_a}/api/competitions/cup/starts", json={"round": "Q", "heat": 1}, headers=auth
        ).raise_for_status()
        for position, elapsed in ((8, "12.345"), (9, "20.345"), (10, "28.345")):
            sent = time.monotonic()
            split = httpx.post(
                f"{url_a}/api/competitions/cup/splits",
                json={"round": "Q", "heat": 1, "entrant": red, "time": elapsed},
                headers=auth,
            )
            assert split.status_code == 201 and split.json()["position"] == position
            while not any(p == position for p, _ in received):
                assert time.monotonic() - sent < 3, f"B's viewer missed {position}: {received}"
                time.sleep(0.005)
            arrived = next(at for p, at in received if p == position)
            assert arrived - sent < 0.3  # NOTIFY, not B's once-a-second poll (three times)
        while not any(f.get("position") == 10 for f in feed):
            assert time.monotonic() - sent < 3, f"B's feed viewer missed 10: {feed}"
            time.sleep(0.005)
        heat = httpx.get(f"{url_b}/c/cup/heat/Q/1.json").json()
        assert heat["position"] == 10
        assert heat["riders"][0]["splits"] == ["12.345", "20.345", "28.345"]
    finally:
        for process in (a, b):
            process.terminate()
        for process in (a, b):
            process.wait(10)
