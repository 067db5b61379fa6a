"""Putting the core's ``Outgoing`` replies in front of people, after the kudos is already safe.

By the time anything here runs, the core has committed whatever it decided. A Slack failure at this
point (bot not in the channel, rate limit exhausted, network) is logged and swallowed: the person
keeps their kudos and never sees a traceback. Deliveries run as background tasks so Slack gets its
HTTP 200 as soon as the commit is done, not after three more Web API round trips. Each delivery
goes through the Web API client of the request's workspace (its installation's token).
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Awaitable
from urllib.parse import urlsplit

from aiohttp import ClientTimeout
from slack_sdk.web.async_client import AsyncWebClient

from adapters import network
from adapters.background import Background
from adapters.slack.client import FAILURES, why
from adapters.slack.render import MAX_BLOCKS, message
from bot.i18n import t
from bot.ports import Meter, Unmetered
from bot.replies import Audience, Divider, Note, Outgoing, Reply, kept

log = logging.getLogger(__name__)
DM_WINDOW = 2.0  # seconds a direct message waits for company: a burst of kudos makes one DM
JSON = {"Content-Type": "application/json; charset=utf-8"}


class Delivery:
    def __init__(self, meter: Meter | None = None):
        self.meter = meter or Unmetered()
        self._background = Background("Slack replies")
        self._dms: dict[tuple[AsyncWebClient, str], _Waiting] = {}
        self._proxies = network.Proxies()  # the session reads no environment: HTTPS_PROXY, NO_PROXY here

    def later(self, client: AsyncWebClient, outgoing: list[Outgoing], channel: str, user: str) -> None:
        """Deliver in order, in the background. Direct messages only join their queue (a reaction's
        usual reply), so they cost no task of their own."""
        if any(out.audience is not Audience.DIRECT for out in outgoing):
            self.spawn(self.send_all(client, outgoing, channel, user))
        else:
            for out in outgoing:
                self._direct(client, out, channel)

    def answer(self, client: AsyncWebClient, outgoing: list[Outgoing], channel: str | None, user: str,
               response_url: str | None) -> None:
        """The replies to a press, in the background. What is for the presser alone goes back through
        the press's ``response_url`` as an ephemeral message: it needs no channel membership and no
        scope, and reaches them even under an ephemeral message or in a DM. A press in App Home has
        neither channel nor ``response_url``: its private answer comes as a DM."""
        if not outgoing:
            return
        url = response_url if response_url and self.trusted(client, response_url) else None
        self.spawn(self._answer(client, outgoing, channel, user, url))

    async def _answer(self, client: AsyncWebClient, outgoing: list[Outgoing], channel: str | None, user: str,
                      url: str | None) -> None:
        for out in outgoing:
            if out.audience is Audience.UPDATE and out.thread:
                await self.send(client, out, channel or user, user)
            elif out.audience in (Audience.PRIVATE, Audience.UPDATE) and url:
                await self.respond(client, url, out.reply, out.audience.value, replace=out.audience is Audience.UPDATE)
            elif out.audience is Audience.UPDATE:
                log.warning("slack: a message pressed without a response_url cannot be updated")
            elif out.audience is Audience.PRIVATE and not channel:
                await self.send(client, Outgoing(Audience.DIRECT, out.reply, user=user, lang=out.lang), user, user)
            elif channel or out.audience in (Audience.DIRECT, Audience.THREAD):
                await self.send(client, out, channel or user, user)
            else:
                log.warning("slack: a %s reply to a press outside any channel was not delivered", out.audience.value)

    async def respond(self, client: AsyncWebClient, url: str, reply: Reply, what: str = "private",
                      replace: bool = False) -> None:
        """Through the ``response_url`` of a press or a command (Slack takes five within 30 minutes):
        an ephemeral message to that person, next to the original; or, with ``replace``, the
        original message itself, updated for everyone who reads it."""
        how = {"replace_original": True} if replace else {"response_type": "ephemeral", "replace_original": False}
        body = json.dumps({**how, **message(reply)}, ensure_ascii=False).encode()
        # A plain POST on the client's session, through the proxy the environment names for the
        # URL's host: slack_sdk's webhook client does the same at about twice the CPU, which a press
        # pays on the hot path.
        proxy, proxy_headers = self._proxies(url)
        try:
            async with client.session.post(url, data=body, headers=JSON, timeout=ClientTimeout(
                    total=client.timeout), proxy=proxy, proxy_headers=proxy_headers) as response:
                await response.read()
                status = response.status
        except FAILURES as exc:
            log.warning("could not answer through response_url: %s", why(exc))
            self.meter.posted("slack", what, False)
            return
        if status != 200:
            log.warning("could not answer through response_url: HTTP %s", status)
        self.meter.posted("slack", what, status == 200)

    def trusted(self, client: AsyncWebClient, url: str) -> bool:
        """A ``response_url`` on Slack's own domain (the Web API's, or one of its subdomains, such as
        hooks.slack.com for slack.com): a signed payload names it, and Kodo posts nowhere else."""
        api, hook = urlsplit(client.base_url), urlsplit(url)
        domain = (api.hostname or "").removeprefix("www.")
        host = hook.hostname or ""
        ok = hook.scheme in ("https", api.scheme) and bool(domain) and (host == domain or host.endswith("." + domain))
        if not ok:
            log.warning("slack: ignored a response_url outside Slack's domain")
        return ok

    def spawn(self, work: Awaitable) -> None:
        self._background.spawn(work)

    async def idle(self) -> None:
        """Wait until every delivery started so far has finished (tests; shutdown)."""
        await self._background.idle()

    async def close(self, grace: float) -> None:
        """On shutdown, give replies in flight a moment; a stuck Slack must not hold the process."""
        await self._background.close(grace)

    async def send_all(self, client: AsyncWebClient, outgoing: list[Outgoing], channel: str, user: str) -> None:
        for out in outgoing:
            if out.audience is Audience.DIRECT:
                self._direct(client, out, channel)
            else:
                await self.send(client, out, channel, user)

    def _direct(self, client: AsyncWebClient, out: Outgoing, channel: str) -> None:
        """Hold a DM briefly: when a message draws many reactions, its author gets one message listing
        them, not a notification per emoji (and Kodo makes one Web API call, not twenty)."""
        waiting = self._dms.get((client, out.user))
        if waiting is None:
            waiting = self._dms[(client, out.user)] = _Waiting(out.lang)
            self.spawn(self._flush(client, out.user, channel))
        waiting.add(out.reply)

    async def _flush(self, client: AsyncWebClient, person: str, channel: str) -> None:
        await asyncio.sleep(DM_WINDOW)
        waiting = self._dms.pop((client, person))
        await self.send(client, Outgoing(Audience.DIRECT, waiting.reply(), user=person, lang=waiting.lang), channel,
                        person)

    async def send(self, client: AsyncWebClient, out: Outgoing, channel: str, user: str) -> None:
        try:
            match out.audience:
                case Audience.PRIVATE:
                    await client.chat_postEphemeral(channel=channel, user=user, **message(out.reply))
                case Audience.CHANNEL:
                    posted = await client.chat_postMessage(channel=channel, **message(out.reply))
                    await kept(out, f"{channel}:{posted.get('ts')}" if posted.get("ts") else None)
                case Audience.DIRECT:  # posting to a user id lands in the app's DM with them
                    await client.chat_postMessage(channel=out.user, **message(out.reply))
                case Audience.THREAD:  # the post is known as ``channel:ts``, the way a press names it
                    where, _, ts = (out.thread or "").partition(":")
                    await client.chat_postMessage(channel=where, thread_ts=ts, **message(out.reply))
                case Audience.UPDATE if out.thread:  # an earlier post, known as ``channel:ts``
                    where, _, ts = out.thread.partition(":")
                    await client.chat_update(channel=where, ts=ts, **message(out.reply))
                case Audience.UPDATE:  # only a press or ``thread`` says which message to update
                    log.warning("slack: an update of no known message was not delivered")
                    return
        except FAILURES as exc:
            log.warning("could not deliver a %s reply in %s: %s", out.audience.value, channel, why(exc))
            self.meter.posted("slack", out.audience.value, False)
        else:
            self.meter.posted("slack", out.audience.value, True)


class _Waiting:
    """What one person was sent within the window, as one message: Slack takes about one message per
    second per channel, and a reader takes one better than twenty. Each reply in full, a divider
    between them, while Block Kit's 50 blocks last; past that only a count, so a flood of reactions
    costs a number, not memory."""

    __slots__ = ("lang", "blocks", "more")
    ROOM = MAX_BLOCKS - 2  # kept for a divider and the count of the rest

    def __init__(self, lang: str):
        self.lang, self.blocks, self.more = lang, [], 0

    def add(self, reply: Reply) -> None:
        if self.more or (self.blocks and len(self.blocks) + 1 + len(reply.blocks) > self.ROOM):
            self.more += 1
            return
        if self.blocks:
            self.blocks.append(Divider())
        self.blocks += reply.blocks

    def reply(self) -> Reply:
        if not self.more:
            return Reply(tuple(self.blocks))
        note = t("kudos.dm_more", self.lang, count=self.more)
        return Reply((*self.blocks, Divider(), Note(note)))
