"""the dashboard's finished weeks, counted once and shared by every replica

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

from storage.tables import UTCDateTime

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kpi_weeks",
        sa.Column("pack", sa.String(64), nullable=False),
        sa.Column("scope", sa.String(400), nullable=False),
        sa.Column("week_start", UTCDateTime, nullable=False),
        sa.Column("week_end", UTCDateTime, nullable=False),
        sa.Column("kudos", sa.Integer, nullable=False),
        sa.Column("givers", sa.Integer, nullable=False),
        sa.Column("receivers", sa.Integer, nullable=False),
        sa.Column("people", sa.Integer),
        sa.Column("per_principle", sa.Text, nullable=False),
        sa.Column("counted_at", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("pack", "scope", "week_start", "week_end", name="pk_kpi_weeks"),
    )
    op.create_index("ix_kpi_weeks_week_start", "kpi_weeks", ["week_start"])


def downgrade() -> None:
    op.drop_table("kpi_weeks")
