"""``SqlSubscriptions``: which channels get which kind of post (``bot.features.subscriptions.store``).
A subscription changes in the same transaction as its audit entry."""

from __future__ import annotations

from dataclasses import replace

import sqlalchemy as sa

from bot.ports import UNKNOWN, AuditEntry, Subscription
from storage.audit import write_entry
from storage.tables import subscriptions


class SqlSubscriptions:
    def __init__(self, db):
        self.db = db

    async def subscribe(self, sub: Subscription, audit: AuditEntry | None = None) -> None:
        place = {"locale": sub.locale, "workspace": sub.workspace, "team": sub.team, "visibility": sub.visibility,
                 "organisation": sub.organisation}
        stmt = self.db.insert(subscriptions).values(platform=sub.platform, channel=sub.channel, kind=sub.kind, **place)
        async with self.db.engine.begin() as conn:
            await write_entry(conn, audit)
            await conn.execute(stmt.on_conflict_do_update(
                index_elements=[subscriptions.c.platform, subscriptions.c.channel, subscriptions.c.kind],
                set_=place))

    async def unsubscribe(self, platform: str, channel: str, kind: str, audit: AuditEntry | None = None) -> bool:
        async with self.db.engine.begin() as conn:
            await write_entry(conn, audit)
            result = await conn.execute(subscriptions.delete().where(
                subscriptions.c.platform == platform, subscriptions.c.channel == channel,
                subscriptions.c.kind == kind))
        return result.rowcount > 0

    async def leave(self, platform: str, channel: str, audit: AuditEntry | None = None) -> list[str]:
        here = (subscriptions.c.platform == platform) & (subscriptions.c.channel == channel)
        async with self.db.engine.begin() as conn:
            kinds = sorted(await conn.scalars(sa.select(subscriptions.c.kind).where(here)))
            if kinds:
                await conn.execute(subscriptions.delete().where(here))
                ended = audit and replace(audit, detail={**(audit.detail or {}), "kinds": " ".join(kinds)})
                await write_entry(conn, ended)
        return kinds

    async def subscriptions(self, kind: str, platform: str | None = None) -> list[Subscription]:
        query = sa.select(subscriptions).where(subscriptions.c.kind == kind)
        if platform:
            query = query.where(subscriptions.c.platform == platform)
        async with self.db.reader.connect() as conn:
            rows = await conn.execute(query.order_by(subscriptions.c.platform, subscriptions.c.channel))
        return [Subscription(r.platform, r.channel, r.kind, r.locale, r.workspace, r.team, r.visibility or UNKNOWN,
                             r.organisation) for r in rows]
