"""The event store in one SQLite file: WAL, synchronous=FULL, one connection per thread.

An append is one `BEGIN IMMEDIATE` transaction, which takes the file's write lock first, so the
head it checks cannot move before it commits, across threads and processes alike; the primary
key on (competition, position) still refuses any second row at a position. With WAL and
synchronous=FULL the commit has reached the disk when `append` returns.

Opened read-only (`read_only=True`, or `sqlite:///file.db?mode=ro`), every connection is a
`mode=ro` one: nothing is created, switched or upgraded, reads work and `append` raises
ReadOnlyStore. A full disk is StorageFull, not a store to try again.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from urllib.parse import quote

from pursuit.store.base import EventStore, check_append
from pursuit.store.errors import (
    ConcurrencyConflict,
    InvalidAppend,
    ReadOnlyStore,
    StorageFull,
    StoreUnavailable,
)
from pursuit.store.events import NewEvent, StoredEvent, decode_data, decode_many
from pursuit.store.perthread import PerThread
from pursuit.store.sqlite_schema import check_schema, migrate

BUSY_TIMEOUT_S = 10.0
READ_CHUNK = 2000

_SELECT = (
    "SELECT competition, position, type, version, data, command_id, actor, recorded_at FROM events "
)
_READ = (
    "SELECT position, type, version, data, command_id, actor, recorded_at FROM events "
    "WHERE competition = ? AND position > ? AND position <= ? ORDER BY position LIMIT ?"
)
# Without INDEXED BY, SQLite walks the competition's whole primary key range instead.
_BY_COMMAND = (
    _SELECT.replace("FROM events", "FROM events INDEXED BY events_by_command")
    + "WHERE competition = ? AND command_id = ? ORDER BY position"
)
_HEAD = "SELECT coalesce(max(position), 0) FROM events WHERE competition = ?"
_STATE = (
    "SELECT (" + _HEAD + "), EXISTS (SELECT 1 FROM events WHERE competition = ? AND command_id = ?)"
)
_INSERT = "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
# A loose index scan: one index probe per competition instead of reading every row.
_COMPETITIONS = """
    WITH RECURSIVE names(name) AS (
        SELECT min(competition) FROM events
        UNION ALL
        SELECT (SELECT min(competition) FROM events WHERE competition > name)
        FROM names WHERE name IS NOT NULL
    )
    SELECT name FROM names WHERE name IS NOT NULL
"""

_Row = tuple[str, int, str, int, str, str, str, str]


def _event(row: _Row) -> StoredEvent:
    competition, position, kind, version, data, command_id, actor, recorded_at = row
    return StoredEvent(
        competition, position, kind, version, decode_data(data), command_id, actor, recorded_at
    )


def failure(url: str, e: sqlite3.Error) -> StoreUnavailable:
    """What a driver error means: a full disk, a file that refuses writes, or unavailable."""
    name = getattr(e, "sqlite_errorname", None) or ""
    if name == "SQLITE_FULL":
        return StorageFull(url, str(e))
    if name.startswith("SQLITE_READONLY"):
        return ReadOnlyStore(url, f"refuses writes ({e})")
    return StoreUnavailable(url, str(e))


class SqliteEventStore(EventStore):
    """Opens (creating if needed) the file at `path` and brings its schema up to date; with
    `read_only`, opens an existing file as it is and never writes to it."""

    def __init__(self, path: str, shown_url: str | None = None, read_only: bool = False) -> None:
        self.path = path
        self.url = shown_url or f"sqlite:///{path}"
        self.read_only = read_only
        self._conns: PerThread[sqlite3.Connection] = PerThread(self.url, self._connect, _close)
        try:
            (check_schema if read_only else migrate)(self._conns.get(), self.url)
        except sqlite3.Error as e:
            self._conns.close_all()
            raise failure(self.url, e) from e
        except BaseException:
            self._conns.close_all()
            raise

    def _connect(self) -> sqlite3.Connection:
        if self.read_only:
            return self._connect_read_only()
        try:
            conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as e:
            raise failure(self.url, e) from e
        try:
            conn.execute("PRAGMA synchronous = FULL")
            _use_wal(conn)
        except sqlite3.Error as e:
            conn.close()
            raise failure(self.url, e) from e
        return conn

    def _connect_read_only(self) -> sqlite3.Connection:
        """A `mode=ro` connection. A WAL file whose folder we cannot write, with no -wal file
        beside it (so no writer has it open), is read as it is on disk (`immutable=1`)."""
        if not Path(self.path).is_file():
            raise StoreUnavailable(self.url, "no such database file")
        uri = "file:" + quote(os.path.abspath(self.path)) + "?mode=ro"
        folder = os.path.dirname(os.path.abspath(self.path))
        if not os.access(folder, os.W_OK) and not os.path.exists(self.path + "-wal"):
            uri += "&immutable=1"
        try:
            conn = sqlite3.connect(
                uri,
                uri=True,
                timeout=BUSY_TIMEOUT_S,
                isolation_level=None,
                check_same_thread=False,
            )
            conn.execute("PRAGMA query_only = ON")
        except sqlite3.Error as e:
            raise failure(self.url, e) from e
        return conn

    def append(
        self, competition: str, expected_head: int, events: Sequence[NewEvent]
    ) -> list[StoredEvent]:
        if not events:
            return []
        command_id, encoded = check_append(competition, expected_head, events)
        if self.read_only:
            raise ReadOnlyStore(self.url, "is opened read-only")
        rows: list[_Row] = [
            (competition, position, e.type, e.version, data, command_id, e.actor, e.recorded_at)
            for position, (e, data) in enumerate(
                zip(events, encoded, strict=True), expected_head + 1
            )
        ]
        conn = self._conns.get()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                head, done = conn.execute(_STATE, (competition, competition, command_id)).fetchone()
                if done:
                    rows = conn.execute(_BY_COMMAND, (competition, command_id)).fetchall()
                    conn.execute("ROLLBACK")
                    return [_event(row) for row in rows]
                if head != expected_head:
                    raise ConcurrencyConflict(competition, expected_head, head)
                conn.executemany(_INSERT, rows)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.IntegrityError as e:
            if e.sqlite_errorname != "SQLITE_CONSTRAINT_PRIMARYKEY":
                raise InvalidAppend(f"the database refused the events: {e}") from e
            raise ConcurrencyConflict(competition, expected_head, self.head(competition)) from e
        except sqlite3.Error as e:
            raise failure(self.url, e) from e
        return [_event(row) for row in rows]

    def read(
        self, competition: str, after: int = 0, upto: int | None = None
    ) -> Iterator[StoredEvent]:
        last = self.head(competition) if upto is None else upto
        return self._chunks(competition, max(after, 0), last)

    def _chunks(self, competition: str, after: int, upto: int) -> Iterator[StoredEvent]:
        """Keyset pages: no statement stays open between two events handed to the caller."""
        while after < upto:
            try:
                rows: list[tuple[int, str, int, str, str, str, str]] = (
                    self._conns.get()
                    .execute(_READ, (competition, after, upto, READ_CHUNK))
                    .fetchall()
                )
            except sqlite3.Error as e:
                raise failure(self.url, e) from e
            if not rows:
                return
            data = decode_many([row[3] for row in rows])
            yield from [
                StoredEvent(competition, p, kind, v, d, cmd, actor, at)
                for (p, kind, v, _, cmd, actor, at), d in zip(rows, data, strict=True)
            ]
            after = rows[-1][0]

    def head(self, competition: str) -> int:
        try:
            head: int = self._conns.get().execute(_HEAD, (competition,)).fetchone()[0]
        except sqlite3.Error as e:
            raise failure(self.url, e) from e
        return head

    def competitions(self) -> list[str]:
        try:
            rows = self._conns.get().execute(_COMPETITIONS).fetchall()
        except sqlite3.Error as e:
            raise failure(self.url, e) from e
        return [name for (name,) in rows]

    def close(self) -> None:
        self._conns.close_all()


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch a new file to WAL (it stays so). The switch needs the file to itself and SQLite
    does not wait for that, so retry while other processes are opening the same new file."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        if time.monotonic() > deadline:
            raise sqlite3.OperationalError("could not switch the file to WAL journal mode")
        try:
            conn.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as e:
            if e.sqlite_errorname != "SQLITE_BUSY":
                raise
            time.sleep(0.005)


def _close(conn: sqlite3.Connection) -> None:
    conn.close()
