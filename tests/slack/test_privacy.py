"""Where a reason may travel in Slack: kudos given through signed slash commands in every kind of
conversation, then the Friday roundup as the scheduler posts it. Counts are the whole platform's;
words only go where everyone reading could already read them."""

from __future__ import annotations

import logging

import pytest

from bot.wiring import scheduler_deps
from scheduler import jobs
from tests.fakes.slack_api import CONNECT, GROUP_DM, PRIVATE

WHERE = {  # channel -> what conversations.info says about it
    "C_ROUND": {}, "C_PUBLIC": {}, "C_PRIVATE": PRIVATE, "D_ALICE": {}, "C_GROUP": GROUP_DM, "C_CONNECT": CONNECT,
}


def said_in(channel: str) -> str:
    return f"reason-from-{channel}"


@pytest.fixture
async def kudos_everywhere(slack):
    slack.api.conversations.update({channel: info for channel, info in WHERE.items() if info})
    for i, channel in enumerate(WHERE):
        giver = ("U_ALICE", "U_CAROL")[i % 2]  # within the daily limit
        answer = await slack.command(giver, "/kudos", f"<@U_BOB|bob> 4 {said_in(channel)}", channel=channel)
        assert answer.status == 200
    rows = {row.channel: row.visibility for row in await slack.kudos()}
    assert rows == {"C_ROUND": "public", "C_PUBLIC": "public", "C_PRIVATE": "private", "D_ALICE": "direct",
                    "C_GROUP": "group", "C_CONNECT": "shared"}
    for channel in ("C_ROUND", "C_PRIVATE", "C_CONNECT"):
        await slack.command("U_ENVADMIN", "/kodo", "subscribe roundup en", channel=channel)
    slack.clock.set("2026-11-27T17:00:00+09:00")
    slack.api.calls.clear()
    outcomes = await jobs.run(scheduler_deps(slack.rt, {"slack": slack.platform.messenger}), slack.clock.now())
    assert sorted(o.key.channel for o in outcomes if o.status == "sent") == ["C_CONNECT", "C_PRIVATE", "C_ROUND"]
    return {post["channel"]: post["text"] for post in slack.api.sent("chat.postMessage")}


def words_in(post: str) -> set[str]:
    return {channel for channel in WHERE if said_in(channel) in post}


async def test_a_public_channel_shows_its_own_and_other_public_channels_words_only(kudos_everywhere):
    post = kudos_everywhere["C_ROUND"]
    assert "6 kudos in all" in post  # the counts are everyone's
    assert words_in(post) == {"C_ROUND", "C_PUBLIC"}  # never the private channel, DM, group DM or Connect


async def test_a_private_channel_of_the_workspace_may_read_public_words_and_its_own(kudos_everywhere):
    assert words_in(kudos_everywhere["C_PRIVATE"]) == {"C_PRIVATE", "C_ROUND", "C_PUBLIC"}


async def test_a_slack_connect_channel_sees_only_its_own_words(kudos_everywhere):
    assert words_in(kudos_everywhere["C_CONNECT"]) == {"C_CONNECT"}


async def test_when_slack_cannot_say_what_a_channel_is_its_words_stay_there(slack):
    slack.api.failing["conversations.info"] = "missing_scope"
    await slack.command("U_ALICE", "/kudos", "<@U_BOB|bob> 4 said somewhere", channel="C_UNKNOWN")
    [row] = await slack.kudos()
    assert row.visibility == "private" and row.workspace == "T1"


@pytest.mark.parametrize("answer", [{"ok": True}, {"ok": True, "channel": None}, {"ok": True, "channel": "C_ODD"}],
                         ids=["no channel", "channel null", "channel a string"])
async def test_an_ok_answer_that_does_not_describe_the_channel_counts_as_private(slack, caplog, answer):
    slack.api.answers["conversations.info"] = answer
    reply = await slack.command("U_ALICE", "/kudos", "<@U_BOB|bob> 4 said somewhere", channel="C_ODD")
    assert reply.status == 200
    [row] = await slack.kudos()
    assert row.visibility == "private"
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


async def test_an_ok_answer_that_does_not_describe_the_person_is_judged_as_unknown(slack, caplog):
    slack.api.answers["users.info"] = {"ok": True}
    reply = await slack.command("U_ALICE", "/kudos", "<@U_BOB|bob> 4 thanks", channel="C1")
    assert reply.status == 200
    [row] = await slack.kudos()  # not a bot, not an admin: the kudos is judged on its merits
    assert (row.giver, row.receiver) == ("U_ALICE", "U_BOB")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


async def test_the_grid_organisation_is_recorded_when_slack_sends_it(slack):
    from tests.fakes.slack_api import command_body

    body = command_body("/kudos", "<@U_BOB|bob> 4 grid", "U_ALICE", "C1", "trigger.grid") + "&enterprise_id=E1"
    assert (await slack.send(body, "application/x-www-form-urlencoded")).status == 200
    await slack.settle()
    [row] = await slack.kudos()
    assert (row.workspace, row.organisation, row.visibility) == ("T1", "E1", "public")
