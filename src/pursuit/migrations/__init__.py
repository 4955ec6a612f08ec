"""Alembic migrations of the PostgreSQL event store (run by `pursuit.store.migrate`).

No alembic.ini is needed: `pursuit.store.migrate.alembic_config()` builds the configuration in
code with `script_location` pointing at this folder.
"""
