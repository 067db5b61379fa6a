"""``SqlCasebook``: the good-practice casebook's entries (``bot.features.casebook.store``)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import sqlalchemy as sa

from bot.features.casebook.store import ASKED, PUBLISHED, Case, Entry, Facts
from bot.kpi import Scope
from bot.ports import AuditEntry
from storage.audit import write_entry
from storage.awards import episode_of, in_episode
from storage.kudos import STANDING
from storage.kudos_writes import Statement
from storage.privacy import PUBLIC, counted_in
from storage.roundup import unnamed, visible
from storage.tables import BigId, UTCDateTime, kudos, metadata

# One row per episode that entered the casebook: who received it and what they decided. The words
# stay in the kudos (read when shown), so nothing typed is kept twice.
casebook = sa.Table(
    "casebook", metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("platform", sa.String(16), nullable=False),
    sa.Column("episode", sa.String(256), nullable=False),  # kudos.message, or kudos:<id> for a command's
    sa.Column("principle", sa.SmallInteger, nullable=False),
    sa.Column("receiver", sa.String(128), nullable=False),
    sa.Column("status", sa.String(16), nullable=False),  # asked | published | private
    sa.Column("how", sa.String(16), nullable=False),  # givers (three or more) | nominated (by an admin)
    sa.Column("channel", sa.String(256)),
    sa.Column("workspace", sa.String(64)),
    sa.Column("organisation", sa.String(64)),
    sa.Column("team", sa.String(256)),
    sa.Column("entered_at", UTCDateTime, nullable=False),
    sa.Column("answered_at", UTCDateTime),
    sa.UniqueConstraint("platform", "episode"),
    sa.Index(None, "platform", "receiver"),
    sa.CheckConstraint("status IN ('asked', 'published', 'private')", name="status_known"),
)


_FACTS = (kudos.c.giver, kudos.c.receiver, kudos.c.principle, kudos.c.reason, kudos.c.visibility, kudos.c.channel,
          kudos.c.workspace, kudos.c.organisation, kudos.c.team)
# Asked on every kudos of a message three or more people recognise (``Database.read``): its standing
# kudos, by the index on (platform, message), and its entry, by the unique (platform, episode).
_MESSAGE_FACTS = Statement("casebook.facts", sa.select(*_FACTS).where(
    kudos.c.platform == sa.bindparam("w_platform"), kudos.c.message == sa.bindparam("w_message"), STANDING)
    .order_by(kudos.c.id), "rows")
_ENTRY_OF = Statement("casebook.entry_of", sa.select(casebook).where(
    casebook.c.platform == sa.bindparam("w_platform"), casebook.c.episode == sa.bindparam("w_episode")), "rows")


def _entry(r) -> Entry:
    return Entry(r.id, r.platform, r.episode, r.receiver, r.principle, r.status, r.how, r.entered_at, r.workspace)


class SqlCasebook:
    def __init__(self, db):
        self.db = db

    async def facts(self, platform: str, episode: str) -> Facts | None:
        if episode.startswith("kudos:") and episode[6:].isdigit():  # a command's kudos, alone in its episode
            async with self.db.reader.connect() as conn:
                rows = (await conn.execute(sa.select(*_FACTS).where(in_episode(platform, episode), STANDING)
                                           .order_by(kudos.c.id))).all()
        else:  # a recognised message's: on the request path
            rows = await self.db.read(_MESSAGE_FACTS, {"w_platform": platform, "w_message": episode})
        if not rows:
            return None
        chosen = Counter()
        for principle, giver in {(r.principle, r.giver) for r in rows}:
            chosen[principle] += 1
        principle = min(chosen, key=lambda n: (-chosen[n], n))
        first = rows[0]
        return Facts(platform, episode, first.receiver, principle, len({r.giver for r in rows}),
                     sum(1 for r in rows if r.reason), all(r.visibility == PUBLIC for r in rows), first.channel,
                     first.workspace, first.organisation, first.team)

    async def facts_of_kudos(self, kudos_id: int) -> Facts | None:
        query = sa.select(kudos.c.platform, episode_of().label("episode")).where(kudos.c.id == kudos_id)
        async with self.db.reader.connect() as conn:
            row = (await conn.execute(query)).first()
        return None if row is None else await self.facts(row.platform, row.episode)

    async def entry(self, entry_id: int) -> Entry | None:
        async with self.db.reader.connect() as conn:
            row = (await conn.execute(sa.select(casebook).where(casebook.c.id == entry_id))).first()
        return None if row is None else _entry(row)

    async def entry_of(self, platform: str, episode: str) -> Entry | None:
        rows = await self.db.read(_ENTRY_OF, {"w_platform": platform, "w_episode": episode})
        return _entry(rows[0]) if rows else None

    async def enter(self, facts: Facts, how: str, at: datetime, audit: AuditEntry | None = None) -> Entry | None:
        stmt = self.db.insert(casebook).values(
            platform=facts.platform, episode=facts.episode, principle=facts.principle, receiver=facts.receiver,
            status=ASKED, how=how, channel=facts.channel, workspace=facts.workspace,
            organisation=facts.organisation, team=facts.team, entered_at=at,
        ).on_conflict_do_nothing().returning(casebook.c.id)
        async with self.db.engine.begin() as conn:
            made = (await conn.execute(stmt)).first()
            if made is None:
                return None
            await write_entry(conn, audit)
        return Entry(made[0], facts.platform, facts.episode, facts.receiver, facts.principle, ASKED, how, at,
                     facts.workspace)

    async def answer(self, entry_id: int, status: str, at: datetime, audit: AuditEntry | None = None) -> Entry:
        async with self.db.engine.begin() as conn:
            await conn.execute(casebook.update().where(casebook.c.id == entry_id).values(
                status=status, answered_at=at))
            await write_entry(conn, audit)
            return _entry((await conn.execute(sa.select(casebook).where(casebook.c.id == entry_id))).first())

    async def published(self, since: datetime | None = None, scope: Scope | None = None) -> list[Case]:
        query = (sa.select(casebook).where(casebook.c.status == PUBLISHED, visible(casebook.c.receiver,
                                                                                    casebook.c.platform),
                                           counted_in(scope or Scope(), casebook))
                 .order_by(casebook.c.principle, casebook.c.answered_at, casebook.c.id))
        if since is not None:
            query = query.where(casebook.c.answered_at >= since)
        cases = []
        async with self.db.reader.connect() as conn:
            for entry in (await conn.execute(query)).all():
                told = (await conn.execute(
                    sa.select(kudos.c.giver, kudos.c.reason).where(in_episode(entry.platform, entry.episode), STANDING)
                    .order_by(kudos.c.created_at, kudos.c.id))).all()
                shown = (await conn.execute(
                    sa.select(kudos.c.reason).where(in_episode(entry.platform, entry.episode), STANDING,
                                                    kudos.c.reason.is_not(None), kudos.c.reason != "",
                                                    visible(kudos.c.giver))
                    .order_by(kudos.c.created_at, kudos.c.id))).scalars().all()
                cases.append(Case(entry.receiver, entry.principle, tuple(shown), len({r.giver for r in told}),
                                  entry.answered_at, entry.platform))
        return cases

    async def hidden_people(self, platform: str, people: set[str]) -> set[str]:
        return await unnamed(self.db, platform, people)

    async def published_in(self, start: datetime, end: datetime, scope: Scope | None = None
                           ) -> list[tuple[int, datetime]]:
        """(principle, when published) of the episodes published in [start, end) and still published."""
        query = (sa.select(casebook.c.principle, casebook.c.answered_at).where(
            casebook.c.status == PUBLISHED, casebook.c.answered_at >= start, casebook.c.answered_at < end,
            counted_in(scope or Scope(), casebook)).order_by(casebook.c.answered_at))
        async with self.db.reader.connect() as conn:
            return [(int(r.principle), r.answered_at) for r in await conn.execute(query)]

    async def forget(self, conn, platform: str, user: str, tombstone: str) -> dict[str, int]:
        """forget-me: the person's own episodes leave the casebook (what others gave stays counted
        in their kudos, under a tombstone)."""
        result = await conn.execute(casebook.delete().where(casebook.c.platform == platform,
                                                            casebook.c.receiver == user))
        return {"casebook": result.rowcount} if result.rowcount else {}
