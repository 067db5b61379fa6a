"""Who is a bot, who is an admin, which language they read: the answers only Slack has.

One ``users.info`` call answers all three, so it is made once per person and cached for a while;
a busy channel reacting all day costs a handful of calls, not one per reaction. When Slack cannot
answer, the safe answer wins: not a bot (the kudos is judged on its merits), not an admin (nothing
privileged happens), no locale (Kodo's default language).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk.web.async_client import AsyncWebClient

from bot.cache import TtlCache
from adapters.slack.client import FAILURES, why

log = logging.getLogger(__name__)
TTL = 600.0
SLACKBOT = "USLACKBOT"  # Slack's own bot says is_bot: false


@dataclass(frozen=True)
class Person:
    bot: bool = False
    admin: bool = False
    locale: str | None = None


class SlackDirectory:
    def __init__(self, client: AsyncWebClient, ttl: float = TTL):
        self.client = client
        self._people = TtlCache(ttl)
        self._me: str | None = None

    async def is_bot(self, user: str) -> bool:
        return user in (SLACKBOT, await self.bot_user()) or (await self.person(user)).bot

    async def is_admin(self, user: str) -> bool:
        return (await self.person(user)).admin

    async def locale(self, user: str) -> str | None:
        return (await self.person(user)).locale

    def known_locale(self, user: str) -> str | None:
        """The locale Slack already told us, without asking again (for answers when things fail)."""
        cached = self._people.get(user)
        return cached.locale if cached is not None else None

    async def bot_user(self) -> str | None:
        """Kodo's own user id, from auth.test, asked once."""
        if self._me is None:
            try:
                self._me = (await self.client.auth_test())["user_id"]
            except FAILURES as exc:
                log.warning("auth.test failed: %s", why(exc))
        return self._me

    async def person(self, user: str) -> Person:
        if (cached := self._people.get(user)) is not None:
            return cached
        try:
            info = (await self.client.users_info(user=user, include_locale=True))["user"]
        except FAILURES as exc:
            log.warning("users.info %s failed: %s", user, why(exc))
            return Person()  # not cached: the next event asks again
        person = Person(bot=bool(info.get("is_bot")),
                        admin=bool(info.get("is_admin") or info.get("is_owner") or info.get("is_primary_owner")),
                        locale=info.get("locale"))
        self._people.put(user, person)
        return person

