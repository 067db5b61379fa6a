"""Who is a bot, who is an admin, which language they read, what a conversation is: the answers
only Slack has.

One ``users.info`` call answers the questions about a person, one ``conversations.info`` call those
about a conversation; each is made once and cached for a while (bounded), so a busy channel
reacting all day costs a handful of calls, not one per reaction. When Slack cannot answer, the safe
answer wins: not a bot (the kudos is judged on its merits), not an admin (nothing privileged
happens), no locale (Kodo's default language), a private conversation (its words stay in it).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from slack_sdk.web.async_client import AsyncWebClient

from bot.cache import Lru, TtlCache
from adapters.slack.client import FAILURES, Undescribed, why

log = logging.getLogger(__name__)
TTL = 600.0
NAMES = 10_000  # workspace and channel names kept for the dashboard
UNANSWERED_TTL = 60.0  # a conversation Slack would not describe (a missing scope, say) is not asked again for a minute
SLACKBOT = "USLACKBOT"  # Slack's own bot says is_bot: false


@dataclass(frozen=True)
class Person:
    bot: bool = False
    admin: bool = False
    locale: str | None = None
    name: str | None = None  # what to call them where a mention must not notify


@dataclass(frozen=True)
class Conversation:
    visibility: str
    workspace: str | None  # the workspace it belongs to (conversations.info's context_team_id)
    name: str | None = None  # a public channel's name; never a private conversation's


def visibility(channel: dict) -> str:
    """What ``conversations.info`` says, in the contract's words. Shared beats everything but DMs:
    people of other workspaces or organisations read it."""
    if channel.get("is_im"):
        return "direct"
    if channel.get("is_mpim"):
        return "group"
    if any(channel.get(flag) for flag in ("is_ext_shared", "is_pending_ext_shared", "is_shared", "is_org_shared")):
        return "shared"
    if channel.get("is_private") or channel.get("is_group") or not channel.get("is_channel"):
        return "private"
    return "public"


def _part(answer, key: str) -> dict:
    """``answer[key]`` when it is an object, as Slack documents it; otherwise a failure like any other."""
    value = answer.get(key)
    if not isinstance(value, dict):
        raise Undescribed(f"ok, but no {key} object in the answer")
    return value


class SlackDirectory:
    def __init__(self, client: AsyncWebClient, ttl: float = TTL):
        self.client = client
        self._people = TtlCache(ttl)
        self._conversations = TtlCache(ttl)
        self._unanswered = TtlCache(UNANSWERED_TTL)
        self._me: str | None = None
        self._names = Lru(NAMES)  # (column, id) -> name: for the dashboard's filters, outliving the TTL

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

    def knows(self, user: str) -> bool:
        """Whether ``user`` is cached, so that asking about them costs no call to Slack."""
        return self._people.get(user) is not None

    async def bot_user(self) -> str | None:
        """Kodo's own user id, from auth.test, asked once."""
        if self._me is None:
            try:
                me = await self.client.auth_test()
                self._me = me["user_id"]
                if me.get("team_id") and me.get("team"):
                    self._names.put(("workspace", me["team_id"]), me["team"])
            except FAILURES as exc:
                log.warning("auth.test failed: %s", why(exc))
        return self._me

    async def person(self, user: str) -> Person:
        if (cached := self._people.get(user)) is not None:
            return cached
        try:
            info = _part(await self.client.users_info(user=user, include_locale=True), "user")
        except FAILURES as exc:
            log.warning("users.info %s failed: %s", user, why(exc))
            return Person()  # not cached: the next event asks again
        profile = info.get("profile") or {}
        person = Person(bot=bool(info.get("is_bot")),
                        admin=bool(info.get("is_admin") or info.get("is_owner") or info.get("is_primary_owner")),
                        locale=info.get("locale"),
                        name=profile.get("display_name") or profile.get("real_name") or info.get("real_name")
                        or info.get("name"))
        self._people.put(user, person)
        return person

    def forget(self, user: str) -> None:
        self._people.drop(user)

    async def conversation(self, channel: str) -> Conversation | None:
        """What ``channel`` is; None when Slack cannot say (the caller counts it as private)."""
        if (cached := self._conversations.get(channel)) is not None:
            return cached
        if self._unanswered.get(channel):
            return None
        try:
            info = _part(await self.client.conversations_info(channel=channel), "channel")
        except FAILURES as exc:
            log.warning("conversations.info %s failed: %s (counted as private)", channel, why(exc))
            self._unanswered.put(channel, True)
            return None
        seen = visibility(info)
        found = Conversation(seen, info.get("context_team_id"), info.get("name") if seen == "public" else None)
        self._conversations.put(channel, found)
        if found.name:
            self._names.put(("channel", channel), f"#{found.name}")
        else:
            self._names.discard(("channel", channel))  # a channel made private keeps its name to itself
        return found

    def place_name(self, column: str, value: str) -> str | None:
        """Kodo's own workspace and the public channels Slack described to it: no call to Slack."""
        return self._names.get((column, value))

