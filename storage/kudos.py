"""``SqlKudos``: the kudos feature's store (``bot.features.kudos.store``) on SQLAlchemy Core (async),
for SQLite and PostgreSQL.

Every write is one short transaction that has committed when the method returns, so an adapter
that acknowledges after ``await store.add_kudos(...)`` never acknowledges something that is lost.
What a kudos write does is decided once (``storage.kudos_writes``) and run by either executor.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import AsyncIterator

import sqlalchemy as sa

from bot.kpi import Scope
from bot.ports import AddResult, EventStamp, KudosRecord, NewKudos
from storage.kudos_writes import KEPT_WEEKS_LOCK, add_steps, revoke_steps
from storage.privacy import counted_in
from storage.tables import kudos

STANDING = kudos.c.revoked_at.is_(None)
EVENT_MEMORY = timedelta(days=1)  # how long a platform event's id is remembered (Slack retries within minutes)
FORGET_EVERY = timedelta(minutes=10)  # how often a replica drops the ids older than that
_LONG_AGO = datetime.min.replace(tzinfo=timezone.utc)


class SqlKudos:
    def __init__(self, db):
        self.db = db
        self._next_forget = _LONG_AGO

    async def add_kudos(self, k: NewKudos, daily_limit: int) -> AddResult:
        forget_before = self._forget_before(k.created_at, k.event)
        # The giver's lock keeps their daily limit and their order; the message's, its count of givers
        # exact (``AddResult.givers``) when two transactions add to it at once (PostgreSQL).
        locks = (f"{k.platform}:{k.giver}",) if k.message is None else \
            (f"{k.platform}:{k.giver}", f"kudos-message:{k.platform}:{k.message}")
        return await self.db.write(lambda: add_steps(k, daily_limit, self.db.dialect, forget_before), locks)

    async def revoke_kudos(self, platform: str, giver: str, message: str, principle: int, at: datetime,
                           event: EventStamp | None = None, absent: NewKudos | None = None) -> bool:
        forget_before = self._forget_before(at, event)
        return await self.db.write(lambda: revoke_steps(platform, giver, message, principle, at, self.db.dialect,
                                                        event, absent, forget_before),
                                   (f"{platform}:{giver}", KEPT_WEEKS_LOCK))

    def _forget_before(self, now: datetime, event: EventStamp | None) -> datetime | None:
        """Once every ``FORGET_EVERY``, a write that records an event also drops the ids older than
        ``EVENT_MEMORY``, so the table stays a day's worth of events (every replica does so)."""
        if event is None or now < self._next_forget:
            return None
        self._next_forget = now + FORGET_EVERY
        return now - EVENT_MEMORY

    async def forget(self, conn, platform: str, user: str, tombstone: str) -> dict[str, int]:
        """forget-me: the person becomes the tombstone as giver and receiver, and where others named
        them in a reason (``<@id>``, ``<@id|name>``), which later posts show as "someone"."""
        changed = 0
        for role in ("giver", "receiver"):
            result = await conn.execute(kudos.update().where(
                kudos.c.platform == platform, kudos.c[role] == user).values({role: tombstone}))
            changed += result.rowcount
        await rename_mentions(conn, kudos.c.reason, platform, user, tombstone)
        return {"kudos": changed}

    async def blank_reasons(self, before: datetime) -> int:
        """KODO_RETENTION_DAYS: the words of kudos given before ``before`` go; the kudos stay counted."""
        async with self.db.engine.begin() as conn:
            result = await conn.execute(kudos.update().where(kudos.c.created_at < before, kudos.c.reason.is_not(None))
                                        .values(reason=None))
        return result.rowcount

    async def export(self, since: datetime | None = None, scope: Scope | None = None) -> AsyncIterator[KudosRecord]:
        """Every kudos, or those in ``scope`` (one workspace or organisation, say)."""
        query = sa.select(kudos).where(counted_in(scope or Scope())).order_by(kudos.c.id)
        if since is not None:
            query = query.where(kudos.c.created_at >= since)
        async with self.db.reader.connect() as conn:
            result = await conn.stream(query)
            async for r in result:
                yield KudosRecord(r.platform, r.giver, r.receiver, r.principle, r.reason, r.source, r.channel,
                                  r.message, r.created_at, r.revoked_at, r.workspace, r.organisation, r.team,
                                  r.visibility, r.pack)


async def rename_mentions(conn, column: sa.Column, platform: str, user: str, tombstone: str) -> None:
    """forget-me in words others typed: where ``column`` (a reason, a proposal) mentions the person
    (``<@id>``, ``<@id|name>``), it mentions the tombstone instead, which later posts show as
    "someone". The table has ``id`` and ``platform`` columns."""
    table = column.table
    named = re.compile(rf"<@{re.escape(user)}(?:\|[^<>]*)?>")
    mentioning = await conn.execute(sa.select(table.c.id, column).where(
        table.c.platform == platform, column.contains(f"<@{user}", autoescape=True)))
    for row in mentioning.all():
        await conn.execute(table.update().where(table.c.id == row[0]).values(
            {column.name: named.sub(f"<@{tombstone}>", row[1])}))
