"""A fair streak: the working days in a row on which a person answered, in KODO_TIMEZONE. Days off
(weekends, public holidays, 12/29–1/3, KODO_CLOSED_DAYS) neither break a streak nor lengthen it; an
answer given on a day off counts for the working day before it. Today, until it ends, does not break
a streak either: the streak then runs up to the last working day."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Iterable

from bot import calendar


def streak(days: Iterable[date], today: date, closed: frozenset[date] = calendar.NO_CLOSED_DAYS) -> int:
    counted = {calendar.last_working_day_on_or_before(day, closed) for day in days if day <= today}
    if not counted:
        return 0
    day = calendar.last_working_day_on_or_before(today, closed)
    if day == today and day not in counted:  # today is not over yet: the streak up to yesterday stands
        day = _working_day_before(day, closed)
    run = 0
    while day in counted:
        run += 1
        day = _working_day_before(day, closed)
    return run


def _working_day_before(day: date, closed: frozenset[date]) -> date:
    return calendar.last_working_day_on_or_before(day - timedelta(days=1), closed)
