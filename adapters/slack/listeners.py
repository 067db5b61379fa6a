"""One small function per Slack surface: turn the payload into a core call, hand back the answer.

Bolt runs these before it answers Slack (``process_before_response``), so whatever the core
commits is durable by the time Slack sees the 200. Replies that need Web API calls go out in the
background right after (``Delivery``); the only reply sent inline is a slash command's private
answer, which rides in the ack body and so needs no channel membership. Each listener reads its
payload through ``payloads`` first and ignores what does not fit. If the core fails (say the
database is down) the listener raises and ``failures`` decides the answer: a 5xx for an event, so
Slack retries it later; a private apology for a person, whom Slack never retries. Every call to
Slack goes through the request's ``Workspace`` (``workspaces``): its installation's token, its caches.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta, timezone

from adapters.slack import draft, modal, payloads
from adapters.slack.client import FAILURES, why
from adapters.slack.deliver import Delivery
from adapters.slack.payloads import read
from adapters.slack.render import home_view, message, pressed_action
from adapters.slack.workspaces import Workspace
from bot.app import Kodo
from bot.context import Context
from bot.features.welcome import Joined
from bot.i18n import t
from bot.ports import UNKNOWN, EventStamp
from bot.replies import Audience, Forgotten, effects_of

PLATFORM = "slack"
log = logging.getLogger(__name__)


class Listeners:
    def __init__(self, kodo: Kodo, workspaces, delivery: Delivery):
        """``workspaces``: ``adapters.slack.workspaces.OneWorkspace`` or ``Installations``."""
        self.kodo, self.workspaces, self.delivery = kodo, workspaces, delivery

    async def _ctx(self, ws: Workspace, user: str, channel: str | None, context, event_key: str | None = None,
                   event: EventStamp | None = None, team: object = None) -> Context:
        """Who and where. Where a kudos happened is the workspace of its conversation, as Slack names
        it (conversations.info), the same answer the audience of a post is judged by; only when Slack
        cannot say, the workspace the request came from (``team``: the payload's own, for an
        organisation-wide install whose Bolt context names the organisation alone). The Grid
        organisation is the installation's. What the conversation is only conversations.info knows."""
        directory = ws.directory
        if directory.knows(user):  # the usual case: the locale needs no call to Slack, so nothing to overlap
            locale, where = await directory.locale(user), await _conversation(directory, channel)
        else:
            locale, where = await asyncio.gather(directory.locale(user), _conversation(directory, channel))
        workspace = (where.workspace if where else None) or _id(context.team_id) or _id(team)
        return Context(PLATFORM, user, channel, directory, locale=locale, event_key=event_key,
                       workspace=_id(workspace), organisation=_id(context.enterprise_id),
                       visibility=where.visibility if where else UNKNOWN, resolves_mentions=True, event=event)

    async def _lang(self, ctx: Context) -> str:
        return await self.kodo.lang_of(PLATFORM, ctx.user, ctx.locale)

    # ---- /principle, /kudos, /kodo -------------------------------------------------------------

    async def command(self, ack, command: dict, context) -> None:
        cmd = read(payloads.Command, command, "slash command")
        if cmd is None:
            await ack()
            return
        ws = self.workspaces.of_request(context)
        key = f"command:{cmd.trigger_id}" if cmd.trigger_id else None
        ctx = await self._ctx(ws, cmd.user_id, cmd.channel_id, context, event_key=key, team=command.get("team_id"))
        words = f"{cmd.command} {cmd.text}".strip()
        out = await self.kodo.command(ctx, words)
        for gone in effects_of(out, Forgotten):
            ws.directory.forget(gone.user)  # their Slack name and locale leave this process's memory too
        private = next((o for o in out if o.audience is Audience.PRIVATE), None)
        if private is None:
            await ack()
        else:
            await ack(response_type="ephemeral", **message(private.reply))
        self.delivery.later(ws.client, [o for o in out if o is not private], cmd.channel_id, cmd.user_id)

    # ---- reaction kudos ------------------------------------------------------------------------

    async def reaction_added(self, event: dict, body: dict, context) -> None:
        await self._reaction(event, body, context, self.kodo.reaction_added)

    async def reaction_removed(self, event: dict, body: dict, context) -> None:
        await self._reaction(event, body, context, self.kodo.reaction_removed)

    async def _reaction(self, event: dict, body: dict, context, handler) -> None:
        r = read(payloads.Reaction, event, "reaction event")
        if r is None or r.item.type != "message" or self.kodo.pack.principle_for_emoji(r.reaction) is None:
            return  # not Kodo's emoji: no need to ask Slack who the reactor is
        if r.item.channel is None or r.item.ts is None:
            log.warning("slack: ignored a reaction on a message without channel or ts")
            return
        channel, ws = r.item.channel, self.workspaces.of_request(context)
        ctx = await self._ctx(ws, r.user, channel, context, event=event_stamp(body, event), team=body.get("team_id"))
        out = await handler(ctx, r.reaction, f"{channel}:{r.item.ts}", r.item_user)
        self.delivery.later(ws.client, out, channel, r.user)

    # ---- the give_kudos shortcut and its modal -------------------------------------------------

    @staticmethod
    def _message_of(shortcut: dict) -> tuple[payloads.Shortcut, modal.Target] | None:
        """A message shortcut's payload and the message it was used on; None (and one warning line
        when it was readable) when Slack did not say which message."""
        s = read(payloads.Shortcut, shortcut, "message shortcut")
        target = modal.target_of(s) if s else None
        if target is None and s is not None:
            log.warning("slack: ignored a message shortcut that names no message")
        return None if target is None else (s, target)

    async def shortcut(self, ack, shortcut: dict, context) -> None:
        await ack()
        if (used := self._message_of(shortcut)) is None:
            return
        s, target = used
        user, ws = s.user.id, self.workspaces.of_request(context)
        lang = await self._lang(await self._ctx(ws, user, None, context))
        is_bot = target.author is not None and target.author != user and await ws.directory.is_bot(target.author)
        refused = modal.refusal(target, user, lang, is_bot)
        view = modal.refusal_view(lang, refused) if refused else modal.view(self.kodo.pack, lang, target)
        await _open(ws, s.trigger_id, view, "the kudos modal")

    async def submit(self, ack, body: dict, context) -> None:
        sub = read(payloads.Submission, body, "modal submission")
        if sub is None:
            await ack()
            return
        form, ws = modal.submission(sub.view), self.workspaces.of_request(context)
        ctx = await self._ctx(ws, sub.user.id, form.target.channel, context, event_key=f"view:{sub.view.id}")
        if form.principle is None:
            missing = t("slack.modal.missing", await self._lang(ctx))
            await ack(response_action="errors", errors={modal.PRINCIPLE: missing})
            return
        out = await self.kodo.give(ctx, form.target.author, form.principle, form.reason, "shortcut",
                                   message=form.target.message)
        await ack()
        self.delivery.later(ws.client, out, form.target.channel, ctx.user)

    # ---- the feature_episode shortcut: an admin features a message as good practice --------------

    async def feature(self, ack, shortcut: dict, context) -> None:
        await ack()
        if (used := self._message_of(shortcut)) is None:
            return
        s, target = used
        ws = self.workspaces.of_request(context)
        ctx = await self._ctx(ws, s.user.id, target.channel, context, team=_team_of(shortcut))
        out = await self.kodo.event("feature_episode", ctx, target.message, target.author)
        self.delivery.later(ws.client, out, target.channel, ctx.user)

    # ---- the propose_improvement shortcut: a message as a proposal's draft ------------------------

    async def draft(self, ack, shortcut: dict, context) -> None:
        await ack()
        if (used := self._message_of(shortcut)) is None:
            return
        s, target = used
        ws = self.workspaces.of_request(context)
        lang = await self._lang(await self._ctx(ws, s.user.id, None, context))
        words = (s.message.text if s.message else None) or ""
        await _open(ws, s.trigger_id, draft.view(self.kodo.pack, lang, target, words), "the proposal form")

    async def propose(self, ack, body: dict, context) -> None:
        sub = read(payloads.Submission, body, "modal submission")
        if sub is None:
            await ack()
            return
        channel, principle, text = draft.submission(sub.view)
        ws = self.workspaces.of_request(context)
        ctx = await self._ctx(ws, sub.user.id, channel, context, event_key=f"view:{sub.view.id}")
        if not text.strip():
            await ack(response_action="errors", errors={draft.TEXT: t("proposal.form.missing", await self._lang(ctx))})
            return
        out = await self.kodo.event("propose", ctx, principle, text)
        await ack()
        self.delivery.later(ws.client, out, channel, ctx.user)

    # ---- a pressed button or menu (block_actions) -----------------------------------------------

    async def press(self, ack, body: dict, context) -> None:
        """One core call per press; which message carried the choices is ``channel:ts`` (the same
        reference a kudos keeps), or the view in App Home."""
        p = read(payloads.BlockActions, body, "block action")
        if p is None:
            await ack()
            return
        action, container = p.actions[0], p.container
        channel = container.channel_id or (p.channel.id if p.channel else None)
        where = (f"{channel}:{container.message_ts}" if channel and container.message_ts else
                 f"view:{container.view_id}" if container.view_id else None)
        value = action.selected_option.value if action.selected_option else action.value
        ws = self.workspaces.of_request(context)
        ctx = await self._ctx(ws, p.user.id, channel, context, team=_team_of(body))
        out = await self.kodo.press(ctx, pressed_action(action.action_id), value or "", where)
        await ack()
        self.delivery.answer(ws.client, out, channel, p.user.id, p.response_url)

    # ---- someone joined the workspace (the welcome) -----------------------------------------------

    async def team_join(self, event: dict, body: dict, context) -> None:
        """One quick insert before the ack; the direct message goes out after it, through the
        client that waits out Slack's rate limits (``Retry-After``)."""
        joined = read(payloads.TeamJoin, event, "team_join event")
        if joined is None or joined.user.deleted:
            return
        person, ws = joined.user, self.workspaces.of_request(context)
        ctx = Context(PLATFORM, person.id, None, ws.directory, locale=person.locale,
                      workspace=_id(context.team_id) or _id(body.get("team_id")), organisation=_id(context.enterprise_id))
        out = await self.kodo.event("joined", ctx, Joined(bot=person.is_bot or person.is_app_user,
                                                          guest=person.is_restricted or person.is_ultra_restricted))
        self.delivery.later(ws.client, out, person.id, person.id)

    # ---- a channel Kodo can no longer post in ---------------------------------------------------

    async def channel_gone(self, event: dict, body: dict, context) -> None:
        """Kodo was taken out of a channel, or it was archived or deleted: its subscriptions end
        (``kodo_removed``), so the scheduler stops posting where every post would fail."""
        gone = read(payloads.ChannelGone, event, "channel event")
        if gone is None:
            return
        ws = self.workspaces.of_request(context)
        workspace = _id(context.team_id) or _id(body.get("team_id"))
        ctx = Context(PLATFORM, gone.actor_id or gone.user or PLATFORM, gone.channel, ws.directory,
                      workspace=workspace, organisation=_id(context.enterprise_id))
        await self.kodo.event("kodo_removed", ctx, gone.type)

    # ---- App Home ------------------------------------------------------------------------------

    async def home(self, event: dict, context) -> None:
        opened = read(payloads.HomeOpened, event, "app_home_opened event")
        if opened is None or opened.tab != "home":
            return
        ws = self.workspaces.of_request(context)
        ctx = await self._ctx(ws, opened.user, None, context)
        replies = [o.reply for words in ("/principle", "/kodo me") for o in await self.kodo.command(ctx, words)]
        try:
            await ws.client.views_publish(user_id=ctx.user, view=home_view(replies))
        except FAILURES as exc:
            log.warning("could not publish App Home: %s", why(exc))


async def _open(ws: Workspace, trigger_id: str, view: dict, what: str) -> None:
    try:
        await ws.client.views_open(trigger_id=trigger_id, view=view)
    except FAILURES as exc:
        log.warning("could not open %s: %s", what, why(exc))


def _team_of(body: dict) -> object:
    """The workspace an interaction happened in, as its payload says (``team.id``)."""
    team = body.get("team")
    return team.get("id") if isinstance(team, dict) else None


async def _conversation(directory, channel: str | None):
    return await directory.conversation(channel) if channel else None


MAX_EVENT_ID = 128  # processed_events.event_key
MAX_WORKSPACE_ID = 64  # kudos.workspace and kudos.organisation


def _id(value: object) -> str | None:
    """A workspace or Grid id from Bolt's context, if it is one that fits its column."""
    return value if isinstance(value, str) and 0 < len(value) <= MAX_WORKSPACE_ID else None


def event_stamp(body: dict, event: dict) -> EventStamp | None:
    """The event's ``event_id`` and its own time, ``event_ts`` ("1700000001.000200", to the
    microsecond, kept exact rather than through a float); None if Slack left either out."""
    event_id, ts = body.get("event_id"), event.get("event_ts")
    if not isinstance(event_id, str) or not 0 < len(event_id) <= MAX_EVENT_ID or not isinstance(ts, str):
        return None
    seconds, _, fraction = ts.partition(".")
    try:
        at = datetime.fromtimestamp(int(seconds), timezone.utc) + timedelta(
            microseconds=int(fraction[:6].ljust(6, "0")))
    except (ValueError, OverflowError, OSError):
        return None
    return EventStamp(event_id, at)
