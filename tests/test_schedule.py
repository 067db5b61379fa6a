"""Periods and posting days, as pure functions of dates: what a feature's ``Kind`` says about when."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from bot.schedule import (DAY, FRIDAY, MONTH, WEEK, every_working_day, first_working_day, last_working_day_by,
                          parse_month, period)


@pytest.mark.parametrize("day, every, name", [
    (date(2026, 11, 24), DAY, "2026-11-24"), (date(2026, 11, 24), WEEK, "2026-W48"),
    (date(2027, 1, 1), WEEK, "2026-W53"), (date(2027, 1, 31), MONTH, "2027-01"), (date(2026, 12, 1), MONTH, "2026-12"),
])
def test_a_period_is_a_day_an_iso_week_or_a_month(day, every, name):
    assert period(day, every) == name


def test_months_are_read_back_and_nonsense_is_refused():
    assert parse_month("2027-01") == date(2027, 1, 1)
    for text in ("2027-13", "2027-1", "January", "2027-00"):
        with pytest.raises(ValueError, match="2027-01"):
            parse_month(text)


def days(first: date, last: date, on, closed=frozenset()) -> list[str]:
    span = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return [d.isoformat() for d in span if on(d, closed)]


def test_the_first_working_day_of_a_month_skips_the_new_year_and_a_closed_day():
    assert days(date(2026, 12, 1), date(2027, 3, 31), first_working_day(MONTH)) == [
        "2026-12-01", "2027-01-04", "2027-02-01", "2027-03-01"]
    assert days(date(2027, 2, 1), date(2027, 2, 28), first_working_day(MONTH), frozenset({date(2027, 2, 1)})) == [
        "2027-02-02"]


def test_the_first_working_day_of_a_week_moves_past_a_monday_holiday():
    # Monday 23 November 2026 is Labour Thanksgiving Day; Monday 11 January 2027 is Coming of Age Day.
    assert days(date(2026, 11, 16), date(2026, 11, 29), first_working_day(WEEK)) == ["2026-11-16", "2026-11-24"]
    assert days(date(2027, 1, 4), date(2027, 1, 17), first_working_day(WEEK)) == ["2027-01-04", "2027-01-12"]


def test_the_last_working_day_by_friday_is_the_roundups_day():
    assert days(date(2026, 3, 16), date(2026, 3, 22), last_working_day_by(FRIDAY)) == ["2026-03-19"]
    assert days(date(2026, 12, 28), date(2027, 1, 3), last_working_day_by(FRIDAY)) == ["2026-12-28"]
    assert days(date(2026, 11, 23), date(2026, 11, 29), every_working_day) == [
        "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"]
