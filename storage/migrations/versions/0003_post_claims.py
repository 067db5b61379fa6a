"""the scheduler's post claims

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

from storage.tables import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "post_claims",
        sa.Column("platform", sa.String(16), primary_key=True),
        sa.Column("channel", sa.String(256), primary_key=True),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("period", sa.String(16), primary_key=True),
        sa.Column("claimed_by", sa.String(64), nullable=False),
        sa.Column("claimed_at", UTCDateTime, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="1"),
        sa.Column("message_id", sa.String(256)),
        sa.Column("sent_at", UTCDateTime),
    )


def downgrade() -> None:
    op.drop_table("post_claims")
