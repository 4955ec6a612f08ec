"""Wrong passwords are throttled per account and per address, and password checks (argon2, 64
MiB each at the default cost) run a few at a time, so guessing can neither find a password
quickly nor fill the server's memory.

The throttle counts failures in a moving window of one minute (the `limits` package, in
memory: per process). A check may start only while the failures already counted plus the
checks still running stay under the limit, so parallel guessers get no more tries than one.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from limits import RateLimitItem, RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.concurrency import run_in_threadpool

from pursuit.web.errors import Busy, TooManyRequests

T = TypeVar("T")


class LoginThrottle:
    def __init__(self, per_account: int, per_address: int) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._items: dict[str, RateLimitItem] = {
            "account": RateLimitItemPerMinute(per_account),
            "address": RateLimitItemPerMinute(per_address),
        }
        self._running: Counter[tuple[str, str]] = Counter()
        self._lock = threading.Lock()

    @contextmanager
    def attempt(self, name: str, address: str) -> Iterator[Callable[[], None]]:
        """A login try for `name` from `address`; yields `failed`, to call on a wrong password.
        Raises TooManyRequests (429, Retry-After) while either has no try left."""
        keys = [("account", name), ("address", address)]
        with self._lock:
            for key in keys:
                self._refuse_if_spent(key)
            self._running.update(keys)
        failed = False

        def fail() -> None:
            nonlocal failed
            failed = True

        try:
            yield fail
        finally:
            with self._lock:
                self._running.subtract(keys)
                self._running += Counter()  # drop the zeros
                if failed:
                    for kind, value in keys:
                        self._limiter.hit(self._items[kind], kind, value)

    def _refuse_if_spent(self, key: tuple[str, str]) -> None:
        kind, value = key
        item = self._items[kind]
        stats = self._limiter.get_window_stats(item, kind, value)
        if stats.remaining - self._running[key] > 0:
            return
        wait = max(1, math.ceil(stats.reset_time - time.time())) if stats.remaining == 0 else 1
        whose = "for this name" if kind == "account" else "from this address"
        raise TooManyRequests(
            f"too many wrong passwords {whose}: try again in {wait} s", retry_after_s=wait
        )


class PasswordChecks:
    """At most `at_once` checks run, `waiting` more may wait for a turn; beyond, 503 at once
    (the memory a check takes is then never asked for)."""

    def __init__(self, at_once: int, waiting: int) -> None:
        self._turns = threading.BoundedSemaphore(max(1, at_once))
        self._room = max(1, at_once) + max(0, waiting)
        self._admitted = 0
        self._lock = threading.Lock()

    async def run(self, check: Callable[[], T]) -> T:
        with self._lock:
            if self._admitted >= self._room:
                raise Busy("too many logins at once: try again in a second", retry_after_s=1)
            self._admitted += 1
        try:
            return await run_in_threadpool(self._in_turn, check)
        finally:
            with self._lock:
                self._admitted -= 1

    def _in_turn(self, check: Callable[[], T]) -> T:
        with self._turns:
            return check()
