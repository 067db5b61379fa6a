"""``SqlMe``: each person's settings and what the daily limit counts (``bot.features.me.store``)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from bot.cache import TtlCache
from bot.ports import UserSettings
from storage.kudos_writes import GIVEN_ON, given_on
from storage.tables import people, user_settings

SETTINGS_TTL = 60.0  # seconds


class SqlMe:
    def __init__(self, db):
        self.db = db
        self._settings = TtlCache(SETTINGS_TTL)

    async def given_today(self, platform: str, user: str, day: date, realm: str | None = None) -> int:
        """Standing kudos given on ``day`` in ``realm`` (``bot.ports.realm``), as the daily limit counts them."""
        async with self.db.reader.connect() as conn:
            return await conn.scalar(GIVEN_ON.sql, given_on(platform, user, day, realm))

    async def settings(self, platform: str, user: str) -> UserSettings:
        """Asked on every message (the reply's language), so kept for a minute: a change made here is
        seen at once, one made through another replica within ``SETTINGS_TTL``."""
        key = (platform, user)
        if (cached := self._settings.get(key)) is not None:
            return cached
        async with self.db.reader.connect() as conn:
            row = (await conn.execute(sa.select(user_settings.c.locale, user_settings.c.ranking).where(
                user_settings.c.platform == platform, user_settings.c.user_id == user))).first()
        found = UserSettings(locale=row.locale, ranking=row.ranking) if row else UserSettings()
        self._settings.put(key, found)
        return found

    async def _upsert_setting(self, platform: str, user: str, **values) -> None:
        stmt = self.db.insert(user_settings).values(platform=platform, user_id=user, **values)
        async with self.db.engine.begin() as conn:
            await conn.execute(stmt.on_conflict_do_update(
                index_elements=[user_settings.c.platform, user_settings.c.user_id], set_=values))
        self._settings.drop((platform, user))

    async def set_locale(self, platform: str, user: str, locale: str) -> None:
        await self._upsert_setting(platform, user, locale=locale)

    async def set_ranking(self, platform: str, user: str, ranking: bool) -> None:
        await self._upsert_setting(platform, user, ranking=ranking)

    async def forget_user(self, platform: str, user: str) -> dict[str, int]:
        """forget-me, in every store at once (``Database.forget``)."""
        counts = await self.db.forget(platform, user)
        self._settings.drop((platform, user))
        return counts

    async def forget(self, conn, platform: str, user: str, tombstone: str) -> dict[str, int]:
        """The person's settings and what the platform told Kodo of them (name, locale) go."""
        await conn.execute(user_settings.delete().where(
            user_settings.c.platform == platform, user_settings.c.user_id == user))
        await conn.execute(people.delete().where(people.c.platform == platform, people.c.user_id == user))
        return {}
