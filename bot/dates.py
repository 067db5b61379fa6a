"""Dates as a reader of each language names them: ``2026年1月5日（月）``, ``Monday 5 January 2026``.

ISO dates and weeks (``2026-W48``) are for machines and the CLI's arguments; a tip for another day
or a past week's roundup names its days in words, so nobody mistakes it for today or this week.
"""

from __future__ import annotations

import re
from datetime import date

from bot.i18n import t

_WEEKDAYS = {"ja": "月火水木金土日",
             "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def day_words(day: date, lang: str) -> str:
    month = day.month if lang == "ja" else _MONTHS[day.month - 1]
    return t("date", lang, year=day.year, month=month, day=day.day, weekday=_WEEKDAYS[lang][day.weekday()])


def short_day(day: date, lang: str) -> str:
    """Month and day, for the ends of a week whose year is already clear."""
    return t("date.short", lang, month=day.month if lang == "ja" else _MONTHS[day.month - 1], day=day.day)


def long_day(day: date, lang: str) -> str:
    """Year, month and day without the weekday: ``2026年11月16日``, ``16 November 2026``."""
    return t("date.long", lang, year=day.year, month=day.month if lang == "ja" else _MONTHS[day.month - 1],
             day=day.day)


def month_words(day: date, lang: str) -> str:
    """The month ``day`` falls in: ``2026年12月``, ``December 2026``."""
    return t("date.month", lang, year=day.year, month=day.month if lang == "ja" else _MONTHS[day.month - 1])


_WEEK = re.compile(r"^(\d{4})-?W(\d{2})$")


def week_name(day: date) -> str:
    """The ISO week ``day`` falls in, as ``parse_week`` reads it: ``2026-W48``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(text: str) -> date:
    """``2026-W48`` -> the Monday of that ISO week. Raises ValueError with a readable message."""
    m = _WEEK.match(text.strip().upper())
    if not m:
        raise ValueError(f"week must look like 2026-W48, not {text!r}")
    try:
        return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
    except ValueError:
        raise ValueError(f"{text} is not a week of the calendar") from None
