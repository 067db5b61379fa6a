"""Principles: the list (``/principle``), one in full (``/principle 3``, or picked from the list's
menu) and search (``/principle 顧客``), answered privately."""

from __future__ import annotations

from dataclasses import dataclass

from bot.commands import parse_number
from bot.feature import Call, Command, Feature, HelpLine, Slash
from bot.features.principles import lookup
from bot.features.principles.messages import MESSAGES
from bot.i18n import t
from bot.presses import Press
from bot.replies import Outgoing, Reply, private


@dataclass(frozen=True)
class ListPrinciples:
    pass


@dataclass(frozen=True)
class ShowPrinciple:
    number: int


@dataclass(frozen=True)
class SearchPrinciples:
    query: str


def parse(word: str, rest: list[str], registry) -> ListPrinciples | ShowPrinciple | SearchPrinciples:
    if not rest:
        return ListPrinciples()
    query = " ".join(rest)
    number = parse_number(query)
    if number is not None:
        return ShowPrinciple(number)
    return SearchPrinciples(query[:200])


async def handle(call: Call, intent) -> list[Outgoing]:
    pack, lang, platform = call.pack, call.lang, call.ctx.platform
    match intent:
        case ShowPrinciple(number=n) if 1 <= n <= pack.size:
            reply = lookup.principle_reply(pack, n, lang, platform)
        case ShowPrinciple(number=n):
            reply = lookup.out_of_range_reply(pack, n, lang, platform)
        case SearchPrinciples(query=q):
            reply = lookup.search_reply(pack, q, lang, platform)
        case _:
            reply = lookup.list_reply(pack, lang, platform)
    return [private(reply, lang)]


async def press(call: Call, pressed: Press) -> list[Outgoing] | None:
    """A principle picked from the list, shown in full to the person who picked it. Where the answer
    takes the list's place (Teams), the menu comes again for the next one."""
    value, pack, lang = pressed.value, call.pack, call.lang
    number = int(value) if pressed.action == lookup.SHOW and value.isascii() and value.isdigit() else None
    if number is None or not 1 <= number <= pack.size:
        return None
    reply = lookup.principle_reply(pack, number, lang, call.ctx.platform)
    if call.how.answers_in_place:
        reply = Reply((*reply.blocks, lookup.choices(pack, lang, lookup.SHOW, t("list.another", lang), chosen=number)))
    return [private(reply, lang)]


def help_lines(h, registry) -> list[HelpLine]:
    return [HelpLine("principle", "", t("help.list", h.lang)), HelpLine("principle", "3", t("help.show", h.lang)),
            HelpLine("principle", t("help.search.args", h.lang), t("help.search", h.lang))]


feature = Feature(
    name="principles",
    commands=(Command("principle", ("principles", "原則", "行動規範", "規範"), teams="teams.manifest.principle",
                      slash=Slash("slack.manifest.principle", "slack.manifest.principle_hint")),),
    parse=parse, handle=handle, press=press, messages=MESSAGES, help=help_lines,
)
