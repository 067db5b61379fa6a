"""welcomes: who has been welcomed, and which Teams teams Kodo introduced itself to

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

from storage.tables import UTCDateTime

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "welcomes",
        sa.Column("platform", sa.String(16), primary_key=True),
        sa.Column("subject", sa.String(256), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("workspace", sa.String(64)),
        sa.Column("organisation", sa.String(64)),
        sa.Column("welcomed_at", UTCDateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("welcomes")
