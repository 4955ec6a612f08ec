"""Alembic revisions, one file each, named rNNNN_<what>.py; Alembic skips this __init__."""
