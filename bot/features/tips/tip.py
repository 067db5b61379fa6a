"""The daily tip: which one a day gets, and how it reads."""

from __future__ import annotations

from datetime import date

from bot import calendar
from bot.dates import day_words
from bot.feature import Parts
from bot.features.quiz.ask import of_the_day, question_blocks
from bot.howto import how
from bot.i18n import t
from bot.ports import Messenger, Subscription
from bot.replies import Heading, Note, Paragraph, Reply
from bot.schedule import Slot


def tip_pool(pack) -> list[tuple[int, int]]:
    """Every (principle, tip index) of the pack, principles taking turns: day 1 principle 1's first
    tip, day 2 principle 2's first tip, … so consecutive days never dwell on one principle."""
    counts = [len(p.tips) for p in pack.principles[pack.languages[0]]]
    return [(n + 1, i) for i in range(max(counts)) for n, c in enumerate(counts) if i < c]


def tip_for(pack, day: date, closed: frozenset[date] = calendar.NO_CLOSED_DAYS) -> tuple[int, int] | None:
    """The (principle, tip index) for ``day``, or None on a day that is not a working day.

    Deterministic: position ``k`` of the working-day count walks the pool, so the whole pool is
    used before any tip repeats, and every replica picks the same tip for the same day.
    """
    if not calendar.is_working_day(day, closed):
        return None
    pool = tip_pool(pack)
    return pool[calendar.working_day_index(day) % len(pool)]


def tip_reply(pack, number: int, index: int, lang: str, platform: str | None = None,
              dated: date | None = None) -> Reply:
    """``dated``: the tip is read on another day than its own, so its title names its date, not 今日."""
    p, h = pack.principle(number, lang), how(platform, lang)
    words = dict(badge=h.badge(pack.emoji_for(number)), number=number, title=p.title)
    title = (t("tip.title.dated", lang, date=day_words(dated, lang), **words) if dated
             else t("tip.title", lang, **words))
    question = of_the_day(pack, number, index)  # the principle's quiz question, as choices
    quiz = question_blocks(pack, question, lang, h, in_tip=True) if question else ()
    return Reply.of(Heading(title), Paragraph(p.tips[index]), Note(t("tip.more", lang, look_up=h.look_up(number))),
                    *quiz)


def no_tip_reply(day: date, lang: str, closed: frozenset[date] = calendar.NO_CLOSED_DAYS) -> Reply:
    """Why there is no tip on ``day``, naming the day off that it is (the holiday by its name)."""
    why = calendar.day_off(day, closed)
    return Reply.of(Paragraph(t(f"tip.none.{why}", lang, date=day_words(day, lang),
                                name=calendar.holiday_name(day, lang) or "")))


def tip(parts: Parts, day: date, lang: str, platform: str | None = None) -> Reply | None:
    """The tip of ``day`` as the scheduler posts it (None on a day off), dated when it is not today's."""
    chosen = tip_for(parts.pack, day, parts.settings.closed_days)
    return None if chosen is None else tip_reply(parts.pack, *chosen, lang, platform,
                                                 dated=None if day == parts.today() else day)


class TipPost:
    """A slot's tip: the same for every channel of a language and platform."""

    def __init__(self, parts: Parts, slot: Slot):
        self.parts, self.day = parts, date.fromisoformat(slot.period)

    async def reply(self, sub: Subscription, messenger: Messenger) -> Reply:
        reply = tip(self.parts, self.day, sub.locale, sub.platform)
        assert reply is not None, "tip slots exist only on working days"
        return reply
