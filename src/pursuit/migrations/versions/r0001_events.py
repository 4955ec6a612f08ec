"""The append-only event log: one row per event, keyed by (competition, position).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("competition", sa.Text(), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("type", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        # json, not jsonb: the log keeps the text exactly as written (key order included).
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("command_id", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("competition", "position", name="events_pkey"),
        sa.CheckConstraint("competition <> ''", name="events_competition_named"),
        sa.CheckConstraint("position >= 1", name="events_position_from_one"),
    )
    op.create_index("events_by_command", "events", ["competition", "command_id"])
    op.execute(
        """
        CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the event log is append-only';
        END
        $$
        """
    )
    op.execute(
        "CREATE TRIGGER events_never_changed BEFORE UPDATE OR DELETE ON events "
        "FOR EACH ROW EXECUTE FUNCTION events_refuse_change()"
    )
    op.execute(
        "CREATE TRIGGER events_never_truncated BEFORE TRUNCATE ON events "
        "FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change()"
    )


def downgrade() -> None:
    op.drop_table("events")
    op.execute("DROP FUNCTION events_refuse_change()")
