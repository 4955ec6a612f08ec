"""A cap on live streams, in all and per address, so that viewers can never take the open files
the database, the operators and the pages need: beyond it a stream is refused with 503.

Unless set, the cap in all is the process's open-file limit less a reserve (`pursuit serve`
raises its soft limit to the hard one first)."""

from __future__ import annotations

import resource
import threading
from collections import Counter
from collections.abc import Callable

from pursuit.web.errors import Busy
from pursuit.web.settings import LimitSettings

RETRY_S = 30


def stream_cap(settings: LimitSettings) -> int:
    if settings.streams is not None:
        return settings.streams
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        soft = 1 << 20
    return max(1, soft - settings.stream_reserve)


def raise_open_files() -> int:
    """Raise this process's soft open-file limit to its hard limit; the new soft limit."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or hard > soft:
        wanted = hard if hard != resource.RLIM_INFINITY else max(soft, 1 << 20)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass  # some systems cap it lower still: keep what we have
    return soft


class StreamCap:
    def __init__(self, total: int, per_address: int, retry_s: int = RETRY_S) -> None:
        self.total = total
        self.per_address = per_address
        self.retry_s = retry_s
        self._open = 0
        self._by_address: Counter[str] = Counter()
        self._lock = threading.Lock()

    @property
    def open(self) -> int:
        return self._open

    def admit(self, address: str) -> Callable[[], None]:
        """Room for one more stream from `address`, or Busy (503); returns its release."""
        with self._lock:
            if self._open >= self.total:
                raise Busy(
                    f"the server has as many live streams as it serves ({self.total}): "
                    f"try again in {self.retry_s} s",
                    retry_after_s=self.retry_s,
                )
            if self._by_address[address] >= self.per_address:
                raise Busy(
                    f"{self.per_address} live streams are open from your address already: "
                    f"close one or try again in {self.retry_s} s",
                    retry_after_s=self.retry_s,
                )
            self._open += 1
            self._by_address[address] += 1
        released = False

        def release() -> None:
            nonlocal released
            with self._lock:
                if released:
                    return
                released = True
                self._open -= 1
                self._by_address[address] -= 1
                if self._by_address[address] <= 0:
                    del self._by_address[address]

        return release
