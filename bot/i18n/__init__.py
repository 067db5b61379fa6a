"""``t(key, lang, **values)``: the one way the core turns a message key into words."""

from __future__ import annotations

from bot.i18n.catalogue import MESSAGES

LANGS = ("ja", "en")
DEFAULT = "ja"


def t(key: str, lang: str, **values: object) -> str:
    entry = MESSAGES[key]
    return entry.get(lang, entry[DEFAULT]).format(**values)


def pick(lang: str | None, fallback: str = DEFAULT) -> str:
    """A supported language from a hint such as ``en-US``, ``ja_JP`` or ``None``."""
    if lang:
        short = lang.replace("_", "-").split("-", 1)[0].lower()
        if short in LANGS:
            return short
    return fallback
