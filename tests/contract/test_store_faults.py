"""Both databases name their faults the same way: a store opened read-only reads and refuses
writes with ReadOnlyStore (writing nothing, upgrading nothing); a full disk is StorageFull."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from pursuit.store.errors import ReadOnlyStore, StorageFull, StoreUnavailable
from pursuit.store.events import NewEvent
from pursuit.store.open import open_store

if TYPE_CHECKING:
    from conftest import Target


def event(command: str, n: int) -> NewEvent:
    return NewEvent("Noted", 1, {"n": n}, command, "tk", "2026-05-01T10:00:00+00:00")


def test_a_store_opened_read_only_reads_and_refuses_writes(durable_target: Target) -> None:
    with durable_target.open() as store:
        store.append("cup", 0, [event("c1", 1), event("c1", 2)])
    with open_store(durable_target.url, read_only=True) as store:
        assert store.read_only
        assert [e.data["n"] for e in store.read("cup")] == [1, 2]
        assert store.competitions() == ["cup"] and store.head("cup") == 2
        with pytest.raises(ReadOnlyStore, match=r"^the database is read-only: "):
            store.append("cup", 2, [event("c2", 3)])
    with durable_target.open() as store:
        assert store.head("cup") == 2


def test_a_postgres_session_that_refuses_writes_is_read_only(pg_target: Target) -> None:
    with pg_target.open() as store:
        store.append("cup", 0, [event("c1", 1)])
        # as on a standby: the database itself refuses every write of this session
        store._conns.get().execute("SET default_transaction_read_only = on")  # type: ignore[attr-defined]
        with pytest.raises(ReadOnlyStore):
            store.append("cup", 1, [event("c2", 2)])
        assert store.head("cup") == 1


def test_a_postgres_database_read_only_at_an_old_schema_is_refused_not_upgraded(
    pg_target: Target,
) -> None:
    with pytest.raises(StoreUnavailable, match="cannot be upgraded") as raised:
        open_store(pg_target.url, read_only=True)  # a fresh schema: never migrated
    assert not isinstance(raised.value, ReadOnlyStore)
    import psycopg

    with psycopg.connect(pg_target.url) as conn:
        found = conn.execute("SELECT to_regclass('alembic_version')").fetchone()
    assert found == (None,)


def test_postgres_disk_full_and_refused_writes_have_their_own_errors() -> None:
    from psycopg import errors

    from pursuit.store.postgres import failure

    full = failure("postgresql://db", errors.DiskFull('could not extend file "base/1/2"'))
    assert isinstance(full, StorageFull) and str(full).startswith("the disk is full: ")
    refused = failure("postgresql://db", errors.ReadOnlySqlTransaction("read-only transaction"))
    assert isinstance(refused, ReadOnlyStore)
    other = failure("postgresql://db", errors.AdminShutdown("terminating connection"))
    assert type(other) is StoreUnavailable
