"""The SQLite schema and its migrations, numbered by `PRAGMA user_version`.

Why not Alembic here (PostgreSQL uses it): SQLite DDL is transactional, so running the missing
steps and bumping `user_version` inside one `BEGIN IMMEDIATE` lets several processes open a new
file at once without any extra lock, while Alembic on the stdlib driver runs DDL outside a
transaction; and opening a SQLite store stays stdlib-only (Alembic and SQLAlchemy take ~0.8 s to
import, which every CLI call and every kill-test child would pay). The log's shape is meant to
stay put (events evolve by their own `version`, not by DDL), so two short histories are cheap;
the contract tests check that both schemas have the same columns.

A new step is appended to STEPS, never edited in place once released.
"""

from __future__ import annotations

import sqlite3

from pursuit.store.errors import StoreUnavailable

COLUMNS = (
    "competition",
    "position",
    "type",
    "version",
    "data",
    "command_id",
    "actor",
    "recorded_at",
)

STEPS: tuple[tuple[str, ...], ...] = (
    (
        """
        CREATE TABLE events (
            competition TEXT NOT NULL CHECK (competition <> ''),
            position INTEGER NOT NULL CHECK (position >= 1),
            type TEXT NOT NULL,
            version INTEGER NOT NULL,
            data TEXT NOT NULL CHECK (json_valid(data)),
            command_id TEXT NOT NULL,
            actor TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (competition, position)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX events_by_command ON events (competition, command_id)",
        """
        CREATE TRIGGER events_never_updated BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END
        """,
        """
        CREATE TRIGGER events_never_deleted BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'the event log is append-only'); END
        """,
    ),
)


def user_version(conn: sqlite3.Connection) -> int:
    """The number of steps applied to the file `conn` is on."""
    version: int = conn.execute("PRAGMA user_version").fetchone()[0]
    return version


def check_schema(conn: sqlite3.Connection, shown_url: str) -> None:
    """For a file opened read-only: refuse it unless its schema is the newest (it cannot be
    upgraded without writing to it)."""
    latest = len(STEPS)
    current = user_version(conn)
    if current == latest:
        return
    if current == 0:
        raise StoreUnavailable(shown_url, "it holds no event log (it is not a pursuit database)")
    if current > latest:
        raise StoreUnavailable(
            shown_url, f"its schema is version {current}, newer than this program ({latest})"
        )
    raise StoreUnavailable(
        shown_url,
        f"its schema is version {current}, older than this program ({latest}), and a database "
        "opened read-only cannot be upgraded: open it once where it can be written",
    )


def migrate(conn: sqlite3.Connection, shown_url: str) -> None:
    """Bring the file up to len(STEPS); `conn` must be in autocommit mode (isolation_level=None)."""
    latest = len(STEPS)
    if user_version(conn) == latest:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = user_version(conn)
        if current > latest:
            raise StoreUnavailable(
                shown_url, f"its schema is version {current}, newer than this program ({latest})"
            )
        for step in STEPS[current:]:
            for statement in step:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {latest}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
