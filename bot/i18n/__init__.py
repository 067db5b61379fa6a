"""``t(key, lang, **values)``: the one way the core turns a message key into words."""

from __future__ import annotations

import re

from bot.i18n.catalogue import MESSAGES
from bot.replies import Text, Typed

LANGS = ("ja", "en")
DEFAULT = "ja"


def t(key: str, lang: str, **values: object) -> Text:
    """The message in ``lang``. A ``Typed`` value stays a typed piece of the result (a tuple), so
    renderers can tell a person's words from Kodo's; without one the result is a plain string."""
    entry = MESSAGES[key]
    template = entry.get(lang, entry[DEFAULT])
    typed = {name: value for name, value in values.items() if isinstance(value, Typed)}
    if not typed:
        return template.format(**values)
    filled = template.format(**(values | {name: f"\x00{name}\x00" for name in typed}))
    parts = _SLOT.split(filled)  # even: Kodo's words, odd: the name of a typed value
    return tuple(typed[part] if i % 2 else part for i, part in enumerate(parts) if part)


_SLOT = re.compile("\x00(\\w+)\x00")


def pick(lang: str | None, fallback: str = DEFAULT) -> str:
    """A supported language from a hint such as ``en-US``, ``ja_JP`` or ``None``."""
    if lang:
        short = lang.replace("_", "-").split("-", 1)[0].lower()
        if short in LANGS:
            return short
    return fallback
