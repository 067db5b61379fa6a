"""Putting the core's ``Outgoing`` replies in front of people, after the kudos is already safe.

By the time anything here runs, the core has committed whatever it decided. A Slack failure at this
point (bot not in the channel, rate limit exhausted, network) is logged and swallowed: the person
keeps their kudos and never sees a traceback. Deliveries run as background tasks so Slack gets its
HTTP 200 as soon as the commit is done, not after three more Web API round trips.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Awaitable

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import FAILURES, why
from adapters.slack.render import MAX_BLOCKS, message
from bot.replies import Audience, Divider, Outgoing, Reply

log = logging.getLogger(__name__)
DM_WINDOW = 2.0  # seconds a direct message waits for company: a burst of kudos makes one DM


class Delivery:
    def __init__(self, client: AsyncWebClient):
        self.client = client
        self._tasks: set[asyncio.Task] = set()
        self._dms: dict[str, list[Outgoing]] = {}

    def later(self, outgoing: list[Outgoing], channel: str, user: str) -> None:
        """Deliver in order, in the background. Direct messages only join their queue (a reaction's
        usual reply), so they cost no task of their own."""
        if any(out.audience is not Audience.DIRECT for out in outgoing):
            self.spawn(self.send_all(outgoing, channel, user))
        else:
            for out in outgoing:
                self._direct(out, channel)

    def spawn(self, work: Awaitable) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def idle(self) -> None:
        """Wait until every delivery started so far has finished (tests; shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def close(self, grace: float) -> None:
        """On shutdown, give replies in flight a moment; a stuck Slack must not hold the process."""
        try:
            await asyncio.wait_for(self.idle(), grace)
        except asyncio.TimeoutError:
            log.warning("shutting down with %d Slack replies undelivered", len(self._tasks))

    async def send_all(self, outgoing: list[Outgoing], channel: str, user: str) -> None:
        for out in outgoing:
            if out.audience is Audience.DIRECT:
                self._direct(out, channel)
            else:
                await self.send(out, channel, user)

    def _direct(self, out: Outgoing, channel: str) -> None:
        """Hold a DM briefly: when a message draws many reactions, its author gets one message listing
        them, not a notification per emoji (and Kodo makes one Web API call, not twenty)."""
        waiting = self._dms.setdefault(out.user, [])
        waiting.append(out)
        if len(waiting) == 1:
            self.spawn(self._flush(out.user, channel))

    async def _flush(self, person: str, channel: str) -> None:
        await asyncio.sleep(DM_WINDOW)
        for batch in _fill(self._dms.pop(person, [])):
            blocks = tuple(block for i, out in enumerate(batch) for block in (Divider(),) * bool(i) + out.reply.blocks)
            combined = Reply(blocks, "\n".join(out.reply.text for out in batch))
            await self.send(Outgoing(Audience.DIRECT, combined, user=person, lang=batch[0].lang), channel, person)

    async def send(self, out: Outgoing, channel: str, user: str) -> None:
        try:
            match out.audience:
                case Audience.PRIVATE:
                    await self.client.chat_postEphemeral(channel=channel, user=user, **message(out.reply))
                case Audience.CHANNEL:
                    await self.client.chat_postMessage(channel=channel, **message(out.reply))
                case Audience.DIRECT:  # posting to a user id lands in the app's DM with them
                    await self.client.chat_postMessage(channel=out.user, **message(out.reply))
        except FAILURES as exc:
            log.warning("could not deliver a %s reply in %s: %s", out.audience.value, channel, why(exc))


def _fill(waiting: list[Outgoing]) -> list[list[Outgoing]]:
    """As many replies per message as Block Kit's block limit takes, a divider between each two."""
    batches: list[list[Outgoing]] = []
    used = MAX_BLOCKS
    for out in waiting:
        size = len(out.reply.blocks) + 1
        if used + size > MAX_BLOCKS + 1:  # the first reply of a message has no divider before it
            batches.append([])
            used = 0
        batches[-1].append(out)
        used += size
    return batches
