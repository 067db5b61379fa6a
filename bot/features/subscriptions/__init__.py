"""Subscriptions: ``/kodo subscribe KIND [ja|en]`` and ``unsubscribe KIND`` (admins). The kinds are
whatever the features post (``Feature.kinds``: tips, roundups, …), so a feature that posts needs
nothing here. A channel Kodo can no longer post in (``kodo_removed``) loses its subscriptions."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot import audit
from bot.commands import language
from bot.feature import Call, Command, Feature, HelpLine
from bot.registry import Registry
from bot.features.subscriptions.messages import MESSAGES
from bot.i18n import t
from bot.ports import AuditEntry, Subscription
from bot.replies import Outgoing, say

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Subscribe:
    kind: str | None  # a Kind's name; None: not one Kodo posts
    lang: str | None = None


@dataclass(frozen=True)
class Unsubscribe:
    kind: str | None


def parse(word: str, rest: list[str], registry: Registry) -> Subscribe | Unsubscribe:
    kind = registry.kind(rest[0]) if rest else None
    name = kind.name if kind else None
    if word == "unsubscribe":
        return Unsubscribe(name)
    return Subscribe(name, language(rest[1]) if len(rest) > 1 else None)


def kinds(registry: Registry) -> str:
    """``tips|roundup``: what may follow subscribe."""
    return "|".join(kind.name for kind in registry.kinds)


async def handle(call: Call, intent: Subscribe | Unsubscribe) -> list[Outgoing]:
    ctx, lang, store = call.ctx, call.lang, call.store
    if not await call.is_admin():
        return [say(lang, t("admin.only", lang))]
    kind = call.registry.kind(intent.kind) if intent.kind else None
    if kind is None or ctx.channel is None:
        h, names = call.how, kinds(call.registry)
        return [say(lang, t("subscribe.usage", lang, subscribe=h.command("kodo", f"subscribe {names} [ja|en]"),
                            unsubscribe=h.command("kodo", f"unsubscribe {names}")))]
    title = t(kind.title, lang)
    if isinstance(intent, Unsubscribe):
        removed = await store.unsubscribe(ctx.platform, ctx.channel, kind.name, audit=AuditEntry(
            ctx.platform, ctx.user, audit.UNSUBSCRIBE, ctx.channel, {"kind": kind.name}))
        return [say(lang, t("unsubscribe.done" if removed else "unsubscribe.none", lang, kind=title))]
    sub = Subscription(ctx.platform, ctx.channel, kind.name, intent.lang or call.settings.locale, ctx.workspace,
                       ctx.team, ctx.visibility)
    language_name = t(f"lang.name.{sub.locale}", lang)
    if sub in await store.subscriptions(kind.name, ctx.platform):
        return [say(lang, t("subscribe.already", lang, kind=title, language=language_name))]
    await store.subscribe(sub, audit=AuditEntry(ctx.platform, ctx.user, audit.SUBSCRIBE, ctx.channel,
                                                {"kind": kind.name, "locale": sub.locale}))
    at = kind.at(call.settings).strftime("%H:%M")
    return [say(lang, t(kind.subscribed, lang, language=language_name, time=at))]


async def removed(call: Call, because: str) -> list[Outgoing]:
    """Kodo can no longer post in the channel: it was taken out, or the channel was archived or
    deleted (``because``: the platform's word for it). Its subscriptions end there and then, so no
    scheduled post keeps failing in it day after day; once Kodo is back, subscribing works as the
    first time did. The audit log names who did it, when the platform says."""
    ctx = call.ctx
    if ctx.channel is None:
        return []
    kinds = await call.store.leave(ctx.platform, ctx.channel, AuditEntry(
        ctx.platform, ctx.user, audit.UNSUBSCRIBE, ctx.channel, {"because": because}, ctx.workspace))
    if kinds:
        log.info("%s: %s: ended the subscriptions of a channel (%s)", ctx.platform, because, ", ".join(kinds))
    return []


def help_lines(h, registry: Registry) -> list[HelpLine]:
    names = kinds(registry)
    return [HelpLine("kodo", f"subscribe {names} [ja|en]", t("help.subscribe", h.lang)),
            HelpLine("kodo", f"unsubscribe {names}", t("help.unsubscribe", h.lang))]


feature = Feature(
    name="subscriptions",
    commands=(Command("subscribe", ("購読", "配信"), teams="teams.manifest.subscribe"),
              Command("unsubscribe", ("購読解除", "配信停止", "解除"), teams="teams.manifest.unsubscribe")),
    parse=parse, handle=handle, messages=MESSAGES, help=help_lines, events={"kodo_removed": removed},
    store="storage.subscriptions:SqlSubscriptions",
)
