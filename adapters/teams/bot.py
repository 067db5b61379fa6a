"""Teams activities in, core calls out: the translation layer and nothing more.

Words arrive as text with ``<at>Kodo</at>`` in channels; other people's mentions become ``<@id>``
from the mention entities, so the core's parser reads Teams exactly like Slack. The core decides;
this module only says who, where and in which conversation to answer.
"""

from __future__ import annotations

import asyncio
import logging

from botbuilder.core import CardFactory, InvokeResponse, TurnContext
from botbuilder.core.teams import TeamsActivityHandler, TeamsInfo
from botbuilder.schema import Activity, ActivityTypes
from botbuilder.schema.teams import (MessagingExtensionAction, MessagingExtensionActionResponse,
                                     TaskModuleContinueResponse, TaskModuleTaskInfo)

from adapters.background import Background
from adapters.web import why_not
from bot import audit
from bot.cache import Lru
from bot.commands import parse_number
from bot.context import Context
from bot.features.welcome import Joined
from bot.i18n import t
from bot.ports import AuditEntry, Meter, Unmetered
from bot.replies import (Audience, Divider, Forgotten, Outgoing, Paragraph, Reply, Text, Typed, effects_of, kept,
                         mention)
from storage.db import unavailable

from . import draft, render
from .inbound import base_conversation, card_press
from .messenger import Backoff, TeamsMessenger, dump_reference, tenant_of
from .package import FEATURE
from .scope import TeamChannels, team_of

PLATFORM = "teams"
KNOWN = 10_000
CARD_ACTION = "adaptiveCard/action"
CARD_ANSWER, NOTE_ANSWER = "application/vnd.microsoft.card.adaptive", "application/vnd.microsoft.activity.message"
BOT_ID = "28:"  # how a bot's id begins in Teams (a person's: "29:")
WELCOMING = 4  # people welcomed at once, however many activities added them (each a 1:1 chat and a message)
log = logging.getLogger(__name__)


class TeamsDirectory:
    """Bots have ``28:`` ids in Teams. Teams has no cheap owner lookup, so admins are KODO_ADMINS.
    Teams tells only the sender's locale; a receiver's is the one of their own last activity."""

    def __init__(self, people=None):
        self.people = people

    async def is_bot(self, user: str) -> bool:
        return user.startswith("28:")

    async def is_admin(self, user: str) -> bool:
        return False

    async def locale(self, user: str) -> str | None:
        return await self.people.locale(user) if self.people is not None else None


def command_text(activity: Activity) -> str:
    """The words typed, without the bot's own mention and with people's mentions as ``<@id>``."""
    text = activity.text or ""
    for entity in activity.entities or []:
        if entity.type != "mention":
            continue
        props = entity.additional_properties or {}
        who, tag = (props.get("mentioned") or {}).get("id"), props.get("text")
        if who and tag:
            text = text.replace(tag, "" if who == activity.recipient.id else f" {mention(who)} ")
    return " ".join(text.replace("&nbsp;", " ").split())


def _refusal(author, sender, lang: str) -> Text | None:
    """Why the message action cannot recognise this message's author, or None when it can."""
    if author is None or author.user is None:
        name = author.application.display_name if author and author.application else None
        return t("kudos.bot_message", lang, author=Typed(name)) if name else t("kudos.bot_message.unnamed", lang)
    if author.user.id in (sender.aad_object_id, sender.id):
        return t("kudos.own_message", lang)
    return None


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" + ("" if n == 1 else "s")


def _dialog(lang: str, names: render.NameBook, text: Text = "", form: dict | None = None,
            title: str = "teams.task.title") -> MessagingExtensionActionResponse:
    """The message action's dialog: the form, or words alone (a refusal, a confirmation). Words go in
    a card too: a plain ``message`` task is documented, but the Agents Playground rejects it."""
    card = form or render.notice(text, names, lang)
    return MessagingExtensionActionResponse(task=TaskModuleContinueResponse(value=TaskModuleTaskInfo(
        title=t(title, lang), card=CardFactory.adaptive_card(card),
        height="medium" if form else "small", width="medium")))


def _together(outgoing: list[Outgoing]) -> Reply:
    """Several replies for one person as one, divided."""
    blocks: list = []
    for i, out in enumerate(outgoing):
        blocks += ([Divider()] if i else []) + list(out.reply.blocks)
    return Reply(tuple(blocks))


class KodoTeamsBot(TeamsActivityHandler):
    def __init__(self, kodo, conversations, messenger: TeamsMessenger, names: render.NameBook, backoff: Backoff,
                 meter: Meter | None = None):
        self.kodo, self.conversations, self.messenger = kodo, conversations, messenger
        self.names, self.backoff, self.meter = names, backoff, meter or Unmetered()
        self.welcomes = Background("Teams welcomes")  # after the turn: one activity may add a whole team
        self._welcoming = asyncio.Semaphore(WELCOMING)  # shared by every activity's welcomes
        self.directory = TeamsDirectory(names.people)
        self.channels = TeamChannels()
        self.engagement = 0  # reactions on Kodo's posts: counted, never kudos
        self._known = Lru(KNOWN)  # conversations whose reference is stored: bounded, like every cache

    async def on_turn(self, turn: TurnContext):
        activity = turn.activity
        if activity.from_property:
            await self.names.remember(activity.from_property.id, activity.from_property.name, activity.locale)
        if activity.conversation and activity.service_url:
            await self._remember(activity)
        await super().on_turn(turn)

    async def _remember(self, activity: Activity) -> None:
        """Store where Kodo can post later: on install, and the first time a conversation speaks."""
        conversation = base_conversation(activity.conversation.id)
        if activity.type != ActivityTypes.conversation_update and self._known.get((conversation, activity.service_url)):
            return
        reference = TurnContext.get_conversation_reference(activity)
        reference.activity_id, reference.user = None, None  # only where, never who said what
        reference.conversation.id = conversation
        reference.conversation.tenant_id = tenant_of(activity)  # Teams sends it as channelData.tenant.id
        personal = activity.conversation.conversation_type == "personal"
        await self.conversations.save(conversation, dump_reference(reference),
                                      user_id=activity.from_property.id if personal else None, team=team_of(activity))
        self._known.put((conversation, activity.service_url), True)

    # ---- people added (the welcome), and Kodo itself added to a team ----------------------------

    async def on_teams_members_added_dispatch(self, members_added, team_info, turn: TurnContext):
        """The members as the activity names them: no lookup per person (the base class asks the
        connector for each one)."""
        await self._members_added(members_added, turn)

    async def on_members_added_activity(self, members_added, turn: TurnContext):
        await self._members_added(members_added, turn)

    async def _members_added(self, members, turn: TurnContext) -> None:
        """Each person added gets the welcome in their 1:1 chat (never a bot, never Kodo); Kodo added
        to a team introduces itself in the channel it was added through.

        The welcomes go after the turn has answered, a few at a time: one activity may add a whole
        department, and each welcome opens a 1:1 chat and sends a message (two calls to Teams), far
        more than a turn may take."""
        activity = turn.activity
        people = []
        for member in members or []:
            if not member or not isinstance(member.id, str) or not member.id:
                continue
            if activity.recipient is not None and member.id == activity.recipient.id:
                if team_of(activity):
                    await self.deliver(turn, await self.kodo.event("kodo_added", await self._context(turn)))
                continue
            people.append(member.id)
        if people:
            self.welcomes.spawn(self._welcome(activity, people))

    async def _welcome(self, origin: Activity, people: list[str]) -> None:
        async def one(person: str) -> None:
            async with self._welcoming:
                ctx = Context(PLATFORM, person, base_conversation(origin.conversation.id), self.directory,
                              workspace=tenant_of(origin), team=team_of(origin))
                try:
                    for out in await self.kodo.event("joined", ctx, Joined(bot=person.startswith(BOT_ID))):
                        await self.messenger.direct(origin, out.user, out.reply, out.lang)  # logs its own failure
                except Exception as exc:  # noqa: BLE001 - one person's welcome fails alone
                    if unavailable(exc):
                        log.warning("teams: someone added was not welcomed: %s", why_not(exc))
                    else:
                        log.error("teams: someone added was not welcomed", exc_info=exc)

        await asyncio.gather(*(one(person) for person in people))

    async def on_installation_update_remove(self, turn: TurnContext):
        await self._removed(turn, "installationUpdate")

    async def on_teams_members_removed(self, members, team_info, turn: TurnContext):
        if any(member.id == turn.activity.recipient.id for member in members):
            await self._removed(turn, "membersRemoved")

    async def on_teams_channel_deleted(self, channel_info, team_info, turn: TurnContext):
        channel = getattr(channel_info, "id", None)
        if isinstance(channel, str) and channel:
            await self._forget(turn, base_conversation(channel), None, "a channel was deleted", "channelDeleted")

    async def on_teams_team_deleted(self, team_info, turn: TurnContext):
        await self._team_gone(turn, "a team was deleted", "teamDeleted")

    async def on_teams_team_hard_deleted(self, team_info, turn: TurnContext):
        await self._team_gone(turn, "a team was deleted", "teamHardDeleted")

    async def on_teams_team_archived(self, team_info, turn: TurnContext):
        await self._team_gone(turn, "a team was archived", "teamArchived")  # read-only: every post would fail

    async def _team_gone(self, turn: TurnContext, why: str, because: str) -> None:
        team = team_of(turn.activity)
        if team:
            await self._forget(turn, team, team, why, because)

    async def _removed(self, turn: TurnContext, because: str) -> None:
        """Kodo was taken out of a team or a chat: every reference and subscription there goes, so
        neither the scheduler nor a direct message keeps trying to post where Kodo cannot."""
        activity, team = turn.activity, team_of(turn.activity)
        await self._forget(turn, base_conversation(activity.conversation.id), team,
                           f"Kodo was removed from {'a team' if team else 'a chat'}", because)

    async def _forget(self, turn: TurnContext, conversation: str, team: str | None, why: str, because: str) -> None:
        """Nothing may be posted in ``conversation`` (or anywhere in ``team``) any more: its references
        and subscriptions go, and the audit log says who ended them (``because``: Teams' word for
        it). A deleted team or channel that is restored, or an archived team unarchived, is
        subscribed again as a new one would be."""
        activity = turn.activity
        actor = getattr(activity.from_property, "id", None) or PLATFORM
        gone, subscriptions = await self.conversations.leave(conversation, team, AuditEntry(
            PLATFORM, actor, audit.UNSUBSCRIBE, conversation, {"because": because}, tenant_of(activity)))
        for place in gone:
            self._known.discard((place, activity.service_url))
        log.info("teams: %s: forgot %s and %s", why, _count(len(gone), "conversation"),
                 _count(subscriptions, "subscription"))

    async def _context(self, turn: TurnContext) -> Context:
        a = turn.activity
        conversation = base_conversation(a.conversation.id)
        return Context(PLATFORM, a.from_property.id, conversation, self.directory, locale=a.locale, event_key=a.id,
                       workspace=tenant_of(a), team=team_of(a),
                       visibility=await self.channels.visibility(turn, conversation),
                       resolves_mentions=True)  # a person picked after @ arrives as a mention entity

    async def on_message_activity(self, turn: TurnContext):
        if isinstance(turn.activity.value, dict) and render.PRESS in turn.activity.value:
            await self._submitted(turn)  # the Action.Submit of a client without Universal Actions
            return
        for entity in turn.activity.entities or []:
            mentioned = (entity.additional_properties or {}).get("mentioned") or {}
            if mentioned.get("id") != turn.activity.recipient.id:
                await self.names.remember(mentioned.get("id"), mentioned.get("name"))
        text = command_text(turn.activity)
        ctx = await self._context(turn)
        out = await self.kodo.command(ctx, text)
        await self.deliver(turn, out)
        for gone in effects_of(out, Forgotten):
            await self.conversations.forget(gone.user)
            self.names.forget(gone.user)
            self._known.discard((ctx.channel, turn.activity.service_url))

    # ---- choices: Action.Execute, and its Action.Submit fallback --------------------------------

    async def on_invoke_activity(self, turn: TurnContext):
        """A pressed choice comes as an ``adaptiveCard/action`` invoke, answered in the invoke's
        response. Kodo answers it itself: botbuilder's own handler cannot send the short text answer
        (it serialises ``value`` as an object)."""
        if turn.activity.name == CARD_ACTION:
            return InvokeResponse(status=200, body=await self._executed(turn))
        return await super().on_invoke_activity(turn)

    async def _executed(self, turn: TurnContext) -> dict:
        """What the presser alone sees comes back in the response: one line of text as a note over
        the card, anything more as a card of their own in place of the one they pressed. Posts for
        the channel and direct messages go out as usual."""
        action = (turn.activity.value or {}).get("action")
        out = await self._press(turn, action.get("data") if isinstance(action, dict) else None)
        private = [o for o in out if o.audience is Audience.PRIVATE]
        updated = await self._update(turn, out)
        await self.deliver(turn, [o for o in out if o.audience not in (Audience.PRIVATE, Audience.UPDATE)])
        if not private and updated is not None:  # the presser sees the update at once
            return {"statusCode": 200, "type": CARD_ANSWER, "value": updated.attachments[0].content}
        if not private:
            return {"statusCode": 200, "type": NOTE_ANSWER, "value": ""}
        reply = _together(private)
        await self.names.prepare(reply)
        if len(reply.blocks) == 1 and isinstance(reply.blocks[0], Paragraph):
            note = render.plain_reply(reply, self.names, private[0].lang)  # a note is not markdown
            return {"statusCode": 200, "type": NOTE_ANSWER, "value": note}
        view = render.message(reply, self.names, private[0].lang)
        return {"statusCode": 200, "type": CARD_ANSWER, "value": view.attachments[0].content}

    async def _submitted(self, turn: TurnContext) -> None:
        """An Action.Submit arrives as a message: an answer for the presser alone goes to their 1:1
        chat with Kodo (here, in a 1:1 chat), never to the channel."""
        activity = turn.activity
        out = await self._press(turn, activity.value)
        await self._update(turn, out)
        out = [o for o in out if o.audience is not Audience.UPDATE]
        if activity.conversation.conversation_type != "personal":
            out = [o if o.audience is not Audience.PRIVATE else
                   Outgoing(Audience.DIRECT, o.reply, user=activity.from_property.id, lang=o.lang) for o in out]
        await self.deliver(turn, out)

    async def _update(self, turn: TurnContext, out: list[Outgoing]):
        """The card that carried the pressed choices, replaced for everyone (the last update wins);
        the activity sent, or None."""
        updates = [o for o in out if o.audience is Audience.UPDATE]
        if not updates or not turn.activity.reply_to_id:
            return None
        await self.names.prepare(updates[-1].reply)
        activity = render.message(updates[-1].reply, self.names, updates[-1].lang)
        activity.id = turn.activity.reply_to_id
        await self.backoff(lambda: turn.update_activity(activity))
        return activity

    async def _press(self, turn: TurnContext, data: object) -> list[Outgoing]:
        """The one core call for a press. Which message carried the choices: Teams' ``replyToId``,
        else the card's own id from its data."""
        ctx = await self._context(turn)
        action, value, card = card_press(data) or ("", None, None)
        ref = turn.activity.reply_to_id or card
        return await self.kodo.press(ctx, action, value or "", f"{ctx.channel}/{ref}"[:256] if ref else None)

    async def on_reactions_added(self, reactions, turn: TurnContext):
        self.engagement += len(reactions)
        log.info("teams: %d reaction(s) on Kodo's message %s", len(reactions), turn.activity.reply_to_id)

    async def on_teams_messaging_extension_fetch_task(self, turn: TurnContext, action: MessagingExtensionAction):
        """The form opens only for a message someone else wrote, and names its author; one's own
        message and a bot's are refused here, before anything is filled in."""
        if action.command_id == FEATURE:
            return await self._feature(turn, action)
        lang = await self.kodo.lang_of(PLATFORM, turn.activity.from_property.id, turn.activity.locale)
        if action.command_id == draft.ACTION:  # any message, one's own too, may start a proposal
            form = draft.form(self.kodo.pack, lang, draft.words_of(action.message_payload), self.names)
            return _dialog(lang, self.names, form=form, title=draft.TITLE)
        author = action.message_payload.from_property if action.message_payload else None
        refusal = _refusal(author, turn.activity.from_property, lang)
        if refusal:
            return _dialog(lang, self.names, refusal)
        form = render.kudos_form(self.kodo.pack, lang, author.user.display_name or t("someone", lang), self.names)
        return _dialog(lang, self.names, form=form)

    async def on_teams_messaging_extension_submit_action(self, turn: TurnContext, action: MessagingExtensionAction):
        data, payload = action.data if isinstance(action.data, dict) else {}, action.message_payload
        ctx = await self._context(turn)
        if action.command_id == draft.ACTION:
            return await self._proposed(turn, ctx, data)
        receiver = await self._author(turn, payload)
        ref = f"{ctx.channel}/{payload.id}"[:256] if payload and payload.id else None
        principle = parse_number(str(data.get("principle") or ""))
        if principle is None:  # the card requires one; a client that skips the check gets the card's words
            lang = await self.kodo.lang_of(PLATFORM, ctx.user, ctx.locale)
            return _dialog(lang, self.names, t("teams.task.required", lang))
        reason = str(data.get("reason") or "")
        outgoing = await self.kodo.give(ctx, receiver, principle, reason, "shortcut", message=ref)
        return await self._answered(turn, outgoing)

    async def _answered(self, turn: TurnContext, outgoing: list[Outgoing], title: str = "teams.task.title"
                        ) -> MessagingExtensionActionResponse:
        """A form's replies: posts and direct messages go out; what is for the person alone closes the
        dialog with its words."""
        private = [o for o in outgoing if o.audience is Audience.PRIVATE]
        await self.deliver(turn, [o for o in outgoing if o.audience is not Audience.PRIVATE])
        if not private:
            return MessagingExtensionActionResponse()
        for o in private:
            await self.names.prepare(o.reply)
        text = "\n".join(render.fallback(o.reply, self.names, o.lang) for o in private)  # already escaped
        return _dialog(private[0].lang, self.names, text, title=title)

    async def _proposed(self, turn: TurnContext, ctx: Context, data: dict) -> MessagingExtensionActionResponse:
        """The draft, submitted: proposed here, its card posted in this conversation."""
        text, principle = str(data.get("text") or "").strip(), parse_number(str(data.get("principle") or ""))
        if not text:  # the card requires it; a client that skips the check gets the card's words
            lang = await self.kodo.lang_of(PLATFORM, ctx.user, ctx.locale)
            return _dialog(lang, self.names, t("proposal.form.missing", lang), title=draft.TITLE)
        outgoing = await self.kodo.event("propose", ctx, principle, text)
        return await self._answered(turn, outgoing, draft.TITLE)

    async def _feature(self, turn: TurnContext, action: MessagingExtensionAction) -> MessagingExtensionActionResponse:
        """The feature_episode message action: no form, an admin features the message at once; the
        dialog says what happened, the receiver is asked in their 1:1 chat."""
        ctx, payload = await self._context(turn), action.message_payload
        ref = f"{ctx.channel}/{payload.id}"[:256] if payload and payload.id else None
        outgoing = await self.kodo.event("feature_episode", ctx, ref, None)
        private = [o for o in outgoing if o.audience is Audience.PRIVATE]
        await self.deliver(turn, [o for o in outgoing if o.audience is not Audience.PRIVATE])
        for o in private:
            await self.names.prepare(o.reply)
        lang = private[0].lang if private else await self.kodo.lang_of(PLATFORM, ctx.user, ctx.locale)
        return _dialog(lang, self.names, "\n".join(render.fallback(o.reply, self.names, o.lang) for o in private))

    async def _author(self, turn: TurnContext, payload) -> str | None:
        """Teams names a message's author by Entra object id; kudos are kept by Teams user id."""
        author = payload.from_property if payload else None
        if author is None or (author.user is None and author.application is None):
            return None
        if author.user is None:
            return f"28:{author.application.id}"
        sender = turn.activity.from_property
        if author.user.id == sender.aad_object_id:
            return sender.id
        try:
            member = await TeamsInfo.get_member(turn, author.user.id)
        except Exception as exc:  # noqa: BLE001 - fall back to the object id rather than lose the kudos
            log.info("teams: member lookup failed (%s); crediting the author's object id", type(exc).__name__)
            await self.names.remember(author.user.id, author.user.display_name)
            return author.user.id
        await self.names.remember(member.id, member.name or author.user.display_name)
        return member.id

    async def deliver(self, turn: TurnContext, outgoing: list[Outgoing]) -> None:
        """PRIVATE and CHANNEL answer in this conversation (a thread in a channel); DIRECT goes to the
        person's 1:1 chat, unless this is it."""
        activity = turn.activity
        for out in outgoing:
            here = activity.conversation.conversation_type == "personal" and out.user == activity.from_property.id
            if out.audience is Audience.DIRECT and not here:
                await self.messenger.direct(activity, out.user, out.reply, out.lang)
                continue
            if out.audience in (Audience.THREAD, Audience.UPDATE):  # under, or in place of, an earlier post
                if out.thread:
                    await self.messenger.under(out.thread, out.reply, out.lang, replace=out.audience is Audience.UPDATE)
                continue
            await self.names.prepare(out.reply)
            reply = render.message(out.reply, self.names, out.lang)
            try:
                sent = await self.backoff(lambda: turn.send_activity(reply))
            except Exception:
                self.meter.posted(PLATFORM, out.audience.value, False)
                raise  # the turn fails and apologises (adapters.teams._apology)
            self.meter.posted(PLATFORM, out.audience.value, True)
            if sent is not None and sent.id:
                await kept(out, f"{activity.conversation.id}/{sent.id}")
