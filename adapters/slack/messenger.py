"""The scheduler's way into Slack: post a tip or a roundup to a channel, return the message ts.

Slack allows about one message per second per channel; a roundup to many channels, or several
posts to one, is paced here so it is never throttled into silence. A 429 that still happens is
waited out by the client's retry handler (``Retry-After``). Failures raise, so the scheduler knows
the post did not happen and can try again.
"""

from __future__ import annotations

import asyncio

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.render import message
from bot.replies import Reply

INTERVAL = 1.0  # seconds between two posts to one channel


class SlackMessenger:
    platform = "slack"

    def __init__(self, client: AsyncWebClient, interval: float = INTERVAL):
        self.client, self.interval = client, interval
        self._next: dict[str, float] = {}
        self._locks: dict[str, asyncio.Lock] = {}

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
