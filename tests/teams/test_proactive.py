"""Posting where no one just spoke (the scheduler's Messenger, direct messages), and reusing
connector clients across turns."""

from __future__ import annotations

import logging

import pytest

from bot.replies import Heading, Paragraph, Reply
from tests.teams.conftest import ADMIN, BOB, CHANNEL, sqlite_only

TIP = Reply.of(Heading("Today's principle"), Paragraph("Thanks <@29:bob> for the review"))


async def test_a_proactive_post_reaches_the_stored_conversation(chat):
    await chat.say("subscribe tips", user=ADMIN)  # stores the channel's reference, as an install would
    activity_id = await chat.teams.messenger.post(CHANNEL, TIP, "en")
    [post] = chat.connector.take()
    assert post.conversation == CHANNEL and post.reply_to is None  # a new post in the channel, not a reply
    assert activity_id.startswith("sent-")
    assert "Today's principle" in post.texts() and post.activity["serviceUrl"] == chat.connector.url


@sqlite_only
async def test_a_throttled_post_is_retried_with_backoff(chat, caplog):
    caplog.set_level(logging.INFO, logger="adapters.teams")
    await chat.say("help")
    chat.connector.take()
    chat.connector.fail(429, times=2, retry_after="0")
    chat.connector.fail(502)
    await chat.teams.messenger.post(CHANNEL, TIP, "en")
    assert [p.conversation for p in chat.connector.take()] == [CHANNEL]
    assert chat.connector.failures == []
    retries = [r.getMessage() for r in caplog.records if "retrying" in r.getMessage()]
    assert [m.split(",")[0] for m in retries] == (["teams: connector answered 429"] * 2
                                                  + ["teams: connector answered 502"])


@sqlite_only
async def test_a_rejected_post_is_not_retried(chat):
    await chat.say("help")
    chat.connector.take()
    chat.connector.fail(403, times=2)
    with pytest.raises(Exception):
        await chat.teams.messenger.post(CHANNEL, TIP, "en")
    assert len(chat.connector.failures) == 1 and chat.connector.take() == []


@sqlite_only
async def test_posting_where_kodo_has_never_been_says_so(chat):
    with pytest.raises(LookupError, match="add Kodo there first"):
        await chat.teams.messenger.post("19:elsewhere@thread.tacv2", TIP, "en")


async def test_a_direct_message_uses_the_existing_personal_chat(chat):
    await chat.say("help", user=BOB, personal=True)  # Bob has a 1:1 chat with Kodo
    sent = await chat.say("kudos <at>Bob</at> 5 great demo", mentions=[BOB])
    assert [s.conversation for s in sent if not s.conversation.startswith(CHANNEL)] == ["a:personal-29:bob"]
    assert chat.connector.created == []


@sqlite_only
async def test_turns_to_one_service_url_share_one_connector_client(chat):
    await chat.say("help")
    await chat.say("principle 2", personal=True)
    await chat.teams.messenger.post(CHANNEL, TIP, "en")
    assert chat.teams.clients.created == 1
