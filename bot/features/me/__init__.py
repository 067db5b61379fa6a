"""Me and my settings: ``/kodo me`` (what I gave and received), ``ranking off|on``, ``lang ja|en`` and
``forget-me``, which runs every feature's forget step at once."""

from __future__ import annotations

from dataclasses import dataclass

from bot.commands import language
from bot.feature import Call, Command, Feature, HelpLine
from bot.features.me.messages import MESSAGES
from bot.i18n import t
from bot.replies import Bullets, Forgotten, Heading, Note, Outgoing, Paragraph, Reply, Typed, private, say

_SWITCH = {alias: on for on, aliases in ((True, ("on", "オン", "参加")), (False, ("off", "オフ", "不参加")))
           for alias in aliases}


@dataclass(frozen=True)
class Me:
    pass


@dataclass(frozen=True)
class Ranking:
    on: bool | None  # None: the user did not say on or off


@dataclass(frozen=True)
class Lang:
    lang: str | None
    asked: str | None = None  # a language Kodo does not speak (``fr``), as typed


@dataclass(frozen=True)
class ForgetMe:
    pass


def parse(word: str, rest: list[str], registry) -> Me | Ranking | Lang | ForgetMe:
    first = rest[0].casefold() if rest else ""
    match word:
        case "ranking":
            return Ranking(on=_SWITCH.get(first))
        case "lang":
            chosen = language(first)
            return Lang(lang=chosen) if chosen else Lang(lang=None, asked=rest[0][:40] if rest else None)
        case "forget-me":
            return ForgetMe()
    return Me()


async def handle(call: Call, intent) -> list[Outgoing]:
    ctx, lang, h, store = call.ctx, call.lang, call.how, call.store
    ranked = call.settings.ranking  # KODO_RANKING: whether the organisation ranks anyone at all
    match intent:
        case Ranking(on=None) if not ranked:
            return [say(lang, t("ranking.none", lang))]
        case Ranking(on=None):
            return [say(lang, t("ranking.usage", lang, off=h.command("kodo", "ranking off"),
                                on=h.command("kodo", "ranking on")))]
        case Ranking(on=on):  # kept even where nobody is ranked (KODO_RANKING=off), for the day they are
            await store.set_ranking(ctx.platform, ctx.user, on)
            if not ranked:
                return [say(lang, t("ranking.none.on" if on else "ranking.none.off", lang))]
            return [say(lang, t("ranking.on" if on else "ranking.off", lang))]
        case Lang(lang=None, asked=asked):
            choices = dict(ja=h.command("kodo", "lang ja"), en=h.command("kodo", "lang en"))
            return [say(lang, t("lang.unknown", lang, asked=Typed(asked), **choices) if asked
                        else t("lang.usage", lang, **choices))]
        case Lang(lang=new):
            await store.set_locale(ctx.platform, ctx.user, new)
            return [say(new, t("lang.set", new))]
        case ForgetMe():
            count = (await store.forget_user(ctx.platform, ctx.user)).get("kudos", 0)
            key = {0: "forget.done.none", 1: "forget.done.one"}.get(count, "forget.done")
            return [private(Reply.of(Paragraph(t(key, lang, count=count))), lang, effects=(Forgotten(ctx.user),))]
    return [private(await _me(call), lang)]


async def _me(call: Call) -> Reply:
    ctx, lang, h, pack = call.ctx, call.lang, call.how, call.pack
    stats = await call.parts.kpis.person(ctx.platform, ctx.user)  # counted as every other number is
    given_today = await call.store.given_today(ctx.platform, ctx.user, call.parts.today(), ctx.place.realm)
    settings = await call.store.settings(ctx.platform, ctx.user)
    limit = call.settings.daily_limit
    blocks: list = [Heading(t("me.title", lang))]
    if not stats.given and not stats.received:
        blocks.append(Paragraph(t("me.none", lang, recognise=h.recognise_any())))
    for key, counts in (("me.received", stats.received), ("me.given", stats.given)):
        if counts:
            blocks.append(Bullets(t(key, lang, count=sum(counts.values())), tuple(
                t("me.line", lang, number=n, title=pack.principle(n, lang).title, count=counts[n])
                for n in sorted(counts))))
    for feature in call.registry.features:  # what other features keep of the person (the quiz)
        if feature.me is not None:
            blocks += await feature.me(call.of(feature))
    blocks.append(Note(t("me.today", lang, count=given_today, limit=limit) if limit
                       else t("me.today_unlimited", lang, count=given_today)))
    if not settings.ranking and call.settings.ranking:  # where nobody is ranked there is nothing to rejoin
        blocks.append(Note(t("me.ranking_off", lang, command=h.command("kodo", "ranking on"))))
    return Reply(tuple(blocks))


def help_lines(h, registry) -> list[HelpLine]:
    lines = (("me", "help.me"), ("ranking off|on", "help.ranking"), ("lang ja|en", "help.lang"),
             ("forget-me", "help.forget"))
    return [HelpLine("kodo", args, t(what, h.lang)) for args, what in lines]


feature = Feature(
    name="me",
    commands=(Command("me", ("mine", "stats", "自分", "わたし", "私", "マイ"), teams="teams.manifest.me"),
              Command("ranking", ("rankings", "ランキング"), teams="teams.manifest.ranking"),
              Command("lang", ("language", "言語"), teams="teams.manifest.lang"),
              Command("forget-me", ("forgetme", "forget", "忘れて", "削除"), teams="teams.manifest.forget")),
    parse=parse, handle=handle, messages=MESSAGES, help=help_lines,
    store="storage.me:SqlMe",
)
