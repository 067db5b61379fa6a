"""The welcome: a person who joins (Slack ``team_join``, Teams ``membersAdded``, the console's
``/join NAME``) gets one direct message in their language: what the code is, the ten principles,
and choices to read today's tip or take a quiz question. Never twice: one row per person, whichever
replica hears of them first. Bots are never welcomed, Slack guests only with
``KODO_WELCOME_GUESTS=on``; ``KODO_WELCOME=off`` turns it off. Kodo added to a Teams team
introduces itself there once."""

from __future__ import annotations

from dataclasses import dataclass

from bot import calendar
from bot.config import ConfigError
from bot.feature import Call, Feature, Setting
from bot.features.tips.tip import tip
from bot.features.welcome.messages import MESSAGES
from bot.features.welcome.store import PERSON, TEAM
from bot.i18n import t
from bot.presses import Press
from bot.replies import Audience, Bullets, Choices, Heading, Note, Outgoing, Paragraph, Reply, private

START = "welcome:start"
WELCOME, GUESTS = "KODO_WELCOME", "KODO_WELCOME_GUESTS"


@dataclass(frozen=True)
class Joined:
    """Someone joined, as the platform describes them."""

    bot: bool = False
    guest: bool = False  # a Slack guest (multi- or single-channel)


def _switch(name: str, text: str) -> bool:
    value = text.strip().lower()
    if value not in ("on", "off"):
        raise ConfigError(f"{name} must be on or off, not {text!r}")
    return value == "on"


def welcome_reply(call: Call) -> Reply:
    pack, lang, h = call.pack, call.lang, call.how
    lines = tuple(t("welcome.line", lang, number=p.number, title=p.title) for p in pack.principles[lang])
    return Reply.of(
        Heading(t("welcome.title", lang)),
        Paragraph(t("welcome.what", lang, name=pack.name[lang])),
        Bullets(t("welcome.principles", lang), lines),
        Note(t("welcome.more", lang, look_up=h.look_up(3), recognise=h.recognise_any(), help=h.command("kodo", "help"))),
        Choices.of(START, [(t("welcome.tip", lang), "tip"), (t("welcome.quiz", lang), "quiz")],
                   prompt=t("welcome.start", lang)))


async def joined(call: Call, who: Joined) -> list[Outgoing]:
    """One direct message, the first time anyone hears of this person."""
    ctx, settings = call.ctx, call.settings
    if not settings.option(WELCOME) or who.bot or (who.guest and not settings.option(GUESTS)):
        return []
    if not await call.store.first(ctx.platform, ctx.user, PERSON, call.parts.clock.now(), ctx.workspace,
                                  ctx.organisation):
        return []
    return [Outgoing(Audience.DIRECT, welcome_reply(call), user=ctx.user, lang=call.lang)]


async def added(call: Call) -> list[Outgoing]:
    """Kodo was added to a Teams team: one short introduction in the channel it was added through."""
    ctx = call.ctx
    if not call.settings.option(WELCOME) or not ctx.team:
        return []
    if not await call.store.first(ctx.platform, ctx.team, TEAM, call.parts.clock.now(), ctx.workspace):
        return []
    lang, h, pack = call.lang, call.how, call.pack
    words = t("welcome.team", lang, name=pack.name[lang], principles=h.command("principle"),
              help=h.command("kodo", "help"), subscribe=h.command("kodo", "subscribe tips"))
    return [Outgoing(Audience.CHANNEL, Reply.of(Paragraph(words)), lang=lang)]


async def press(call: Call, pressed: Press) -> list[Outgoing] | None:
    """Today's tip (the last working day's, on a day off), or a quiz question, to the presser alone."""
    if pressed.action != START:
        return None
    if pressed.value == "tip":
        day = calendar.last_working_day_on_or_before(call.parts.today(), call.settings.closed_days)
        reply = tip(call.parts, day, call.lang, call.ctx.platform)
        return None if reply is None else [private(reply, call.lang)]
    if pressed.value == "quiz":
        quiz = call.registry.feature("quiz")
        return await quiz.handle(call.of(quiz), quiz.parse("quiz", [], call.registry))
    return None


feature = Feature(
    name="welcome",
    events={"joined": joined, "kodo_added": added},
    press=press, messages=MESSAGES,
    settings=(Setting(WELCOME, "on", _switch), Setting(GUESTS, "off", _switch)),
    store="storage.welcome:SqlWelcome",
)
