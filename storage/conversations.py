"""Where Teams may post: conversation references, kept so the scheduler and direct messages can
reach a conversation without waiting for someone to speak there first, until Kodo is removed from
there (``leave``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.ports import AuditEntry
from storage.audit import write_entry
from storage.db import dialect_insert, reader
from storage.tables import conversations, subscriptions

PLATFORM = "teams"


class ConversationStore:
    def __init__(self, engine: AsyncEngine):
        self.engine = engine
        self._insert, self._reader = dialect_insert(engine), reader(engine)

    async def save(self, conversation_id: str, reference: str, user_id: str | None = None,
                   team: str | None = None) -> None:
        """Insert or refresh; the latest reference wins (service URLs can move)."""
        now = datetime.now(timezone.utc)
        stmt = self._insert(conversations).values(
            conversation_id=conversation_id, reference=reference, user_id=user_id, team=team, updated_at=now)
        stmt = stmt.on_conflict_do_update(
            index_elements=[conversations.c.conversation_id],
            set_={"reference": stmt.excluded.reference, "updated_at": stmt.excluded.updated_at,
                  "user_id": sa.func.coalesce(stmt.excluded.user_id, conversations.c.user_id),
                  "team": sa.func.coalesce(stmt.excluded.team, conversations.c.team)})
        async with self.engine.begin() as conn:
            await conn.execute(stmt)

    async def get(self, conversation_id: str) -> str | None:
        async with self._reader.connect() as conn:
            return await conn.scalar(sa.select(conversations.c.reference)
                                     .where(conversations.c.conversation_id == conversation_id))

    async def personal(self, user_id: str) -> str | None:
        """The reference of the 1:1 chat with this user, if the bot has one."""
        async with self._reader.connect() as conn:
            return await conn.scalar(sa.select(conversations.c.reference)
                                     .where(conversations.c.user_id == user_id)
                                     .order_by(conversations.c.updated_at.desc()).limit(1))

    async def forget(self, user_id: str) -> int:
        """``forget-me``: the 1:1 chat's reference is the one record here that names a person."""
        async with self.engine.begin() as conn:
            result = await conn.execute(conversations.delete().where(conversations.c.user_id == user_id))
        return result.rowcount

    async def leave(self, conversation_id: str, team: str | None = None,
                    audit: AuditEntry | None = None) -> tuple[list[str], int]:
        """Kodo was removed from a chat, or from a whole ``team``: nothing may be posted there any more.
        Forgets the chat's reference, or those of every conversation of the team (its General channel
        has the team's id), and their subscriptions, in one transaction, with ``audit`` when any
        subscription ended. Returns the conversations forgotten and how many subscriptions went."""
        place = conversations.c.conversation_id == conversation_id
        if team:
            place = place | (conversations.c.team == team) | (conversations.c.conversation_id == team)
        async with self.engine.begin() as conn:
            gone = list(await conn.scalars(sa.select(conversations.c.conversation_id).where(place)))
            subscribed = subscriptions.c.channel.in_({conversation_id, *gone})
            if team:
                subscribed = subscribed | (subscriptions.c.team == team)
            dropped = await conn.execute(subscriptions.delete().where(subscriptions.c.platform == PLATFORM,
                                                                      subscribed))
            await conn.execute(conversations.delete().where(conversations.c.conversation_id.in_(gone)))
            if dropped.rowcount and audit is not None:
                ended = {**(audit.detail or {}), "subscriptions": dropped.rowcount}
                await write_entry(conn, replace(audit, detail=ended))
        return gone, dropped.rowcount
