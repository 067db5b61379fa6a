"""Reaction kudos: what Slack sends when someone adds or removes :kodoN: on a message."""

from __future__ import annotations

import asyncio
import json

import pytest

from bot.i18n import t
from bot.replies import mention
from tests.fakes.slack_api import reaction
from tests.slack.conftest import slack_world


async def test_reaction_records_kudos_and_dms_the_author(slack, tokyo):
    answer = await slack.event(reaction("reaction_added", "U_ALICE", "kodo5", author="U_BOB", channel="C7"))
    assert (answer.status, answer.text) == (200, "")
    [row] = await slack.kudos()
    assert (row.giver, row.receiver, row.principle, row.source, row.message) == (
        "U_ALICE", "U_BOB", 5, "reaction", "C7:1700000000.000100")
    assert slack.api.sent("chat.postEphemeral") == []  # the emoji itself tells the giver; no noise
    [dm] = slack.api.sent("chat.postMessage")
    assert dm["channel"] == "U_BOB" and "#5" in dm["text"] and dm["blocks"]


async def test_near_the_daily_limit_the_giver_hears_how_many_remain(slack, tokyo):
    for n in range(1, 5):
        await slack.event(reaction("reaction_added", "U_ALICE", f"kodo{n}", author="U_BOB", ts=f"1700000000.00010{n}"),
                          event_id=f"Ev{n}")
    [note] = slack.api.sent("chat.postEphemeral")  # the fourth of five: one left
    assert (note["channel"], note["user"]) == ("C1", "U_ALICE")
    assert note["text"].startswith(t("kudos.recorded", "ja", receiver=mention("U_BOB"), number=4,
                                     title=tokyo.principle(4, "ja").title))
    assert t("kudos.remaining.one", "ja") in note["text"] == (
        "<@U_BOB>さんへの称賛（#4 資源（データ）を最大限に活用しよう）を記録しました。\n今日贈れるのはあと1件です。")


async def test_skin_tone_suffix_is_stripped(slack):
    await slack.event(reaction("reaction_added", "U_ALICE", "kodo2::skin-tone-4", author="U_BOB"))
    assert [r.principle for r in await slack.kudos()] == [2]


async def test_other_emoji_and_non_message_items_are_ignored_without_asking_slack(slack):
    await slack.event(reaction("reaction_added", "U_ALICE", "thumbsup", author="U_BOB"))
    file_reaction = reaction("reaction_added", "U_ALICE", "kodo1", author="U_BOB")
    file_reaction["item"] = {"type": "file", "file": "F1"}
    await slack.event(file_reaction)
    assert await slack.kudos() == [] and slack.api.posted() == [] and slack.api.sent("users.info") == []


async def test_reacting_to_your_own_message_is_explained_privately(slack):
    await slack.event(reaction("reaction_added", "U_BOB", "kodo1", author="U_BOB"))
    [said] = slack.api.sent("chat.postEphemeral")
    assert said["user"] == "U_BOB" and said["text"] == t("kudos.self", "en")
    assert await slack.kudos() == []


@pytest.mark.parametrize("author", ["U_ROBOT", "UKODO", "USLACKBOT"])
async def test_reacting_to_a_bot_message_is_ignored(slack, author):
    await slack.event(reaction("reaction_added", "U_ALICE", "kodo1", author=author))
    assert await slack.kudos() == [] and slack.api.posted() == []


async def test_past_the_daily_limit_nothing_is_recorded_and_the_giver_is_told(slack):
    for i in range(6):
        await slack.event(reaction("reaction_added", "U_ALICE", "kodo1", author="U_BOB", ts=f"1700000000.00000{i}"),
                          event_id=f"Ev{i}")
    assert len(await slack.kudos()) == 5
    assert slack.api.sent("chat.postEphemeral")[-1]["text"] == t("kudos.limit", "ja", limit=5)


async def test_removing_the_reaction_revokes_the_kudos_and_adding_it_back_restores_it(slack):
    await slack.event(reaction("reaction_added", "U_ALICE", "kodo3", author="U_BOB"), event_id="Ev1")
    await slack.event(reaction("reaction_removed", "U_ALICE", "kodo3", author="U_BOB"), event_id="Ev2")
    [row] = await slack.kudos()
    assert row.revoked_at is not None
    assert slack.api.sent("chat.postEphemeral")[-1]["text"] == t("kudos.revoked", "ja", receiver=mention("U_BOB"),
                                                                 number=3)
    await slack.event(reaction("reaction_added", "U_ALICE", "kodo3", author="U_BOB"), event_id="Ev3")
    [row] = await slack.kudos()
    assert row.revoked_at is None


async def test_a_burst_of_reactions_reaches_the_author_as_one_direct_message(slack, monkeypatch):
    monkeypatch.setattr("adapters.slack.deliver.DM_WINDOW", 0.5)
    events = [reaction("reaction_added", giver, emoji, author="U_BOB")
              for giver, emoji in (("U_ALICE", "kodo1"), ("U_CAROL", "kodo3"), ("U_BOSS", "kodo8"))]
    await asyncio.gather(*(slack.event(e, event_id=f"Ev{i}") for i, e in enumerate(events)))
    assert len(await slack.kudos()) == 3
    [dm] = slack.api.sent("chat.postMessage")
    assert dm["channel"] == "U_BOB"
    assert all(f"#{n}" in dm["text"] for n in (1, 3, 8))
    blocks = json.loads(dm["blocks"]) if isinstance(dm["blocks"], str) else dm["blocks"]
    assert sum(block["type"] == "divider" for block in blocks) == 2  # three kudos, one message



async def test_a_big_burst_is_one_direct_message_the_rest_counted(tmp_path, monkeypatch):
    """Slack takes about one message per second per channel: 30 kudos at once are one DM, in full
    while Block Kit's 50 blocks last, then a count of the rest."""
    monkeypatch.setattr("adapters.slack.deliver.DM_WINDOW", 0.5)
    async with slack_world(f"sqlite+aiosqlite:///{tmp_path}/kodo.db", daily_limit=0) as slack:
        events = [reaction("reaction_added", f"U_FAN{i}", f"kodo{i % 10 + 1}", author="U_BOB", ts=f"1700000000.{i:06d}")
                  for i in range(30)]
        answers = await asyncio.gather(*(slack.event(e, event_id=f"Ev{i}") for i, e in enumerate(events)))
        assert {a.status for a in answers} == {200}
        await slack.settle()
        assert len(await slack.kudos()) == 30
        [dm] = slack.api.sent("chat.postMessage")
        blocks = json.loads(dm["blocks"]) if isinstance(dm["blocks"], str) else dm["blocks"]
        assert dm["channel"] == "U_BOB" and len(blocks) <= 50
        sections = [b for b in blocks if b["type"] == "section"]
        assert len(sections) == 24  # one per kudos, a divider between each two: 47 blocks
        more = t("kudos.dm_more", "en", count=6)  # U_BOB reads English (Slack locale en-US)
        assert blocks[-1]["type"] == "context" and blocks[-1]["elements"][0]["text"] == more
        assert dm["text"].endswith(more)
