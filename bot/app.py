"""The core's front door: adapters hand it neutral events and get neutral replies back.

Everything a user can do arrives here as a command line, a press on a choice, or an event (a
reaction, a kudos from a form), with a ``Context`` saying who and where. The router only looks up
who answers (``bot.features``): a command's head word names a feature, a press's namespace names a
feature, an event goes to the features that listen for it. The answer is a list of ``Outgoing``
replies for the adapter to deliver; nothing here knows which platform it is talking to.
"""

from __future__ import annotations

from functools import partial

from content.model import Pack

from bot.commands import MAX_INPUT, Help, TooLong, parse
from bot.config import Settings
from bot.context import Context
from bot.feature import Call, Feature, HelpLine, Parts
from bot.features import REGISTRY
from bot.howto import how
from bot.i18n import pick, t
from bot.kpi import KpiSource
from bot.ports import Clock, Meter, Unmetered
from bot.presses import Press, unavailable
from bot.registry import Registry
from bot.replies import Bullets, Heading, Outgoing, Paragraph, Reply, Typed, private, say


class Kodo:
    def __init__(self, pack: Pack, stores, clock: Clock, settings: Settings, meter: Meter | None = None,
                 *, kpis: KpiSource, registry: Registry = REGISTRY):
        """``stores``: every feature's store by its name (``storage.stores.Stores``); ``kpis``: the one
        source of the KPIs (``storage.kpi.SqlKpi``), which the roundup counts with."""
        self.pack, self.stores, self.clock, self.settings, self.kpis = pack, stores, clock, settings, kpis
        self.meter, self.registry = meter or Unmetered(), registry
        self.tz = settings.tz

    # ---- who, in which language -----------------------------------------------------------------

    async def lang_of(self, platform: str, user: str, hint: str | None = None) -> str:
        """The user's ``/kodo lang`` choice, else the platform's locale hint, else KODO_LOCALE."""
        chosen = (await self.stores.me.settings(platform, user)).locale
        return chosen or pick(hint, self.settings.locale)

    async def is_admin(self, ctx: Context) -> bool:
        return ctx.user in self.settings.admins or await ctx.directory.is_admin(ctx.user)

    def parts(self, feature: Feature | str) -> Parts:
        """What ``feature`` works with: the pack, the settings, the clock and its own store."""
        feature = feature if isinstance(feature, Feature) else self.registry.feature(feature)
        store = self.stores.of(feature.name) if feature.store else None
        return Parts(self.pack, self.settings, self.clock, store, self.kpis, self.meter, self._every_part)

    def _every_part(self):
        return ((feature, self.parts(feature)) for feature in self.registry.features)

    def figures(self) -> list:
        """Each feature's own KPI figures (``Feature.figures``), ready for ``bot.kpi.compute``."""
        return [partial(f.figures, self.parts(f)) for f in self.registry.features if f.figures]

    def _call(self, feature: Feature, ctx: Context, lang: str) -> Call:
        return Call(ctx, lang, self.parts(feature), self.registry, self.is_admin, self.lang_of, self.parts, self.event)

    # ---- entry points ---------------------------------------------------------------------------

    async def command(self, ctx: Context, text: str) -> list[Outgoing]:
        lang = await self.lang_of(ctx.platform, ctx.user, ctx.locale)
        parsed = parse(text, self.registry)
        if parsed.feature is not None:
            return await parsed.feature.handle(self._call(parsed.feature, ctx, lang), parsed.intent)
        if isinstance(parsed.intent, TooLong):
            return [say(lang, t("too_long", lang, length=parsed.intent.length, max=MAX_INPUT))]
        unknown = parsed.intent.unknown if isinstance(parsed.intent, Help) else None
        return [private(help_reply(lang, unknown, ctx.platform, self.registry), lang)]

    async def press(self, ctx: Context, action: str, value: str, message: str | None = None) -> list[Outgoing]:
        """Someone pressed an option of a ``Choices`` (``bot.presses``): the action's namespace
        (``feature:verb``) names the feature that answers it; ``message`` is the one that carried
        it. Whatever no feature takes (old, foreign, forged, unknown) is answered politely, privately."""
        lang = await self.lang_of(ctx.platform, ctx.user, ctx.locale)
        pressed = Press.read(action, value, message)
        feature = self.registry.feature(pressed.feature) if pressed else None
        answer = None
        if feature is not None and feature.press is not None:
            answer = await feature.press(self._call(feature, ctx, lang), pressed)
        return [unavailable(lang)] if answer is None else answer

    async def event(self, name: str, ctx: Context, *args) -> list[Outgoing]:
        """Something the platform reported (a reaction, a form submitted), for every feature listening."""
        listeners = self.registry.listeners(name)
        if not listeners:
            return []
        lang = await self.lang_of(ctx.platform, ctx.user, ctx.locale)
        out: list[Outgoing] = []
        for feature, handler in listeners:
            out += await handler(self._call(feature, ctx, lang), *args)
        return out

    async def reaction_added(self, ctx: Context, emoji: str, message: str, author: str | None) -> list[Outgoing]:
        return await self.event("reaction_added", ctx, emoji, message, author)

    async def reaction_removed(self, ctx: Context, emoji: str, message: str, author: str | None) -> list[Outgoing]:
        return await self.event("reaction_removed", ctx, emoji, message, author)

    async def give(self, ctx: Context, receiver: str | None, principle: int | None, reason: str | None,
                   source: str, message: str | None = None) -> list[Outgoing]:
        """A kudos from a form (Slack shortcut modal, Teams message action)."""
        return await self.event("give", ctx, receiver, principle, reason, source, message)


def help_lines(lang: str, platform: str | None = None, registry: Registry = REGISTRY) -> list[HelpLine]:
    """Every feature's help lines, in the registry's order, then this help's own."""
    h = how(platform, lang)
    lines = [line for feature in registry.features if feature.help for line in feature.help(h, registry)]
    return lines + [HelpLine("kodo", "help", t("help.help", lang))]


def help_reply(lang: str, unknown: str | None, platform: str | None = None, registry: Registry = REGISTRY) -> Reply:
    """Every command, written the way the reader's platform takes it."""
    h = how(platform, lang)
    lines = tuple(t("help.line", lang, command=line.text(h), what=line.what)
                  for line in help_lines(lang, platform, registry))
    blocks: list = []
    if unknown:
        blocks.append(Paragraph(t("help.unknown", lang, words=Typed(unknown))))
    blocks += [Heading(t("help.title", lang)), Bullets("", lines)]
    return Reply(tuple(blocks))
