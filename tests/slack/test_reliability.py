"""Durability, idempotency and resilience: the promises behind Slack's retries and rate limits."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.i18n import t
from tests.fakes.slack_api import event_body, reaction
from tests.slack.test_shortcut_and_home import shortcut, submission


async def committed_rows(db_url: str) -> list:
    """Read through a separate engine (its own connections): only committed data is visible."""
    from storage.db import create_engine
    from storage.stores import open_stores

    engine = create_engine(db_url)
    try:
        return [k async for k in open_stores(engine).kudos.export()]
    finally:
        await engine.dispose()


async def test_a_kudos_acknowledged_with_200_is_already_committed(slack_db, db_url):
    # users.info answers slowly, so a listener run after the ack would commit well after the 200;
    # the receiver's DM is held, so the 200 cannot be waiting for the reply either.
    slack_db.api.delays["users.info"] = 0.3
    release = slack_db.api.holds["chat.postMessage"] = asyncio.Event()
    answer = await slack_db.send(*_event(reaction("reaction_added", "U_ALICE", "kodo8", author="U_BOB")))
    assert answer.status == 200
    rows = await committed_rows(db_url)
    assert [(r.giver, r.receiver, r.principle) for r in rows] == [("U_ALICE", "U_BOB", 8)]
    assert slack_db.api.sent("chat.postMessage") == []  # the 200 did not wait for the reply...
    release.set()
    await slack_db.settle()
    assert len(slack_db.api.sent("chat.postMessage")) == 1  # ...which still arrives


def _event(event: dict, event_id: str = "Ev1") -> tuple[str, str]:
    return event_body(event, event_id), "application/json"


async def test_a_reaction_delivered_four_times_counts_once(slack_db):
    event = reaction("reaction_added", "U_ALICE", "kodo4", author="U_BOB")
    for retry in (None, 1, 2, 3):
        assert (await slack_db.event(event, event_id="EvSame", retry=retry)).status == 200
    await asyncio.gather(*(slack_db.send(*_event(event, "EvSame")) for _ in range(4)))
    await slack_db.settle()
    assert len(await slack_db.kudos()) == 1
    assert [m["channel"] for m in slack_db.api.sent("chat.postMessage")] == [event["item_user"]]  # one DM


async def test_four_concurrent_copies_of_a_first_reaction_count_once(slack_db):
    event = reaction("reaction_added", "U_CAROL", "kodo9", author="U_ALICE")
    answers = await asyncio.gather(*(slack_db.send(*_event(event, "EvRace"), headers) for headers in (
        {}, {"X-Slack-Retry-Num": "1"}, {"X-Slack-Retry-Num": "2"}, {"X-Slack-Retry-Num": "3"})))
    assert [a.status for a in answers] == [200] * 4
    await slack_db.settle()
    assert len(await slack_db.kudos()) == 1
    assert [m["channel"] for m in slack_db.api.sent("chat.postMessage")] == [event["item_user"]]  # one DM


async def test_a_redelivered_kudos_command_counts_once(slack_db):
    first = await slack_db.command("U_ALICE", "/kudos", "<@U_BOB|bob> 2 tidy", trigger_id="trig.same")
    again = await asyncio.gather(*(slack_db.command("U_ALICE", "/kudos", "<@U_BOB|bob> 2 tidy", trigger_id="trig.same")
                                   for _ in range(3)))
    assert first.json["response_type"] == "ephemeral"
    assert all(a.json["text"] == t("kudos.duplicate", "ja") for a in again)
    assert len(await slack_db.kudos()) == 1
    assert [m["channel"] for m in slack_db.api.sent("chat.postMessage")] == ["C1", "U_BOB"]


async def test_a_redelivered_modal_submission_counts_once(slack_db):
    await slack_db.interact(shortcut())
    [opened] = slack_db.api.sent("views.open")
    payload = submission(opened["view"], view_id="V_SAME")
    await asyncio.gather(*(slack_db.interact(payload) for _ in range(4)))
    assert len(await slack_db.kudos()) == 1
    assert [m["channel"] for m in slack_db.api.sent("chat.postMessage")] == ["C9", "U_ALICE"]


async def test_a_rate_limited_post_is_retried_after_retry_after_and_delivered_once(slack):
    slack.api.rate_limited["chat.postMessage"] = 1
    await slack.command("U_ALICE", "/kudos", "<@U_BOB|bob> 1")
    attempts = slack.api.attempts("chat.postMessage")
    assert [(c.params["channel"], c.status) for c in attempts] == [("C1", 429), ("C1", 200), ("U_BOB", 200)]
    assert attempts[1].at - attempts[0].at >= 0.9  # Retry-After: 1 was honoured


@pytest.mark.parametrize("failing", ["chat.postEphemeral", "chat.postMessage"])
async def test_a_slack_failure_while_replying_keeps_the_kudos_and_shows_no_traceback(slack, caplog, failing):
    slack.api.failing[failing] = "not_in_channel"  # ephemerals: the command's (a reaction sends none)
    with caplog.at_level(logging.WARNING):
        answer = await slack.event(reaction("reaction_added", "U_ALICE", "kodo1", author="U_BOB"))
        command = await slack.command("U_CAROL", "/kudos", "<@U_BOB|bob> 2")
    assert answer.status == 200 and answer.text == ""
    assert command.status == 200 and command.json["response_type"] == "ephemeral" and "#2" in command.json["text"]
    assert sorted(r.principle for r in await slack.kudos()) == [1, 2]
    if failing == "chat.postMessage":
        assert any("not_in_channel" in r.getMessage() for r in caplog.records)
    assert not any(r.exc_info for r in caplog.records)


async def test_messenger_paces_posts_per_channel_and_returns_the_ts(slack):
    from adapters.slack.messenger import SlackMessenger
    from bot.replies import Paragraph, Reply

    messenger = SlackMessenger(slack.platform.messenger.client, interval=0.3)
    assert slack.platform.messenger.platform == "slack"
    reply = Reply.of(Paragraph("tip"))
    ts = await asyncio.gather(*(messenger.post(channel, reply, "ja") for channel in ("C1", "C1", "C1", "C2")))
    assert len(set(ts)) == 4 and all(ts)
    c1 = [c.at for c in slack.api.attempts("chat.postMessage") if c.params["channel"] == "C1"]
    assert all(later - earlier >= 0.29 for earlier, later in zip(c1, c1[1:]))
    c2 = next(c.at for c in slack.api.attempts("chat.postMessage") if c.params["channel"] == "C2")
    assert c2 < c1[1]  # another channel does not wait its turn


async def test_when_the_database_fails_slack_retries_events_and_commands_get_an_apology(slack, monkeypatch):
    async def broken(*args, **kwargs):
        raise ConnectionError("database is down")

    monkeypatch.setattr(slack.rt.stores.kudos, "add_kudos", broken)
    event = await slack.event(reaction("reaction_added", "U_ALICE", "kodo1", author="U_BOB"))
    assert event.status == 503 and "Traceback" not in event.text  # unacknowledged: Slack sends it again
    command = await slack.command("U_ALICE", "/kudos", "<@U_BOB|bob> 1")
    assert command.status == 200 and command.json == {"response_type": "ephemeral",
                                                      "text": t("error.unavailable", "ja")}
    assert slack.api.posted() == []


def test_a_failure_inside_any_module_of_the_core_is_kodos_own():
    """Slack's answer to a failure depends on whether Kodo's code took part: a feature's module, however
    new, counts as Kodo's (so a person gets the apology, not silence)."""
    from adapters.slack.failures import _ours
    from bot.features import me

    with pytest.raises(AttributeError) as raised:
        me.parse("lang", [None], None)  # a token that is not text: fails inside bot/features/me
    assert _ours(raised.value)
    with pytest.raises(ValueError) as outside:
        int("x")
    assert not _ours(outside.value)
