"""Fixtures that hand every contract test each kind of event store, fresh.

PostgreSQL comes from PURSUIT_TEST_DATABASE_URL (see scripts/pg_up.sh); each test gets its own
schema, so tests and xdist workers never see each other's rows. Without the variable the
PostgreSQL cases are skipped, except under CI=true, where they fail: CI always has PostgreSQL.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from pursuit.store.base import EventStore
from pursuit.store.open import open_store

PG_URL_VARIABLE = "PURSUIT_TEST_DATABASE_URL"


@dataclass(frozen=True)
class Target:
    """Where a fresh store lives: open it as many times as a test needs."""

    kind: str
    url: str
    schema: str | None = None  # PostgreSQL only

    def open(self) -> EventStore:
        return open_store(self.url)


def postgres_url() -> str:
    """The test database URL, or skip (fail under CI=true) when there is none."""
    url = os.environ.get(PG_URL_VARIABLE, "")
    if url:
        return url
    if os.environ.get("CI") == "true":
        pytest.fail(f"{PG_URL_VARIABLE} is not set, but CI=true and CI always runs PostgreSQL")
    pytest.skip(f"PostgreSQL store not tested: {PG_URL_VARIABLE} is unset (scripts/pg_up.sh)")


def with_search_path(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@contextmanager
def fresh_schema(url: str) -> Iterator[str]:
    import psycopg

    schema = f"test_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield schema
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@contextmanager
def make_target(kind: str, tmp_path: Path) -> Iterator[Target]:
    if kind == "memory":
        yield Target("memory", "memory://")
    elif kind == "sqlite":
        yield Target("sqlite", f"sqlite:///{tmp_path / 'events.db'}")
    else:
        url = postgres_url()
        with fresh_schema(url) as schema:
            yield Target("postgresql", with_search_path(url, schema), schema)


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Target]:
    """Every kind of store."""
    with make_target(request.param, tmp_path) as made:
        yield made


@pytest.fixture(params=["sqlite", "postgresql"])
def durable_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Target]:
    """The stores that outlive their process: reopening and other processes make sense."""
    with make_target(request.param, tmp_path) as made:
        yield made


@pytest.fixture
def pg_target(tmp_path: Path) -> Iterator[Target]:
    """PostgreSQL alone, for what only it does (NOTIFY, Alembic)."""
    with make_target("postgresql", tmp_path) as made:
        yield made


@pytest.fixture
def store(target: Target) -> Iterator[EventStore]:
    opened = target.open()
    try:
        yield opened
    finally:
        opened.close()
