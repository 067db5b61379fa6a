"""kudos, user settings and subscriptions

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

from storage.tables import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "kudos",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True, autoincrement=True),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("giver", sa.String(128), nullable=False),
        sa.Column("receiver", sa.String(128), nullable=False),
        sa.Column("principle", sa.SmallInteger, nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(256)),
        sa.Column("message", sa.String(256)),
        sa.Column("event_key", sa.String(256)),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("revoked_at", UTCDateTime),
        sa.UniqueConstraint("platform", "giver", "message", "principle",
                            name="uq_kudos_platform_giver_message_principle"),
        sa.UniqueConstraint("platform", "event_key", name="uq_kudos_platform_event_key"),
        sa.CheckConstraint("principle >= 1", name="ck_kudos_principle_positive"),
        sa.CheckConstraint("source IN ('reaction', 'command', 'shortcut')", name="ck_kudos_source_known"),
    )
    standing = {"sqlite_where": sa.text("revoked_at IS NULL"), "postgresql_where": sa.text("revoked_at IS NULL")}
    op.create_index("ix_kudos_platform_receiver", "kudos", ["platform", "receiver"])
    op.create_index("ix_kudos_given_per_day", "kudos", ["platform", "giver", "day"], **standing)
    op.create_index("ix_kudos_week", "kudos", ["platform", "created_at", "principle", "receiver"], **standing)
    op.create_table(
        "user_settings",
        sa.Column("platform", sa.String(16), primary_key=True),
        sa.Column("user_id", sa.String(128), primary_key=True),
        sa.Column("locale", sa.String(8)),
        sa.Column("ranking", sa.Boolean, nullable=False, server_default=sa.true()),
    )
    op.create_table(
        "subscriptions",
        sa.Column("platform", sa.String(16), primary_key=True),
        sa.Column("channel", sa.String(256), primary_key=True),
        sa.Column("kind", sa.String(16), primary_key=True),
        sa.Column("locale", sa.String(8), nullable=False),
        sa.CheckConstraint("kind IN ('tips', 'roundup')", name="ck_subscriptions_kind_known"),
    )


def downgrade() -> None:
    op.drop_table("subscriptions")
    op.drop_table("user_settings")
    op.drop_table("kudos")
