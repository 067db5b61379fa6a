"""``SqlWelcome``: who has been welcomed (``bot.features.welcome.store``). The primary key is the
promise: one row per person (or Teams team), so a second ``team_join`` or ``membersAdded``, a
redelivery, or the same event on another replica inserts nothing and sends nothing."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from storage.tables import UTCDateTime, metadata

welcomes = sa.Table(
    "welcomes", metadata,
    sa.Column("platform", sa.String(16), primary_key=True),
    sa.Column("subject", sa.String(256), primary_key=True),  # a person's id, or a Teams team's
    sa.Column("kind", sa.String(16), nullable=False),  # person | team
    sa.Column("workspace", sa.String(64)),
    sa.Column("organisation", sa.String(64)),
    sa.Column("welcomed_at", UTCDateTime, nullable=False),
)


class SqlWelcome:
    def __init__(self, db):
        self.db = db

    async def first(self, platform: str, subject: str, kind: str, at: datetime, workspace: str | None = None,
                    organisation: str | None = None) -> bool:
        row = dict(platform=platform, subject=subject, kind=kind, workspace=workspace, organisation=organisation,
                   welcomed_at=at)
        async with self.db.engine.begin() as conn:
            added = await conn.execute(self.db.insert(welcomes).values(**row).on_conflict_do_nothing(
                index_elements=["platform", "subject"]))
        return added.rowcount == 1

    async def forget(self, conn, platform: str, user: str, tombstone: str) -> dict[str, int]:
        """forget-me: the record that the person was welcomed goes too (joining again is welcomed again)."""
        gone = await conn.execute(welcomes.delete().where(welcomes.c.platform == platform,
                                                          welcomes.c.subject == user))
        return {"welcomes": gone.rowcount} if gone.rowcount else {}
