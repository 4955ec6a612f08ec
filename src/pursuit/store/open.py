"""Store URLs: `open_store(url)`, the one place a URL becomes an event store, and its parsing.

The PostgreSQL store is imported only when asked for, so SQLite and memory users never load
psycopg (and nothing here opens anything at import time).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pursuit.store.base import EventStore
from pursuit.store.errors import StoreUnavailable
from pursuit.store.memory import MemoryEventStore
from pursuit.store.sqlite import SqliteEventStore

Kind = Literal["memory", "sqlite", "postgresql"]

_SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
_POSTGRES_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")


@dataclass(frozen=True)
class StoreUrl:
    """A parsed store URL.

    `target` is what the driver needs: nothing for memory, a file path for SQLite, a libpq
    `postgresql://` URL for PostgreSQL. `shown` is the URL with any password masked.
    """

    kind: Kind
    target: str
    shown: str


def redact(url: str) -> str:
    """`url` with a password in the user part or in a `password=` query parameter masked."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparsable URL>"
    netloc = parts.netloc
    if "@" in netloc:
        user, _, host = netloc.rpartition("@")
        if ":" in user:
            user = user.split(":", 1)[0] + ":***"
        netloc = f"{user}@{host}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        masked = [(k, "***" if k.lower() == "password" else v) for k, v in pairs]
        query = urlencode(masked, safe="*")
    if netloc == parts.netloc and query == parts.query:
        return url
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def parse_store_url(url: str) -> StoreUrl:
    """Classify `url`; raise StoreUnavailable for anything no store understands.

    SQLite follows SQLAlchemy's spelling: `sqlite:///rel/path.db` is relative to the working
    directory, `sqlite:////abs/path.db` absolute. A bare path ending in .db, .sqlite or .sqlite3
    is a SQLite file too.
    """
    if url in ("memory://", "memory:"):
        return StoreUrl("memory", "", "memory://")
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        if not path or path == ":memory:" or "?" in path:
            raise StoreUnavailable(
                redact(url), "a SQLite store needs a plain file path (use memory:// for RAM)"
            )
        return StoreUrl("sqlite", path, url)
    if "://" not in url and url.lower().endswith(_SQLITE_SUFFIXES):
        return StoreUrl("sqlite", url, url)
    for scheme in _POSTGRES_SCHEMES:
        if url.startswith(scheme):
            target = "postgresql://" + url.removeprefix(scheme)
            return StoreUrl("postgresql", target, redact(url))
    raise StoreUnavailable(
        redact(url),
        "unknown kind of store; use memory://, sqlite:///path.db, a path ending in .db, "
        "or postgresql://user@host/dbname",
    )


def open_store(url: str, create: bool = True) -> EventStore:
    """Open the store `url` names, creating or upgrading its schema as needed. With
    `create=False` a SQLite file that does not exist is refused rather than made.

    `memory://` (fresh each time), `sqlite:///rel/path.db`, `sqlite:////abs/path.db` or a bare
    path ending in .db/.sqlite/.sqlite3, and `postgresql://` (also `postgres://`,
    `postgresql+psycopg://`). Anything else, or a store that cannot be reached, raises
    StoreUnavailable naming the URL without its password.
    """
    parsed = parse_store_url(url)
    if parsed.kind == "memory":
        return MemoryEventStore()
    if parsed.kind == "sqlite":
        if not create and not Path(parsed.target).exists():
            raise StoreUnavailable(
                parsed.shown,
                "no such database file; `pursuit new` or `pursuit import FILE` makes one",
            )
        return SqliteEventStore(parsed.target, parsed.shown)
    from pursuit.store.postgres import PostgresEventStore

    return PostgresEventStore(parsed.target, parsed.shown)
