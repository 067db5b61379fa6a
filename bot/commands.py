"""Words in, intents out. The same parser serves Slack slash commands, Teams messages and the console.

Input is normalised first (NFKC folds full-width ``３`` and ``＃`` to ASCII, case is folded, control
characters become spaces), so every platform's quirks meet one grammar. Parsing never fails: what it
cannot understand becomes ``Help``, with the words it did not know.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_INPUT = 4000  # longer input is not a command anyone typed; it gets a polite "too long"

# Every keyword in both languages. Keys are canonical words; values are their aliases.
_WORDS: dict[str, tuple[str, ...]] = {
    "principle": ("principle", "principles", "原則", "行動規範", "規範"),
    "kudos": ("kudos", "thanks", "称賛", "感謝", "ありがとう"),
    "kodo": ("kodo", "行動"),
    "me": ("me", "mine", "stats", "自分", "わたし", "私", "マイ"),
    "ranking": ("ranking", "rankings", "ランキング"),
    "lang": ("lang", "language", "言語"),
    "forget-me": ("forget-me", "forgetme", "forget", "忘れて", "削除"),
    "subscribe": ("subscribe", "購読", "配信"),
    "unsubscribe": ("unsubscribe", "購読解除", "配信停止", "解除"),
    "help": ("help", "?", "ヘルプ", "使い方"),
    "tips": ("tips", "tip", "ヒント"),
    "roundup": ("roundup", "まとめ", "週報"),
    "on": ("on", "オン", "参加"),
    "off": ("off", "オフ", "不参加"),
    "ja": ("ja", "japanese", "日本語"),
    "en": ("en", "english", "英語"),
}
_ALIAS = {alias: word for word, aliases in _WORDS.items() for alias in aliases}

_ENGLISH_NUMBERS = {word: n for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_NUMBER = re.compile(r"^(?:#|no\.?|第)?\s*(-?[0-9]{1,6}|[〇零一二三四五六七八九十]{1,5})\s*(?:条|か条)?$")
_EMOJI_NUMBER = re.compile(r"^:?kodo([0-9]{1,2})(?:::[a-z0-9-]+)?:?$")
_MENTION = re.compile(r"^(?:<@([^<>|\s]{1,128})(?:\|[^<>]*)?>|@([^\s@<>]{1,80}))$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\ufeff]")


# ---- intents -------------------------------------------------------------------------------

@dataclass(frozen=True)
class ListPrinciples:
    pass


@dataclass(frozen=True)
class ShowPrinciple:
    number: int


@dataclass(frozen=True)
class SearchPrinciples:
    query: str


@dataclass(frozen=True)
class GiveKudos:
    receiver: str | None
    principle: int | None
    reason: str | None
    others: tuple[str, ...] = ()  # more people named in the same command: each gets a kudos too
    plain_name: str | None = None  # a receiver typed as ``@name``, not a mention the platform resolved


@dataclass(frozen=True)
class Me:
    pass


@dataclass(frozen=True)
class Ranking:
    on: bool | None  # None: the user did not say on or off


@dataclass(frozen=True)
class Lang:
    lang: str | None
    asked: str | None = None  # a language Kodo does not speak (``fr``), as typed


@dataclass(frozen=True)
class ForgetMe:
    pass


@dataclass(frozen=True)
class Subscribe:
    kind: str | None
    lang: str | None = None


@dataclass(frozen=True)
class Unsubscribe:
    kind: str | None


@dataclass(frozen=True)
class TooLong:
    length: int


@dataclass(frozen=True)
class Help:
    unknown: str | None = None  # what the user typed that we did not understand


Intent = (ListPrinciples | ShowPrinciple | SearchPrinciples | GiveKudos | Me | Ranking | Lang | ForgetMe
          | Subscribe | Unsubscribe | TooLong | Help)


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


def word(token: str) -> str | None:
    return _ALIAS.get(token.casefold())


# ---- the parser -----------------------------------------------------------------------------

def parse(text: str) -> Intent:
    """Parse one command line: ``/principle 3``, ``principle 3``, ``kodo me``, ``me``, ``/kudos @bob 3 …``."""
    if len(text) > MAX_INPUT:
        return TooLong(len(text))
    text = normalise(text)
    tokens = text.split(" ") if text else []
    if tokens and tokens[0].startswith("/"):
        tokens[0] = tokens[0][1:]
    head = word(tokens[0]) if tokens else None
    if head == "kodo":
        tokens = tokens[1:]
        head = word(tokens[0]) if tokens else "help"
    if head is None:
        return Help(unknown=" ".join(tokens)[:80] or None)
    rest = tokens[1:]
    match head:
        case "principle":
            return _principle(rest)
        case "kudos":
            return _kudos(rest)
        case "me":
            return Me()
        case "ranking":
            choice = word(rest[0]) if rest else None
            return Ranking(on={"on": True, "off": False}.get(choice or ""))
        case "lang":
            choice = word(rest[0]) if rest else None
            if choice in ("ja", "en"):
                return Lang(lang=choice)
            return Lang(lang=None, asked=rest[0][:40] if rest else None)
        case "forget-me":
            return ForgetMe()
        case "subscribe":
            kind = word(rest[0]) if rest else None
            lang = word(rest[1]) if len(rest) > 1 else None
            return Subscribe(kind=kind if kind in ("tips", "roundup") else None,
                             lang=lang if lang in ("ja", "en") else None)
        case "unsubscribe":
            kind = word(rest[0]) if rest else None
            return Unsubscribe(kind=kind if kind in ("tips", "roundup") else None)
        case "help":
            return Help()
    return Help(unknown=" ".join(tokens)[:80])


def _principle(rest: list[str]) -> Intent:
    if not rest:
        return ListPrinciples()
    query = " ".join(rest)
    number = parse_number(query)
    if number is not None:
        return ShowPrinciple(number)
    return SearchPrinciples(query[:200])


def _kudos(rest: list[str]) -> GiveKudos:
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
