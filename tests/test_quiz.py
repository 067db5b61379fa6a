"""The quiz, read like conversations in the console: a question asked privately, answered right
and wrong with the explanation from the principle's text, the same question pressed twice, the
question under the daily tip, ``/kodo me``'s line and a streak of working days in KODO_TIMEZONE."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa

from bot.app import Kodo
from bot.features.quiz.ask import next_question, of_the_day, pool
from bot.features.quiz.streak import streak
from bot.features.tips.tip import tip_for
from bot.i18n import t
from storage.kpi import SqlKpi
from storage.quiz import quiz_answers
from tests.fakes.conversation import Conversation

TUESDAY = date(2026, 11, 24)  # the fake clock's day


def wrong(question) -> int:
    return question.answer % len(question.choices) + 1


async def answers(engine) -> list[tuple]:
    async with engine.connect() as conn:
        return [tuple(r) for r in await conn.execute(
            sa.select(quiz_answers.c.user_id, quiz_answers.c.question, quiz_answers.c.choice,
                      quiz_answers.c.correct, quiz_answers.c.day).order_by(quiz_answers.c.id))]


async def test_a_question_answered_right_then_pressed_again_changes_nothing(kodo, tokyo, engine):
    chat = Conversation(kodo, "alice")
    q = next_question(tokyo, (), TUESDAY)
    asked = await chat.type("/kodo quiz")
    p = tokyo.principle(q.principle, "ja")
    assert asked.startswith(f"kodo (only alice): ■ クイズ：#{p.number} {p.title}\n    {q.question}\n    [c1] 1) ")
    for choice in q.choices:
        assert choice in asked

    right = await chat.type(f"/pick c1 {q.answer}")
    assert right.startswith(f"alice: /pick c1 {q.answer}\nkodo (only alice): ■ {t('quiz.right', 'ja')}\n")
    assert f"あなたの答え：{q.right_choice}" in right and "正解：" not in right.replace("問正解", "")
    assert q.explanation in right  # grounded in the principle's text, naming its section
    assert "クイズ：1問回答、1問正解、連続1日" in right

    again = await chat.type(f"/pick c1 {wrong(q)}")  # a second press: the first answer stands
    assert t("quiz.again", "ja") in again and t("quiz.right", "ja") in again
    assert "クイズ：1問回答、1問正解、連続1日" in again
    assert await answers(engine) == [("alice", q.id, q.answer, True, TUESDAY)]


async def test_a_wrong_answer_shows_the_right_one_and_the_next_question_is_a_new_one(kodo, tokyo, engine):
    chat = Conversation(kodo, "bob", locale="en")
    first = next_question(tokyo, (), TUESDAY)
    await chat.type("/kodo quiz", f"/pick c1 {first.answer}")
    q = next_question(tokyo, {first.id}, TUESDAY)
    q_en = tokyo.quiz_question(q.id, "en")
    assert q.id != first.id
    asked = await chat.type("/kodo quiz")
    assert q_en.question in asked and "[c2]" in asked
    answer = await chat.type(f"/pick c2 {wrong(q)}")
    assert f"■ {t('quiz.wrong', 'en')}" in answer
    assert f"Your answer: {q_en.choices[wrong(q) - 1]}" in answer
    assert f"The right answer: {q_en.right_choice}" in answer and q_en.explanation in answer
    assert "Quiz: 2 answered, 1 right, streak 1" in answer
    assert "Quiz: 2 answered, 1 right, streak 1" in await chat.type("/kodo me")


async def test_quiz_for_one_principle_and_words_it_cannot_read(kodo, tokyo):
    chat = Conversation(kodo, "carol")
    assert f"■ クイズ：#3 {tokyo.principle(3, 'ja').title}" in await chat.type("/kodo quiz ３")
    assert await chat.type("/kodo quiz 11") == (
        "kodo (only carol): " + t("quiz.range", "ja", size=10, command="/kodo quiz") + "\n")
    assert await chat.type("/kodo quiz <!channel>") == (
        "kodo (only carol): " + t("quiz.range", "ja", size=10, command="/kodo quiz") + "\n")


async def test_every_question_answered_says_so(kodo, tokyo, stores, clock):
    chat = Conversation(kodo, "dave")
    for n in range(len(pool(tokyo))):
        shown = await chat.type("/kodo quiz")
        assert f"[c{n + 1}]" in shown
        await chat.type(f"/pick c{n + 1} 1")
    done = await chat.type("/kodo quiz")
    assert done == "kodo (only dave): " + t("quiz.all", "ja", count=33, look_up="/principle") + "\n"


async def test_the_daily_tip_carries_its_principles_question_and_anyone_may_answer_privately(kodo, tokyo, engine):
    chat = Conversation(kodo, "alice")
    number, index = tip_for(tokyo, TUESDAY)
    q = of_the_day(tokyo, number, index)
    assert q.principle == number
    posted = await chat.type("/tip")
    assert posted.startswith("kodo: ■ 今日の行動規範：")
    assert f"クイズ：{q.question}" in posted and "[c1] 1) " in posted
    await chat.type("/as bob")
    answered = await chat.type(f"/pick c1 {q.answer}")
    assert f"kodo (only bob): ■ {t('quiz.right', 'ja')}" in answered
    assert await answers(engine) == [("bob", q.id, q.answer, True, TUESDAY)]


async def test_a_forged_press_is_answered_politely_and_stores_nothing(kodo, engine):
    from tests.fakes.conversation import Conversation as C

    chat = C(kodo, "eve")
    session = chat.session
    for value in ("nope:1", "customer-who-first:9", "customer-who-first:x", "customer-who-first", ":1",
                  "customer-who-first:0001"):
        out = await kodo.press(session._ctx(), "quiz:answer", value)
        assert [o.reply.text for o in out] == [t("press.unavailable", "ja")], value
    assert await kodo.press(session._ctx(), "quiz:other", "customer-who-first:1") != []
    assert await answers(engine) == []


@pytest.mark.parametrize("days, today, expected", [
    ([], date(2026, 11, 27), 0),
    ([date(2026, 11, 26), date(2026, 11, 27)], date(2026, 11, 27), 2),
    ([date(2026, 11, 26)], date(2026, 11, 27), 1),  # today is not over: yesterday's streak stands
    ([date(2026, 11, 25)], date(2026, 11, 27), 0),  # Thursday missed
    ([date(2026, 11, 27), date(2026, 11, 30)], date(2026, 11, 30), 2),  # across a weekend
    ([date(2026, 11, 27)], date(2026, 11, 29), 1),  # on Sunday, Friday's streak stands
    ([date(2026, 11, 20), date(2026, 11, 24)], date(2026, 11, 24), 2),  # across a weekend and 勤労感謝の日
    ([date(2026, 11, 28)], date(2026, 11, 30), 1),  # a Saturday's answer counts for Friday
    ([date(2026, 12, 28), date(2027, 1, 4)], date(2027, 1, 4), 2),  # across 12/29–1/3
    ([date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 4), date(2027, 1, 5)], date(2027, 1, 5), 4),
])
def test_a_streak_counts_working_days_and_days_off_never_break_it(days, today, expected):
    assert streak(days, today) == expected


def test_closed_days_never_break_a_streak():
    closed = frozenset({date(2026, 12, 2)})
    assert streak([date(2026, 12, 1), date(2026, 12, 3)], date(2026, 12, 3)) == 1
    assert streak([date(2026, 12, 1), date(2026, 12, 3)], date(2026, 12, 3), closed) == 2


async def test_a_streak_across_a_weekend_and_the_year_end_in_the_console(kodo, clock):
    chat = Conversation(kodo, "alice", locale="en")
    for when, expected in (("2026-11-27T09:00:00+09:00", 1),  # Friday
                           ("2026-11-30T18:00:00+09:00", 2),  # Monday: the weekend broke nothing
                           ("2026-12-28T12:00:00+09:00", 1),  # after a gap: a new streak
                           ("2027-01-04T08:30:00+09:00", 2)):  # 12/29–1/3 broke nothing
        clock.set(when)
        shown = await chat.type("/kodo quiz")
        handle = shown.split("[", 1)[1].split("]", 1)[0]
        answered = await chat.type(f"/pick {handle} 1")
        assert f"streak {expected}" in answered, (when, answered)


@pytest.mark.parametrize("zone, expected", [("Asia/Tokyo", 2), ("UTC", 1)])
async def test_the_day_is_kodo_timezones_so_2359_and_0001_are_two_days(tokyo, stores, clock, settings, zone, expected):
    """23:59 on Tuesday and 00:01 on Wednesday in Tokyo are two working days in KODO_TIMEZONE=Asia/Tokyo
    (in UTC both fall on Tuesday)."""
    kodo = Kodo(tokyo, stores, clock, replace(settings, timezone=zone),
                kpis=SqlKpi(stores.db.engine, tokyo.id, now=clock.now))
    chat = Conversation(kodo, "alice", locale="en")
    clock.set("2026-12-01T23:59:00+09:00")
    await chat.type("/kodo quiz", "/pick c1 1")
    clock.set("2026-12-02T00:01:00+09:00")
    await chat.type("/kodo quiz")
    assert f"streak {expected}" in await chat.type("/pick c2 1")


async def test_forget_me_removes_the_quiz_answers(kodo, engine):
    chat = Conversation(kodo, "alice")
    await chat.type("/kodo quiz", "/pick c1 1")
    await chat.type("/as bob")
    await chat.type("/kodo quiz", "/pick c2 1")
    await chat.type("/as alice", "/kodo forget-me")
    assert [row[0] for row in await answers(engine)] == ["bob"]
    assert "クイズ" not in await chat.type("/kodo me")
