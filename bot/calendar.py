"""Working days of a Japanese city office: Monday to Friday, minus the public holidays of the
``holidays`` library (maintained, with substitute and citizens' holidays computed by law rather than
listed by hand), minus the administrative year-end and new-year holidays (29 December to 3 January,
行政機関の休日 under 行政機関の休日に関する法律), minus the organisation's own closed days
(``KODO_CLOSED_DAYS``, passed in as ``closed``).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

# The day tip rotation counts from. Changing it reshuffles every channel's rotation: don't.
EPOCH = date(2024, 1, 1)
NO_CLOSED_DAYS: frozenset[date] = frozenset()
YEAR_END_SINCE = date(2026, 12, 1)  # the year-end holidays count in the tip rotation from here on


@lru_cache(maxsize=64)
def _holidays(year: int, lang: str = "ja") -> dict[date, str]:
    """The year's public holidays and their names in ``lang`` (the library's own translations)."""
    from holidays.countries.japan import Japan  # 0.25 s to import: only when a date is asked about

    return dict(Japan(years=year, language={"ja": "ja", "en": "en_US"}[lang]))


def is_public_holiday(day: date) -> bool:
    return day in _holidays(day.year)


def holiday_name(day: date, lang: str) -> str | None:
    """``勤労感謝の日`` / ``Labor Thanksgiving Day``; None on a day that is not a public holiday."""
    return _holidays(day.year, lang).get(day)


def is_holiday(day: date) -> bool:
    """A public holiday, or one of the year-end and new-year days on which government offices close."""
    return is_public_holiday(day) or is_year_end(day)


def is_year_end(day: date) -> bool:
    return (day.month, day.day) >= (12, 29) or (day.month, day.day) <= (1, 3)


def day_off(day: date, closed: frozenset[date] = NO_CLOSED_DAYS) -> str | None:
    """Why ``day`` is not a working day, the most telling reason first (1 January is 元日 before it is
    a year-end day or a Friday): ``holiday``, ``year_end``, ``weekend`` or ``closed``; None on a working day."""
    if is_public_holiday(day):
        return "holiday"
    if is_year_end(day):
        return "year_end"
    if day.weekday() >= 5:
        return "weekend"
    return "closed" if day in closed else None


def is_working_day(day: date, closed: frozenset[date] = NO_CLOSED_DAYS) -> bool:
    return day_off(day, closed) is None


@lru_cache(maxsize=4096)
def working_day_index(day: date) -> int:
    """How many working days lie in [EPOCH, day): the tip rotation's position for ``day``, so the whole
    pool is used before a tip repeats. Year-end holidays count from ``YEAR_END_SINCE`` (when they joined
    this calendar), so every tip shown before keeps its day. ``KODO_CLOSED_DAYS`` are not counted: a
    closed day skips its own tip and every other day keeps its tip, whatever days a replica was told."""
    count, current = 0, EPOCH
    while current < day:
        count += current.weekday() < 5 and not is_public_holiday(current) and not (
            current >= YEAR_END_SINCE and is_year_end(current))
        current += timedelta(days=1)
    return count


def last_working_day_on_or_before(day: date, closed: frozenset[date] = NO_CLOSED_DAYS) -> date:
    while not is_working_day(day, closed):
        day -= timedelta(days=1)
    return day


def working_days_between(start: date, end: date, closed: frozenset[date] = NO_CLOSED_DAYS) -> int:
    """How many working days come after ``start`` up to and including ``end`` (0 when ``end`` is not
    later): how long something made on ``start`` waited when it was answered on ``end``."""
    count, current = 0, start + timedelta(days=1)
    while current <= end:
        count += is_working_day(current, closed)
        current += timedelta(days=1)
    return count


def working_days_before(day: date, count: int, closed: frozenset[date] = NO_CLOSED_DAYS) -> date:
    """The ``count``-th working day before ``day`` (``day`` itself not counted)."""
    current = day
    for _ in range(count):
        current = last_working_day_on_or_before(current - timedelta(days=1), closed)
    return current
