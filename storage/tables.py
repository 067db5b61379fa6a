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
    # Where it happened (the privacy rules are queries over these) and under which content pack, so
    # switching KODO_CONTENT never changes what a stored number means.
    sa.Column("workspace", sa.String(64)),  # Slack team id, Teams tenant id, "console"
    sa.Column("organisation", sa.String(64)),  # Slack Enterprise Grid id
    sa.Column("team", sa.String(256)),  # Teams team id
    sa.Column("visibility", sa.String(16), nullable=False),  # public|private|shared|group|direct
    sa.Column("pack", sa.String(64), nullable=False),
    # A reaction kudos: the platform's own time of the newest add or removal seen for it, so a late
    # or replayed event older than that changes nothing (NULL: no platform time, as in the console).
    sa.Column("event_at", UTCDateTime),
    # Rule 3: the same giver, message and principle count once. NULL messages (commands) never clash.
    sa.UniqueConstraint("platform", "giver", "message", "principle"),
    # A command delivered twice (retry, second replica) carries the same platform event id.
    sa.UniqueConstraint("platform", "event_key"),
    sa.CheckConstraint("principle >= 1", name="principle_positive"),
    sa.CheckConstraint("source IN ('reaction', 'command', 'shortcut', 'proposal')", name="source_known"),
    sa.Index(None, "platform", "receiver"),
)
# Partial indexes over the kudos that stand: the daily-limit count and the roundup's week scan read
# nothing but the index (revoked kudos are never counted, so they need not be in it).
_standing_only = {"sqlite_where": kudos.c.revoked_at.is_(None), "postgresql_where": kudos.c.revoked_at.is_(None)}
sa.Index("ix_kudos_given_per_day", kudos.c.platform, kudos.c.giver, kudos.c.day, **_standing_only)
sa.Index("ix_kudos_week", kudos.c.platform, kudos.c.created_at, kudos.c.principle, kudos.c.receiver,
         **_standing_only)
# The KPIs (storage/kpi.py): a week of every platform in one range scan, read from the index alone
# (``revoked_at``, always NULL in it, is there because SQLite only calls an index covering when it
# holds every column the query names); and the few revoked kudos, to tell which finished weeks a
# late revocation changed.
sa.Index("ix_kudos_kpi", kudos.c.created_at, kudos.c.pack, kudos.c.platform, kudos.c.principle, kudos.c.giver,
         kudos.c.receiver, kudos.c.revoked_at, **_standing_only)
sa.Index("ix_kudos_revoked", kudos.c.revoked_at, sqlite_where=kudos.c.revoked_at.is_not(None),
         postgresql_where=kudos.c.revoked_at.is_not(None))
# An episode's kudos (a recognised message's): the casebook looks at them on every reaction.
sa.Index("ix_kudos_message", kudos.c.platform, kudos.c.message, sqlite_where=kudos.c.message.is_not(None),
         postgresql_where=kudos.c.message.is_not(None))

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
    # The audience of what is posted there, as known when the channel subscribed (NULL: unknown).
    sa.Column("workspace", sa.String(64)),
    sa.Column("team", sa.String(256)),
    sa.Column("organisation", sa.String(64)),  # Slack Enterprise Grid id: which installation posts there
    sa.Column("visibility", sa.String(16)),
)  # ``kind`` is any feature's Kind (tips, roundup, …): the features declare them, not the schema

# Teams can only post where it has been before: the conversation reference (service URL, tenant,
# bot and conversation ids) from the last activity seen there. ``user_id`` is set for 1:1 chats,
# so a direct message finds the person's conversation; ``team`` for a team's channels, so Kodo
# removed from the team forgets them all (rows stored before 0008 have none).
conversations = sa.Table(
    "conversations", metadata,
    sa.Column("conversation_id", sa.String(256), primary_key=True),
    sa.Column("reference", sa.Text, nullable=False),
    sa.Column("user_id", sa.String(128)),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("team", sa.String(256)),
    sa.Index(None, "user_id"),
    sa.Index(None, "team"),
)

# The scheduler's exactly-once ledger: a replica claims (platform, channel, kind, period) before it
# sends, and records the platform's message id after. The primary key is the claim.
post_claims = sa.Table(
    "post_claims", metadata,
    sa.Column("platform", sa.String(16), primary_key=True),
    sa.Column("channel", sa.String(256), primary_key=True),
    sa.Column("kind", sa.String(16), primary_key=True),
    sa.Column("period", sa.String(16), primary_key=True),  # a day 2026-11-24, a week 2026-W48, a month 2027-01
    sa.Column("claimed_by", sa.String(64), nullable=False),
    sa.Column("claimed_at", UTCDateTime, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="1"),
    sa.Column("message_id", sa.String(256)),
    sa.Column("sent_at", UTCDateTime),
    # Where it went (the subscription's workspace and Grid; NULL for claims older than 0017 and for
    # jobs that post nowhere, such as the nightly retention run): the dashboard narrows by it.
    sa.Column("workspace", sa.String(64)),
    sa.Column("organisation", sa.String(64)),
)

# Platform events already handled (Slack's ``event_id``), written in the same transaction as what
# the event changed, so a redelivery to any replica is a no-op. Kept for a day (``seen_at``): Slack
# retries within minutes and refuses signatures older than five.
processed_events = sa.Table(
    "processed_events", metadata,
    sa.Column("platform", sa.String(16), primary_key=True),
    sa.Column("event_key", sa.String(128), primary_key=True),
    sa.Column("seen_at", UTCDateTime, nullable=False),
    sa.Index(None, "seen_at"),
)

# Who did what: admin actions and actions on personal data (``kodo audit``). ``detail`` is JSON of
# facts about the action, never text a person typed; a person who used forget-me appears by tombstone.
audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("platform", sa.String(16), nullable=False),
    sa.Column("workspace", sa.String(64)),
    sa.Column("actor", sa.String(128), nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("target", sa.String(256)),
    sa.Column("detail", sa.Text),
    sa.Index(None, "at"),
)

# What Kodo knows of a person beyond their id: the display name the platform sent with their own
# activities or a mention of them (so posts made later, after a restart or from ``kodo roundup
# --post``, can name them), and the locale of their own last activity (so a message to them is in
# their language). ``forget-me`` deletes the row.
people = sa.Table(
    "people", metadata,
    sa.Column("platform", sa.String(16), primary_key=True),
    sa.Column("user_id", sa.String(128), primary_key=True),
    sa.Column("display_name", sa.String(256)),
    sa.Column("locale", sa.String(16)),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

# The dashboard's numbers of finished weeks (storage/kpi.py), counted once and shared by every
# replica, so the first page after a start reads them instead of counting every week again. A week
# is known by both ends and by what was asked (the content pack, and the filters, "" for the whole
# organisation). Revoking a kudos deletes the rows of its week in the same transaction
# (storage/kudos_writes.py); the next reader counts the week again.
kpi_weeks = sa.Table(
    "kpi_weeks", metadata,
    sa.Column("pack", sa.String(64), primary_key=True),
    sa.Column("scope", sa.String(400), primary_key=True),
    sa.Column("week_start", UTCDateTime, primary_key=True),
    sa.Column("week_end", UTCDateTime, primary_key=True),
    sa.Column("kudos", sa.Integer, nullable=False),
    sa.Column("givers", sa.Integer, nullable=False),
    sa.Column("receivers", sa.Integer, nullable=False),
    sa.Column("people", sa.Integer),  # only for a breakdown (filters), which it decides the showing of
    sa.Column("per_principle", sa.Text, nullable=False),  # JSON: {"1": 12, "2": 0, …}
    sa.Column("counted_at", UTCDateTime, nullable=False),
    sa.Index(None, "week_start"),
)

# Slack distribution: the tables of slack_sdk's SQLAlchemy installation and OAuth state stores, which
# Kodo uses as they are (``storage.installations``). Declared here, column for column as slack_sdk
# builds them, so that Kodo's migrations create them (tests compare the three). One difference: the
# secrets (tokens, the webhook URL) are stored sealed with KODO_SECRET_KEY, which makes them longer
# than slack_sdk's 200 characters, so their columns are TEXT.
SEALED = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token", "incoming_webhook_url")


def _bot_columns() -> list[sa.Column]:
    """What both tables hold of an installation's bot (fresh columns for each table)."""
    return [
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("client_id", sa.String(32), nullable=False),
        sa.Column("app_id", sa.String(32), nullable=False),
        sa.Column("enterprise_id", sa.String(32)),
        sa.Column("enterprise_name", sa.String(200)),
        sa.Column("team_id", sa.String(32)),
        sa.Column("team_name", sa.String(200)),
        sa.Column("bot_token", sa.Text),
        sa.Column("bot_id", sa.String(32)),
        sa.Column("bot_user_id", sa.String(32)),
        sa.Column("bot_scopes", sa.String(1000)),
        sa.Column("bot_refresh_token", sa.Text),
        sa.Column("bot_token_expires_at", sa.DateTime),
        sa.Column("is_enterprise_install", sa.Boolean, nullable=False, default=False),
        sa.Column("installed_at", sa.DateTime, nullable=False, default=sa.func.now()),
    ]


slack_installations = sa.Table(
    "slack_installations", metadata,
    *_bot_columns(),
    sa.Column("enterprise_url", sa.String(200)),
    sa.Column("user_id", sa.String(32), nullable=False),
    sa.Column("user_token", sa.Text),
    sa.Column("user_scopes", sa.String(1000)),
    sa.Column("user_refresh_token", sa.Text),
    sa.Column("user_token_expires_at", sa.DateTime),
    sa.Column("incoming_webhook_url", sa.Text),
    sa.Column("incoming_webhook_channel", sa.String(200)),
    sa.Column("incoming_webhook_channel_id", sa.String(200)),
    sa.Column("incoming_webhook_configuration_url", sa.String(200)),
    sa.Column("token_type", sa.String(32)),
    sa.Index("slack_installations_idx", "client_id", "enterprise_id", "team_id", "user_id", "installed_at"),
)

slack_bots = sa.Table(
    "slack_bots", metadata,
    *_bot_columns(),
    sa.Index("slack_bots_idx", "client_id", "enterprise_id", "team_id", "installed_at"),
)

slack_oauth_states = sa.Table(
    "slack_oauth_states", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("state", sa.String(200), nullable=False),
    sa.Column("expire_at", sa.DateTime, nullable=False),
)
