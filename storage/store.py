"""``SqlStore``: the core's ``KudosStore`` on SQLAlchemy Core (async), for SQLite and PostgreSQL.

Every write is one short transaction that has committed when the method returns, so an adapter
that acknowledges after ``await store.add_kudos(...)`` never acknowledges something that is lost.
"""

from __future__ import annotations

import asyncio
import secrets
from datetime import date, datetime
from typing import AsyncIterator

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.cache import TtlCache
from bot.ports import (TOMBSTONE_PREFIX, AddResult, Episode, KudosRecord, NewKudos, Subscription,
                       UserSettings, UserStats, WeekStats)
from storage.db import dialect_insert, reader
from storage.group_commit import GroupCommitter
from storage.kudos_writes import GIVEN_ON, add_steps, revoke_steps, run_async
from storage.tables import kudos, subscriptions, user_settings

_standing = kudos.c.revoked_at.is_(None)
SETTINGS_TTL = 60.0  # seconds


class SqlStore:
    def __init__(self, engine: AsyncEngine, group_commit: bool = True):
        self.engine = engine
        self._dialect = engine.dialect.name
        self._insert = dialect_insert(engine)
        self.reader = reader(engine)
        self._settings = TtlCache(SETTINGS_TTL)
        database = engine.url.database
        self._writer = GroupCommitter(database) if (
            group_commit and self._dialect == "sqlite" and database and database != ":memory:") else None

    async def close(self) -> None:
        """Let writes in flight finish and release the SQLite writer's connection."""
        if self._writer is not None:
            await self._writer.close()

    # ---- kudos --------------------------------------------------------------------------------

    async def add_kudos(self, k: NewKudos, daily_limit: int) -> AddResult:
        return await self._write(add_steps(k, daily_limit, self._dialect), lock=f"{k.platform}:{k.giver}")

    async def revoke_kudos(self, platform: str, giver: str, message: str, principle: int, at: datetime) -> bool:
        return await self._write(revoke_steps(platform, giver, message, principle, at), lock=f"{platform}:{giver}")

    async def _write(self, steps, lock: str):
        """SQLite files: through the group-commit writer. Otherwise: one transaction, in which
        PostgreSQL first serialises the giver's writes so two replicas cannot both pass the daily
        limit (SQLite's BEGIN IMMEDIATE already serialises every writer)."""
        if self._writer is not None:
            return await self._writer.run(steps)
        async with self.engine.begin() as conn:
            if self._dialect == "postgresql":
                await conn.execute(sa.select(sa.func.pg_advisory_xact_lock(
                    sa.func.hashtextextended(f"kodo:{lock}", 0))))
            return await run_async(conn, steps)

    async def user_stats(self, platform: str, user: str, day: date) -> UserStats:
        async with self.reader.connect() as conn:
            counts = {}
            for role in ("giver", "receiver"):
                column = kudos.c[role]
                rows = await conn.execute(sa.select(kudos.c.principle, sa.func.count())
                                          .where(kudos.c.platform == platform, column == user, _standing)
                                          .group_by(kudos.c.principle))
                counts[role] = {p: n for p, n in rows}
            today = await conn.scalar(GIVEN_ON.sql, {"w_platform": platform, "w_giver": user, "w_day": day})
        return UserStats(given=counts["giver"], received=counts["receiver"], given_today=today)

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
        """Replace the person with one fresh tombstone everywhere: counts stay, identity goes."""
        tombstone = TOMBSTONE_PREFIX + secrets.token_hex(8)
        async with self.engine.begin() as conn:
            changed = 0
            for role in ("giver", "receiver"):
                result = await conn.execute(kudos.update().where(
                    kudos.c.platform == platform, kudos.c[role] == user).values({role: tombstone}))
                changed += result.rowcount
            await conn.execute(user_settings.delete().where(
                user_settings.c.platform == platform, user_settings.c.user_id == user))
        self._settings.drop((platform, user))
        return changed

    # ---- subscriptions ------------------------------------------------------------------------

    async def subscribe(self, sub: Subscription) -> None:
        stmt = self._insert(subscriptions).values(platform=sub.platform, channel=sub.channel, kind=sub.kind,
                                                  locale=sub.locale)
        async with self.engine.begin() as conn:
            await conn.execute(stmt.on_conflict_do_update(
                index_elements=[subscriptions.c.platform, subscriptions.c.channel, subscriptions.c.kind],
                set_={"locale": sub.locale}))

    async def unsubscribe(self, platform: str, channel: str, kind: str) -> bool:
        async with self.engine.begin() as conn:
            result = await conn.execute(subscriptions.delete().where(
                subscriptions.c.platform == platform, subscriptions.c.channel == channel,
                subscriptions.c.kind == kind))
        return result.rowcount > 0

    async def subscriptions(self, kind: str, platform: str | None = None) -> list[Subscription]:
        query = sa.select(subscriptions).where(subscriptions.c.kind == kind)
        if platform:
            query = query.where(subscriptions.c.platform == platform)
        async with self.reader.connect() as conn:
            rows = await conn.execute(query.order_by(subscriptions.c.platform, subscriptions.c.channel))
        return [Subscription(r.platform, r.channel, r.kind, r.locale) for r in rows]

    # ---- roundups -----------------------------------------------------------------------------

    async def week_stats(self, platform: str | None, start: datetime, end: datetime, top: int = 5,
                         episodes: int = 10) -> WeekStats:
        """One platform's week (``None``: every platform's, for the CLI). The three questions run
        side by side, each on a connection of its own: SQLite answers them on separate threads."""
        in_week = _between(platform, start, end)
        per, tops, stories = await asyncio.gather(
            self._per_principle(in_week), self._top_receivers(in_week, top), self._episodes(in_week, episodes))
        return WeekStats(per_principle=per, top_receivers=tops, episodes=stories, total=sum(per.values()))

    async def _per_principle(self, in_week) -> dict[int, int]:
        async with self.reader.connect() as conn:
            rows = await conn.execute(
                sa.select(kudos.c.principle, sa.func.count()).where(in_week).group_by(kudos.c.principle))
            return {p: n for p, n in rows}

    async def _top_receivers(self, in_week, top: int) -> list[tuple[str, int]]:
        """Count first (index only), then look at the few thousand people, not every kudos."""
        if not top:
            return []
        counted = (sa.select(kudos.c.platform, kudos.c.receiver, sa.func.count().label("n"))
                   .where(in_week).group_by(kudos.c.platform, kudos.c.receiver).subquery())
        async with self.reader.connect() as conn:
            rows = await conn.execute(
                sa.select(counted.c.receiver, sa.func.sum(counted.c.n).label("n"))
                .where(_visible(counted.c.receiver, counted.c.platform))
                .group_by(counted.c.receiver).order_by(sa.desc("n"), counted.c.receiver).limit(top))
            return [(r.receiver, int(r.n)) for r in rows]

    async def _episodes(self, in_week, limit: int) -> list[Episode]:
        """Kudos with a reason, both people visible: the most recognised messages of the week first,
        then the longest reasons. Counting per message only within the week keeps it index-bound."""
        if not limit:
            return []
        per_message = (sa.select(kudos.c.message, sa.func.count().label("givers"))
                       .where(in_week, kudos.c.message.is_not(None)).group_by(kudos.c.message).subquery())
        givers = sa.func.coalesce(per_message.c.givers, 1).label("givers")
        query = (sa.select(kudos.c.giver, kudos.c.receiver, kudos.c.principle, kudos.c.reason, kudos.c.channel,
                           kudos.c.message, kudos.c.created_at, givers)
                 .select_from(kudos.outerjoin(per_message, per_message.c.message == kudos.c.message))
                 .where(in_week, kudos.c.reason.is_not(None), _visible(kudos.c.giver), _visible(kudos.c.receiver))
                 .order_by(sa.desc("givers"), sa.func.length(kudos.c.reason).desc(), kudos.c.id)
                 .limit(limit))
        async with self.reader.connect() as conn:
            rows = await conn.execute(query)
            return [Episode(r.giver, r.receiver, r.principle, r.reason, r.channel, r.message, r.created_at,
                            r.givers) for r in rows]

    async def count_kudos(self, platform: str | None, start: datetime, end: datetime) -> int:
        async with self.reader.connect() as conn:
            return await conn.scalar(sa.select(sa.func.count()).select_from(kudos)
                                     .where(_between(platform, start, end)))

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


def _between(platform: str | None, start: datetime, end: datetime):
    """Standing kudos given in [start, end), on one platform or (``None``) on all."""
    window = (kudos.c.created_at >= start) & (kudos.c.created_at < end) & _standing
    return window if platform is None else window & (kudos.c.platform == platform)


def _visible(column, platform=kudos.c.platform):
    """This person may appear in a roundup: not forgotten, not opted out of rankings."""
    opted_out = sa.exists().where(user_settings.c.platform == platform, user_settings.c.user_id == column,
                                  user_settings.c.ranking.is_(False))
    return ~column.startswith(TOMBSTONE_PREFIX) & ~opted_out
