"""The quiz on Teams: the question is an Adaptive Card with one Action.Execute per choice (and its
Action.Submit fallback) that validates against the official schema; a card action into the real
botbuilder adapter is answered in the presser's own view of the card, a second press changes
nothing, and the daily tip's card carries its question."""

from __future__ import annotations

from datetime import date

from adapters.teams import render
from bot.features.quiz.ask import next_question, of_the_day
from bot.features.tips.tip import tip, tip_for
from bot.i18n import t
from tests.teams.conftest import BOB, sqlite_only
from tests.teams.test_choices import card_action
from tests.teams.test_platform_rules import check_card, check_sent

TUESDAY = date(2026, 11, 24)


def buttons(card: dict) -> list[dict]:
    [actions] = [e for e in card["body"] if e["type"] == "ActionSet"]
    for action in actions["actions"]:
        assert action["type"] == "Action.Execute" and action["fallback"]["type"] == "Action.Submit"
    return actions["actions"]


def texts(card: dict) -> str:
    return "\n".join(e.get("text", "") for e in card["body"])


@sqlite_only
async def test_a_question_is_pressed_and_answered_in_the_pressers_own_view(chat, tokyo):
    q = next_question(tokyo, (), TUESDAY)
    [asked] = await chat.say("quiz", user=BOB)
    check_sent([asked])
    card = asked.activity["attachments"][0]["content"]
    assert tokyo.quiz_question(q.id, "en").question in texts(card)
    pressed = buttons(card)
    assert [a["data"][render.VALUE] for a in pressed] == [f"{q.id}:{n}" for n in range(1, len(q.choices) + 1)]

    status, body = await chat.post(card_action(chat, pressed[q.answer - 1]["data"], user=BOB))
    assert status == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    check_card(body["value"])
    en = tokyo.quiz_question(q.id, "en")
    assert t("quiz.right", "en") in texts(body["value"]) and "Quiz: 1 answered, 1 right, streak 1" in texts(body["value"])
    assert chat.connector.take() == []  # nothing to the channel

    wrong = q.answer % len(q.choices)
    status, again = await chat.post(card_action(chat, pressed[wrong]["data"], user=BOB, activity_id="inv-9"))
    assert status == 200 and t("quiz.again", "en") in texts(again["value"])
    assert t("quiz.right", "en") in texts(again["value"]) and en.right_choice in texts(again["value"])
    [me] = await chat.say("me", user=BOB)
    assert "Quiz: 1 answered, 1 right, streak 1" in me.texts()


@sqlite_only
async def test_the_tip_card_carries_its_question_and_validates(chat, tokyo):
    number, index = tip_for(tokyo, TUESDAY)
    q = of_the_day(tokyo, number, index)
    for lang in ("ja", "en"):
        card = render.card(tip(chat.rt.kodo.parts("tips"), TUESDAY, lang, "teams"), render.NameBook())
        check_card(card)
        assert tokyo.quiz_question(q.id, lang).question in texts(card)
        assert [a["data"][render.VALUE] for a in buttons(card)] == [f"{q.id}:{n}" for n in range(1, 5)]
