"""``kodo doctor``'s database checks: reachable, at the latest schema, and which channels are subscribed
(so the Slack checks can look at each). Nothing is created or migrated: a doctor only looks."""

from __future__ import annotations

import sqlalchemy as sa

from bot.config import safe_url
from bot.doctor import Check, fail, ok, warn
from storage.db import (DatabaseError, create_engine, is_sqlite, missing_sqlite_file,
                        latest_revision, reachable_revision, reader)
from storage.tables import subscriptions


async def database_checks(url: str) -> tuple[list[Check], list[tuple[str, str, str | None, str | None]]]:
    """The checks, and the (platform, channel, workspace, organisation) of every subscribed channel."""
    if missing := missing_sqlite_file(url):
        return [warn("database", f"no database yet at {missing}: Kodo creates it at its first start")], []
    try:
        engine = create_engine(url)
    except DatabaseError as exc:
        return [fail("database", str(exc))], []
    try:
        revision = await reachable_revision(engine, url)
        checks = [ok("database", f"reachable at {safe_url(url)}")]
        latest = latest_revision()
        if revision == latest:
            checks.append(ok("database schema", f"up to date ({revision})"))
        elif is_sqlite(url):
            checks.append(warn("database schema", f"{revision or 'empty'}, latest {latest}: SQLite "
                                                  "migrates by itself at the next start"))
        else:
            checks.append(fail("database schema", f"{revision or 'empty'}, latest {latest}: run "
                                                  "`kodo migrate`"))
        channels = await _subscribed(engine) if revision else []
    except DatabaseError as exc:
        return [fail("database", str(exc))], []
    finally:
        await engine.dispose()
    return checks, channels


async def _subscribed(engine) -> list[tuple[str, str, str | None, str | None]]:
    c = subscriptions.c
    query = sa.select(c.platform, c.channel, c.workspace, c.organisation).distinct().order_by(c.platform, c.channel)
    async with reader(engine).connect() as conn:
        return [tuple(row) for row in await conn.execute(query)]
