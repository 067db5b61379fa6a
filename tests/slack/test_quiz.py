"""The quiz on Slack: ``/kodo quiz`` and the daily tip offer the question as buttons Slack accepts;
a signed ``block_actions`` press into the real Bolt app is answered to the presser alone (an
ephemeral message through the press's ``response_url``), a second press changes nothing, and App
Home shows the quiz line of ``/kodo me``."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from adapters.slack.render import message
from bot.features.quiz.ask import next_question, of_the_day
from bot.features.tips.tip import tip, tip_for
from bot.i18n import t
from storage.quiz import quiz_answers
from tests.fakes.slack_api import RESPONSE, block_actions
from tests.slack.test_choices import valid
from tests.slack.test_commands import shown

TUESDAY = date(2026, 11, 24)


def quiz_buttons(blocks: list[dict]) -> list[dict]:
    [actions] = [b for b in valid(blocks) if b["type"] == "actions"]
    return actions["elements"]


async def test_a_question_is_asked_privately_and_answered_to_the_presser_alone(slack, tokyo):
    q = next_question(tokyo, (), TUESDAY)
    asked = await slack.command("U_BOB", "/kodo", "quiz", channel="C42")
    assert tokyo.quiz_question(q.id, "en").question in shown(asked)
    buttons = quiz_buttons(asked.json["blocks"])
    assert [b["action_id"] for b in buttons] == [f"quiz:answer#{n}" for n in range(1, len(q.choices) + 1)]
    assert [b["value"] for b in buttons] == [f"{q.id}:{n}" for n in range(1, len(q.choices) + 1)]

    wrong = q.answer % len(q.choices) + 1
    press = block_actions("U_BOB", f"quiz:answer#{wrong}", value=f"{q.id}:{wrong}", channel="C42",
                          ephemeral=True, response_url=slack.api.hook("q1"))
    assert (await slack.interact(press)).status == 200
    [private] = slack.api.sent(RESPONSE)
    assert private["response_type"] == "ephemeral" and private["replace_original"] is False
    en = tokyo.quiz_question(q.id, "en")
    assert private["text"].startswith("■ " + t("quiz.wrong", "en"))
    assert en.right_choice in private["text"] and "Quiz: 1 answered, 0 right, streak 1" in private["text"]
    valid(private["blocks"])

    right = block_actions("U_BOB", f"quiz:answer#{q.answer}", value=f"{q.id}:{q.answer}", channel="C42",
                          ephemeral=True, response_url=slack.api.hook("q2"))
    assert (await slack.interact(right)).status == 200  # pressed again, rightly this time: nothing changes
    again = slack.api.sent(RESPONSE)[1]
    assert t("quiz.again", "en") in again["text"] and t("quiz.wrong", "en") in again["text"]
    assert "Quiz: 1 answered, 0 right, streak 1" in again["text"]
    async with slack.rt.engine.connect() as conn:
        rows = (await conn.execute(sa.select(quiz_answers.c.user_id, quiz_answers.c.choice,
                                             quiz_answers.c.workspace, quiz_answers.c.channel))).all()
    assert [tuple(r) for r in rows] == [("U_BOB", wrong, "T1", "C42")]
    assert slack.api.sent("chat.postMessage") == [] and slack.api.sent("chat.postEphemeral") == []


async def test_the_tips_question_is_pressed_in_the_channel_and_answered_privately(slack, tokyo):
    parts = slack.rt.kodo.parts("tips")
    post = message(tip(parts, TUESDAY, "ja", "slack"))
    number, index = tip_for(tokyo, TUESDAY)
    q = of_the_day(tokyo, number, index)
    assert [b["value"] for b in quiz_buttons(post["blocks"])] == [f"{q.id}:{n}" for n in range(1, 5)]
    assert q.question in post["text"]  # the notification's fallback has it too

    press = block_actions("U_ALICE", f"quiz:answer#{q.answer}", value=f"{q.id}:{q.answer}", channel="C42",
                          ts="1700000009.000100", response_url=slack.api.hook("tip"))
    assert (await slack.interact(press)).status == 200
    [private] = slack.api.sent(RESPONSE)
    assert private["response_type"] == "ephemeral" and private["replace_original"] is False  # the post stays
    assert t("quiz.right", "ja") in private["text"] and q.explanation in private["text"]


async def test_app_home_shows_the_quiz_line(slack, tokyo):
    q = next_question(tokyo, (), TUESDAY)
    await slack.interact(block_actions("U_BOB", "quiz:answer#1", value=f"{q.id}:{q.answer}", view="V1"))
    await slack.event({"type": "app_home_opened", "user": "U_BOB", "tab": "home"})
    [home] = slack.api.sent("views.publish")
    valid(home["view"]["blocks"])
    assert "Quiz: 1 answered, 1 right, streak 1" in str(home["view"]["blocks"])
