"""Working days in Japan: Monday to Friday, minus the public holidays of the ``holidays`` library
(maintained, with substitute and citizens' holidays computed by law rather than listed by hand)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

# The day tip rotation counts from. Changing it reshuffles every channel's rotation: don't.
EPOCH = date(2024, 1, 1)


@lru_cache(maxsize=64)
def _holidays(year: int) -> frozenset[date]:
    from holidays.countries.japan import Japan  # 0.25 s to import: only when a date is asked about

    return frozenset(Japan(years=year))


def is_holiday(day: date) -> bool:
    return day in _holidays(day.year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and not is_holiday(day)


@lru_cache(maxsize=4096)
def working_day_index(day: date) -> int:
    """How many working days lie in [EPOCH, day): the tip rotation's position for ``day``."""
    count, current = 0, EPOCH
    while current < day:
        count += is_working_day(current)
        current += timedelta(days=1)
    return count


def last_working_day_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day
