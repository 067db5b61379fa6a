"""Daily tips and weekly roundups, with a fake clock and a real database."""

from __future__ import annotations

from datetime import date, timedelta

from bot import calendar
from bot.dates import parse_week, week_name
from bot.features.roundup.digest import build_roundup, roundup_reply, week_bounds
from bot.features.roundup.post import show
from bot.features.tips.tip import tip, tip_for, tip_pool
from bot.kpi import Scope
from tests.fakes.conversation import Conversation


def working_days(start: date, count: int) -> list[date]:
    days, day = [], start
    while len(days) < count:
        if calendar.is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def test_japanese_holidays_and_weekends_have_no_tip(tokyo):
    for day in (date(2026, 11, 23), date(2026, 11, 28), date(2026, 11, 29), date(2027, 1, 1), date(2026, 9, 22)):
        assert tip_for(tokyo, day) is None, day
    assert tip_for(tokyo, date(2026, 11, 24)) is not None


def test_the_rotation_uses_the_whole_pool_before_repeating(tokyo):
    pool = tip_pool(tokyo)
    assert len(pool) == len(set(pool)) == sum(len(p.tips) for p in tokyo.principles["ja"])
    days = working_days(date(2026, 11, 24), 2 * len(pool))
    picks = [tip_for(tokyo, day) for day in days]
    first, second = picks[:len(pool)], picks[len(pool):]
    assert sorted(first) == sorted(pool)  # every tip once...
    assert first == second  # ...then the same cycle again
    assert [n for n, _ in picks[:10]] == sorted(n for n, _ in picks[:10])  # consecutive days, different principles
    assert len({n for n, _ in picks[:10]}) == 10


def test_the_same_day_gets_the_same_tip_in_both_languages(kodo):
    parts = kodo.parts("tips")
    ja, en = tip(parts, date(2026, 11, 24), "ja"), tip(parts, date(2026, 11, 24), "en")
    number, index = tip_for(kodo.pack, date(2026, 11, 24))
    assert kodo.pack.principle(number, "ja").tips[index] in ja.text
    assert kodo.pack.principle(number, "en").tips[index] in en.text
    assert f"/principle {number}" in ja.text and f"/principle {number}" in en.text


async def test_the_roundup_counts_features_and_invites(kodo, clock, stores):
    bob, carol = Conversation(kodo, "bob"), Conversation(kodo, "carol")
    await bob.type("障害のある方とユーザテストをしました")
    for giver in ("alice", "dave", "erin"):
        await bob.type(f"/as {giver}", "/kudos @bob 3 障害のある方と一緒にテストを設計した")
    await carol.type("/kudos @frank 1 顧客インタビューを企画", "/kudos @gina 5 脆弱性を早めに報告")
    await carol.type("/as gina", "/kodo ranking off")
    clock.advance(minutes=1)
    start, end = week_bounds(clock.now(), kodo.tz)
    reply = await show(kodo.parts("roundup"), "console", "ja", start, end)
    text = reply.text
    assert "称賛は全部で5件です。前の週は0件でした。" in text  # no space after 。, no "+5 (0 then)"
    assert "\n・#3 誰ひとり取り残されないようにしよう：3件" in text  # the console shows no :kodo3: codes
    assert "<@bob>さん：3件" in text and "<@frank>さん：1件" in text
    assert "gina" not in text  # opted out: not ranked, not featured
    assert "「障害のある方と一緒にテストを設計した」" in text
    assert "「顧客インタビューを企画」（実践の少ない#1の貴重な例）" in text and "(" not in text  # full-width
    assert text.count("実践の少ない") == 1  # a label, not a refrain on every story
    assert "もっと実践したい原則" in text and "#2 シンプルなサービスを心がけよう（0件）" in text
    data = await build_roundup(stores.roundup, kodo.kpis, kodo.pack, Scope(platform="console"), start, end)
    slack = roundup_reply(kodo.pack, data, "ja", kodo.tz, platform="slack").text  # the same week, shown in Slack
    assert ":kodo3: #3 誰ひとり取り残されないようにしよう：3件" in slack and ":kodo2: のリアクションで称えましょう" in slack


async def test_a_forgotten_person_disappears_from_the_roundup(kodo, clock):
    chat = Conversation(kodo, "alice")
    await chat.type("/kudos @bob 4 データを公開してくれた", "/as bob", "/kodo forget-me")
    clock.advance(minutes=1)
    start, end = week_bounds(clock.now(), kodo.tz)
    text = (await show(kodo.parts("roundup"), "console", "en", start, end)).text
    assert "One kudos in all." in text and "bob" not in text and "anon:" not in text


def test_a_week_is_named_as_parse_week_reads_it():
    assert week_name(date(2026, 11, 24)) == "2026-W48"
    assert week_name(date(2027, 1, 1)) == "2026-W53"  # ISO weeks: 1 January 2027 is in 2026's last week
    for day in (date(2026, 11, 23), date(2026, 11, 29), date(2027, 1, 1)):
        assert parse_week(week_name(day)) == day - timedelta(days=day.weekday())


def test_a_week_that_has_not_started_has_no_bounds(clock, tokyo):
    from zoneinfo import ZoneInfo

    from bot.features.roundup.digest import WeekNotStarted

    tz = ZoneInfo("Asia/Tokyo")  # the clock reads Tuesday 24 November 2026 (2026-W48)
    for week in ("2026-W49", "2026-W53", "2027-W10"):
        try:
            week_bounds(clock.now(), tz, parse_week(week))
        except WeekNotStarted as exc:
            assert exc.monday == parse_week(week)
        else:
            raise AssertionError(f"{week} has not started, yet it got bounds")
    start, end = week_bounds(clock.now(), tz, parse_week("2026-W48"))
    assert start.date() == date(2026, 11, 23) and end == clock.now()


async def test_a_roundup_read_the_moment_its_week_begins_runs_from_monday_to_monday(kodo, clock):
    clock.set("2026-11-23T00:00:00+09:00")  # Monday 00:00 exactly: the week is nothing long yet
    start, end = week_bounds(clock.now(), kodo.tz)
    text = (await show(kodo.parts("roundup"), "console", "ja", start, end)).text
    assert "今週の称賛まとめ（11月23日〜11月23日）" in text


async def test_only_the_running_week_is_this_week(kodo, clock):
    """A past week is named by its dates, whoever asks for it and however the bounds were made."""
    from datetime import datetime, time

    monday = parse_week("2026-W47")
    start, end = (datetime.combine(monday + timedelta(days=d), time(0), kodo.tz) for d in (0, 7))
    for lang, this_week in (("ja", "今週"), ("en", "this week")):
        text = (await show(kodo.parts("roundup"), "console", lang, start, end)).text
        assert this_week not in text.casefold(), text
    future = datetime.combine(parse_week("2026-W50"), time(0), kodo.tz)
    text = (await show(kodo.parts("roundup"), "console", "ja", future, future + timedelta(days=7))).text
    assert "今週" not in text  # not this week, even if a caller were to ask for it


def test_a_day_off_is_named_for_what_it_is():
    from bot.features.tips.tip import no_tip_reply

    closed = frozenset({date(2026, 12, 25)})
    said = {(day, lang): no_tip_reply(date.fromisoformat(day), lang, closed).text
            for day in ("2026-11-28", "2026-11-23", "2026-12-29", "2027-01-01", "2026-12-25") for lang in ("ja", "en")}
    assert said["2026-11-28", "ja"] == "2026年11月28日（土）は週末のため、行動規範のヒントの配信はありません。"
    assert said["2026-11-28", "en"] == "Saturday 28 November 2026 falls on a weekend, so no tip is scheduled."
    assert said["2026-11-23", "ja"] == "2026年11月23日（月）は祝日（勤労感謝の日）のため、行動規範のヒントの配信はありません。"
    assert said["2026-11-23", "en"] == ("Monday 23 November 2026 is a public holiday (Labor Thanksgiving Day), "
                                        "so no tip is scheduled.")
    assert said["2026-12-29", "ja"] == ("2026年12月29日（火）は年末年始の休日（12月29日〜1月3日）のため、"
                                        "行動規範のヒントの配信はありません。")
    assert said["2026-12-29", "en"] == ("Tuesday 29 December 2026 falls in the year-end and New Year holidays "
                                        "(29 December to 3 January), so no tip is scheduled.")
    assert "祝日（元日）" in said["2027-01-01", "ja"] and "(New Year's Day)" in said["2027-01-01", "en"]
    assert said["2026-12-25", "ja"] == "2026年12月25日（金）は休業日に定められているため、行動規範のヒントの配信はありません。"
    assert said["2026-12-25", "en"] == "Friday 25 December 2026 is set as a closed day, so no tip is scheduled."
