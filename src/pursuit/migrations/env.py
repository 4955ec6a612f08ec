"""Alembic environment: runs on the connection `pursuit.store.migrate` hands over.

With no connection in `config.attributes` (e.g. a developer calling Alembic's command API with a
`sqlalchemy.url`), it connects itself; in offline mode it prints the SQL instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, pool


def _run(connection: Connection) -> None:
    context.configure(connection=connection, transactional_ddl=True)
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    config = context.config
    if context.is_offline_mode():
        context.configure(url=config.get_main_option("sqlalchemy.url"), literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    given = config.attributes.get("connection")
    if isinstance(given, Connection):
        _run(given)
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection and no sqlalchemy.url given to the migrations")
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        _run(connection)
        connection.commit()


_main()
