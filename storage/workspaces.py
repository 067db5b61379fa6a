"""A workspace's records all at once: what an uninstall stops and what ``kodo workspace`` removes.

Which records belong to a workspace is read off the schema, not listed here: every table with a
``workspace`` (or ``organisation``) column holds things that happened in one, so a feature that
adds such a table (survey answers, awards…) is covered without a line changing here. The audit
log is the one exception: the trail of who did what stays, and the removal itself is written to it.

Removing or adopting changes the numbers of finished weeks, which the dashboard keeps once counted
(``storage.kept_weeks``), so both drop every kept week in the same transaction, holding the lock a
revocation holds, so a week counted before the change is never kept after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.ports import AuditEntry
from storage.audit import write_entry
from storage.db import reader
from storage.kudos_writes import KEPT_WEEKS_LOCK
from storage.pg_commit import take_locks
from storage.tables import audit_log, kpi_weeks, kudos, metadata, people, post_claims, slack_bots, \
    slack_installations, subscriptions, user_settings

KEPT = (audit_log,)  # a workspace's removal leaves the audit log as it is


def scoped_tables() -> list[sa.Table]:
    """Every table whose rows say in which workspace (or organisation) they happened."""
    return [t for t in metadata.sorted_tables
            if t not in KEPT and ("workspace" in t.c or "organisation" in t.c)]


def _of(table: sa.Table, ident: str):
    """Rows of ``table`` that happened in workspace ``ident``, or anywhere in organisation ``ident``."""
    where = [table.c[name] == ident for name in ("workspace", "organisation") if name in table.c]
    return sa.or_(*where)


async def stop_posts(engine: AsyncEngine, organisation: str | None, workspace: str | None, org_wide: bool,
                     entry: AuditEntry) -> int:
    """Slack uninstalled Kodo (or revoked its token): the installation's channels receive nothing
    more (Slack has taken Kodo out of them). Its kudos stay until an admin removes the workspace.
    Returns how many subscriptions ended."""
    c = subscriptions.c
    reach = (c.organisation == organisation) if org_wide else (c.workspace == workspace)
    async with engine.begin() as conn:
        ended = (await conn.execute(subscriptions.delete().where(c.platform == "slack", reach))).rowcount
        await write_entry(conn, AuditEntry(entry.platform, entry.actor, entry.action, entry.target,
                                           {**(entry.detail or {}), "subscriptions": ended}, entry.workspace))
    return ended


@dataclass
class Removed:
    """What ``remove`` took away (or would, on a dry run), table by table."""

    rows: dict[str, int] = field(default_factory=dict)
    people: int = 0  # names and settings of people who appear nowhere else any more
    installations: int = 0  # stored Slack installations (their tokens)


async def remove(engine: AsyncEngine, ident: str, entry: AuditEntry | None) -> Removed:
    """Delete everything that happened in workspace (or organisation) ``ident``: its rows in every
    scoped table, its stored Slack installation, and the name and settings of each person who took
    part there and nowhere else. ``entry`` None: a dry run, counted and rolled back."""
    removed = Removed()
    async with engine.connect() as conn:
        async with conn.begin() as transaction:
            await _recount(conn)
            took_part = await _people_of(conn, ident)
            for table in scoped_tables():
                removed.rows[table.name] = (await conn.execute(table.delete().where(_of(table, ident)))).rowcount
            installed = sa.or_(slack_bots.c.team_id == ident, slack_bots.c.enterprise_id == ident)
            removed.installations = len((await conn.execute(sa.select(
                slack_bots.c.enterprise_id, slack_bots.c.team_id).distinct().where(installed))).all())
            for table in (slack_bots, slack_installations):
                await conn.execute(table.delete().where(
                    sa.or_(table.c.team_id == ident, table.c.enterprise_id == ident)))
            removed.people = await _forget_people_left(conn, took_part)
            if entry is None:
                await transaction.rollback()
                return removed
            await write_entry(conn, AuditEntry(entry.platform, entry.actor, entry.action, ident, {
                **removed.rows, "people": removed.people, "installations": removed.installations}, ident))
    return removed


async def _recount(conn) -> None:
    """Every kept week is counted again by its next reader (on PostgreSQL after taking the lock that
    revocations take, as the keeping of a week does; SQLite's write lock already orders them)."""
    if conn.dialect.name == "postgresql":
        await take_locks(conn, (KEPT_WEEKS_LOCK,))
    await conn.execute(kpi_weeks.delete())


async def _people_of(conn, ident: str) -> set[tuple[str, str]]:
    where = _of(kudos, ident)
    rows = await conn.execute(sa.union(sa.select(kudos.c.platform, kudos.c.giver.label("who")).where(where),
                                       sa.select(kudos.c.platform, kudos.c.receiver.label("who")).where(where)))
    return {(r.platform, r.who) for r in rows}


async def _forget_people_left(conn, took_part: set[tuple[str, str]]) -> int:
    """Names and settings of those who took part in the removed workspace and in no kudos left."""
    gone = 0
    for platform, who in sorted(took_part):
        still = await conn.scalar(sa.select(sa.func.count()).select_from(kudos).where(
            kudos.c.platform == platform, sa.or_(kudos.c.giver == who, kudos.c.receiver == who)))
        if still:
            continue
        named = (await conn.execute(people.delete().where(people.c.platform == platform, people.c.user_id == who)))
        set_ = (await conn.execute(user_settings.delete().where(user_settings.c.platform == platform,
                                                                user_settings.c.user_id == who)))
        gone += bool(named.rowcount or set_.rowcount)
    return gone


async def adopt(engine: AsyncEngine, workspace: str, organisation: str | None, entry: AuditEntry) -> dict[str, int]:
    """Records of Slack kept before Kodo noted workspaces (kudos, subscriptions and the scheduler's
    posts with none) are given to ``workspace``: the one workspace a single-workspace Kodo served,
    before distribution."""
    changed = {}
    async with engine.begin() as conn:
        await _recount(conn)
        for table in (kudos, subscriptions, post_claims):
            values = {"workspace": workspace, "organisation": organisation}
            changed[table.name] = (await conn.execute(table.update().where(
                table.c.platform == "slack", table.c.workspace.is_(None)).values(values))).rowcount
        await write_entry(conn, AuditEntry(entry.platform, entry.actor, entry.action, workspace,
                                           {**changed, "organisation": organisation}, workspace))
    return changed


async def kudos_per_workspace(engine: AsyncEngine) -> list[tuple[str, str | None, str | None, int]]:
    """(platform, workspace, organisation, kudos) for every place kudos were given, most first."""
    n = sa.func.count().label("n")
    query = (sa.select(kudos.c.platform, kudos.c.workspace, kudos.c.organisation, n)
             .group_by(kudos.c.platform, kudos.c.workspace, kudos.c.organisation).order_by(sa.desc(n)))
    async with reader(engine).connect() as conn:
        return [tuple(r) for r in await conn.execute(query)]
