"""Daily tips and weekly roundups, with a fake clock and a real database."""

from __future__ import annotations

from datetime import date, timedelta

from bot import calendar
from bot.dates import parse_week, week_name
from bot.features.roundup.digest import build_roundup, roundup_reply, week_bounds
from bot.features.roundup.post import show
from bot.features.tips.tip import tip, tip_for, tip_pool
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
    data = await build_roundup(stores.roundup, kodo.kpis, kodo.pack, "console", start, end)
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
