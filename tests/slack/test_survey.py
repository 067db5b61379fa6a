"""The pulse survey on Slack: the question as buttons Slack accepts, answered by signed
``block_actions`` into the real Bolt app, each answer committed before the ack and confirmed to the
presser alone (ephemeral, through the press's ``response_url``); the weekly post through the
scheduler's own path."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from bot.i18n import t
from bot.schedule import Slot
from scheduler import jobs
from storage.claims import ClaimStore
from storage.survey import survey_answers, survey_respondents
from tests.fakes.slack_api import RESPONSE, block_actions
from tests.slack.conftest import slack_world
from tests.slack.test_choices import valid

KEY = "s" * 40
WEEK = "2026-W50"  # a week whose question has five choices: buttons
MENU_WEEK = "2026-W48"  # the fake clock's own week, whose question has six: a menu


def question(tokyo, lang="ja", day="2026-12-08"):
    return tokyo.survey_for_week(datetime.fromisoformat(day).date(), lang)


async def counts(rt) -> dict:
    async with rt.engine.connect() as conn:
        rows = (await conn.execute(sa.select(survey_answers.c.channel, survey_answers.c.choice,
                                             survey_answers.c.answers).where(survey_answers.c.answers > 0))).all()
        people = await conn.scalar(sa.select(sa.func.count()).select_from(survey_respondents))
    return {"counters": {(r.channel, r.choice): r.answers for r in rows}, "respondents": people}


async def test_asked_privately_answered_by_a_button_changed_once_and_counted_once(tmp_path, tokyo):
    q = question(tokyo)
    async with slack_world(f"sqlite+aiosqlite:///{tmp_path}/kodo.db", secret_keys=(KEY,)) as slack:
        slack.clock.set("2026-12-08T10:00:00+09:00")
        asked = await slack.command("U_ALICE", "/kodo", "survey", channel="C42")
        body = asked.json
        assert body["response_type"] == "ephemeral" and q.question in body["text"]
        [actions] = [b for b in valid(body["blocks"]) if b["type"] == "actions"]
        assert [b["action_id"] for b in actions["elements"]] == [f"survey:answer#{n}" for n in range(1, 6)]
        assert [b["value"] for b in actions["elements"]] == [f"{WEEK}|{q.id}|{n}" for n in range(1, 6)]
        assert [b["text"]["text"] for b in actions["elements"]] == list(q.choices)

        hook = slack.api.hook("s1")
        first = block_actions("U_ALICE", "survey:answer#2", value=f"{WEEK}|{q.id}|2", channel="C42",
                              ephemeral=True, response_url=hook)
        assert (await slack.interact(first)).status == 200
        # Committed before the ack: the count is there as soon as Slack has its 200.
        assert await counts(slack.rt) == {"counters": {("", 2): 1}, "respondents": 1}
        [said] = slack.api.sent(RESPONSE)
        assert said["response_type"] == "ephemeral" and said["replace_original"] is False
        assert f"回答しました：「{q.choices[1]}」" in said["text"]
        [again] = [b for b in valid(said["blocks"]) if b["type"] == "actions"]
        assert [b.get("style") for b in again["elements"]] == [None, "primary", None, None, None]

        changed = block_actions("U_ALICE", "survey:answer#4", value=f"{WEEK}|{q.id}|4", channel="C42",
                                ephemeral=True, response_url=hook)
        for _ in range(2):  # a change of mind, then the same press delivered twice
            assert (await slack.interact(changed)).status == 200
        assert await counts(slack.rt) == {"counters": {("", 4): 1}, "respondents": 1}
        answers = [p["text"] for p in slack.api.sent(RESPONSE)[1:]]
        assert f"「{q.choices[1]}」から「{q.choices[3]}」に変えました" in answers[0]
        assert f"すでに「{q.choices[3]}」と回答しています" in answers[1]
        assert slack.api.sent("chat.postMessage") == []  # never in the channel


async def test_the_weekly_post_is_pressed_in_its_channel_and_old_or_forged_presses_change_nothing(tmp_path, tokyo):
    q = question(tokyo, "en", "2026-11-24")
    async with slack_world(f"sqlite+aiosqlite:///{tmp_path}/kodo.db", secret_keys=(KEY,)) as slack:
        said = await slack.command("U_BOSS", "/kodo", "subscribe survey en", channel="C1")
        assert "pulse survey question on Mondays" in said.json["text"]
        deps = jobs.Deps(slack.rt.kodo, ClaimStore(slack.rt.engine), {"slack": slack.platform.messenger})
        at = datetime.fromisoformat("2026-11-23T10:00:00+09:00")  # Monday of the fake clock's week
        for _ in range(2):  # however often it runs: once per channel and week
            await jobs.post(deps, Slot("survey", MENU_WEEK, at), at)
        [post] = slack.api.sent("chat.postMessage")
        assert post["channel"] == "C1" and q.question in post["text"]
        [actions] = [b for b in valid(post["blocks"]) if b["type"] == "actions"]
        [menu] = actions["elements"]  # six choices: a menu, with nobody's answer chosen in a post
        assert menu["type"] == "static_select" and "initial_option" not in menu
        assert [o["value"] for o in menu["options"]] == [f"{MENU_WEEK}|{q.id}|{n}" for n in range(1, 7)]

        hook = slack.api.hook("p1")
        for who, n in (("U_BOB", 1), ("U_CAROL", 1), ("U_ALICE", 3)):
            press = block_actions(who, "survey:answer", selected=f"{MENU_WEEK}|{q.id}|{n}", channel="C1",
                                  ts="1700000000.000100", response_url=hook)
            assert (await slack.interact(press)).status == 200
        assert await counts(slack.rt) == {"counters": {("C1", 1): 2, ("C1", 3): 1}, "respondents": 3}

        for value in (f"2026-W47|{q.id}|1", f"{MENU_WEEK}|no-such-question|1", f"{MENU_WEEK}|{q.id}|9", "<!channel>"):
            press = block_actions("U_BOB", "survey:answer#1", value=value, channel="C1", response_url=hook)
            assert (await slack.interact(press)).status == 200
        told = [p["text"] for p in slack.api.sent(RESPONSE)[3:]]
        assert "That week's pulse survey has closed." in told[0]
        assert told[1:] == [t("press.unavailable", "en")] * 3
        assert await counts(slack.rt) == {"counters": {("C1", 1): 2, ("C1", 3): 1}, "respondents": 3}


async def test_without_the_key_slack_is_told_the_survey_is_off(slack, tokyo):
    q = question(tokyo, day="2026-11-24")
    assert t("survey.off", "ja") in (await slack.command("U_ALICE", "/kodo", "survey")).json["text"]
    press = block_actions("U_ALICE", "survey:answer#1", value=f"{MENU_WEEK}|{q.id}|1", response_url=slack.api.hook())
    assert (await slack.interact(press)).status == 200
    assert slack.api.sent(RESPONSE)[0]["text"] == t("survey.off", "ja")
