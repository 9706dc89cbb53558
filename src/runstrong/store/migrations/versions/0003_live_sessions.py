"""The live session in the log: position, variations, preview flag; idempotent step outcomes.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from runstrong.store.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_SESSION_COLUMNS = (
    sa.Column("step_index", sa.Integer(), nullable=False, server_default="0"),
    sa.Column("step_elapsed", sa.Float(), nullable=False, server_default="0"),
    sa.Column("active_seconds", sa.Float(), nullable=False, server_default="0"),
    sa.Column("paused", sa.Boolean(), nullable=False, server_default=sa.true()),
    sa.Column("variations", sa.JSON(), nullable=False, server_default="{}"),
    sa.Column("preview", sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.Column("updated_at", UTCDateTime(), nullable=True),
)


def upgrade() -> None:
    for column in _SESSION_COLUMNS:
        op.add_column("sessions", column)
    op.create_index("ix_sessions_user_status", "sessions", ["user_id", "status"])
    op.add_column("sets", sa.Column("client_id", sa.String(64), nullable=True))
    op.create_index("uq_sets_session_client", "sets", ["session_id", "client_id"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_sets_session_client", table_name="sets")
    with op.batch_alter_table("sets") as batch:
        batch.drop_column("client_id")
    op.drop_index("ix_sessions_user_status", table_name="sessions")
    with op.batch_alter_table("sessions") as batch:
        for column in reversed(_SESSION_COLUMNS):
            batch.drop_column(column.name)
