"""indexes for the KPIs (dashboard, /api/kpi, kodo kpi)

Revision ID: 0007
Revises: 0006 (the lead chains it last at merge)
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_standing = sa.text("revoked_at IS NULL")
_revoked = sa.text("revoked_at IS NOT NULL")


def upgrade() -> None:
    op.create_index("ix_kudos_kpi", "kudos",
                    ["created_at", "pack", "platform", "principle", "giver", "receiver", "revoked_at"],
                    sqlite_where=_standing, postgresql_where=_standing)
    op.create_index("ix_kudos_revoked", "kudos", ["revoked_at"], sqlite_where=_revoked, postgresql_where=_revoked)


def downgrade() -> None:
    op.drop_index("ix_kudos_revoked", "kudos")
    op.drop_index("ix_kudos_kpi", "kudos")
