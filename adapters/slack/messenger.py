"""The scheduler's way into Slack: post a tip or a roundup to a channel, return the message ts.

Slack allows about one message per second per channel; a roundup to many channels, or several
posts to one, is paced here so it is never throttled into silence. A 429 that still happens is
waited out by the client's retry handler (``Retry-After``). Failures raise, so the scheduler knows
the post did not happen and can try again.
"""

from __future__ import annotations

import asyncio
from typing import Callable

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import FAILURES
from adapters.slack.directory import SlackDirectory
from adapters.slack.render import message
from bot.ports import Episode, Place
from bot.replies import Reply, typed_mentions

INTERVAL = 1.0  # seconds between two posts to one channel


class SlackMessenger:
    platform = "slack"

    def __init__(self, client: AsyncWebClient, interval: float = INTERVAL, directory: SlackDirectory | None = None):
        self.client, self.interval = client, interval
        self.directory = directory or SlackDirectory(client)
        self._next: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._auth: dict | None = None

    async def _whoami(self) -> dict | None:
        """Kodo's auth.test answer (workspace URL and id), asked once; None while Slack cannot say."""
        if self._auth is None:
            try:
                self._auth = dict((await self.client.auth_test()).data)
            except FAILURES:
                return None
        return self._auth

    async def audience(self, channel: str) -> Place:
        """Who reads ``channel``: what conversations.info says. When Slack cannot say, the channel
        counts as private and outside any known workspace, so only its own words are shown there."""
        found = await self.directory.conversation(channel)
        if found is None:
            return Place("slack", channel)
        workspace = found.workspace or (await self._whoami() or {}).get("team_id")
        return Place("slack", channel, workspace, None, None, found.visibility)

    async def links(self) -> Callable[[Episode], str | None]:
        """Permalinks for the roundup's stories, built from the workspace URL (one auth.test, cached)
        and the message reference ``channel:ts``; without the URL, stories go without links."""
        auth = await self._whoami()
        if auth is None:
            return lambda episode: None
        base = auth.get("url") or ""

        def link(episode: Episode) -> str | None:
            if not base or not episode.message or ":" not in episode.message:
                return None
            channel, ts = episode.message.split(":", 1)
            return f"{base.rstrip('/')}/archives/{channel}/p{ts.replace('.', '')}"
        return link

    async def post(self, channel: str, reply: Reply, lang: str) -> str:
        async with self._locks.setdefault(channel, asyncio.Lock()):
            loop = asyncio.get_running_loop()
            wait = self._next.get(channel, 0.0) - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            names = await self.names(reply)
            try:
                response = await self.client.chat_postMessage(channel=channel, **message(reply, names))
            finally:
                self._next[channel] = loop.time() + self.interval
            return response["ts"]

    async def locale(self, user: str) -> str | None:
        """What Slack says of a person's language (``users.info``), for a direct message to them."""
        return await self.directory.locale(user)

    async def admins(self) -> list[str]:
        """The workspace's admins and owners, as the admin check knows them (``users.list``, page by
        page: scope ``users:read``): who gets a digest meant for the admins, besides KODO_ADMINS."""
        found, cursor = [], None
        while True:
            page = await self.client.users_list(limit=200, **({"cursor": cursor} if cursor else {}))
            found += [m["id"] for m in page.get("members") or [] if isinstance(m, dict) and m.get("id")
                      and (m.get("is_admin") or m.get("is_owner")) and not m.get("deleted") and not m.get("is_bot")]
            cursor = (page.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return found

    async def names(self, reply: Reply) -> dict[str, str]:
        """What to call the people mentioned in typed text, whose mention in a later post must not
        notify them: their Slack name (users.info, cached); the renderer falls back to the label."""
        people = list(typed_mentions(reply.blocks))
        found = await asyncio.gather(*(self.directory.person(who) for who in people))
        return {who: person.name for who, person in zip(people, found) if person.name}
