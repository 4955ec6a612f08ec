"""One database connection per thread, opened on first use and all closed together.

Both database stores use this: a connection is never shared between threads, so each thread
has its own transactions, and concurrency between threads is settled by the database exactly as
between processes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from pursuit.store.errors import StoreUnavailable

C = TypeVar("C")


class PerThread(Generic[C]):
    """Hands each thread its own connection from `connect`; `close` releases one."""

    def __init__(self, shown_url: str, connect: Callable[[], C], close: Callable[[C], None]):
        self._shown_url = shown_url
        self._connect = connect
        self._close = close
        self._lock = threading.Lock()
        self._conns: dict[threading.Thread, C] = {}
        self._closed = False

    def get(self) -> C:
        """The calling thread's connection, opened now if it has none."""
        thread = threading.current_thread()
        with self._lock:
            if self._closed:
                raise StoreUnavailable(self._shown_url, "the store is closed")
            conn = self._conns.get(thread)
            if conn is not None:
                return conn
            finished = [t for t in self._conns if not t.is_alive()]
            stale = [self._conns.pop(t) for t in finished]
        for old in stale:
            self._close(old)
        conn = self._connect()
        with self._lock:
            if self._closed:
                self._close(conn)
                raise StoreUnavailable(self._shown_url, "the store is closed")
            self._conns[thread] = conn
        return conn

    def discard(self) -> None:
        """Forget (and close) the calling thread's connection, e.g. after it broke."""
        with self._lock:
            conn = self._conns.pop(threading.current_thread(), None)
        if conn is not None:
            self._close(conn)

    def close_all(self) -> None:
        """Close every connection; later `get` calls raise StoreUnavailable."""
        with self._lock:
            self._closed = True
            conns = list(self._conns.values())
            self._conns.clear()
        for conn in conns:
            self._close(conn)
