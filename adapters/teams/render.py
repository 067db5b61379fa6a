"""The neutral ``Reply`` as a Teams message: an Adaptive Card, with the plain text as the card's
``fallbackText`` and the activity's ``summary`` (what notifications and old clients show).

The plain text is deliberately not also sent as the activity's ``text``: Teams would show it above
the card, saying everything twice. Mentions (``<@id>``) become Teams mentions, which need a display
name; ``NameBook`` remembers the names Teams sent us.

This is the one place Teams text is escaped. A TextBlock reads markdown, so words a person typed
(``Typed``) are escaped for it: a typed ``[label](url)`` stays those characters, ``**bold**`` and
``# heading`` stay as typed, and a typed ``<at>`` is text, not a mention. Mention entities are
made only for Kodo's own mentions and, in the kudos post itself, for people the giver mentioned
(``live``); anywhere later those read as names. The fallback text is plain and needs none of it.
Escapes are CommonMark's: a backslash before punctuation, and the ``&amp; &lt; &gt;`` entities that
every Adaptive Cards renderer decodes.
"""

from __future__ import annotations

import re
from collections import OrderedDict

from botbuilder.core import CardFactory
from botbuilder.schema import Activity, ActivityTypes

from bot.i18n import t
from bot.replies import (MENTION, Bullets, Divider, Fields, Heading, Note, Paragraph, Reply, Text, Typed, flat,
                         joined, plain_text)

CARD_VERSION = "1.4"


class NameBook:
    """Display names seen in incoming activities, bounded so it cannot grow without limit."""

    def __init__(self, size: int = 10_000):
        self._names: OrderedDict[str, str] = OrderedDict()
        self._size = size

    def learn(self, user_id: str | None, name: str | None) -> None:
        if user_id and name:
            self._names[user_id] = name
            self._names.move_to_end(user_id)
            if len(self._names) > self._size:
                self._names.popitem(last=False)

    def forget(self, user_id: str) -> None:
        self._names.pop(user_id, None)

    def name(self, user_id: str) -> str:
        return self._names.get(user_id, user_id)


_MARKDOWN = re.compile(r"([\\`*_~#\[\]|])")  # emphasis, code, strike, headings, links, tables
_LINE_MARK = re.compile(r"(?m)^[-+=]")  # list items, setext headings and rules
_LINE_NUMBER = re.compile(r"(?m)^(\d+)([.)])")  # numbered lists
_INDENT = re.compile(r"(?m)^[ \t]+")  # four spaces would make a code block
_KEPT = re.compile(r"\x00(\d+)\x00")


def _mentions(text: str, names: NameBook, entities: dict[str, dict]) -> str:
    def at(match) -> str:
        user = match.group(1)
        tag = f"<at>{names.name(user)}</at>"
        entities[user] = {"type": "mention", "text": tag, "mentioned": {"id": user, "name": names.name(user)}}
        return tag
    return MENTION.sub(at, text)


def escape_markdown(text: str) -> str:
    """Typed words as literal TextBlock text: HTML-like tags and entities, markdown punctuation and
    list markers escaped the CommonMark way."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN.sub(r"\\\1", _INDENT.sub("", text))
    return _LINE_NUMBER.sub(r"\1\\\2", _LINE_MARK.sub(lambda m: "\\" + m.group(0), text))


def _typed(piece: Typed, names: NameBook, entities: dict[str, dict]) -> str:
    kept: list[str] = []

    def person(match) -> str:
        if piece.live:
            kept.append(_mentions(match.group(0), names, entities))
            return f"\x00{len(kept) - 1}\x00"
        return "@" + names.name(match.group(1))

    words = escape_markdown(MENTION.sub(person, piece.text.replace("\x00", "")))
    return _KEPT.sub(lambda m: kept[int(m.group(1))], words)


def _card_text(text: Text, names: NameBook, entities: dict[str, dict]) -> str:
    return flat(text, lambda piece: _typed(piece, names, entities), lambda own: _mentions(own, names, entities))


def plain(text: Text, names: NameBook) -> str:
    named = lambda words: MENTION.sub(lambda m: "@" + names.name(m.group(1)), words)  # noqa: E731
    return flat(text, lambda piece: named(piece.text), named)


def fallback(reply: Reply, names: NameBook) -> str:
    """Plain text (notifications, old clients): mentions as names, typed words as typed."""
    return plain_text(reply.blocks, lambda piece: plain(piece.text, names), lambda own: plain(own, names))


def card(reply: Reply, names: NameBook) -> dict:
    entities: dict[str, dict] = {}
    body: list[dict] = []
    separate = False

    def add(element: dict) -> None:
        nonlocal separate
        if separate:
            element["separator"], separate = True, False
        body.append(element)

    def text(value: Text, **style) -> dict:
        return {"type": "TextBlock", "text": _card_text(value, names, entities), "wrap": True, **style}

    for block in reply.blocks:
        match block:
            case Heading(text=value):
                add(text(value, size="Medium", weight="Bolder"))
            case Paragraph(text=value):
                add(text(value))
            case Note(text=value):
                add(text(value, size="Small", isSubtle=True))
            case Bullets(title=title, items=items):
                if title:
                    add(text(title, weight="Bolder"))
                add(text(joined(*(joined("\r- " if i else "- ", item) for i, item in enumerate(items))),
                         spacing="Small"))
            case Fields(pairs=pairs):
                add({"type": "FactSet", "facts": [
                    {"title": _mentions(k, names, entities), "value": _mentions(v, names, entities)}
                    for k, v in pairs]})
            case Divider():
                separate = True
    result = {"type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
              "version": CARD_VERSION, "body": body, "fallbackText": fallback(reply, names),
              "msteams": {"width": "Full"}}
    if entities:
        result["msteams"]["entities"] = list(entities.values())
    return result


def message(reply: Reply, names: NameBook) -> Activity:
    return Activity(type=ActivityTypes.message, summary=fallback(reply, names)[:300],
                    attachments=[CardFactory.adaptive_card(card(reply, names))])


def kudos_form(pack, lang: str, author: str) -> dict:
    """The task module of the ``give_kudos`` message action: a principle and an optional reason."""
    choices = [{"title": f"#{p.number} {p.title}", "value": str(p.number)} for p in pack.principles[lang]]
    return {
        "type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": CARD_VERSION,
        "body": [
            {"type": "TextBlock", "text": t("teams.task.intro", lang, author=author), "wrap": True},
            {"type": "Input.ChoiceSet", "id": "principle", "label": t("teams.task.principle", lang),
             "style": "compact", "isRequired": True, "choices": choices},
            {"type": "Input.Text", "id": "reason", "label": t("teams.task.reason", lang), "isMultiline": True,
             "maxLength": 500, "placeholder": t("teams.task.placeholder", lang)},
        ],
        "actions": [{"type": "Action.Submit", "title": t("teams.task.submit", lang)}],
    }
