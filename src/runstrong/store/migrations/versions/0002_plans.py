"""The web plan of each user: calendar source, options, feed state, computed plan, feed token.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from runstrong.store.types import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "user_id",
            sa.Integer(),
            sa.ForeignKey("users.id", ondelete="CASCADE"),
            nullable=False,
            unique=True,
        ),
        sa.Column("feed_token", sa.String(64), nullable=False, unique=True),
        sa.Column("source_kind", sa.String(8), nullable=True),
        sa.Column("source_name", sa.String(2048), nullable=True),
        sa.Column("calendar", sa.LargeBinary(), nullable=True),
        sa.Column("options", sa.Text(), nullable=False),
        sa.Column("feed_etag", sa.String(512), nullable=True),
        sa.Column("feed_last_modified", sa.String(64), nullable=True),
        sa.Column("fetched_at", UTCDateTime(), nullable=True),
        sa.Column("feed_error", sa.Text(), nullable=True),
        sa.Column("feed_error_at", UTCDateTime(), nullable=True),
        sa.Column("plan", sa.Text(), nullable=True),
        sa.Column("sessions_ics", sa.LargeBinary(), nullable=True),
        sa.Column("warnings", sa.Text(), nullable=False),
        sa.Column("revisions", sa.Text(), nullable=False),
        sa.Column("computed_at", UTCDateTime(), nullable=True),
        sa.Column("refresh_claimed_at", UTCDateTime(), nullable=True),
    )


def downgrade() -> None:
    op.drop_table("plans")
