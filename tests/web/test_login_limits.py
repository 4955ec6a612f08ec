"""Wrong passwords are throttled per account and per address (429 with Retry-After), and only a
few password checks run at once (503 beyond the queue), on the console and on POST /api/token."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, suppress

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from web_support import PASSWORD, Console, seed, settings

from pursuit.web.app import create_app
from pursuit.web.errors import Busy, TooManyRequests
from pursuit.web.limiting.logins import LoginThrottle, PasswordChecks
from pursuit.web.settings import LimitSettings


def guess(client: TestClient, name: str, password: str = "wrong password") -> object:
    return client.post("/api/token", json={"name": name, "password": password})


def retry_after(answer: object) -> int:
    seconds = int(answer.headers["retry-after"])  # type: ignore[attr-defined]
    assert 1 <= seconds <= 60
    return seconds


def test_the_eleventh_wrong_password_in_a_minute_is_refused_with_429_and_retry_after(
    client: TestClient,
) -> None:
    for _ in range(10):
        assert guess(client, "tk").status_code == 401  # type: ignore[attr-defined]
    refused = guess(client, "tk")
    assert refused.status_code == 429  # type: ignore[attr-defined]
    retry_after(refused)
    error = refused.json()["error"]  # type: ignore[attr-defined]
    assert set(error) == {"code", "message", "field"}
    assert error["code"] == "too_many_requests"
    assert "too many wrong passwords for this name" in error["message"]


def test_while_throttled_even_the_right_password_is_refused_and_other_accounts_are_not(
    client: TestClient,
) -> None:
    for _ in range(10):
        guess(client, "tk")
    assert guess(client, "tk", PASSWORD).status_code == 429  # type: ignore[attr-defined]
    other = guess(client, "com", PASSWORD)
    assert other.status_code == 200  # type: ignore[attr-defined]
    assert other.json()["name"] == "com"  # type: ignore[attr-defined]


def test_wrong_passwords_from_one_address_are_throttled_whatever_the_name() -> None:
    app = create_app(settings(limits=LimitSettings(login_failures_per_address=3)))
    seed(app.state.web)
    with TestClient(app) as client:
        for name in ("tk", "com", "nobody"):
            assert guess(client, name).status_code == 401  # type: ignore[attr-defined]
        refused = guess(client, "boss", PASSWORD)
        assert refused.status_code == 429  # type: ignore[attr-defined]
        assert "from this address" in refused.json()["error"]["message"]  # type: ignore[attr-defined]
        retry_after(refused)


def test_the_console_says_so_on_its_form_with_429_and_retry_after(console: Console) -> None:
    for _ in range(10):
        assert console.login("tk", "wrong password").status_code == 401
    page = console.login("tk")
    assert page.status_code == 429
    retry_after(page)
    assert 'id="login-error"' in page.text
    assert "too many wrong passwords for this name" in page.text


def test_parallel_guessers_get_no_more_tries_than_one() -> None:
    throttle = LoginThrottle(per_account=10, per_address=1000)
    with ExitStack() as running:  # sixteen checks in flight at once, none finished yet
        failures = []
        for n in range(16):
            with suppress(TooManyRequests):
                failures.append(running.enter_context(throttle.attempt("tk", f"10.0.0.{n}")))
        assert len(failures) == 10
        for failed in failures:
            failed()
    with pytest.raises(TooManyRequests), throttle.attempt("tk", "10.0.0.99"):
        pass
    with throttle.attempt("com", "10.0.0.99"):
        pass


def test_a_right_password_spends_no_try() -> None:
    throttle = LoginThrottle(per_account=2, per_address=2)
    for _ in range(5):
        with throttle.attempt("tk", "10.0.0.1"):
            pass  # success: `failed` never called
    with throttle.attempt("tk", "10.0.0.1"):
        pass


def test_only_so_many_password_checks_run_at_once_and_the_rest_are_refused_at_once() -> None:
    async def scenario() -> tuple[list[str], int, float]:
        checks = PasswordChecks(at_once=2, waiting=1)
        gate = threading.Event()
        running, most = 0, 0
        lock = threading.Lock()

        def check(name: str) -> str:
            nonlocal running, most
            with lock:
                running += 1
                most = max(most, running)
            gate.wait(5)
            with lock:
                running -= 1
            return name

        admitted = [asyncio.ensure_future(checks.run(lambda n=n: check(n))) for n in "abc"]
        await asyncio.sleep(0.1)
        began = time.monotonic()
        with pytest.raises(Busy) as refused:
            await checks.run(lambda: check("d"))
        waited = time.monotonic() - began
        assert refused.value.status == 503 and refused.value.retry_after_s == 1
        gate.set()
        return list(await asyncio.gather(*admitted)), most, waited

    # its own thread: a browser test before it in this worker may leave a loop running here
    with ThreadPoolExecutor(1) as pool:
        done, most, waited = pool.submit(asyncio.run, scenario()).result()
    assert done == ["a", "b", "c"]
    assert most == 2
    assert waited < 0.5


@pytest.fixture
def one_check_app() -> Iterator[FastAPI]:
    app = create_app(settings(limits=LimitSettings(password_checks=1, password_queue=0)))
    seed(app.state.web)
    yield app


def test_a_login_beyond_the_queue_is_a_503_with_retry_after(one_check_app: FastAPI) -> None:
    users = one_check_app.state.web.users
    gate, inside = threading.Event(), threading.Event()
    real = users.authenticate

    def slow(name: str, password: str) -> object:
        inside.set()
        gate.wait(5)
        return real(name, password)

    users.authenticate = slow
    with TestClient(one_check_app) as client:
        first: list[object] = []
        worker = threading.Thread(target=lambda: first.append(guess(client, "tk", PASSWORD)))
        worker.start()
        assert inside.wait(5)
        busy = guess(client, "com", PASSWORD)
        gate.set()
        worker.join(5)
    assert busy.status_code == 503  # type: ignore[attr-defined]
    assert busy.headers["retry-after"] == "1"  # type: ignore[attr-defined]
    assert busy.json()["error"]["code"] == "busy"  # type: ignore[attr-defined]
    assert first[0].status_code == 200  # type: ignore[attr-defined]
