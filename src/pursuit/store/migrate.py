"""Schema upgrades: Alembic for PostgreSQL, `user_version` steps for SQLite (see sqlite_schema).

`upgrade(url)` is what `pursuit db upgrade` calls; opening a store runs the same upgrade, with a
cheap check first so an up-to-date PostgreSQL database never loads Alembic or SQLAlchemy.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pursuit.store.errors import StoreUnavailable
from pursuit.store.sqlite import SqliteEventStore
from pursuit.store.urls import parse_store_url

if TYPE_CHECKING:
    import psycopg
    from alembic.config import Config

HEAD_REVISION = "0001"
"""The newest Alembic revision in pursuit/migrations/versions (a test keeps the two in step)."""

_LOCK_KEY = 0x70757273  # "purs": one upgrader at a time per database, others wait, then no-op


def upgrade(url: str) -> None:
    """Bring the store at `url` to the newest schema (nothing to do for memory://)."""
    parsed = parse_store_url(url)
    if parsed.kind == "sqlite":
        SqliteEventStore(parsed.target, parsed.shown).close()
    elif parsed.kind == "postgresql":
        upgrade_postgres(parsed.target, parsed.shown)


def alembic_config() -> Config:
    """An Alembic configuration pointing at the packaged migrations; no alembic.ini involved."""
    from alembic.config import Config

    import pursuit.migrations

    config = Config()
    config.set_main_option("script_location", str(Path(pursuit.migrations.__file__).parent))
    return config


def postgres_revision(conn: psycopg.Connection[tuple[object, ...]]) -> str | None:
    """The Alembic revision the database is at, None if it was never migrated."""
    row = conn.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()
    if row is None or not row[0]:
        return None
    version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if version is None else str(version[0])


def upgrade_postgres(conninfo: str, shown_url: str) -> None:
    """Run Alembic to head on `conninfo` (a libpq URL), one upgrader at a time.

    An advisory lock makes concurrent openers of a new database wait for the first; they then
    find the schema at head and never load Alembic. PostgreSQL DDL is transactional: the whole
    upgrade commits at once or not at all.
    """
    import psycopg

    try:
        conn = psycopg.connect(conninfo, autocommit=True)
    except psycopg.Error as e:
        raise StoreUnavailable(shown_url, str(e).strip()) from e
    try:
        conn.execute("SELECT pg_advisory_lock(%s)", (_LOCK_KEY,))
        if postgres_revision(conn) != HEAD_REVISION:
            conn.autocommit = False
            _run_alembic(conn, shown_url)
    except psycopg.Error as e:
        raise StoreUnavailable(shown_url, str(e).strip()) from e
    finally:
        conn.close()  # also releases the lock


def _run_alembic(conn: psycopg.Connection[tuple[object, ...]], shown_url: str) -> None:
    """Alembic's upgrade to head through SQLAlchemy, on `conn` itself (which holds the lock)."""
    from alembic import command
    from alembic.util import CommandError
    from sqlalchemy import create_engine, pool
    from sqlalchemy.exc import SQLAlchemyError

    engine = create_engine("postgresql+psycopg://", creator=lambda: conn, poolclass=pool.NullPool)
    try:
        with engine.connect() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            connection.commit()
    except CommandError as e:
        raise StoreUnavailable(shown_url, f"cannot upgrade its schema: {e}") from e
    except SQLAlchemyError as e:
        raise StoreUnavailable(shown_url, str(getattr(e, "orig", None) or e)) from e
