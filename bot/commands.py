"""Words in, intents out: the grammar every feature's commands share, and its helpers.

The same parser serves Slack slash commands, Teams messages and the console. Input is normalised
first (NFKC folds full-width ``３`` and ``＃`` to ASCII, case is folded, control characters become
spaces), so every platform's quirks meet one grammar: an optional ``/``, an optional ``kodo``, a
command word that names its feature (``bot.feature.Registry``), and the rest, which that feature
parses. Parsing never fails: what nobody understands becomes ``Help``, with the words it did not know.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.feature import Feature
    from bot.registry import Registry

MAX_INPUT = 4000  # longer input is not a command anyone typed; it gets a polite "too long"

_LANGUAGES = {alias: lang for lang, aliases in (("ja", ("ja", "japanese", "日本語")), ("en", ("en", "english", "英語")))
              for alias in aliases}
_ENGLISH_NUMBERS = {word: n for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMBER = re.compile(r"^(?:#|no\.?|第)?\s*(-?[0-9]{1,6}|[〇零一二三四五六七八九十]{1,5})\s*(?:条|か条)?$")
_EMOJI_NUMBER = re.compile(r"^:?kodo([0-9]{1,2})(?:::[a-z0-9-]+)?:?$")
_MENTION = re.compile(r"^(?:<@([^<>|\s]{1,128})(?:\|[^<>]*)?>|@([^\s@<>]{1,80}))$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


# ---- the core's own intents ------------------------------------------------------------------

@dataclass(frozen=True)
class TooLong:
    length: int


@dataclass(frozen=True)
class Help:
    unknown: str | None = None  # what the user typed that we did not understand


@dataclass(frozen=True)
class Parsed:
    feature: "Feature | None"  # None: the grammar's own (help, too long)
    intent: object


# ---- helpers shared with the rest of the core ------------------------------------------------

def normalise(text: str) -> str:
    text = _CONTROL.sub(" ", unicodedata.normalize("NFKC", text))
    return " ".join(text.split())


def parse_number(token: str) -> int | None:
    """``3``, ``３``, ``#3``, ``第3条``, ``三``, ``十``, ``二十一``, ``three``, ``:kodo3:`` -> int; else None.
    A negative number (``-1``, ``－１``, ``−1``) is a number too: whoever reads it says it is out of range."""
    token = normalise(token).casefold().replace("\u2212", "-")
    if token.lstrip("#") in _ENGLISH_NUMBERS:
        return _ENGLISH_NUMBERS[token.lstrip("#")]
    if m := _EMOJI_NUMBER.match(token):
        return int(m.group(1))
    m = _NUMBER.match(token)
    if not m:
        return None
    digits = m.group(1)
    return int(digits) if digits.lstrip("-").isdigit() else _kanji(digits)


def _kanji(text: str) -> int | None:
    if "十" not in text:
        return int("".join(str(_KANJI_DIGITS[c]) for c in text)) if len(text) <= 2 else None
    tens, _, ones = text.partition("十")
    if "十" in ones or len(tens) > 1 or len(ones) > 1:
        return None
    return (_KANJI_DIGITS[tens] if tens else 1) * 10 + (_KANJI_DIGITS[ones] if ones else 0)


def parse_mention(token: str) -> str | None:
    m = _MENTION.match(token)
    return (m.group(1) or m.group(2)) if m else None


def language(token: str) -> str | None:
    """``ja``, ``en`` (or ``日本語``, ``english``, …) -> the language; anything else -> None."""
    return _LANGUAGES.get(token.casefold())


# ---- the grammar ---------------------------------------------------------------------------

def parse(text: str, registry: "Registry") -> Parsed:
    """One command line: ``/principle 3``, ``principle 3``, ``kodo me``, ``me``, ``/kudos @bob 3 …``."""
    if len(text) > MAX_INPUT:
        return Parsed(None, TooLong(len(text)))
    text = normalise(text)
    tokens = text.split(" ") if text else []
    if tokens and tokens[0].startswith("/"):
        tokens[0] = tokens[0][1:]
    head = registry.word(tokens[0]) if tokens else None
    if head == (None, "kodo"):
        tokens = tokens[1:]
        head = registry.word(tokens[0]) if tokens else (None, "help")
    if head == (None, "help"):
        return Parsed(None, Help())
    feature, word = head or (None, None)
    intent = feature.parse(word, tokens[1:], registry) if feature is not None and feature.parse else None
    if intent is None:
        return Parsed(None, Help(unknown=" ".join(tokens)[:80] or None))
    return Parsed(feature, intent)
