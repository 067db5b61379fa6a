"""The pulse survey on Teams: the question as an Adaptive Card whose choices are Action.Execute with
an Action.Submit fallback, valid against the official schema and Teams' limits; pressed as
``adaptiveCard/action`` invokes and as Submit messages into the real botbuilder adapter, answered in
the presser's own view of the card or their 1:1 chat, never in the channel; counted once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa

from adapters.teams import render
from bot.i18n import t
from storage.survey import survey_answers, survey_respondents
from tests.teams.conftest import ALICE, BOB, CHANNEL, message, sqlite_only
from tests.teams.test_choices import card_action
from tests.teams.test_platform_rules import check_card, check_sent

KEY = "t" * 40
WEEK = "2026-W50"


@pytest.fixture
def teams_settings(teams_settings):
    return replace(teams_settings, secret_keys=(KEY,))


async def counted(rt) -> tuple[dict, int]:
    async with rt.engine.connect() as conn:
        rows = (await conn.execute(sa.select(survey_answers.c.choice, survey_answers.c.answers)
                                   .where(survey_answers.c.answers > 0))).all()
        people = await conn.scalar(sa.select(sa.func.count()).select_from(survey_respondents))
    return {r.choice: r.answers for r in rows}, people


def buttons(card: dict) -> list[dict]:
    [actions] = [e for e in card["body"] if e["type"] == "ActionSet"]
    return actions["actions"]


@sqlite_only
async def test_the_question_is_a_card_of_choices_and_a_press_is_counted_once_in_the_pressers_view(chat, tokyo,
                                                                                                clock):
    clock.set("2026-12-08T10:00:00+09:00")
    q = tokyo.survey_for_week(date(2026, 12, 8), "en")
    [asked] = await chat.say("survey")
    check_sent([asked])
    card = asked.activity["attachments"][0]["content"]
    assert card["version"] == render.UNIVERSAL_VERSION
    choices = buttons(card)
    assert [a["title"] for a in choices] == list(q.choices)
    assert [a["data"][render.VALUE] for a in choices] == [f"{WEEK}|{q.id}|{n}" for n in range(1, 6)]
    assert all(a["type"] == "Action.Execute" and a["fallback"]["type"] == "Action.Submit" for a in choices)
    assert "/kodo" not in str(card)  # Teams' own words only

    status, body = await chat.post(card_action(chat, choices[1]["data"]))
    assert status == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    view = body["value"]
    check_card(view)
    assert f"Thank you. Your answer: “{q.choices[1]}”" in str(view)
    assert [a.get("style") for a in buttons(view)] == [None, "positive", None, None, None]
    assert await counted(chat.rt) == ({2: 1}, 1)

    status, body = await chat.post(card_action(chat, choices[3]["data"], activity_id="inv-8"))
    assert f"Your answer is now “{q.choices[3]}”" in str(body["value"])
    status, body = await chat.post(card_action(chat, choices[3]["data"], activity_id="inv-9"))  # again
    assert f"You have already answered “{q.choices[3]}”" in str(body["value"])
    assert await counted(chat.rt) == ({4: 1}, 1)
    assert chat.connector.take() == []  # nothing in the channel, nor anywhere else

    submit = {**message(chat.connector.url, "", BOB), "value": choices[0]["data"]}
    submit.pop("text"), submit.pop("entities")
    assert (await chat.post(submit))[0] == 201
    sent = chat.connector.take()
    check_sent(sent)
    assert [s.conversation for s in sent] == [f"a:dm-{BOB['id']}"]  # Bob's 1:1 chat, never the channel
    assert "Thank you." in sent[0].texts() and all(CHANNEL not in s.conversation for s in sent)
    assert await counted(chat.rt) == ({4: 1, 1: 1}, 2)


@sqlite_only
async def test_a_six_choice_question_is_a_menu_and_a_closed_week_is_told_so(chat, tokyo, clock):
    q = tokyo.survey_for_week(date(2026, 11, 24), "ja")
    [asked] = await chat.say("アンケート", locale="ja-JP")
    card = asked.activity["attachments"][0]["content"]
    check_card(card)
    [menu] = [e for e in card["body"] if e["type"] == "Input.ChoiceSet"]
    [go] = buttons(card)
    data = {**go["data"], menu["id"]: menu["choices"][2]["value"]}
    status, body = await chat.post(card_action(chat, data, locale="ja-JP"))
    assert f"回答しました：「{q.choices[2]}」" in str(body["value"])
    clock.set("2026-11-30T09:00:00+09:00")  # the week has closed
    status, body = await chat.post(card_action(chat, data, locale="ja-JP", activity_id="inv-10"))
    assert status == 200 and "締め切りました" in str(body) and "/kodo" not in str(body)
    assert await counted(chat.rt) == ({3: 1}, 1)
    assert ALICE["id"] not in str(await counted(chat.rt))
    assert t("survey.closed", "ja", survey="@Kodo survey").split("。")[0] in str(body)
