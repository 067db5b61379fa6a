"""The neutral ``Reply`` as a Teams message: an Adaptive Card (version 1.4, within what Teams
renders), with the text, escaped, as the card's ``fallbackText`` and its first line, plain, as the
activity's ``summary`` (what notifications show).

Choices become ``Action.Execute`` buttons (Universal Actions: Teams sends an ``adaptiveCard/action``
invoke and shows the card Kodo answers with to the presser alone), each with an ``Action.Submit``
fallback for clients without them; past five options, a compact ``Input.ChoiceSet`` and one
button. Teams runs Universal Actions only on cards of version 1.5, so a card that carries them
declares 1.5 and every other card stays at 1.4. The action's ``data`` says which choices and
which card were pressed (``PRESS``, ``VALUE``, ``CARD``), and, for a menu, which input holds the
option (``INPUT``).

The plain text is deliberately not also sent as the activity's ``text``: Teams would show it above
the card, saying everything twice. Teams takes about 28 KB per message; ``fit`` keeps every activity
within ``MAX_BYTES`` as serialised, shortening the fallback first and the card only if it must.
Mentions (``<@id>``) become Teams mentions, which need a display name; ``NameBook`` remembers the
names Teams sent and keeps them in the database (``people``), so a post made after a restart or
from ``kodo roundup --post`` still names people. A name Kodo never saw is "someone", never an id.

This is the one place Teams text is escaped. A TextBlock reads markdown, so words a person typed
(``Typed``) are escaped for it: a typed ``[label](url)`` stays those characters, ``**bold**`` and
``# heading`` stay as typed, and a typed ``<at>`` is text, not a mention. Mention entities are
made only for Kodo's own mentions and, in the kudos post itself, for people the giver mentioned
(``live``); anywhere later those read as names. The card's ``fallbackText`` and the dialogs are read
as markdown too, with no mentions at all: there people are their names, escaped like typed words
(a display name is typed by its owner). Only the ``summary`` is plain text, which nothing renders.
Escapes are CommonMark's: a backslash before punctuation, and the ``&amp; &lt; &gt;`` entities that
every Adaptive Cards renderer decodes.
"""

from __future__ import annotations

import json
import random
import re
from collections import OrderedDict

from botbuilder.core import CardFactory
from botbuilder.schema import Activity, ActivityTypes

from bot.i18n import t
from bot.features.kudos.rules import principle_picker
from bot.replies import (MENTION, Bullets, Choices, Divider, Fields, Heading, Note, Paragraph, Reply, Text, Typed,
                         flat, joined, plain_text)

CARD_VERSION = "1.4"
UNIVERSAL_VERSION = "1.5"  # what Teams needs to run Action.Execute
PRESS, VALUE, CARD, INPUT = "kodo", "value", "card", "input"  # keys of a choice's data
MAX_BYTES = 24 * 1024  # Teams refuses messages of about 28 KB; this leaves room for what the connector adds
ENVELOPE = 1024  # bytes: more than a message activity around its card and summary ever takes
MAX_SUMMARY = 200


class NameBook:
    """Display names seen in incoming activities: the latest in memory (bounded), every one in the
    ``people`` table when a store is given."""

    def __init__(self, size: int = 10_000, people=None):
        self._names: OrderedDict[str, str] = OrderedDict()
        self._size, self.people = size, people

    def learn(self, user_id: str | None, name: str | None) -> None:
        if user_id and name:
            self._names[user_id] = name
            self._names.move_to_end(user_id)
            if len(self._names) > self._size:
                self._names.popitem(last=False)

    async def remember(self, user_id: str | None, name: str | None, locale: str | None = None) -> None:
        """What an activity says of a person: kept here and, when it changed, in the database."""
        self.learn(user_id, name)
        if self.people is not None:
            await self.people.learn(user_id, name, locale)

    async def prepare(self, reply: Reply) -> None:
        """Before rendering: load the names of the people ``reply`` mentions that are not in memory."""
        missing = {m.group(1) for m in MENTION.finditer(reply.text)} - set(self._names)
        if missing and self.people is not None:
            for user, name in (await self.people.names(missing)).items():
                self.learn(user, name)

    def forget(self, user_id: str) -> None:
        self._names.pop(user_id, None)
        if self.people is not None:
            self.people.forgotten(user_id)

    def name(self, user_id: str) -> str | None:
        return self._names.get(user_id)


_MARKDOWN = re.compile(r"([\\`*_~#\[\]|])")  # emphasis, code, strike, headings, links, tables
_LINE_MARK = re.compile(r"(?m)^[-+=]")  # list items, setext headings and rules
_LINE_NUMBER = re.compile(r"(?m)^(\d+)([.)])")  # numbered lists
_INDENT = re.compile(r"(?m)^[ \t]+")  # four spaces would make a code block
_KEPT = re.compile(r"\x00(\d+)\x00")


def _mentions(text: str, names: NameBook, entities: dict[str, dict], lang: str) -> str:
    def at(match) -> str:
        user = match.group(1)
        name = names.name(user) or t("someone", lang)
        tag = f"<at>{name}</at>"
        entities[user] = {"type": "mention", "text": tag, "mentioned": {"id": user, "name": name}}
        return tag
    return MENTION.sub(at, text)


def escape_markdown(text: str) -> str:
    """Typed words as literal TextBlock text: HTML-like tags and entities, markdown punctuation and
    list markers escaped the CommonMark way."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN.sub(r"\\\1", _INDENT.sub("", text))
    return _LINE_NUMBER.sub(r"\1\\\2", _LINE_MARK.sub(lambda m: "\\" + m.group(0), text))


def _name(user: str, names: NameBook, lang: str) -> str:
    return names.name(user) or t("someone", lang)


def _typed(piece: Typed, names: NameBook, entities: dict[str, dict], lang: str) -> str:
    kept: list[str] = []

    def person(match) -> str:
        if piece.live:
            kept.append(_mentions(match.group(0), names, entities, lang))
            return f"\x00{len(kept) - 1}\x00"
        return "@" + _name(match.group(1), names, lang)

    words = escape_markdown(MENTION.sub(person, piece.text.replace("\x00", "")))
    return _KEPT.sub(lambda m: kept[int(m.group(1))], words)


def _card_text(text: Text, names: NameBook, entities: dict[str, dict], lang: str) -> str:
    return flat(text, lambda piece: _typed(piece, names, entities, lang),
                lambda own: _mentions(own, names, entities, lang))


def _inert(names: NameBook, lang: str) -> tuple:
    """How typed words and Kodo's own are written where Teams reads markdown but no mention can live
    (a card's fallback, a dialog): people as their names, escaped, and typed words escaped."""
    def own(words: str) -> str:
        return MENTION.sub(lambda m: "@" + escape_markdown(_name(m.group(1), names, lang)), words)
    return (lambda piece: _typed(Typed(piece.text), names, {}, lang)), own


def inert(text: Text, names: NameBook, lang: str = "ja") -> str:
    return flat(text, *_inert(names, lang))


def fallback(reply: Reply, names: NameBook, lang: str = "ja") -> str:
    """The card's ``fallbackText``, for clients that cannot show the card. Adaptive Cards let them
    read it as markdown, so it is escaped like the card: the typed words read as typed either way."""
    return plain_text(reply.blocks, *_inert(names, lang))


def _plain(names: NameBook, lang: str) -> tuple:
    """How words are written where nothing is rendered (a summary, a button's or a menu option's
    title, a note over a card): typed words as typed, people as their names."""
    named = lambda words: MENTION.sub(lambda m: "@" + _name(m.group(1), names, lang), words)  # noqa: E731
    return (lambda piece: named(piece.text)), named


def plain(text: Text, names: NameBook, lang: str = "ja") -> str:
    return flat(text, *_plain(names, lang))


def plain_reply(reply: Reply, names: NameBook, lang: str = "ja") -> str:
    return plain_text(reply.blocks, *_plain(names, lang))


def summary(reply: Reply, names: NameBook, lang: str = "ja") -> str:
    """The activity's ``summary`` (notifications, previews): the first line as plain text."""
    line = plain_reply(reply, names, lang).split("\n", 1)[0].removeprefix("■ ")
    return line if len(line) <= MAX_SUMMARY else line[:MAX_SUMMARY - 1] + "…"


def choice_set(choices: Choices, input_id: str, names: NameBook, lang: str, label: str | None = None) -> dict:
    """The options as a compact menu: a card's menu of choices, and the kudos form's principle."""
    element = {"type": "Input.ChoiceSet", "id": input_id, "style": "compact", "isRequired": True,
               "errorMessage": t("teams.choices.required", lang),
               "choices": [{"title": plain(o.label, names, lang), "value": o.value} for o in choices.options]}
    prompt = plain(choices.prompt, names, lang)
    if label or prompt:
        element["label"] = label or prompt
    if label and prompt:
        element["placeholder"] = prompt
    if choices.chosen is not None:
        element["value"] = choices.chosen
    return element


def _execute(title: str, data: dict, verb: str, chosen: bool = False) -> dict:
    """An Action.Execute, and the Action.Submit a client without Universal Actions runs instead."""
    style = {"style": "positive"} if chosen else {}
    return {"type": "Action.Execute", "title": title, "verb": verb, "data": data, **style,
            "fallback": {"type": "Action.Submit", "title": title, "data": data, **style}}


def _choices(choices: Choices, names: NameBook, entities: dict[str, dict], lang: str, card_id: str,
             n: int) -> list[dict]:
    def text(value: Text) -> dict:
        return {"type": "TextBlock", "text": _card_text(value, names, entities, lang), "wrap": True}

    if choices.closed:  # the options as words: literal text, nothing in them markup
        numbered = escape_markdown(choices.numbered(lambda label: plain(label, names, lang)))
        return ([text(choices.prompt)] if choices.prompt else []) + [
            {"type": "TextBlock", "text": numbered, "wrap": True, "isSubtle": True}]
    data = {PRESS: choices.action, CARD: card_id}
    if choices.menu:
        input_id = f"choice{n}"
        go = _execute(t("teams.choices.go", lang), {**data, INPUT: input_id}, choices.action)
        return [choice_set(choices, input_id, names, lang), {"type": "ActionSet", "actions": [go]}]
    buttons = [_execute(plain(o.label, names, lang), {**data, VALUE: o.value}, choices.action,
                        o.value == choices.chosen) for o in choices.options]
    return ([text(choices.prompt)] if choices.prompt else []) + [{"type": "ActionSet", "actions": buttons}]


def card(reply: Reply, names: NameBook, lang: str = "ja") -> dict:
    entities: dict[str, dict] = {}
    body: list[dict] = []
    separate = False
    card_id, universal = None, False  # names the card in its presses' data: made for a card with choices

    def add(element: dict) -> None:
        nonlocal separate
        if separate:
            element["separator"], separate = True, False
        body.append(element)

    def text(value: Text, **style) -> dict:
        return {"type": "TextBlock", "text": _card_text(value, names, entities, lang), "wrap": True, **style}

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
                    {"title": _mentions(k, names, entities, lang), "value": _mentions(v, names, entities, lang)}
                    for k, v in pairs]})
            case Divider():
                separate = True
            case Choices():
                card_id = card_id or f"{random.getrandbits(64):016x}"  # unique, not a secret: no system call
                for element in _choices(block, names, entities, lang, card_id, len(body)):
                    add(element)
                universal = universal or not block.closed
            case _:
                raise TypeError(f"no Adaptive Card rendering for {type(block).__name__}")
    result = {"type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
              "version": UNIVERSAL_VERSION if universal else CARD_VERSION, "body": body,
              "fallbackText": fallback(reply, names, lang), "msteams": {"width": "Full"}}
    if entities:
        result["msteams"]["entities"] = list(entities.values())
    return result


def message(reply: Reply, names: NameBook, lang: str = "ja") -> Activity:
    return fit(Activity(type=ActivityTypes.message, summary=summary(reply, names, lang),
                        attachments=[CardFactory.adaptive_card(card(reply, names, lang))]))


def size(activity: Activity) -> int:
    """Bytes of the activity as sent: its JSON in UTF-8 (``connector.Transport`` sends it that way)."""
    return len(json.dumps(activity.serialize(), ensure_ascii=False).encode("utf-8"))


def _at_most(activity: Activity) -> int:
    """An upper bound of ``size`` without msrest: the card and the summary as JSON, plus room for the
    rest of a message activity (its type, the attachment's content type, keys and punctuation)."""
    card = activity.attachments[0].content
    return len(json.dumps([card, activity.summary], ensure_ascii=False).encode("utf-8")) + ENVELOPE


def fit(activity: Activity, limit: int = MAX_BYTES) -> Activity:
    """Within ``limit`` bytes: first the fallback text is shortened (Teams shows the card, the
    fallback is for clients that cannot), then, for a card that is too big on its own, its last
    elements give way to "…"."""
    content = activity.attachments[0].content
    if _at_most(activity) <= limit:  # the usual reply, a few KB: no need to serialise it through msrest
        return activity
    over = size(activity) - limit
    if over <= 0:
        return activity
    fallback = content["fallbackText"]
    keep = max(len(fallback) - over, 0)  # every character is at least one byte: cut at least ``over``
    while keep and size(activity) > limit:
        content["fallbackText"] = fallback[:keep].rstrip() + "…"
        keep = max(keep - max(size(activity) - limit, 1), 0)
    if size(activity) > limit:
        content["fallbackText"] = fallback.split("\n", 1)[0][:MAX_SUMMARY]
    body, more = content["body"], {"type": "TextBlock", "text": "…", "wrap": True}
    while size(activity) > limit and len(body) > 1:
        del body[-2 if body[-1] is more else -1]
        if body[-1] is not more:
            body.append(more)
    return activity


def notice(text: Text, names: NameBook, lang: str = "ja") -> dict:
    """A dialog that only says something (why the message action cannot go on, what it did). A
    dialog's card has no mentions: people are their names."""
    return {"type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
            "version": CARD_VERSION, "body": [{"type": "TextBlock", "text": inert(text, names, lang), "wrap": True}]}


def kudos_form(pack, lang: str, author: str, names: NameBook) -> dict:
    """The task module of the ``give_kudos`` message action: a principle and an optional reason.
    ``author`` is the display name Teams gave, which its owner chose: shown as it is, never as markup.
    A task module submits with Action.Submit (``task/submit``), so the form stays at version 1.4."""
    principle = choice_set(principle_picker(pack, lang), "principle", names, lang, t("teams.task.principle", lang))
    intro = inert(t("teams.task.intro", lang, author=Typed(author)), names, lang)
    return {
        "type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": CARD_VERSION,
        "body": [
            {"type": "TextBlock", "text": intro, "wrap": True},
            {**principle, "errorMessage": t("teams.task.required", lang)},
            {"type": "Input.Text", "id": "reason", "label": t("teams.task.reason", lang), "isMultiline": True,
             "maxLength": 500, "placeholder": t("teams.task.placeholder", lang)},
        ],
        "actions": [{"type": "Action.Submit", "title": t("teams.task.submit", lang)}],
    }
