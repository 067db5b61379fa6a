"""``SqlRoundup``: what the weekly roundup reads besides the KPI source's counts
(``bot.features.roundup.store``): who received most, the week's stories and who may be named."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from bot.kpi import Scope
from bot.ports import TOMBSTONE_PREFIX, Episode, Place
from storage.kudos import STANDING
from storage.privacy import counted_in, shown_in
from storage.tables import kudos, user_settings


class SqlRoundup:
    def __init__(self, db):
        self.db = db

    async def top_receivers(self, scope: Scope, pack: str, start: datetime, end: datetime,
                            top: int) -> list[tuple[str, int]]:
        """Who received most standing kudos of ``pack`` in [start, end) in ``scope``, people who may
        appear only (the roundup's counts are ``storage.kpi``'s). Count first (index only), then look
        at the few thousand people, not every kudos."""
        counted = (sa.select(kudos.c.platform, kudos.c.receiver, sa.func.count().label("n"))
                   .where(_between(scope, start, end), kudos.c.pack == pack)
                   .group_by(kudos.c.platform, kudos.c.receiver).subquery())
        async with self.db.reader.connect() as conn:
            rows = await conn.execute(
                sa.select(counted.c.receiver, sa.func.sum(counted.c.n).label("n"))
                .where(visible(counted.c.receiver, counted.c.platform))
                .group_by(counted.c.receiver).order_by(sa.desc("n"), counted.c.receiver).limit(top))
            return [(r.receiver, int(r.n)) for r in rows]

    async def episodes(self, scope: Scope, start: datetime, end: datetime, limit: int,
                       audience: Place | None = None, pack: str | None = None) -> list[Episode]:
        """Kudos with a reason that ``audience`` may read, both people visible: the most recognised
        messages of the week first, then the longest reasons. Counting per message only within the
        week keeps it index-bound. ``pack``: only kudos given under that content pack, whose
        principle numbers are the ones the roundup names."""
        if not limit:
            return []
        in_week = _between(scope, start, end)
        if pack is not None:
            in_week = sa.and_(in_week, kudos.c.pack == pack)
        per_message = (sa.select(kudos.c.message, sa.func.count().label("givers"))
                       .where(in_week, kudos.c.message.is_not(None)).group_by(kudos.c.message).subquery())
        givers = sa.func.coalesce(per_message.c.givers, 1).label("givers")
        query = (sa.select(kudos.c.giver, kudos.c.receiver, kudos.c.principle, kudos.c.reason, kudos.c.channel,
                           kudos.c.message, kudos.c.created_at, givers)
                 .select_from(kudos.outerjoin(per_message, per_message.c.message == kudos.c.message))
                 .where(in_week, shown_in(audience), kudos.c.reason.is_not(None), visible(kudos.c.giver),
                        visible(kudos.c.receiver))
                 .order_by(sa.desc("givers"), sa.func.length(kudos.c.reason).desc(), kudos.c.id)
                 .limit(limit))
        async with self.db.reader.connect() as conn:
            rows = await conn.execute(query)
            return [Episode(r.giver, r.receiver, r.principle, r.reason, r.channel, r.message, r.created_at,
                            r.givers) for r in rows]

    async def conversations_with_reasons(self, scope: Scope, start: datetime, end: datetime) -> set[str]:
        """Where stories were told in [start, end): only there does a roundup's own conversation matter."""
        query = sa.select(kudos.c.channel).distinct().where(_between(scope, start, end), kudos.c.reason.is_not(None),
                                                             kudos.c.channel.is_not(None))
        async with self.db.reader.connect() as conn:
            return set((await conn.scalars(query)).all())

    async def hidden_people(self, platform: str | None, people: set[str]) -> set[str]:
        """Those of ``people`` who left the rankings (forgotten people are tombstones already)."""
        return await left_the_rankings(self.db, platform, people)


async def left_the_rankings(db, platform: str | None, people: set[str]) -> set[str]:
    """Those of ``people`` who said ``/kodo ranking off``."""
    query = sa.select(user_settings.c.user_id).where(user_settings.c.user_id.in_(people),
                                                      user_settings.c.ranking.is_(False))
    if platform is not None:
        query = query.where(user_settings.c.platform == platform)
    async with db.reader.connect() as conn:
        return set((await conn.scalars(query)).all())


async def unnamed(db, platform: str | None, people: set[str]) -> set[str]:
    """Those of ``people`` who may not be named: forgotten (tombstones) or out of the rankings."""
    hidden = {who for who in people if who.startswith(TOMBSTONE_PREFIX)}
    return hidden | (await left_the_rankings(db, platform, people - hidden) if people - hidden else set())


def _between(scope: Scope, start: datetime, end: datetime):
    """Standing kudos given in [start, end), in ``scope`` (a platform, a workspace; empty: all)."""
    return (kudos.c.created_at >= start) & (kudos.c.created_at < end) & STANDING & counted_in(scope)


def visible(column, platform=kudos.c.platform):
    """This person may appear in a roundup: not forgotten, not opted out of rankings."""
    opted_out = sa.exists().where(user_settings.c.platform == platform, user_settings.c.user_id == column,
                                  user_settings.c.ranking.is_(False))
    return ~column.startswith(TOMBSTONE_PREFIX) & ~opted_out
