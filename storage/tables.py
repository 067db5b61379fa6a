"""The schema. Idempotency lives here, in unique constraints, not in application code: a repeated
event is a no-op on SQLite and PostgreSQL alike, also when two processes insert at the same moment."""

from __future__ import annotations

from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator

metadata = sa.MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "pk": "pk_%(table_name)s",
})


class UTCDateTime(TypeDecorator):
    """Aware datetimes in, aware UTC datetimes out; stored as naive UTC so SQLite's text ordering
    and PostgreSQL's ``timestamp`` agree."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: Kodo stores only aware datetimes")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect):
        return None if value is None else value.replace(tzinfo=timezone.utc)


BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")  # SQLite's rowid alias must be INTEGER

kudos = sa.Table(
    "kudos", metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
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
    # Rule 3: the same giver, message and principle count once. NULL messages (commands) never clash.
    sa.UniqueConstraint("platform", "giver", "message", "principle"),
    # A command delivered twice (retry, second replica) carries the same platform event id.
    sa.UniqueConstraint("platform", "event_key"),
    sa.CheckConstraint("principle >= 1", name="principle_positive"),
    sa.CheckConstraint("source IN ('reaction', 'command', 'shortcut')", name="source_known"),
    sa.Index(None, "platform", "giver", "day"),
    sa.Index(None, "platform", "receiver"),
    sa.Index(None, "platform", "created_at", "principle", "receiver"),
)

user_settings = sa.Table(
    "user_settings", metadata,
    sa.Column("platform", sa.String(16), primary_key=True),
    sa.Column("user_id", sa.String(128), primary_key=True),
    sa.Column("locale", sa.String(8)),
    sa.Column("ranking", sa.Boolean, nullable=False, server_default=sa.true()),
)

subscriptions = sa.Table(
    "subscriptions", metadata,
    sa.Column("platform", sa.String(16), primary_key=True),
    sa.Column("channel", sa.String(256), primary_key=True),
    sa.Column("kind", sa.String(16), primary_key=True),
    sa.Column("locale", sa.String(8), nullable=False),
    sa.CheckConstraint("kind IN ('tips', 'roundup')", name="kind_known"),
)
