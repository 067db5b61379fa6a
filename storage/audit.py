"""The audit log's rows: written on the caller's connection, so an entry commits or rolls back with
the action it records, and read back oldest first for ``kodo audit``."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import AsyncIterator

import sqlalchemy as sa

from bot.ports import AuditEntry
from storage.tables import audit_log


async def write_entry(conn, entry: AuditEntry | None) -> None:
    """Inside the caller's transaction; ``None`` writes nothing (an action with nothing to record)."""
    if entry is None:
        return
    await conn.execute(audit_log.insert().values(
        at=entry.at or datetime.now(timezone.utc), platform=entry.platform, workspace=entry.workspace,
        actor=entry.actor, action=entry.action, target=entry.target,
        detail=None if entry.detail is None else json.dumps(entry.detail, ensure_ascii=False, sort_keys=True)))


async def rename_actor(conn, platform: str, user: str, tombstone: str) -> None:
    """forget-me: the person's earlier entries name the tombstone instead of them."""
    for column in ("actor", "target"):
        await conn.execute(audit_log.update().where(audit_log.c.platform == platform, audit_log.c[column] == user)
                           .values({column: tombstone}))


async def read_entries(engine, since: datetime | None = None) -> AsyncIterator[AuditEntry]:
    query = sa.select(audit_log).order_by(audit_log.c.at, audit_log.c.id)
    if since is not None:
        query = query.where(audit_log.c.at >= since)
    async with engine.connect() as conn:
        async for r in await conn.stream(query):
            yield AuditEntry(r.platform, r.actor, r.action, r.target,
                             None if r.detail is None else json.loads(r.detail), r.workspace, r.at)


class SqlAudit:
    """The core's ``AuditLog``: ``record`` is for actions that are not store writes (an export, a
    dashboard sign-in); a store write passes its entry along and commits it itself."""

    def __init__(self, db):
        self.db = db

    async def record(self, platform: str, actor: str, action: str, target: str | None = None,
                     detail: dict | None = None, workspace: str | None = None) -> None:
        async with self.db.engine.begin() as conn:
            await write_entry(conn, AuditEntry(platform, actor, action, target, detail, workspace))

    def audit_entries(self, since: datetime | None = None) -> AsyncIterator[AuditEntry]:
        return read_entries(self.db.reader, since)
