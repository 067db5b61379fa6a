"""One small function per Slack surface: turn the payload into a core call, hand back the answer.

Bolt runs these before it answers Slack (``process_before_response``), so whatever the core
commits is durable by the time Slack sees the 200. Replies that need Web API calls go out in the
background right after (``Delivery``); the only reply sent inline is a slash command's private
answer, which rides in the ack body and so needs no channel membership. Each listener reads its
payload through ``payloads`` first and ignores what does not fit. If the core fails (say the
database is down) the listener raises and ``failures`` decides the answer: a 5xx for an event, so
Slack retries it later; a private apology for a person, whom Slack never retries.
"""

from __future__ import annotations

import logging

from adapters.slack import modal, payloads
from adapters.slack.client import FAILURES, why
from adapters.slack.deliver import Delivery
from adapters.slack.directory import SlackDirectory
from adapters.slack.payloads import read
from adapters.slack.render import home_view, message
from bot.app import Kodo
from bot.i18n import t
from bot.kudos import Context
from bot.replies import Audience

PLATFORM = "slack"
log = logging.getLogger(__name__)


class Listeners:
    def __init__(self, kodo: Kodo, directory: SlackDirectory, delivery: Delivery):
        self.kodo, self.directory, self.delivery = kodo, directory, delivery
        self.client = delivery.client

    async def _ctx(self, user: str, channel: str | None, event_key: str | None = None) -> Context:
        return Context(PLATFORM, user, channel, self.directory, locale=await self.directory.locale(user),
                       event_key=event_key)

    async def _lang(self, ctx: Context) -> str:
        return await self.kodo.lang_of(PLATFORM, ctx.user, ctx.locale)

    # ---- /principle, /kudos, /kodo -------------------------------------------------------------

    async def command(self, ack, command: dict) -> None:
        cmd = read(payloads.Command, command, "slash command")
        if cmd is None:
            await ack()
            return
        key = f"command:{cmd.trigger_id}" if cmd.trigger_id else None
        ctx = await self._ctx(cmd.user_id, cmd.channel_id, event_key=key)
        out = await self.kodo.command(ctx, f"{cmd.command} {cmd.text}".strip())
        private = next((o for o in out if o.audience is Audience.PRIVATE), None)
        if private is None:
            await ack()
        else:
            await ack(response_type="ephemeral", **message(private.reply))
        self.delivery.later([o for o in out if o is not private], cmd.channel_id, cmd.user_id)

    # ---- reaction kudos ------------------------------------------------------------------------

    async def reaction_added(self, event: dict) -> None:
        await self._reaction(event, self.kodo.reaction_added)

    async def reaction_removed(self, event: dict) -> None:
        await self._reaction(event, self.kodo.reaction_removed)

    async def _reaction(self, event: dict, handler) -> None:
        r = read(payloads.Reaction, event, "reaction event")
        if r is None or r.item.type != "message" or self.kodo.pack.principle_for_emoji(r.reaction) is None:
            return  # not Kodo's emoji: no need to ask Slack who the reactor is
        if r.item.channel is None or r.item.ts is None:
            log.warning("slack: ignored a reaction on a message without channel or ts")
            return
        channel = r.item.channel
        out = await handler(await self._ctx(r.user, channel), r.reaction, f"{channel}:{r.item.ts}", r.item_user)
        self.delivery.later(out, channel, r.user)

    # ---- the give_kudos shortcut and its modal -------------------------------------------------

    async def shortcut(self, ack, shortcut: dict) -> None:
        await ack()
        s = read(payloads.Shortcut, shortcut, "message shortcut")
        target = modal.target_of(s) if s else None
        if target is None:
            if s is not None:
                log.warning("slack: ignored a message shortcut that names no message")
            return
        lang = await self._lang(await self._ctx(s.user.id, None))
        try:
            await self.client.views_open(trigger_id=s.trigger_id, view=modal.view(self.kodo.pack, lang, target))
        except FAILURES as exc:
            log.warning("could not open the kudos modal: %s", why(exc))

    async def submit(self, ack, body: dict) -> None:
        sub = read(payloads.Submission, body, "modal submission")
        if sub is None:
            await ack()
            return
        form = modal.submission(sub.view)
        ctx = await self._ctx(sub.user.id, form.target.channel, event_key=f"view:{sub.view.id}")
        if form.principle is None:
            missing = t("slack.modal.missing", await self._lang(ctx))
            await ack(response_action="errors", errors={modal.PRINCIPLE: missing})
            return
        out = await self.kodo.give(ctx, form.target.author, form.principle, form.reason, "shortcut",
                                   message=form.target.message)
        await ack()
        self.delivery.later(out, form.target.channel, ctx.user)

    # ---- App Home ------------------------------------------------------------------------------

    async def home(self, event: dict) -> None:
        opened = read(payloads.HomeOpened, event, "app_home_opened event")
        if opened is None or opened.tab != "home":
            return
        ctx = await self._ctx(opened.user, None)
        replies = [o.reply for words in ("/principle", "/kodo me") for o in await self.kodo.command(ctx, words)]
        try:
            await self.client.views_publish(user_id=ctx.user, view=home_view(replies))
        except FAILURES as exc:
            log.warning("could not publish App Home: %s", why(exc))
