"""Two `pursuit serve` processes on one SQLite file: splits of the two riders of a heat sent at
the same moment, one through each process, are all recorded — none answers 409, because a
write that lost the race for the head is decided again on the newest log, where it means the
same."""

from __future__ import annotations

import threading
from pathlib import Path

import httpx
import pytest
from test_postgres_processes import serve
from web_support import PASSWORD, seed, settings

from pursuit.web import bootstrap

ROUNDS = 20


@pytest.mark.slow
def test_simultaneous_splits_of_different_riders_through_two_processes_all_succeed(
    tmp_path: Path,
) -> None:
    database = f"sqlite:///{tmp_path / 'events.db'}"
    parts = bootstrap.build(settings(database))
    seed(parts)
    riders = parts.hub.service.existing("cup").heats["Q"][1].entrants
    parts.hub.service.store.close()
    a, url_a = serve(database, tmp_path)
    b, url_b = serve(database, tmp_path)
    try:
        token = httpx.post(f"{url_a}/api/token", json={"name": "tk", "password": PASSWORD})
        auth = {"Authorization": f"Bearer {token.json()['token']}"}
        httpx.post(
            f"{url_a}/api/competitions/cup/starts", json={"round": "Q", "heat": 1}, headers=auth
        ).raise_for_status()
        statuses: list[int] = []
        for k in range(ROUNDS):
            barrier = threading.Barrier(2)

            def split(
                url: str, rider: str, k: int = k, barrier: threading.Barrier = barrier
            ) -> None:
                body = {"round": "Q", "heat": 1, "entrant": rider, "time": f"{12 + 8 * k}.5"}
                barrier.wait()
                answer = httpx.post(
                    f"{url}/api/competitions/cup/splits", json=body, headers=auth, timeout=10
                )
                statuses.append(answer.status_code)

            threads = [
                threading.Thread(target=split, args=(url, rider))
                for url, rider in zip((url_a, url_b), riders, strict=True)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        assert statuses == [201] * 2 * ROUNDS
        heat = httpx.get(f"{url_b}/c/cup/heat/Q/1.json").json()
        assert [len(r["splits"]) for r in heat["riders"]] == [ROUNDS, ROUNDS]
    finally:
        for process in (a, b):
            process.terminate()
        for process in (a, b):
            process.wait(10)
