"""``SqlAwards``: the monthly awards' reads over kudos and the winners each channel got
(``bot.features.awards.store``)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from bot.features.awards.store import Candidate, Winner
from bot.ports import Place
from storage.kudos import STANDING
from storage.privacy import PUBLIC, shown_in
from storage.roundup import unnamed, visible
from storage.tables import UTCDateTime, kudos, metadata

# The awards a channel was given, per awarded month and principle: the next month's post there passes
# over these receivers for the same principle. Written before the post is sent, once (a retried post
# reads them back and names the same winners).
award_winners = sa.Table(
    "award_winners", metadata,
    sa.Column("platform", sa.String(16), primary_key=True),
    sa.Column("channel", sa.String(256), primary_key=True),
    sa.Column("month", sa.String(7), primary_key=True),  # the month awarded: 2026-12
    sa.Column("principle", sa.SmallInteger, primary_key=True),
    sa.Column("receiver", sa.String(128), nullable=False),
    sa.Column("episode", sa.String(256), nullable=False),
    sa.Column("givers", sa.Integer, nullable=False),
    sa.Column("workspace", sa.String(64)),
    sa.Column("organisation", sa.String(64)),
    sa.Column("awarded_at", UTCDateTime, nullable=False),
    sa.Index(None, "platform", "receiver"),
)


def episode_of(table: sa.Table = kudos):
    """A kudos' episode: the recognised message, or for a kudos given by command (no message) the
    kudos itself, ``kudos:<id>``."""
    return sa.func.coalesce(table.c.message, sa.literal("kudos:", sa.String) + sa.cast(table.c.id, sa.String))


def in_episode(platform: str, episode: str):
    """The kudos of one episode (as ``episode_of`` names it), found by index."""
    if episode.startswith("kudos:") and episode[6:].isdigit():
        return (kudos.c.id == int(episode[6:])) & (kudos.c.platform == platform) & kudos.c.message.is_(None)
    return (kudos.c.platform == platform) & (kudos.c.message == episode)


class SqlAwards:
    def __init__(self, db):
        self.db = db

    async def candidates(self, pack: str, start: datetime, end: datetime,
                         audience: Place | None) -> list[Candidate]:
        episode = episode_of().label("episode")
        where = shown_in(audience) if audience is not None else (kudos.c.visibility == PUBLIC)
        query = (sa.select(kudos.c.platform, episode, kudos.c.principle, kudos.c.receiver,
                           sa.func.count(sa.distinct(kudos.c.giver)).label("givers"),
                           sa.func.count(kudos.c.reason).label("reasons"),
                           sa.func.min(kudos.c.created_at).label("first"))
                 .where(kudos.c.created_at >= start, kudos.c.created_at < end, STANDING, kudos.c.pack == pack,
                        where, visible(kudos.c.receiver))
                 .group_by(kudos.c.platform, episode, kudos.c.principle, kudos.c.receiver))
        async with self.db.reader.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [Candidate(r.platform, r.episode, r.principle, r.receiver, int(r.givers), int(r.reasons), r.first)
                for r in rows]

    async def reasons(self, platform: str, episode: str, principle: int, limit: int) -> list[str]:
        query = (sa.select(kudos.c.reason)
                 .where(in_episode(platform, episode), kudos.c.principle == principle,
                        STANDING, kudos.c.reason.is_not(None), kudos.c.reason != "", visible(kudos.c.giver))
                 .order_by(kudos.c.created_at, kudos.c.id).limit(limit))
        async with self.db.reader.connect() as conn:
            return list((await conn.scalars(query)).all())

    async def hidden_people(self, platform: str, people: set[str]) -> set[str]:
        return await unnamed(self.db, platform, people)

    async def winners(self, platform: str, channel: str, month: str) -> dict[int, Winner]:
        c = award_winners.c
        query = sa.select(c.principle, c.receiver, c.episode, c.givers).where(
            c.platform == platform, c.channel == channel, c.month == month)
        async with self.db.reader.connect() as conn:
            return {r.principle: Winner(r.principle, r.receiver, r.episode, r.givers)
                    for r in await conn.execute(query)}

    async def record(self, place: Place, month: str, winners: list[Winner], at: datetime) -> dict[int, Winner]:
        if winners:
            rows = [{"platform": place.platform, "channel": place.conversation, "month": month,
                     "principle": w.principle, "receiver": w.receiver, "episode": w.episode, "givers": w.givers,
                     "workspace": place.workspace, "organisation": place.organisation, "awarded_at": at}
                    for w in winners]
            async with self.db.engine.begin() as conn:
                await conn.execute(self.db.insert(award_winners).values(rows).on_conflict_do_nothing())
        return await self.winners(place.platform, place.conversation, month)

    async def forget(self, conn, platform: str, user: str, tombstone: str) -> dict[str, int]:
        """forget-me: the person's awards name the tombstone (a tombstone is never named)."""
        result = await conn.execute(award_winners.update().where(
            award_winners.c.platform == platform, award_winners.c.receiver == user).values(receiver=tombstone))
        return {"awards": result.rowcount} if result.rowcount else {}
