"""The kudos rules of the contract, the same for every platform and entry point.

1. giver, receiver, principle 1..N and, where it came from a message, that message;
2. no kudos to yourself (explained privately), none to bots (ignored);
3. the same giver, message and principle count once (the store's unique constraint decides);
4. removing the reaction revokes the kudos it created;
5. past the daily limit nothing is recorded and the giver is told privately;
6. what is acknowledged is committed: every method returns only after the store has committed.
"""

from __future__ import annotations

from bot.feature import Call
from bot.features.principles import lookup
from bot.howto import how
from bot.i18n import t
from bot.ports import AddOutcome, NewKudos
from bot.replies import Audience, Choices, Note, Outgoing, Paragraph, Reply, Typed, mention, say

MAX_REASON = 500
NEAR_LIMIT = 1  # kudos left today at which a reaction's giver hears how many remain
_REMAINING = {0: "kudos.remaining.none", 1: "kudos.remaining.one"}


def principle_picker(pack, lang: str) -> Choices:
    """The principle input of the kudos forms (Slack's modal, Teams' task module): the principles as
    choices, each form rendering them as its platform's menu."""
    return lookup.choices(pack, lang, "kudos:principle", t("kudos.pick", lang))


def usage(platform: str | None, lang: str) -> str:
    h = how(platform, lang)
    return t("kudos.usage", lang, usage=h.command("kudos", t("kudos.args", lang)),
             example=h.command("kudos", t("kudos.example", lang)))


async def receiver_lang(call: Call, user: str) -> str:
    """A receiver's language: their choice, else what the platform says of them (a directory that
    knows people's locale, like Slack's users.info, offers ``async locale(user)``), else KODO_LOCALE."""
    locale = getattr(call.ctx.directory, "locale", None)
    return await call.lang_of(user, await locale(user) if locale else None)


async def give(call: Call, receiver: str | None, principle: int | None, reason: str | None, source: str,
               message: str | None = None) -> list[Outgoing]:
    """Record a kudos and say so."""
    ctx, lang, pack, limit = call.ctx, call.lang, call.pack, call.settings.daily_limit
    quiet = source == "reaction"  # a reaction that does not count is not worth a message...
    count = lambda outcome: call.parts.meter.kudos(ctx.platform, source, outcome)  # noqa: E731
    if receiver is None or principle is None or not 1 <= principle <= pack.size:
        count("invalid")
        problem = (t("kudos.no_receiver", lang) if receiver is None
                   else t("kudos.no_principle", lang, size=pack.size))
        return [] if quiet else [say(lang, problem, usage(ctx.platform, lang))]
    if receiver == ctx.user:
        count("self")
        return [say(lang, t("kudos.self", lang))]  # ...except this one: rule 2 says explain
    if await ctx.directory.is_bot(receiver):
        count("bot")
        return [] if quiet else [say(lang, t("kudos.bot", lang))]
    if reason and len(reason) > MAX_REASON:
        count("too_long")
        return [say(lang, t("kudos.reason_too_long", lang, max=MAX_REASON, length=len(reason)))]

    result = await call.store.add_kudos(_kudos(call, receiver, principle, reason, source, message), limit)
    count(result.outcome.value)

    if result.outcome is AddOutcome.LIMIT:
        return [say(lang, t("kudos.limit", lang, limit=limit))]
    if result.outcome is AddOutcome.DUPLICATE:
        return [] if quiet else [say(lang, t("kudos.duplicate", lang))]
    out = _announce(call, await receiver_lang(call, receiver), receiver, principle, reason, source,
                    result.given_today, result.kudos)
    if message is not None:  # whoever follows a message's recognition (the casebook) hears of it
        out += await call.emit("recognised", message, result.givers)
    return out


def _kudos(call: Call, receiver: str, principle: int, reason: str | None, source: str,
           message: str | None) -> NewKudos:
    ctx, now = call.ctx, call.parts.clock.now()
    return NewKudos(
        platform=ctx.platform, giver=ctx.user, receiver=receiver, principle=principle, source=source,
        created_at=now, day=now.astimezone(call.parts.tz).date(), reason=reason, channel=ctx.channel,
        message=message, event_key=ctx.event_key, event=ctx.event, workspace=ctx.workspace,
        organisation=ctx.organisation, team=ctx.team, visibility=ctx.visibility, pack=call.pack.id,
    )


def _announce(call: Call, rlang: str, receiver: str, number: int, reason: str | None, source: str,
              given_today: int | None, kudos_id: int | None = None) -> list[Outgoing]:
    ctx, lang, pack, limit = call.ctx, call.lang, call.pack, call.settings.daily_limit
    badge = how(ctx.platform, lang).badge(pack.emoji_for(number))
    words = dict(giver=mention(ctx.user), receiver=mention(receiver), badge=badge, number=number)
    # The kudos post itself: a mention the giver made in the reason may notify.
    typed = Typed(reason, live=True) if reason else None
    dm_reason = [Paragraph(t("kudos.reason", rlang, reason=typed))] if reason else []
    dm = Outgoing(Audience.DIRECT, Reply.of(
        Paragraph(t("kudos.dm", rlang, **words, title=pack.principle(number, rlang).title)), *dm_reason,
    ), user=receiver, lang=rlang)
    left = max(limit - given_today, 0) if limit and given_today is not None else None
    near_limit = left is not None and left <= NEAR_LIMIT
    if source == "reaction" and not near_limit:
        # The emoji on the message already shows the giver it worked; a private note on every
        # reaction would be noise. It comes only when the day's limit is near.
        return [dm]
    title = pack.principle(number, lang).title
    remaining = [] if left is None else [t(_REMAINING.get(left, "kudos.remaining"), lang, remaining=left)]
    confirmation = Outgoing(Audience.PRIVATE, Reply.of(
        Paragraph(t("kudos.recorded", lang, receiver=mention(receiver), number=number, title=title)),
        *(Note(line) for line in remaining),
    ), lang=lang)
    if source == "reaction":
        return [confirmation, dm]
    reason_line = [Paragraph(t("kudos.reason", lang, reason=typed))] if reason else []
    public = Outgoing(Audience.CHANNEL, Reply.of(
        Paragraph(t("kudos.posted", lang, **words, title=title)), *reason_line, *_offers(call, reason, kudos_id, lang),
    ), lang=lang)
    return [public, dm, confirmation]


def _offers(call: Call, reason: str | None, kudos_id: int | None, lang: str) -> list[Choices]:
    """What the kudos post offers besides its words: the casebook's **Feature as good practice** for
    an admin, where the kudos may enter it (a public conversation, a reason)."""
    if kudos_id is None or not reason or call.ctx.visibility != "public" or not call.registry.feature("casebook"):
        return []
    from bot.features.casebook import nominate_choice

    return [nominate_choice(kudos_id, lang)]


async def revoke(call: Call, receiver: str | None, principle: int, message: str) -> list[Outgoing]:
    ctx, lang = call.ctx, call.lang
    # A removal may be handled before its add was ever stored (the add's first delivery failed
    # and Slack retries it later). The kudos is then kept as revoked, so the retried add, older
    # than this removal, finds it so and leaves it. Only for a kudos that could have counted.
    absent = None
    if ctx.event is not None and receiver not in (None, ctx.user) and not await ctx.directory.is_bot(receiver):
        absent = _kudos(call, receiver, principle, None, "reaction", message)
    if not await call.store.revoke_kudos(ctx.platform, ctx.user, message, principle, call.parts.clock.now(),
                                         event=ctx.event, absent=absent):
        return []
    call.parts.meter.kudos(ctx.platform, "reaction", "revoked")
    if receiver is None:
        return [say(lang, t("kudos.revoked.someone", lang, number=principle))]
    return [say(lang, t("kudos.revoked", lang, receiver=mention(receiver), number=principle))]
