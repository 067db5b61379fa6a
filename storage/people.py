"""People's display names and locales, as the platform last sent them.

Every activity carries its sender's name and locale, and a busy channel sends many: writing each
one would put a write on every message. ``learn`` keeps what it last wrote per person in memory
and writes only when the name or the locale changed (so once per person per process, then only on
a change). A missing locale (a mention carries a name, not a locale) never erases a known one.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import dialect_insert, reader
from storage.tables import people

MAX_NAME = 256
MAX_LOCALE = 16


class PeopleStore:
    def __init__(self, engine: AsyncEngine, platform: str, size: int = 10_000):
        self.engine, self.platform, self.size = engine, platform, size
        self._insert, self._reader = dialect_insert(engine), reader(engine)
        self._written: OrderedDict[str, tuple[str | None, str | None]] = OrderedDict()

    def _remember(self, user: str, name: str | None, locale: str | None) -> None:
        self._written[user] = (name, locale)
        self._written.move_to_end(user)
        if len(self._written) > self.size:
            self._written.popitem(last=False)

    async def learn(self, user: str | None, name: str | None, locale: str | None = None) -> bool:
        """Record ``user``'s name (and locale, from their own activity); True when it wrote."""
        if not user or not (name or locale):
            return False
        name, locale = (name or None) and name[:MAX_NAME], (locale or None) and locale[:MAX_LOCALE]
        known = self._written.get(user)
        if known is not None and (name or known[0], locale or known[1]) == known:
            return False
        values = {k: v for k, v in (("display_name", name), ("locale", locale)) if v}
        stmt = self._insert(people).values(platform=self.platform, user_id=user,
                                           updated_at=datetime.now(timezone.utc), **values)
        stmt = stmt.on_conflict_do_update(index_elements=[people.c.platform, people.c.user_id],
                                          set_={**values, "updated_at": stmt.excluded.updated_at})
        async with self.engine.begin() as conn:
            await conn.execute(stmt)
        self._remember(user, name or (known or (None, None))[0], locale or (known or (None, None))[1])
        return True

    async def names(self, users: set[str]) -> dict[str, str]:
        if not users:
            return {}
        async with self._reader.connect() as conn:
            rows = await conn.execute(sa.select(people.c.user_id, people.c.display_name).where(
                people.c.platform == self.platform, people.c.user_id.in_(sorted(users)),
                people.c.display_name.is_not(None)))
            return {user: name for user, name in rows}

    async def locale(self, user: str) -> str | None:
        async with self._reader.connect() as conn:
            return await conn.scalar(sa.select(people.c.locale).where(
                people.c.platform == self.platform, people.c.user_id == user))

    def forgotten(self, user: str) -> None:
        """After ``forget-me`` (the row itself goes with forget-me's transaction, ``storage.me``)."""
        self._written.pop(user, None)
