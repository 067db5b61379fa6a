"""``kodo doctor``: what a check says, and the checks that need no service (time zone, calendar).

Each part of Kodo checks its own service (``storage/doctor.py``, ``adapters/slack/doctor.py``,
``adapters/teams/doctor.py``); ``bot/wiring.py`` runs them in turn. Every line starts with ``ok``,
``warn`` or ``fail`` so a script can grep it, names what was checked, and, when it is not ``ok``,
says what to do. No line ever shows a secret.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot import calendar

OK, WARN, FAIL = "ok", "warn", "fail"


@dataclass(frozen=True)
class Check:
    status: str  # ok | warn | fail
    what: str
    detail: str

    def line(self) -> str:
        return f"{self.status:<4} {self.what}: {' '.join(self.detail.split())}"


def ok(what: str, detail: str) -> Check:
    return Check(OK, what, detail)


def warn(what: str, detail: str) -> Check:
    return Check(WARN, what, detail)


def fail(what: str, detail: str) -> Check:
    return Check(FAIL, what, detail)


def calendar_checks(settings, now: datetime) -> list[Check]:
    """The time zone the scheduler uses, and the days it will skip: holidays known for this year and
    the next, and the next working day, so an admin sees the calendar Kodo believes in."""
    local = now.astimezone(settings.tz)
    checks = [ok("time zone", f"{settings.timezone}, now {local:%Y-%m-%d %H:%M} there")]
    today = local.date()
    missing = [year for year in (today.year, today.year + 1) if not any(
        calendar.is_holiday(day) and not calendar.is_year_end(day) for day in _days_of(year))]
    if missing:
        checks.append(fail("holidays", f"no public holidays known for {', '.join(map(str, missing))}: "
                                       "update the holidays package (make lock LOCK_FLAGS=--upgrade)"))
    else:
        upcoming = _next_closed(today, settings.closed_days)
        extra = len(settings.closed_days)
        closed = {0: "no KODO_CLOSED_DAYS", 1: "1 day in KODO_CLOSED_DAYS"}.get(
            extra, f"{extra} days in KODO_CLOSED_DAYS")
        checks.append(ok("holidays", f"Japanese public holidays, the year-end break (29 December to 3 January) and "
                                     f"{closed}; next weekday off: {upcoming.isoformat()}"))
    past = sorted(day for day in settings.closed_days if day < today)
    if past:
        checks.append(warn("KODO_CLOSED_DAYS", f"{', '.join(map(str, past))} already past: remove them"))
    return checks


def _days_of(year: int):
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += timedelta(days=1)


def _next_closed(today: date, closed: frozenset[date]) -> date:
    day = today
    while day.weekday() >= 5 or calendar.is_working_day(day, closed):
        day += timedelta(days=1)
    return day
