"""Posting where no one has just spoken: scheduled tips and roundups, and direct messages.

Teams only lets a bot post into a conversation it has a reference for (``ConversationStore``), or
into a 1:1 chat it creates with the person's tenant. The Bot Connector throttles (429), answers
412 on conflicting writes and 502/504 when Teams is busy: those are retried with exponential
backoff and jitter, honouring ``Retry-After``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
from dataclasses import dataclass

from botbuilder.core import TurnContext
from botbuilder.schema import Activity, ChannelAccount, ConversationParameters, ConversationReference

from bot.ports import Meter, Unmetered
from bot.replies import Reply

from .inbound import base_conversation
from .render import NameBook, message

log = logging.getLogger(__name__)
RETRY_STATUSES = frozenset({412, 429, 502, 504})


def _status_and_wait(exc: Exception) -> tuple[int | None, float | None]:
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None)
    try:
        wait = float(response.headers.get("Retry-After"))
    except (AttributeError, TypeError, ValueError):
        wait = None
    return status, wait


def connector_failed(exc: BaseException) -> bool:
    """A call to the Bot Connector (or to Entra ID for its token) failed on Microsoft's side or on the
    way there (refused, unreadable answer, network): worth one log line, not a traceback."""
    from aiohttp import ClientError
    from azure.core.exceptions import AzureError, DeserializationError
    from msrest.exceptions import ClientException
    from requests import RequestException

    return isinstance(exc, (ClientException, AzureError, DeserializationError, ClientError, RequestException))


def describe(exc: BaseException) -> str:
    status, _ = _status_and_wait(exc)
    return f"{type(exc).__name__} {status}" if status else type(exc).__name__


@dataclass
class Backoff:
    attempts: int = 5
    base: float = 0.5  # seconds before the first retry; doubles each time
    cap: float = 30.0

    async def __call__(self, send):
        for attempt in range(self.attempts):
            try:
                return await send()
            except Exception as exc:
                status, wait = _status_and_wait(exc)
                if status not in RETRY_STATUSES or attempt == self.attempts - 1:
                    raise
                delay = min(self.cap, wait if wait is not None else self.base * 2 ** attempt)
                log.info("teams: connector answered %s, retrying in %.2fs", status, delay)
                await asyncio.sleep(delay if wait is not None else random.uniform(delay / 2, delay))


def tenant_of(activity: Activity) -> str | None:
    """botbuilder drops ``conversation.tenantId`` (it expects ``tenantID``); Teams also sends it here."""
    return activity.conversation.tenant_id or ((activity.channel_data or {}).get("tenant") or {}).get("id")


def dump_reference(reference: ConversationReference) -> str:
    return json.dumps(reference.serialize())


def load_reference(raw: str) -> ConversationReference:
    return ConversationReference().deserialize(json.loads(raw))


class TeamsMessenger:
    """``bot.ports.Messenger`` for Teams: ``channel`` is a conversation id Kodo has a reference for."""

    platform = "teams"

    def __init__(self, adapter, conversations, names: NameBook, app_id: str, backoff: Backoff,
                 meter: Meter | None = None):
        self.adapter, self.conversations, self.names = adapter, conversations, names
        self.app_id, self.backoff, self.meter = app_id, backoff, meter or Unmetered()

    async def post(self, channel: str, reply: Reply, lang: str) -> str:
        raw = await self.conversations.get(channel)
        if raw is None:
            raise LookupError(f"Kodo has no Teams conversation {channel!r}: add Kodo there first")
        await self.names.prepare(reply)
        return await self.send(load_reference(raw), message(reply, self.names, lang))

    async def send(self, reference: ConversationReference, activity: Activity) -> str:
        """A new message in the conversation (not a reply to anything), through a proactive turn."""
        sent: list[str] = []

        async def deliver(turn: TurnContext) -> None:
            sent.append(await self._post_in(turn, reference, activity))

        await self.adapter.continue_conversation(reference, deliver, self.app_id)
        return sent[0]

    async def _post_in(self, turn: TurnContext, reference: ConversationReference, activity: Activity) -> str:
        """Inside a proactive turn: ``activity`` as a new message of the conversation, retried on
        throttling; returns its id."""
        reference.activity_id = None
        outgoing = TurnContext.apply_conversation_reference(activity, reference)
        responses = await self.backoff(lambda: turn.adapter.send_activities(turn, [outgoing]))
        return responses[0].id or ""

    async def under(self, post: str | None, reply: Reply, lang: str, replace: bool = False) -> None:
        """A reply to an earlier post (``conversation/activity id``, as ``Keep`` was given it): in a
        channel, in that post's thread; in a chat, which has no threads, a new message there; or,
        ``replace``, the post itself updated. Like a direct message, a courtesy: when it cannot be
        sent, it is logged and skipped."""
        conversation, _, activity_id = (post or "").rpartition("/")
        base = base_conversation(conversation)
        try:
            raw = await self.conversations.get(base)
            if raw is None or not activity_id:
                raise LookupError("Kodo has no reference for the conversation of that post")
            reference = load_reference(raw)
            if reference.conversation.conversation_type == "channel":
                reference.conversation.id = conversation if conversation != base else f"{base};messageid={activity_id}"
            await self.names.prepare(reply)
            activity = message(reply, self.names, lang)
            if replace:
                await self._replace(reference, activity, activity_id)
            else:
                await self.send(reference, activity)
        except Exception as exc:  # noqa: BLE001 - what was decided is stored; only this word is lost
            log.warning("teams: could not %s a post (%s: %s)", "update" if replace else "reply under",
                        type(exc).__name__, exc)
            self.meter.posted("teams", "update" if replace else "thread", False)
        else:
            self.meter.posted("teams", "update" if replace else "thread", True)

    async def _replace(self, reference: ConversationReference, activity: Activity, activity_id: str) -> None:
        async def change(turn: TurnContext) -> None:
            activity.id = activity_id
            await self.backoff(lambda: turn.update_activity(activity))

        await self.adapter.continue_conversation(reference, change, self.app_id)

    async def locale(self, user: str) -> str | None:
        """The locale of the person's own last activity (Teams tells no one else's)."""
        return await self.names.people.locale(user) if self.names.people is not None else None

    async def dm(self, user: str, reply: Reply, lang: str) -> str:
        """A scheduled direct message (``scheduler.jobs``): into the person's 1:1 chat with Kodo,
        which Kodo knows once they have written to it; raises when it does not, so the scheduler
        logs it and tries again later."""
        raw = await self.conversations.personal(user)
        if raw is None:
            raise LookupError("Kodo has no 1:1 chat with that person yet: they can open one by writing to Kodo")
        await self.names.prepare(reply)
        return await self.send(load_reference(raw), message(reply, self.names, lang))

    async def direct(self, origin: Activity, user: str, reply: Reply, lang: str) -> None:
        """A 1:1 message; creates the chat with the person's tenant when Kodo has none yet. A direct
        message is a courtesy: when it cannot be sent, it is logged and skipped."""
        try:
            await self.names.prepare(reply)
            raw = await self.conversations.personal(user)
            if raw is not None:
                await self.send(load_reference(raw), message(reply, self.names, lang))
            else:
                await self._create(origin, user, message(reply, self.names, lang))
        except Exception as exc:  # noqa: BLE001 - the user's own action already succeeded
            log.warning("teams: could not send a direct message (%s: %s)", type(exc).__name__, exc)
            self.meter.posted("teams", "direct", False)
        else:
            self.meter.posted("teams", "direct", True)

    async def _create(self, origin: Activity, user: str, activity: Activity) -> None:
        tenant = tenant_of(origin)
        if not tenant:
            log.info("teams: no tenant known, so no 1:1 chat can be created; direct message skipped")
            return
        params = ConversationParameters(is_group=False, bot=origin.recipient, members=[ChannelAccount(id=user)],
                                        tenant_id=tenant, channel_data={"tenant": {"id": tenant}})

        async def deliver(turn: TurnContext) -> None:
            reference = TurnContext.get_conversation_reference(turn.activity)
            reference.activity_id = None
            await self.conversations.save(turn.activity.conversation.id, dump_reference(reference), user_id=user)
            await self._post_in(turn, reference, activity)

        await self.adapter.create_conversation(self.app_id, deliver, params, channel_id=origin.channel_id,
                                               service_url=origin.service_url)
