"""The event log's storage: one EventStore interface, kept in memory, SQLite or PostgreSQL.

`open_store(url)` picks the store; `upgrade(url)` brings a database's schema up to date (opening
does it too). Importing this package opens nothing and loads no database driver beyond sqlite3.
"""

from pursuit.store.base import EventStore
from pursuit.store.errors import (
    ConcurrencyConflict,
    InvalidAppend,
    ReadOnlyStore,
    StorageFull,
    StoreError,
    StoreUnavailable,
)
from pursuit.store.events import NewEvent, StoredEvent
from pursuit.store.migrate import upgrade
from pursuit.store.open import open_store

__all__ = [
    "ConcurrencyConflict",
    "EventStore",
    "InvalidAppend",
    "NewEvent",
    "ReadOnlyStore",
    "StorageFull",
    "StoreError",
    "StoreUnavailable",
    "StoredEvent",
    "open_store",
    "upgrade",
]
