"""Working days (contract, second phase): nothing is scheduled on weekends, Japanese public holidays,
the administrative year-end and new-year holidays (12/29–1/3) or KODO_CLOSED_DAYS. The scheduler runs
through the turn of the year on a fake clock, as ``kodo serve`` would, and posts only on working days."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot import calendar
from bot.app import Kodo
from bot.config import Settings
from bot.ports import Subscription
from bot.features.roundup.post import roundup_day
from scheduler import jobs
from storage.claims import ClaimStore
from storage.kpi import SqlKpi
from tests.fakes.messenger import RecordingMessenger

TIMES = ("00:30:00", "09:00:00", "09:05:00", "12:00:00", "17:00:00", "17:05:00", "23:59:00")


async def run_through(tokyo, stores, engine, clock, settings, first: date, last: date) -> dict[str, list[str]]:
    """Every trigger and retry time of every day from ``first`` to ``last``: which days got what."""
    await stores.subscriptions.subscribe(Subscription("slack", "C1", "tips", "ja"))
    await stores.subscriptions.subscribe(Subscription("slack", "C1", "roundup", "ja"))
    messenger = RecordingMessenger(clock=clock)
    kodo = Kodo(tokyo, stores, clock, settings, kpis=SqlKpi(engine, tokyo.id, now=clock.now))
    deps = jobs.Deps(kodo, ClaimStore(engine), {"slack": messenger})
    day = first
    while day <= last:
        for hhmmss in TIMES:
            clock.set(f"{day.isoformat()}T{hhmmss}+09:00")
            await jobs.run(deps, clock.now())
        day += timedelta(days=1)
    posted: dict[str, list[str]] = {"tips": [], "roundup": []}
    for (_, _, text), when in zip(messenger.posts, messenger.sent_at):
        kind = "roundup" if "今週の称賛まとめ" in text else "tips"
        posted[kind].append(when.astimezone(settings.tz).strftime("%m-%d %H:%M"))
    return posted


async def test_over_the_new_year_posts_only_on_working_days(tokyo, stores, engine, clock):
    posted = await run_through(tokyo, stores, engine, clock, Settings(), date(2026, 12, 28), date(2027, 1, 5))
    # Mon 28 Dec works; Tue 29 – Sun 3 Jan are the year-end holidays (1 Jan also a public holiday, 2-3 a
    # weekend); Mon 4 and Tue 5 Jan work again.
    assert posted["tips"] == ["12-28 09:00", "01-04 09:00", "01-05 09:00"]
    # The week of 28 December closes on its last working day, Monday, before people leave.
    assert posted["roundup"] == ["12-28 17:00"]


async def test_closed_days_are_skipped_too(tokyo, stores, engine, clock):
    settings = Settings(closed_days=frozenset({date(2027, 1, 4), date(2026, 12, 28)}))
    posted = await run_through(tokyo, stores, engine, clock, settings, date(2026, 12, 28), date(2027, 1, 8))
    assert posted["tips"] == ["01-05 09:00", "01-06 09:00", "01-07 09:00", "01-08 09:00"]
    assert posted["roundup"] == ["01-08 17:00"]  # the week of 28 December had no working day left


@pytest.mark.parametrize("day, working", [
    (date(2026, 12, 28), True), (date(2026, 12, 29), False), (date(2026, 12, 31), False), (date(2027, 1, 1), False),
    (date(2027, 1, 3), False), (date(2027, 1, 4), True), (date(2026, 11, 23), False), (date(2026, 11, 24), True),
])
def test_the_calendar(day, working):
    assert calendar.is_working_day(day) is working


def test_a_closed_friday_moves_the_roundup_to_thursday():
    assert roundup_day(date(2026, 11, 24), frozenset({date(2026, 11, 27)})) == date(2026, 11, 26)
    whole_week = frozenset(date(2026, 11, 23) + timedelta(days=n) for n in range(5))
    assert roundup_day(date(2026, 11, 24), whole_week) is None


def test_closed_days_do_not_shift_the_tip_rotation(tokyo):
    """A closed day skips its own tip; every other day keeps the tip it always had."""
    from bot.features.tips.tip import tip_for

    closed = frozenset({date(2026, 11, 25)})
    assert tip_for(tokyo, date(2026, 11, 25), closed) is None
    assert tip_for(tokyo, date(2026, 11, 26), closed) == tip_for(tokyo, date(2026, 11, 26))
