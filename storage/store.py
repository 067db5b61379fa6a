"""``SqlStore``: the core's ``KudosStore`` on SQLAlchemy Core (async), for SQLite and PostgreSQL.

Every write is one short transaction that has committed when the method returns, so an adapter
that acknowledges after ``await store.add_kudos(...)`` never acknowledges something that is lost.
"""

from __future__ import annotations

import re
import secrets
from datetime import date, datetime, timedelta, timezone
from typing import AsyncIterator

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.cache import TtlCache
from bot.ports import (TOMBSTONE_PREFIX, UNKNOWN, AddResult, AuditEntry, Episode, EventStamp, KudosRecord, NewKudos,
                       Place, Subscription, UserSettings)
from storage.audit import read_entries, rename_actor, write_entry
from storage.db import dialect_insert, reader
from storage.group_commit import GroupCommitter
from storage.pg_commit import PgGroupCommitter, take_locks
from storage.kudos_writes import GIVEN_ON, KEPT_WEEKS_LOCK, add_steps, revoke_steps, run_async
from storage.privacy import shown_in
from storage.timing import Observe
from storage.tables import kudos, people, subscriptions, user_settings

_standing = kudos.c.revoked_at.is_(None)
SETTINGS_TTL = 60.0  # seconds
EVENT_MEMORY = timedelta(days=1)  # how long a platform event's id is remembered (Slack retries within minutes)
FORGET_EVERY = timedelta(minutes=10)  # how often a replica drops the ids older than that
_LONG_AGO = datetime.min.replace(tzinfo=timezone.utc)


class SqlStore:
    def __init__(self, engine: AsyncEngine, group_commit: bool = True, observe: Observe | None = None):
        self.engine = engine
        self._dialect = engine.dialect.name
        self._insert = dialect_insert(engine)
        self.reader = reader(engine)
        self._settings = TtlCache(SETTINGS_TTL)
        self._next_forget = _LONG_AGO
        self._writer = _group_committer(engine, observe) if group_commit else None

    async def close(self) -> None:
        """Let writes in flight finish and release the SQLite writer's connection."""
        if self._writer is not None:
            await self._writer.close()

    # ---- kudos --------------------------------------------------------------------------------

    async def add_kudos(self, k: NewKudos, daily_limit: int) -> AddResult:
        forget_before = self._forget_before(k.created_at, k.event)
        return await self._write(lambda: add_steps(k, daily_limit, self._dialect, forget_before),
                                 (f"{k.platform}:{k.giver}",))

    async def revoke_kudos(self, platform: str, giver: str, message: str, principle: int, at: datetime,
                           event: EventStamp | None = None, absent: NewKudos | None = None) -> bool:
        forget_before = self._forget_before(at, event)
        return await self._write(lambda: revoke_steps(platform, giver, message, principle, at, self._dialect, event,
                                                      absent, forget_before),
                                 (f"{platform}:{giver}", KEPT_WEEKS_LOCK))

    def _forget_before(self, now: datetime, event: EventStamp | None) -> datetime | None:
        """Once every ``FORGET_EVERY``, a write that records an event also drops the ids older than
        ``EVENT_MEMORY``, so the table stays a day's worth of events (every replica does so)."""
        if event is None or now < self._next_forget:
            return None
        self._next_forget = now + FORGET_EVERY
        return now - EVENT_MEMORY

    async def _write(self, make, locks: tuple[str, ...]):
        """Through the database's group-commit writer (a SQLite file, PostgreSQL). Otherwise: one
        transaction, in which PostgreSQL first takes ``locks`` (the giver's, so two replicas cannot
        both pass the daily limit; a revocation's also serialises it with the counting of a kept
        week), as the group-commit writer does (``storage.pg_commit``). SQLite's BEGIN IMMEDIATE
        already serialises every writer."""
        if self._writer is not None:
            return await self._writer.run(make, locks)
        async with self.engine.begin() as conn:
            if self._dialect == "postgresql":
                await take_locks(conn, locks)
            return await run_async(conn, make())

    async def given_today(self, platform: str, user: str, day: date) -> int:
        """Standing kudos given on ``day``, as the daily limit counts them."""
        async with self.reader.connect() as conn:
            return await conn.scalar(GIVEN_ON.sql, {"w_platform": platform, "w_giver": user, "w_day": day})

    # ---- people -------------------------------------------------------------------------------

    async def settings(self, platform: str, user: str) -> UserSettings:
        """Asked on every message (the reply's language), so kept for a minute: a change made here is
        seen at once, one made through another replica within ``SETTINGS_TTL``."""
        key = (platform, user)
        if (cached := self._settings.get(key)) is not None:
            return cached
        async with self.reader.connect() as conn:
            row = (await conn.execute(sa.select(user_settings.c.locale, user_settings.c.ranking).where(
                user_settings.c.platform == platform, user_settings.c.user_id == user))).first()
        found = UserSettings(locale=row.locale, ranking=row.ranking) if row else UserSettings()
        self._settings.put(key, found)
        return found

    async def _upsert_setting(self, platform: str, user: str, **values) -> None:
        stmt = self._insert(user_settings).values(platform=platform, user_id=user, **values)
        async with self.engine.begin() as conn:
            await conn.execute(stmt.on_conflict_do_update(
                index_elements=[user_settings.c.platform, user_settings.c.user_id], set_=values))
        self._settings.drop((platform, user))

    async def set_locale(self, platform: str, user: str, locale: str) -> None:
        await self._upsert_setting(platform, user, locale=locale)

    async def set_ranking(self, platform: str, user: str, ranking: bool) -> None:
        await self._upsert_setting(platform, user, ranking=ranking)

    async def forget_user(self, platform: str, user: str) -> int:
        """Replace the person with one fresh tombstone everywhere: counts stay, identity goes. That
        includes the places others named them: a mention inside a reason (``<@id>``, ``<@id|name>``)
        becomes a mention of the tombstone, which later posts show as "someone". The audit log names
        the tombstone too, in this entry and in the person's earlier ones.

        On a SQLite file this runs beside the group-commit writer, on a connection of its own: the
        two take SQLite's write lock in turn, so a forget waits at most for one batch to commit."""
        tombstone = TOMBSTONE_PREFIX + secrets.token_hex(8)
        async with self.engine.begin() as conn:
            changed = 0
            for role in ("giver", "receiver"):
                result = await conn.execute(kudos.update().where(
                    kudos.c.platform == platform, kudos.c[role] == user).values({role: tombstone}))
                changed += result.rowcount
            named = re.compile(rf"<@{re.escape(user)}(?:\|[^<>]*)?>")
            mentioning = await conn.execute(sa.select(kudos.c.id, kudos.c.reason).where(
                kudos.c.platform == platform, kudos.c.reason.contains(f"<@{user}", autoescape=True)))
            for row in mentioning.all():
                await conn.execute(kudos.update().where(kudos.c.id == row.id).values(
                    reason=named.sub(f"<@{tombstone}>", row.reason)))
            await conn.execute(user_settings.delete().where(
                user_settings.c.platform == platform, user_settings.c.user_id == user))
            await conn.execute(people.delete().where(people.c.platform == platform, people.c.user_id == user))
            await rename_actor(conn, platform, user, tombstone)
            await write_entry(conn, AuditEntry(platform, tombstone, "forget-me", detail={"kudos": changed}))
        self._settings.drop((platform, user))
        return changed

    # ---- subscriptions ------------------------------------------------------------------------

    async def subscribe(self, sub: Subscription, audit: AuditEntry | None = None) -> None:
        place = {"locale": sub.locale, "workspace": sub.workspace, "team": sub.team, "visibility": sub.visibility}
        stmt = self._insert(subscriptions).values(platform=sub.platform, channel=sub.channel, kind=sub.kind, **place)
        async with self.engine.begin() as conn:
            await write_entry(conn, audit)
            await conn.execute(stmt.on_conflict_do_update(
                index_elements=[subscriptions.c.platform, subscriptions.c.channel, subscriptions.c.kind],
                set_=place))

    async def unsubscribe(self, platform: str, channel: str, kind: str, audit: AuditEntry | None = None) -> bool:
        async with self.engine.begin() as conn:
            await write_entry(conn, audit)
            result = await conn.execute(subscriptions.delete().where(
                subscriptions.c.platform == platform, subscriptions.c.channel == channel,
                subscriptions.c.kind == kind))
        return result.rowcount > 0

    # ---- the audit log ------------------------------------------------------------------------

    async def record(self, platform: str, actor: str, action: str, target: str | None = None,
                     detail: dict | None = None, workspace: str | None = None) -> None:
        async with self.engine.begin() as conn:
            await write_entry(conn, AuditEntry(platform, actor, action, target, detail, workspace))

    def audit_entries(self, since: datetime | None = None) -> AsyncIterator[AuditEntry]:
        return read_entries(self.reader, since)

    async def subscriptions(self, kind: str, platform: str | None = None) -> list[Subscription]:
        query = sa.select(subscriptions).where(subscriptions.c.kind == kind)
        if platform:
            query = query.where(subscriptions.c.platform == platform)
        async with self.reader.connect() as conn:
            rows = await conn.execute(query.order_by(subscriptions.c.platform, subscriptions.c.channel))
        return [Subscription(r.platform, r.channel, r.kind, r.locale, r.workspace, r.team, r.visibility or UNKNOWN)
                for r in rows]

    # ---- roundups -----------------------------------------------------------------------------

    async def top_receivers(self, platform: str | None, pack: str, start: datetime, end: datetime,
                            top: int) -> list[tuple[str, int]]:
        """Who received most standing kudos of ``pack`` in [start, end), people who may appear only
        (the roundup's counts are ``storage.kpi``'s). Count first (index only), then look at the few
        thousand people, not every kudos."""
        counted = (sa.select(kudos.c.platform, kudos.c.receiver, sa.func.count().label("n"))
                   .where(_between(platform, start, end), kudos.c.pack == pack)
                   .group_by(kudos.c.platform, kudos.c.receiver).subquery())
        async with self.reader.connect() as conn:
            rows = await conn.execute(
                sa.select(counted.c.receiver, sa.func.sum(counted.c.n).label("n"))
                .where(_visible(counted.c.receiver, counted.c.platform))
                .group_by(counted.c.receiver).order_by(sa.desc("n"), counted.c.receiver).limit(top))
            return [(r.receiver, int(r.n)) for r in rows]

    async def episodes(self, platform: str | None, start: datetime, end: datetime, limit: int,
                       audience: Place | None = None, pack: str | None = None) -> list[Episode]:
        """Kudos with a reason that ``audience`` may read, both people visible: the most recognised
        messages of the week first, then the longest reasons. Counting per message only within the
        week keeps it index-bound. ``pack``: only kudos given under that content pack, whose
        principle numbers are the ones the roundup names."""
        if not limit:
            return []
        in_week = _between(platform, start, end)
        if pack is not None:
            in_week = sa.and_(in_week, kudos.c.pack == pack)
        per_message = (sa.select(kudos.c.message, sa.func.count().label("givers"))
                       .where(in_week, kudos.c.message.is_not(None)).group_by(kudos.c.message).subquery())
        givers = sa.func.coalesce(per_message.c.givers, 1).label("givers")
        query = (sa.select(kudos.c.giver, kudos.c.receiver, kudos.c.principle, kudos.c.reason, kudos.c.channel,
                           kudos.c.message, kudos.c.created_at, givers)
                 .select_from(kudos.outerjoin(per_message, per_message.c.message == kudos.c.message))
                 .where(in_week, shown_in(audience), kudos.c.reason.is_not(None), _visible(kudos.c.giver),
                        _visible(kudos.c.receiver))
                 .order_by(sa.desc("givers"), sa.func.length(kudos.c.reason).desc(), kudos.c.id)
                 .limit(limit))
        async with self.reader.connect() as conn:
            rows = await conn.execute(query)
            return [Episode(r.giver, r.receiver, r.principle, r.reason, r.channel, r.message, r.created_at,
                            r.givers) for r in rows]

    async def conversations_with_reasons(self, platform: str | None, start: datetime, end: datetime) -> set[str]:
        """Where stories were told in [start, end): only there does a roundup's own conversation matter."""
        query = sa.select(kudos.c.channel).distinct().where(_between(platform, start, end), kudos.c.reason.is_not(None),
                                                             kudos.c.channel.is_not(None))
        async with self.reader.connect() as conn:
            return set((await conn.scalars(query)).all())

    async def hidden_people(self, platform: str | None, people: set[str]) -> set[str]:
        """Those of ``people`` who left the rankings (forgotten people are tombstones already)."""
        query = sa.select(user_settings.c.user_id).where(user_settings.c.user_id.in_(people),
                                                          user_settings.c.ranking.is_(False))
        if platform is not None:
            query = query.where(user_settings.c.platform == platform)
        async with self.reader.connect() as conn:
            return set((await conn.scalars(query)).all())

    async def blank_reasons(self, before: datetime) -> int:
        """KODO_RETENTION_DAYS: the words of kudos given before ``before`` go; the kudos stay counted."""
        async with self.engine.begin() as conn:
            result = await conn.execute(kudos.update().where(kudos.c.created_at < before, kudos.c.reason.is_not(None))
                                        .values(reason=None))
        return result.rowcount

    # ---- export and health --------------------------------------------------------------------

    async def export(self, since: datetime | None = None) -> AsyncIterator[KudosRecord]:
        query = sa.select(kudos).order_by(kudos.c.id)
        if since is not None:
            query = query.where(kudos.c.created_at >= since)
        async with self.reader.connect() as conn:
            result = await conn.stream(query)
            async for r in result:
                yield KudosRecord(r.platform, r.giver, r.receiver, r.principle, r.reason, r.source, r.channel,
                                  r.message, r.created_at, r.revoked_at, r.workspace, r.organisation, r.team,
                                  r.visibility, r.pack)

    async def ping(self) -> None:
        async with self.reader.connect() as conn:
            await conn.execute(sa.text("SELECT 1"))


def _group_committer(engine: AsyncEngine, observe: Observe | None):
    """The kudos writer of a SQLite file or of PostgreSQL; None for an in-memory SQLite."""
    if engine.dialect.name == "postgresql":
        return PgGroupCommitter(engine.url, observe)
    database = engine.url.database
    return GroupCommitter(database, observe) if database and database != ":memory:" else None


def _between(platform: str | None, start: datetime, end: datetime):
    """Standing kudos given in [start, end), on one platform or (``None``) on all."""
    window = (kudos.c.created_at >= start) & (kudos.c.created_at < end) & _standing
    return window if platform is None else window & (kudos.c.platform == platform)


def _visible(column, platform=kudos.c.platform):
    """This person may appear in a roundup: not forgotten, not opted out of rankings."""
    opted_out = sa.exists().where(user_settings.c.platform == platform, user_settings.c.user_id == column,
                                  user_settings.c.ranking.is_(False))
    return ~column.startswith(TOMBSTONE_PREFIX) & ~opted_out
