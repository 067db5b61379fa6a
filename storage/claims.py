"""Exactly-once posting across restarts and replicas: claim in the database, then send.

A claim is a row keyed by (platform, channel, kind, period). Whoever inserts it sends. If the sender
dies between claim and send, the claim stays unsent; once it is older than ``stale_after`` any
replica may take it over (an UPDATE guarded by the old ``claimed_at``, so only one does). A send
that fails is released at once, so the next run retries it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.ports import Place
from storage.db import dialect_insert, reader
from storage.tables import post_claims

_LONG_AGO = datetime(2000, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class PostKey:
    platform: str
    channel: str
    kind: str
    period: str

    def where(self):
        c = post_claims.c
        return (c.platform == self.platform) & (c.channel == self.channel) & (c.kind == self.kind) \
            & (c.period == self.period)


class ClaimStore:
    def __init__(self, engine: AsyncEngine, stale_after: timedelta = timedelta(minutes=10)):
        self.engine, self.stale_after = engine, stale_after
        self._insert, self._reader = dialect_insert(engine), reader(engine)

    async def claim(self, key: PostKey, replica: str, now: datetime, place: Place | None = None) -> bool:
        """True if this replica now owns the post and should send it. ``place``: the workspace and
        Grid it goes to, kept with the claim (the dashboard narrows tips posted by them)."""
        async with self.engine.begin() as conn:
            inserted = await conn.execute(self._insert(post_claims).values(
                platform=key.platform, channel=key.channel, kind=key.kind, period=key.period,
                claimed_by=replica, claimed_at=now, workspace=place.workspace if place else None,
                organisation=place.organisation if place else None,
            ).on_conflict_do_nothing().returning(post_claims.c.kind))
            if inserted.first() is not None:
                return True
            row = (await conn.execute(sa.select(post_claims.c.claimed_at, post_claims.c.sent_at)
                                      .where(key.where()))).first()
            if row is None or row.sent_at is not None or row.claimed_at > now - self.stale_after:
                return False
            taken = await conn.execute(post_claims.update().where(
                key.where(), post_claims.c.sent_at.is_(None), post_claims.c.claimed_at == row.claimed_at,
            ).values(claimed_by=replica, claimed_at=now, attempts=post_claims.c.attempts + 1))
            return taken.rowcount == 1

    async def sent(self, key: PostKey, message_id: str, now: datetime) -> None:
        async with self.engine.begin() as conn:
            await conn.execute(post_claims.update().where(key.where()).values(message_id=message_id, sent_at=now))

    async def release(self, key: PostKey) -> None:
        """The send failed: make the claim immediately available to the next run."""
        async with self.engine.begin() as conn:
            await conn.execute(post_claims.update().where(key.where(), post_claims.c.sent_at.is_(None))
                               .values(claimed_at=_LONG_AGO))

    async def sent_posts(self, kind: str | None = None) -> list[tuple[PostKey, str]]:
        query = sa.select(post_claims).where(post_claims.c.sent_at.is_not(None))
        if kind:
            query = query.where(post_claims.c.kind == kind)
        async with self._reader.connect() as conn:
            rows = await conn.execute(query.order_by(post_claims.c.period, post_claims.c.channel))
        return [(PostKey(r.platform, r.channel, r.kind, r.period), r.message_id) for r in rows]
