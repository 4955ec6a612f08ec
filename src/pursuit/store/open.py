"""`open_store(url)`: the one place a store URL (parsed in `urls`) becomes an event store.

The PostgreSQL store is imported only when asked for, so SQLite and memory users never load
psycopg (and nothing here opens anything at import time).
"""

from __future__ import annotations

import os
from pathlib import Path

from pursuit.store.base import EventStore
from pursuit.store.errors import StoreUnavailable
from pursuit.store.memory import MemoryEventStore
from pursuit.store.sqlite import SqliteEventStore
from pursuit.store.urls import parse_store_url


def open_store(url: str, create: bool = True, read_only: bool | None = None) -> EventStore:
    """Open the store `url` names, creating or upgrading its schema as needed. With
    `create=False` a SQLite file that does not exist is refused rather than made.

    `read_only=True` (or `?mode=ro` on a SQLite URL) opens it for reading only: nothing is
    created or upgraded and appends raise ReadOnlyStore. `None` (the default) opens a SQLite
    file read-only when this process may not write it or its folder.

    `memory://` (fresh each time), `sqlite:///rel/path.db`, `sqlite:////abs/path.db` or a bare
    path ending in .db/.sqlite/.sqlite3, and `postgresql://` (also `postgres://`,
    `postgresql+psycopg://`). Anything else, or a store that cannot be reached, raises
    StoreUnavailable naming the URL without its password.
    """
    parsed = parse_store_url(url)
    if parsed.kind == "memory":
        return MemoryEventStore()
    if parsed.kind == "sqlite":
        path = Path(parsed.target)
        if read_only is None:
            read_only = parsed.read_only or (path.exists() and not _writable(path))
        if (read_only or not create) and not path.exists():
            raise StoreUnavailable(
                parsed.shown,
                "no such database file; `pursuit new` or `pursuit import FILE` makes one",
            )
        return SqliteEventStore(parsed.target, parsed.shown, read_only or parsed.read_only)
    from pursuit.store.postgres import PostgresEventStore

    return PostgresEventStore(parsed.target, parsed.shown, bool(read_only))


def _writable(path: Path) -> bool:
    """Whether this process may write the file and make its -wal and -shm files beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent.resolve(), os.W_OK)
