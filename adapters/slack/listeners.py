"""One small function per Slack surface: turn the payload into a core call, hand back the answer.

Bolt runs these before it answers Slack (``process_before_response``), so whatever the core
commits is durable by the time Slack sees the 200. Replies that need Web API calls go out in the
background right after (``Delivery``); the only reply sent inline is a slash command's private
answer, which rides in the ack body and so needs no channel membership. If the core fails (say the
database is down) an event listener raises, Bolt answers 500, and Slack retries the event later;
a slash command, which Slack never retries, gets an apology instead.
"""

from __future__ import annotations

import logging

from adapters.slack import modal
from adapters.slack.client import FAILURES, why
from adapters.slack.deliver import Delivery
from adapters.slack.directory import SlackDirectory
from adapters.slack.render import home_view, message
from bot.app import Kodo
from bot.i18n import pick, t
from bot.kudos import Context
from bot.replies import Audience

PLATFORM = "slack"
log = logging.getLogger(__name__)


class Listeners:
    def __init__(self, kodo: Kodo, directory: SlackDirectory, delivery: Delivery):
        self.kodo, self.directory, self.delivery = kodo, directory, delivery
        self.client = delivery.client

    async def _ctx(self, user: str, channel: str | None, context, event_key: str | None = None) -> Context:
        """Who and where: Bolt's ``context`` carries the workspace (and Grid organisation) of the request."""
        return Context(PLATFORM, user, channel, self.directory, locale=await self.directory.locale(user),
                       event_key=event_key, workspace=context.team_id, organisation=context.enterprise_id)

    async def _lang(self, ctx: Context) -> str:
        return await self.kodo.lang_of(PLATFORM, ctx.user, ctx.locale)

    # ---- /principle, /kudos, /kodo -------------------------------------------------------------

    async def command(self, ack, command: dict, context) -> None:
        user, channel = command["user_id"], command.get("channel_id")
        ctx = await self._ctx(user, channel, context, event_key=f"command:{command.get('trigger_id')}")
        try:
            out = await self.kodo.command(ctx, f"{command['command']} {command.get('text') or ''}".strip())
        except Exception:  # noqa: BLE001 - the person gets an apology, the log gets the traceback
            log.exception("slash command %s failed", command["command"])
            await ack(response_type="ephemeral", text=t("error.internal", pick(ctx.locale, self.kodo.settings.locale)))
            return
        private = next((o for o in out if o.audience is Audience.PRIVATE), None)
        if private is None:
            await ack()
        else:
            await ack(response_type="ephemeral", **message(private.reply))
        self.delivery.later([o for o in out if o is not private], channel, user)

    # ---- reaction kudos ------------------------------------------------------------------------

    async def reaction_added(self, event: dict, context) -> None:
        await self._reaction(event, context, self.kodo.reaction_added)

    async def reaction_removed(self, event: dict, context) -> None:
        await self._reaction(event, context, self.kodo.reaction_removed)

    async def _reaction(self, event: dict, context, handler) -> None:
        item = event.get("item") or {}
        if item.get("type") != "message" or self.kodo.pack.principle_for_emoji(event["reaction"]) is None:
            return  # not Kodo's emoji: no need to ask Slack who the reactor is
        user, channel = event["user"], item["channel"]
        out = await handler(await self._ctx(user, channel, context), event["reaction"], f"{channel}:{item['ts']}",
                            event.get("item_user"))
        self.delivery.later(out, channel, user)

    # ---- the give_kudos shortcut and its modal -------------------------------------------------

    async def shortcut(self, ack, shortcut: dict, context) -> None:
        await ack()
        user = shortcut["user"]["id"]
        lang = await self._lang(await self._ctx(user, None, context))
        try:
            await self.client.views_open(trigger_id=shortcut["trigger_id"],
                                         view=modal.view(self.kodo.pack, lang, modal.target_of(shortcut)))
        except FAILURES as exc:
            log.warning("could not open the kudos modal: %s", why(exc))

    async def submit(self, ack, body: dict, view: dict, context) -> None:
        form = modal.submission(view)
        ctx = await self._ctx(body["user"]["id"], form.target.channel, context, event_key=f"view:{view['id']}")
        if form.principle is None:
            missing = t("slack.modal.missing", await self._lang(ctx))
            await ack(response_action="errors", errors={modal.PRINCIPLE: missing})
            return
        out = await self.kodo.give(ctx, form.target.author, form.principle, form.reason, "shortcut",
                                   message=form.target.message)
        await ack()
        self.delivery.later(out, form.target.channel, ctx.user)

    # ---- App Home ------------------------------------------------------------------------------

    async def home(self, event: dict, context) -> None:
        if event.get("tab", "home") != "home":
            return
        ctx = await self._ctx(event["user"], None, context)
        replies = [o.reply for words in ("/principle", "/kodo me") for o in await self.kodo.command(ctx, words)]
        try:
            await self.client.views_publish(user_id=ctx.user, view=home_view(replies))
        except FAILURES as exc:
            log.warning("could not publish App Home: %s", why(exc))
