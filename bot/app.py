"""The core's front door: adapters hand it neutral events and get neutral replies back.

Everything a user can do arrives here as a command line, a reaction, or a kudos from a form, with
a ``Context`` saying who and where. The answer is a list of ``Outgoing`` replies for the adapter to
deliver; nothing here knows which platform it is talking to.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Callable

from content.model import Pack

from bot import audit
from bot import commands as c
from bot import digest, presses, principles
from bot.config import Settings
from bot.howto import how
from bot.i18n import pick, t
from bot.kpi import KpiSource, Scope
from bot.kudos import Context, KudosRules
from bot.kudos import usage as kudos_usage
from bot.ports import AuditEntry, Clock, Episode, KudosStore, Meter, Place, Subscription
from bot.replies import Audience, Bullets, Heading, Note, Outgoing, Paragraph, Reply, Typed

# Who answers a press, by the namespace of its action ("principle:show" -> "principle"): one line
# per feature that offers choices.
PRESSES: dict[str, presses.Handler] = {
    "principle": principles.pressed,
}


class Kodo:
    def __init__(self, pack: Pack, store: KudosStore, clock: Clock, settings: Settings, meter: Meter | None = None,
                 *, kpis: KpiSource):
        """``kpis``: the one source of the KPIs (``storage.kpi.SqlKpi``), which the roundup counts with."""
        self.pack, self.store, self.clock, self.settings, self.kpis = pack, store, clock, settings, kpis
        self.tz = settings.tz
        self.rules = KudosRules(pack, store, clock, self.tz, settings.daily_limit, meter)

    # ---- language -----------------------------------------------------------------------------

    async def lang_of(self, platform: str, user: str, hint: str | None = None) -> str:
        """The user's ``/kodo lang`` choice, else the platform's locale hint, else KODO_LOCALE."""
        chosen = (await self.store.settings(platform, user)).locale
        return chosen or pick(hint, self.settings.locale)

    # ---- entry points -------------------------------------------------------------------------

    async def command(self, ctx: Context, text: str) -> list[Outgoing]:
        lang = await self.lang_of(ctx.platform, ctx.user, ctx.locale)
        intent = c.parse(text)
        return await self._dispatch(ctx, lang, intent)

    async def reaction_added(self, ctx: Context, emoji: str, message: str, author: str | None) -> list[Outgoing]:
        number = self.pack.principle_for_emoji(emoji)
        if number is None or author is None:
            return []  # any other emoji is none of Kodo's business
        lang = await self.lang_of(ctx.platform, ctx.user, ctx.locale)
        return await self.rules.give(ctx, lang, self._receiver_lang(ctx), author, number, None,
                                     "reaction", message=message)

    async def reaction_removed(self, ctx: Context, emoji: str, message: str, author: str | None) -> list[Outgoing]:
        number = self.pack.principle_for_emoji(emoji)
        if number is None:
            return []
        lang = await self.lang_of(ctx.platform, ctx.user, ctx.locale)
        return await self.rules.revoke(ctx, lang, author, number, message)

    async def give(self, ctx: Context, receiver: str | None, principle: int | None, reason: str | None,
                   source: str, message: str | None = None) -> list[Outgoing]:
        """A kudos from a form (Slack shortcut modal, Teams message action)."""
        lang = await self.lang_of(ctx.platform, ctx.user, ctx.locale)
        return await self.rules.give(ctx, lang, self._receiver_lang(ctx), receiver, principle,
                                     (reason or "").strip() or None, source, message=message)

    async def press(self, ctx: Context, action: str, value: str, message: str | None = None) -> list[Outgoing]:
        """Someone pressed an option of a ``Choices`` (see ``bot.presses``): ``message`` is the one
        that carried it. Whatever cannot be one of Kodo's presses is answered politely, privately."""
        lang = await self.lang_of(ctx.platform, ctx.user, ctx.locale)
        return await presses.dispatch(PRESSES, self, ctx, lang, presses.Press.read(action, value, message))

    def _receiver_lang(self, ctx: Context):
        # A directory that knows people's platform locale (Slack's users.info) may offer
        # ``async locale(user)``, so a receiver who never ran /kodo lang still reads their language.
        locale = getattr(ctx.directory, "locale", None)

        async def lang(user: str) -> str:
            return await self.lang_of(ctx.platform, user, await locale(user) if locale else None)
        return lang

    # ---- what the scheduler posts -------------------------------------------------------------

    def tip(self, day: date, lang: str, platform: str | None = None) -> Reply | None:
        chosen = digest.tip_for(self.pack, day, self.settings.closed_days)
        today = self.clock.now().astimezone(self.tz).date()
        return None if chosen is None else digest.tip_reply(self.pack, *chosen, lang, platform,
                                                            dated=None if day == today else day)

    async def roundup(self, platform: str | None, lang: str, start: datetime, end: datetime,
                      link: Callable[[Episode], str | None] = lambda ep: None, audience: Place | None = None) -> Reply:
        """The week's roundup as ``audience`` may read it (see ``digest.build_roundup``): the counts of
        its workspace (``Scope.counted_for``), else of ``platform`` (None: everything)."""
        scope = Scope.counted_for(audience) if audience else Scope(platform=platform)
        data = await digest.build_roundup(self.store, self.kpis, self.pack, scope, start, end, audience,
                                          ranked=self.settings.ranking)
        return digest.roundup_reply(self.pack, data, lang, self.tz, link, platform,
                                    digest.running(start, self.clock.now()))

    # ---- commands -----------------------------------------------------------------------------

    async def _dispatch(self, ctx: Context, lang: str, intent: c.Intent) -> list[Outgoing]:
        pack, platform, h = self.pack, ctx.platform, how(ctx.platform, lang)
        match intent:
            case c.ListPrinciples():
                return [_private(principles.list_reply(pack, lang, platform), lang)]
            case c.ShowPrinciple(number=n) if 1 <= n <= pack.size:
                return [_private(principles.principle_reply(pack, n, lang, platform), lang)]
            case c.ShowPrinciple(number=n):
                return [_private(principles.out_of_range_reply(pack, n, lang, platform), lang)]
            case c.SearchPrinciples(query=q):
                return [_private(principles.search_reply(pack, q, lang, platform), lang)]
            case c.GiveKudos(plain_name=name) if name and ctx.resolves_mentions:
                return [_private(Reply.of(Paragraph(t("kudos.unresolved", lang, name=Typed(f"@{name}"), platform=h.name)),
                                          Note(kudos_usage(platform, lang))), lang)]
            case c.GiveKudos(receiver=who, principle=n, reason=reason, others=others):
                return await self._give_each(ctx, lang, (who, *others), n, reason)
            case c.Me():
                return [_private(await self._me(ctx, lang), lang)]
            case c.Ranking(on=None) if not self.settings.ranking:
                return [_say(lang, t("ranking.none", lang))]
            case c.Ranking(on=None):
                return [_say(lang, t("ranking.usage", lang, off=h.command("kodo", "ranking off"),
                                     on=h.command("kodo", "ranking on")))]
            case c.Ranking(on=on):  # kept even where nobody is ranked (KODO_RANKING=off), for the day they are
                await self.store.set_ranking(ctx.platform, ctx.user, on)
                if not self.settings.ranking:
                    return [_say(lang, t("ranking.none.on" if on else "ranking.none.off", lang))]
                return [_say(lang, t("ranking.on" if on else "ranking.off", lang))]
            case c.Lang(lang=None, asked=asked):
                choices = dict(ja=h.command("kodo", "lang ja"), en=h.command("kodo", "lang en"))
                return [_say(lang, t("lang.unknown", lang, asked=Typed(asked), **choices) if asked
                             else t("lang.usage", lang, **choices))]
            case c.Lang(lang=new):
                await self.store.set_locale(ctx.platform, ctx.user, new)
                return [_say(new, t("lang.set", new))]
            case c.ForgetMe():
                count = await self.store.forget_user(ctx.platform, ctx.user)
                key = {0: "forget.done.none", 1: "forget.done.one"}.get(count, "forget.done")
                return [_say(lang, t(key, lang, count=count))]
            case c.Subscribe() | c.Unsubscribe():
                return [await self._subscription(ctx, lang, intent)]
            case c.TooLong(length=n):
                return [_say(lang, t("too_long", lang, length=n, max=c.MAX_INPUT))]
            case c.Help(unknown=unknown):
                return [_private(help_reply(lang, unknown, platform), lang)]
        return [_private(help_reply(lang, None, platform), lang)]

    async def _give_each(self, ctx: Context, lang: str, receivers: tuple, principle: int | None,
                         reason: str | None) -> list[Outgoing]:
        """``/kudos @bob @carol 3 reason``: one kudos to each person named, as if given one by one
        (each counts towards the daily limit; a redelivered command still counts once per person)."""
        out: list[Outgoing] = []
        for i, receiver in enumerate(dict.fromkeys(receivers)):
            each = ctx if i == 0 or ctx.event_key is None else replace(ctx, event_key=f"{ctx.event_key}:{receiver}")
            out += await self.rules.give(each, lang, self._receiver_lang(ctx), receiver, principle, reason, "command")
        return out

    async def _me(self, ctx: Context, lang: str) -> Reply:
        today = self.clock.now().astimezone(self.tz).date()
        stats = await self.kpis.person(ctx.platform, ctx.user)
        given_today = await self.store.given_today(ctx.platform, ctx.user, today, ctx.place.realm)
        settings = await self.store.settings(ctx.platform, ctx.user)
        limit = self.settings.daily_limit
        h = how(ctx.platform, lang)
        blocks: list = [Heading(t("me.title", lang))]
        if not stats.given and not stats.received:
            blocks.append(Paragraph(t("me.none", lang, recognise=h.recognise_any())))
        for key, counts in (("me.received", stats.received), ("me.given", stats.given)):
            if counts:
                blocks.append(Bullets(t(key, lang, count=sum(counts.values())), tuple(
                    t("me.line", lang, number=n, title=self.pack.principle(n, lang).title, count=counts[n])
                    for n in sorted(counts))))
        blocks.append(Note(t("me.today", lang, count=given_today, limit=limit) if limit
                           else t("me.today_unlimited", lang, count=given_today)))
        if not settings.ranking and self.settings.ranking:  # where nobody is ranked there is nothing to rejoin
            blocks.append(Note(t("me.ranking_off", lang, command=h.command("kodo", "ranking on"))))
        return Reply(tuple(blocks))

    async def _subscription(self, ctx: Context, lang: str, intent: c.Subscribe | c.Unsubscribe) -> Outgoing:
        if not await self.is_admin(ctx):
            return _say(lang, t("admin.only", lang))
        if intent.kind is None or ctx.channel is None:
            h = how(ctx.platform, lang)
            return _say(lang, t("subscribe.usage", lang, subscribe=h.command("kodo", "subscribe tips|roundup [ja|en]"),
                                unsubscribe=h.command("kodo", "unsubscribe tips|roundup")))
        if isinstance(intent, c.Subscribe):
            sub = Subscription(ctx.platform, ctx.channel, intent.kind, intent.lang or self.settings.locale,
                               ctx.workspace, ctx.team, ctx.visibility, ctx.organisation)
            language = t(f"lang.name.{sub.locale}", lang)
            if sub in await self.store.subscriptions(intent.kind, ctx.platform):
                return _say(lang, t("subscribe.already", lang, kind=t(f"kind.{intent.kind}", lang), language=language))
            await self.store.subscribe(sub, audit=AuditEntry(
                ctx.platform, ctx.user, audit.SUBSCRIBE, ctx.channel, {"kind": intent.kind, "locale": sub.locale}))
            at = self.settings.tip_time if intent.kind == "tips" else self.settings.roundup_time
            return _say(lang, t(f"subscribe.{intent.kind}", lang, language=language, time=at.strftime("%H:%M")))
        removed = await self.store.unsubscribe(ctx.platform, ctx.channel, intent.kind, audit=AuditEntry(
            ctx.platform, ctx.user, audit.UNSUBSCRIBE, ctx.channel, {"kind": intent.kind}))
        return _say(lang, t("unsubscribe.done" if removed else "unsubscribe.none", lang,
                            kind=t(f"kind.{intent.kind}", lang)))

    async def is_admin(self, ctx: Context) -> bool:
        return ctx.user in self.settings.admins or await ctx.directory.is_admin(ctx.user)


_HELP = (("principle", "", "help.list"), ("principle", "3", "help.show"), ("principle", "help.search.args", "help.search"),
         ("kudos", "kudos.args", "help.kudos"), (None, None, "help.recognise"), ("kodo", "me", "help.me"),
         ("kodo", "ranking off|on", "help.ranking"), ("kodo", "lang ja|en", "help.lang"),
         ("kodo", "forget-me", "help.forget"), ("kodo", "subscribe tips|roundup [ja|en]", "help.subscribe"),
         ("kodo", "unsubscribe tips|roundup", "help.unsubscribe"), ("kodo", "help", "help.help"))


def help_reply(lang: str, unknown: str | None, platform: str | None = None) -> Reply:
    """Every command, written the way the reader's platform takes it."""
    h = how(platform, lang)
    lines = []
    for name, args, what in _HELP:
        if name is None:
            command = h.recognise_message()
        else:
            command = h.command(name, t(args, lang) if args and "." in args else args)
        lines.append(t("help.line", lang, command=command, what=t(what, lang)))
    blocks: list = []
    if unknown:
        blocks.append(Paragraph(t("help.unknown", lang, words=Typed(unknown))))
    blocks += [Heading(t("help.title", lang)), Bullets("", tuple(lines))]
    return Reply(tuple(blocks))


def _private(reply: Reply, lang: str) -> Outgoing:
    return Outgoing(Audience.PRIVATE, reply, lang=lang)


def _say(lang: str, text: str) -> Outgoing:
    return _private(Reply.of(Paragraph(text)), lang)
