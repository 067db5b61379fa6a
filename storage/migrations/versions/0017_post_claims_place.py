"""the workspace (and Grid) of each scheduled post, so the dashboard narrows tips posted by workspace

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-08
"""
import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("post_claims", sa.Column("workspace", sa.String(64)))
    op.add_column("post_claims", sa.Column("organisation", sa.String(64)))


def downgrade() -> None:
    op.drop_column("post_claims", "organisation")
    op.drop_column("post_claims", "workspace")
