"""the Teams team a conversation belongs to, so Kodo removed from a team forgets all of it

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("conversations", sa.Column("team", sa.String(256)))
    op.create_index("ix_conversations_team", "conversations", ["team"])


def downgrade() -> None:
    op.drop_index("ix_conversations_team", "conversations")
    op.drop_column("conversations", "team")
