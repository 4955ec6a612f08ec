"""Store URLs: which store a URL names, what its driver needs, and how to show it safely.

Plain text in, a `StoreUrl` out; nothing here opens a store or loads a driver, so `open` (which
opens) and `migrate` (which upgrades) can both parse URLs without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from pursuit.store.errors import StoreUnavailable

Kind = Literal["memory", "sqlite", "postgresql"]

_SQLITE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
_READ_ONLY = "?mode=ro"
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
    read_only: bool = False  # `?mode=ro` on a SQLite URL


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
    directory, `sqlite:////abs/path.db` absolute; `?mode=ro` opens it read-only. A bare path
    ending in .db, .sqlite or .sqlite3 is a SQLite file too.
    """
    if url in ("memory://", "memory:"):
        return StoreUrl("memory", "", "memory://")
    if url.startswith("sqlite:///"):
        path = url.removeprefix("sqlite:///")
        path, read_only = (
            (path[: -len(_READ_ONLY)], True) if path.endswith(_READ_ONLY) else (path, False)
        )
        if not path or path == ":memory:" or "?" in path:
            raise StoreUnavailable(
                redact(url),
                "a SQLite store needs a plain file path, optionally followed by ?mode=ro "
                "(use memory:// for RAM)",
            )
        return StoreUrl("sqlite", path, url, read_only)
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
