"""awards and the casebook: each channel's monthly winners, the casebook's entries, and an index to
find an episode's kudos by their message

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

from storage.tables import UTCDateTime

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "award_winners",
        sa.Column("platform", sa.String(16), primary_key=True),
        sa.Column("channel", sa.String(256), primary_key=True),
        sa.Column("month", sa.String(7), primary_key=True),
        sa.Column("principle", sa.SmallInteger, primary_key=True),
        sa.Column("receiver", sa.String(128), nullable=False),
        sa.Column("episode", sa.String(256), nullable=False),
        sa.Column("givers", sa.Integer, nullable=False),
        sa.Column("workspace", sa.String(64)),
        sa.Column("organisation", sa.String(64)),
        sa.Column("awarded_at", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("platform", "channel", "month", "principle", name="pk_award_winners"),
    )
    op.create_index("ix_award_winners_platform_receiver", "award_winners", ["platform", "receiver"])
    op.create_table(
        "casebook",
        sa.Column("id", BigId, primary_key=True, autoincrement=True),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("episode", sa.String(256), nullable=False),
        sa.Column("principle", sa.SmallInteger, nullable=False),
        sa.Column("receiver", sa.String(128), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("how", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(256)),
        sa.Column("workspace", sa.String(64)),
        sa.Column("organisation", sa.String(64)),
        sa.Column("team", sa.String(256)),
        sa.Column("entered_at", UTCDateTime, nullable=False),
        sa.Column("answered_at", UTCDateTime),
        sa.PrimaryKeyConstraint("id", name="pk_casebook"),
        sa.UniqueConstraint("platform", "episode", name="uq_casebook_platform_episode"),
        sa.CheckConstraint("status IN ('asked', 'published', 'private')", name="ck_casebook_status_known"),
    )
    op.create_index("ix_casebook_platform_receiver", "casebook", ["platform", "receiver"])
    op.create_index("ix_kudos_message", "kudos", ["platform", "message"],
                    sqlite_where=sa.text("message IS NOT NULL"), postgresql_where=sa.text("message IS NOT NULL"))


def downgrade() -> None:
    op.drop_index("ix_kudos_message", "kudos")
    op.drop_table("casebook")
    op.drop_table("award_winners")
