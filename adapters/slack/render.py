"""The neutral ``Reply`` as Block Kit, within Slack's limits, with ``Reply.text`` as the fallback.

Slack rejects a whole message for one oversized block, so long sections are split on line breaks
and the block list is capped; the fallback text always carries everything.

This is the one place Slack text is escaped. Kodo's own words keep their mentions and channel
links. Words a person typed (``Typed``) are shown as the words they stand for, in the blocks and in
the fallback ``text`` (what notifications show) alike: ``<!channel>`` reads "@channel" and pings
no one, ``<https://…|label>`` reads "label (https://…)", a user group reads as its handle; a
mention they contain notifies only when the piece is ``live`` (the kudos post itself), and is
otherwise the person's name (``names``, else the label Slack sent, else the id).
"""

from __future__ import annotations

import re
from typing import Mapping

from bot.replies import (Bullets, Choices, Divider, Fields, Heading, Note, Paragraph, Reply, Text, Typed, flat,
                         plain_text)

MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_CONTEXT = 2000
MAX_FIELD = 2000
MAX_FIELDS = 10
MAX_FALLBACK = 40000
MAX_BUTTON = 75  # a button's text; a menu option's text too
MAX_PLACEHOLDER = 150
INDEX = "#"  # buttons of one set share its action: "survey:answer#2" is the second

_SAFE_LINK = re.compile(r"<[@#][^\s<>|!]+(?:\|[^<>]*)?>")  # user mentions and channel links only
_BARE_AMP = re.compile(r"&(?!amp;|lt;|gt;)")
_MARKUP = re.compile(r"<([^<>\x00]*)>")  # what Slack makes of mentions, groups and links typed in a message
_URL = re.compile(r"^(?:https?|mailto|tel|ftp|sftp|slack):", re.IGNORECASE)
_KEPT = re.compile(r"\x00(\d+)\x00")
Names = Mapping[str, str]


def escape(text: str) -> str:
    """Slack's mrkdwn escaping, keeping ``<@U…>`` mentions and ``<#C…>`` links working."""
    kept: list[str] = []

    def keep(m: re.Match) -> str:
        kept.append(m.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = _SAFE_LINK.sub(keep, text)
    return _restore(_escape_all(text), kept)


def _escape_all(text: str) -> str:
    return _BARE_AMP.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def _restore(text: str, kept: list[str]) -> str:
    return _KEPT.sub(lambda m: kept[int(m.group(1))], text)


def typed_words(piece: Typed, names: Names = {}, kept: list[str] | None = None) -> str:
    """Slack's markup in typed text as the plain words it stands for. Live mentions are set aside in
    ``kept`` (as placeholders) when given, else shown as names like the rest."""

    def word(m: re.Match) -> str:
        target, _, label = m.group(1).partition("|")
        if target.startswith("@") and len(target) > 1:
            user = target[1:]
            if piece.live and kept is not None:
                kept.append(f"<@{user}>")
                return f"\x00{len(kept) - 1}\x00"
            return "@" + (names.get(user) or label.lstrip("@") or user)
        if target.startswith("#") and len(target) > 1:
            return "#" + (label or target[1:])
        if target.startswith("!"):
            special = target[1:]
            if special.startswith("subteam^"):
                return label or "@" + special.split("^", 1)[1]
            return label or "@" + special  # @channel, @here, @everyone; a date's own fallback text
        if _URL.match(target):
            return f"{label} ({target})" if label and label != target else target
        return m.group(0)

    return _MARKUP.sub(word, piece.text.replace("\x00", ""))


def typed_mrkdwn(piece: Typed, names: Names = {}) -> str:
    """Typed text for a ``mrkdwn`` field or the fallback ``text``: words, escaped; live mentions kept."""
    kept: list[str] = []
    return _restore(_escape_all(typed_words(piece, names, kept)), kept)


def mrkdwn(text: Text, names: Names = {}) -> str:
    return flat(text, lambda piece: typed_mrkdwn(piece, names), escape)


def plain(text: Text, names: Names = {}) -> str:
    """For ``plain_text`` fields, where nothing is markup: typed pieces as their words."""
    return flat(text, lambda piece: typed_words(piece, names))


def fallback(reply: Reply, names: Names = {}) -> str:
    """The message's ``text``: Kodo's words as written, typed pieces escaped like in the blocks."""
    return plain_text(reply.blocks, lambda piece: typed_mrkdwn(piece, names))


def _chunks(text: str, limit: int) -> list[str]:
    """Pieces of at most ``limit`` characters, cut at line breaks where there is one."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        cut = cut if cut > 0 else limit
        pieces.append(text[:cut])
        text = text[cut:].lstrip("\n")
    return pieces + [text] if text else pieces


def _section(text: str) -> list[dict]:
    return [{"type": "section", "text": {"type": "mrkdwn", "text": piece}} for piece in _chunks(text, MAX_SECTION)]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def block(item, names: Names = {}) -> list[dict]:
    match item:
        case Heading(text=text):
            return [{"type": "header", "text": {"type": "plain_text", "text": _clip(plain(text, names), MAX_HEADER),
                                                "emoji": True}}]
        case Paragraph(text=text):
            return _section(mrkdwn(text, names))
        case Bullets(title=title, items=items):
            lines = ([f"*{mrkdwn(title, names)}*"] if title else []) + [f"• {mrkdwn(line, names)}" for line in items]
            return _section("\n".join(lines))
        case Fields(pairs=pairs):
            fields = [{"type": "mrkdwn", "text": _clip(f"*{mrkdwn(k, names)}*\n{mrkdwn(v, names)}", MAX_FIELD)} for k, v in pairs]
            return [{"type": "section", "fields": fields[i:i + MAX_FIELDS]} for i in range(0, len(fields), MAX_FIELDS)]
        case Note(text=text):
            return [{"type": "context", "elements": [{"type": "mrkdwn", "text": _clip(mrkdwn(text, names),
                                                                                     MAX_CONTEXT)}]}]
        case Divider():
            return [{"type": "divider"}]
        case Choices() if item.closed:
            return _section("\n".join(filter(None, (mrkdwn(item.prompt, names), escape(item.numbered(
                lambda label: plain(label, names)))))))
        case Choices():
            prompt = [] if item.menu or not item.prompt else _section(mrkdwn(item.prompt, names))
            return prompt + [{"type": "actions", "elements": [select(item, item.action, names)] if item.menu
                              else buttons(item, names)}]
    raise TypeError(f"no Block Kit rendering for {type(item).__name__}")


def _plain(text: str, limit: int) -> dict:
    return {"type": "plain_text", "text": _clip(text, limit), "emoji": True}


def buttons(choices: Choices, names: Names = {}) -> list[dict]:
    """One button per option (Block Kit allows 25 in an actions block; a Choices has a menu past
    five). Action ids must differ within a block, so each carries its index after ``INDEX``."""
    return [{"type": "button", "action_id": f"{choices.action}{INDEX}{i}", "value": option.value,
             "text": _plain(plain(option.label, names), MAX_BUTTON),
             **({"style": "primary"} if option.value == choices.chosen else {})}
            for i, option in enumerate(choices.options, 1)]


def select(choices: Choices, action_id: str, names: Names = {}) -> dict:
    """A menu of the options (up to 100): in a message, and as the kudos modal's principle input."""
    options = [{"text": _plain(plain(option.label, names), MAX_BUTTON), "value": option.value}
               for option in choices.options]
    element = {"type": "static_select", "action_id": action_id, "options": options}
    if choices.prompt:
        element["placeholder"] = _plain(plain(choices.prompt, names), MAX_PLACEHOLDER)
    chosen = [o for o, option in zip(options, choices.options) if option.value == choices.chosen]
    if chosen:
        element["initial_option"] = chosen[0]
    return element


def pressed_action(action_id: str) -> str:
    """The Choices action behind a pressed element's action id (a button's index removed)."""
    return action_id.rsplit(INDEX, 1)[0]


def blocks(reply: Reply, limit: int = MAX_BLOCKS, names: Names = {}) -> list[dict]:
    out = [b for item in reply.blocks for b in block(item, names)]
    return out if len(out) <= limit else out[:limit - 1] + [
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "…"}]}]


def message(reply: Reply, names: Names = {}) -> dict:
    """Keyword arguments for chat.postMessage / chat.postEphemeral / an ack body. ``names``: what to
    call the people mentioned in typed text, where their mention must not notify."""
    return {"text": _clip(fallback(reply, names), MAX_FALLBACK), "blocks": blocks(reply, names=names)}


def home_view(replies: list[Reply]) -> dict:
    """App Home: the core's replies one after another, divided."""
    out: list[dict] = []
    for i, reply in enumerate(replies):
        out += ([{"type": "divider"}] if i else []) + blocks(reply, MAX_HOME_BLOCKS)
    return {"type": "home", "blocks": out[:MAX_HOME_BLOCKS]}
