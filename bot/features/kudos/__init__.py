"""Kudos: ``/kudos @someone 3 reason``, a ``:kodo3:`` reaction (Slack), the Give kudos form (Slack's
message shortcut, Teams' message action), and ``kodo export``. The rules are ``rules``'."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.commands import parse_mention, parse_number
from bot.feature import Call, Command, Feature, HelpLine, Slash
from bot.features.kudos import rules
from bot.features.kudos.cli import EXPORT
from bot.features.kudos.messages import MESSAGES
from bot.i18n import t
from bot.replies import Note, Outgoing, Paragraph, Reply, Typed, private


@dataclass(frozen=True)
class GiveKudos:
    receiver: str | None
    principle: int | None
    reason: str | None
    others: tuple[str, ...] = ()  # more people named in the same command: each gets a kudos too
    plain_name: str | None = None  # a receiver typed as ``@name``, not a mention the platform resolved


def parse(word: str, rest: list[str], registry) -> GiveKudos:
    """``@user N reason`` (also ``N @user reason``, and ``@a @b N reason`` for several people);
    missing parts stay None for a helpful reply."""
    receivers: list[str] = []
    principle = None
    used, plain_name = 0, None
    for token in rest:
        if principle is None and (who := parse_mention(token)):
            receivers.append(who)
            plain_name = plain_name or (None if token.startswith("<@") else who)
        elif principle is None and (n := parse_number(token)) is not None:
            principle = n
        elif principle is not None and not receivers and (who := parse_mention(token)):
            receivers.append(who)  # ``N @user``
            plain_name = None if token.startswith("<@") else who
        else:
            break
        used += 1
    reason = " ".join(rest[used:]).strip() or None
    return GiveKudos(receiver=receivers[0] if receivers else None, principle=principle, reason=reason,
                     others=tuple(receivers[1:]), plain_name=plain_name)


async def handle(call: Call, intent: GiveKudos) -> list[Outgoing]:
    """``/kudos @bob @carol 3 reason``: one kudos to each person named, as if given one by one
    (each counts towards the daily limit; a redelivered command still counts once per person)."""
    ctx, lang = call.ctx, call.lang
    if intent.plain_name and ctx.resolves_mentions:
        unresolved = t("kudos.unresolved", lang, name=Typed(f"@{intent.plain_name}"), platform=call.how.name)
        return [private(Reply.of(Paragraph(unresolved), Note(rules.usage(ctx.platform, lang))), lang)]
    out: list[Outgoing] = []
    for i, receiver in enumerate(dict.fromkeys((intent.receiver, *intent.others))):
        each = call if i == 0 or ctx.event_key is None else replace(
            call, ctx=replace(ctx, event_key=f"{ctx.event_key}:{receiver}"))
        out += await rules.give(each, receiver, intent.principle, intent.reason, "command")
    return out


async def reaction_added(call: Call, emoji: str, message: str, author: str | None) -> list[Outgoing]:
    number = call.pack.principle_for_emoji(emoji)
    if number is None or author is None:
        return []  # any other emoji is none of Kodo's business
    return await rules.give(call, author, number, None, "reaction", message=message)


async def reaction_removed(call: Call, emoji: str, message: str, author: str | None) -> list[Outgoing]:
    number = call.pack.principle_for_emoji(emoji)
    return [] if number is None else await rules.revoke(call, author, number, message)


async def given(call: Call, receiver: str | None, principle: int | None, reason: str | None, source: str,
                message: str | None = None) -> list[Outgoing]:
    """A kudos from a form (Slack's shortcut modal, Teams' message action)."""
    return await rules.give(call, receiver, principle, (reason or "").strip() or None, source, message=message)


def help_lines(h, registry) -> list[HelpLine]:
    return [HelpLine("kudos", t("kudos.args", h.lang), t("help.kudos", h.lang)),
            HelpLine(None, h.recognise_message(), t("help.recognise", h.lang))]


feature = Feature(
    name="kudos",
    commands=(Command("kudos", ("thanks", "称賛", "感謝", "ありがとう"), teams="teams.manifest.kudos",
                      slash=Slash("slack.manifest.kudos", "slack.manifest.kudos_hint", escape=True)),),
    parse=parse, handle=handle, messages=MESSAGES, help=help_lines,
    events={"reaction_added": reaction_added, "reaction_removed": reaction_removed, "give": given},
    store="storage.kudos:SqlKudos",
    cli=(EXPORT,),
)
