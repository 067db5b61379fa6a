"""When features post: the period a post covers (a day, an ISO week, a month) and on which working day
of it, as pure functions of dates. The scheduler asks each feature's ``Kind`` and posts once per
channel and period (``scheduler.jobs``); nothing here reads a clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot import calendar
from bot.dates import week_name

DAY, WEEK, MONTH = "day", "week", "month"
FRIDAY = 4
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Slot:
    kind: str  # a Kind's name: "tips", "roundup", …
    period: str  # 2026-11-24 | 2026-W48 | 2027-01
    at: datetime  # when it was scheduled


def period(day: date, every: str) -> str:
    """The name of the period ``day`` falls in: ``2026-11-24``, ``2026-W48`` or ``2027-01``."""
    if every == DAY:
        return day.isoformat()
    if every == WEEK:
        return week_name(day)
    if every == MONTH:
        return month_name(day)
    raise ValueError(f"not a period: {every!r}")


def start_of(day: date, every: str) -> date:
    if every == WEEK:
        return day - timedelta(days=day.weekday())
    if every == MONTH:
        return day.replace(day=1)
    return day


def month_name(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def parse_month(text: str) -> date:
    """``2027-01`` -> 1 January 2027. Raises ValueError with a readable message."""
    m = _MONTH.match(text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValueError(f"month must look like 2027-01, not {text!r}")
    return date(int(m.group(1)), int(m.group(2)), 1)


# ---- posting days: (day, KODO_CLOSED_DAYS) -> is it the day ------------------------------------

def every_working_day(day: date, closed: frozenset[date]) -> bool:
    return calendar.is_working_day(day, closed)


def first_working_day(every: str):
    """The first working day of each week or month (a Monday survey moves to Tuesday after a holiday)."""
    def on(day: date, closed: frozenset[date]) -> bool:
        current = start_of(day, every)
        while current < day and not calendar.is_working_day(current, closed):
            current += timedelta(days=1)
        return current == day and calendar.is_working_day(day, closed)
    return on


def working_day_by(day: date, weekday: int, closed: frozenset[date] = calendar.NO_CLOSED_DAYS) -> date | None:
    """The week's ``weekday`` (0 is Monday) or, when that is not a working day, the last working day
    before it in the same week (a week is summed up before people leave, not after they return);
    None when the week has no working day up to it."""
    target = day - timedelta(days=day.weekday() - weekday)
    candidate = calendar.last_working_day_on_or_before(target, closed)
    return candidate if (target - candidate).days < weekday + 1 else None


def last_working_day_by(weekday: int):
    def on(day: date, closed: frozenset[date]) -> bool:
        return working_day_by(day, weekday, closed) == day
    return on
