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
from adapters.slack.render import message
from bot.ports import Episode
from bot.replies import Reply

INTERVAL = 1.0  # seconds between two posts to one channel


class SlackMessenger:
    platform = "slack"

    def __init__(self, client: AsyncWebClient, interval: float = INTERVAL):
        self.client, self.interval = client, interval
        self._next: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._workspace: str | None = None

    async def links(self) -> Callable[[Episode], str | None]:
        """Permalinks for the roundup's stories, built from the workspace URL (one auth.test, cached)
        and the message reference ``channel:ts``; without the URL, stories go without links."""
        if self._workspace is None:
            try:
                self._workspace = (await self.client.auth_test()).get("url") or ""
            except FAILURES:
                return lambda episode: None
        base = self._workspace

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
            try:
                response = await self.client.chat_postMessage(channel=channel, **message(reply))
            finally:
                self._next[channel] = loop.time() + self.interval
            return response["ts"]
