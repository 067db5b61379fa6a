"""``t(key, lang, **values)``: the one way Kodo turns a message key into words.

The sentences live beside what says them: the core's in ``bot/i18n/catalogue.py``, each feature's in
``bot/features/<name>/messages.py`` (registered with the feature list, ``bot.features``), each
adapter's beside the adapter (registered when it loads). ``register`` merges them into one
catalogue and refuses a key that two places claim, so no sentence can silently replace another.
"""

from __future__ import annotations

import re
from typing import Mapping

from bot.i18n.catalogue import MESSAGES as CORE
from bot.replies import Text, Typed

LANGS = ("ja", "en")
DEFAULT = "ja"

MESSAGES: dict[str, Mapping[str, str]] = {}
_OWNER: dict[str, str] = {}


class DuplicateMessage(ValueError):
    pass


def register(owner: str, messages: Mapping[str, Mapping[str, str]]) -> None:
    """Add ``owner``'s sentences to the catalogue; a key already claimed elsewhere is an error."""
    taken = {key: _OWNER[key] for key in messages if _OWNER.get(key, owner) != owner}
    if taken:
        raise DuplicateMessage("; ".join(f"{key!r} of {owner} is {other}'s already" for key, other in taken.items()))
    MESSAGES.update(messages)
    _OWNER.update(dict.fromkeys(messages, owner))


def _entry(key: str) -> Mapping[str, str]:
    entry = MESSAGES.get(key)
    if entry is None:
        import bot.features  # noqa: F401 - registers every feature's sentences, once

        entry = MESSAGES[key]
    return entry


def t(key: str, lang: str, **values: object) -> Text:
    """The message in ``lang``. A ``Typed`` value stays a typed piece of the result (a tuple), so
    renderers can tell a person's words from Kodo's; without one the result is a plain string."""
    entry = _entry(key)
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


register("bot.i18n", CORE)
