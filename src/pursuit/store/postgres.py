"""The event store in PostgreSQL (psycopg 3), with a NOTIFY after every append.

An append is one transaction: look up the command id, check the head, insert the rows, NOTIFY.
Two writers that both saw the same head both try to insert the same (competition, position); the
primary key makes the second wait for the first and then fail, which becomes ConcurrencyConflict.
The NOTIFY on channel `pursuit_events`, payload `competition:position` (the new head), is sent
by PostgreSQL only when the transaction commits; `listen()` receives them in another process.

Opened read-only, every session has `default_transaction_read_only` on and the schema is
checked, never upgraded. A full disk (SQLSTATE 53100) is StorageFull; a database that refuses
writes (a read-only session or a standby, 25006) is ReadOnlyStore.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import psycopg
from psycopg import errors

from pursuit.store.base import EventStore, check_append
from pursuit.store.errors import (
    ConcurrencyConflict,
    InvalidAppend,
    ReadOnlyStore,
    StorageFull,
    StoreUnavailable,
)
from pursuit.store.events import NewEvent, StoredEvent, decode_data
from pursuit.store.migrate import HEAD_REVISION, postgres_revision, upgrade_postgres
from pursuit.store.notify import CHANNEL, Listener
from pursuit.store.perthread import PerThread

CONNECT_TIMEOUT_S = 10
READ_CHUNK = 2000

_Conn = psycopg.Connection[tuple[Any, ...]]

_SELECT = (
    "SELECT competition, position, type, version, data, command_id, actor, recorded_at FROM events "
)
_READ = (
    "SELECT position, type, version, data, command_id, actor, recorded_at FROM events "
    "WHERE competition = %s AND position > %s AND position <= %s ORDER BY position LIMIT %s"
)
_BY_COMMAND = _SELECT + "WHERE competition = %s AND command_id = %s ORDER BY position"
_HEAD = "SELECT coalesce(max(position), 0) FROM events WHERE competition = %s"
_STATE = (
    "SELECT (" + _HEAD + "), "
    "EXISTS (SELECT 1 FROM events WHERE competition = %s AND command_id = %s)"
)
_INSERT = "INSERT INTO events VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
_NOTIFY = "SELECT pg_notify(%s, %s)"
_COMPETITIONS = """
    WITH RECURSIVE names(name) AS (
        SELECT min(competition) FROM events
        UNION ALL
        SELECT (SELECT min(competition) FROM events WHERE competition > name)
        FROM names WHERE name IS NOT NULL
    )
    SELECT name FROM names WHERE name IS NOT NULL
"""


def _event(row: tuple[Any, ...]) -> StoredEvent:
    return StoredEvent(*row)


def failure(url: str, e: psycopg.Error) -> StoreUnavailable:
    """What a driver error means: a full disk, a database refusing writes, or unavailable."""
    reason = str(e).strip()
    if isinstance(e, errors.DiskFull):
        return StorageFull(url, reason)
    if isinstance(e, errors.ReadOnlySqlTransaction):
        return ReadOnlyStore(url, f"refuses writes ({reason})")
    return StoreUnavailable(url, reason)


class PostgresEventStore(EventStore):
    """Connects to `conninfo` (a libpq `postgresql://` URL) and upgrades the schema if needed;
    with `read_only`, only reads (and refuses a schema it would have to upgrade)."""

    def __init__(self, conninfo: str, shown_url: str, read_only: bool = False) -> None:
        self.conninfo = conninfo
        self.url = shown_url
        self.read_only = read_only
        self._conns: PerThread[_Conn] = PerThread(shown_url, self._connect, _close)
        try:
            revision = postgres_revision(self._conns.get())
            if revision != HEAD_REVISION and read_only:
                raise StoreUnavailable(
                    shown_url,
                    f"its schema is at revision {revision or 'none'}, not {HEAD_REVISION}, and "
                    "a database opened read-only cannot be upgraded: open it once for writing",
                )
            if revision != HEAD_REVISION:
                upgrade_postgres(conninfo, shown_url)
        except psycopg.Error as e:
            self._conns.close_all()
            raise failure(self.url, e) from e
        except BaseException:
            self._conns.close_all()
            raise

    def _connect(self) -> _Conn:
        try:
            conn = psycopg.connect(
                self.conninfo, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S
            )
            if self.read_only:
                conn.execute("SET default_transaction_read_only = on")
        except psycopg.Error as e:
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
        rows = [
            (competition, position, e.type, e.version, data, command_id, e.actor, e.recorded_at)
            for position, (e, data) in enumerate(
                zip(events, encoded, strict=True), expected_head + 1
            )
        ]
        payload = f"{competition}:{rows[-1][1]}"
        conn = self._conns.get()
        try:
            # Pipeline mode: BEGIN and the state query travel together, then the inserts, the
            # NOTIFY and COMMIT: two round trips to the server instead of five.
            with conn.pipeline(), conn.transaction(), conn.cursor() as cur:
                cur.execute(_STATE, (competition, competition, command_id))
                head, done = cur.fetchone() or (0, False)
                if done:
                    return self._by_command(cur, competition, command_id)
                if head != expected_head:
                    raise ConcurrencyConflict(competition, expected_head, head)
                cur.executemany(_INSERT, rows)
                cur.execute(_NOTIFY, (CHANNEL, payload))
        except errors.UniqueViolation as e:
            with conn.cursor() as cur:
                done_rows = self._by_command(cur, competition, command_id)
            if done_rows:
                return done_rows
            raise ConcurrencyConflict(competition, expected_head, self.head(competition)) from e
        except (errors.IntegrityError, errors.DataError) as e:
            raise InvalidAppend(f"the database refused the events: {e}") from e
        except psycopg.Error as e:
            raise self._unavailable(conn, e) from e
        return [
            StoredEvent(c, p, kind, v, decode_data(data), cmd, actor, at)
            for (c, p, kind, v, data, cmd, actor, at) in rows
        ]

    @staticmethod
    def _by_command(
        cur: psycopg.Cursor[tuple[Any, ...]], competition: str, command_id: str
    ) -> list[StoredEvent]:
        cur.execute(_BY_COMMAND, (competition, command_id))
        return [_event(row) for row in cur.fetchall()]

    def read(
        self, competition: str, after: int = 0, upto: int | None = None
    ) -> Iterator[StoredEvent]:
        last = self.head(competition) if upto is None else upto
        return self._chunks(competition, max(after, 0), last)

    def _chunks(self, competition: str, after: int, upto: int) -> Iterator[StoredEvent]:
        """Keyset pages, each its own statement: nothing stays open between pages."""
        while after < upto:
            rows = self._query(_READ, (competition, after, upto, READ_CHUNK))
            if not rows:
                return
            yield from [StoredEvent(competition, *row) for row in rows]
            after = rows[-1][0]

    def head(self, competition: str) -> int:
        rows = self._query(_HEAD, (competition,))
        return int(rows[0][0])

    def competitions(self) -> list[str]:
        return [str(name) for (name,) in self._query(_COMPETITIONS, ())]

    def listen(self) -> Listener:
        """A new connection LISTENing on `pursuit_events`; iterate it or call `wait(timeout)`."""
        return Listener(self.conninfo, self.url)

    def close(self) -> None:
        self._conns.close_all()

    def _query(self, sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        conn = self._conns.get()
        try:
            return conn.execute(sql, params).fetchall()
        except psycopg.Error as e:
            raise self._unavailable(conn, e) from e

    def _unavailable(self, conn: _Conn, e: psycopg.Error) -> StoreUnavailable:
        """Drop this thread's connection if it broke (the next call reconnects)."""
        if conn.closed or conn.broken:
            self._conns.discard()
        return failure(self.url, e)


def _close(conn: _Conn) -> None:
    conn.close()
