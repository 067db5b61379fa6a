"""Kodo removed from a team or a chat, a team archived, or a team or a channel deleted (Activity
JSON as Teams sends it): every conversation of that team, or that chat or channel, is forgotten
with its subscriptions, one line says so, the audit log names who ended them and why, and the
scheduler posts nowhere there any more; other teams, chats and 1:1 chats keep theirs."""

from __future__ import annotations

import logging

import pytest

from bot.replies import Paragraph, Reply
from bot.wiring import scheduler_deps
from scheduler import jobs
from tests.teams.conftest import ADMIN, ALICE, BOB, BOT, CHANNEL, TEAM, TENANT, message
from tests.teams.test_privacy import GROUP, group_chat

OTHER = "19:other@thread.tacv2"  # a channel of the same team where someone spoke, nothing subscribed
TEAM_B, B_CHANNEL = "19:team-b@thread.tacv2", "19:b-general@thread.tacv2"
ALL = (TEAM, CHANNEL, OTHER, B_CHANNEL, GROUP, "a:personal-29:bob")
TIP_TIME = "2026-11-24T09:00:00+09:00"  # a Tuesday: the daily tip goes out


def update(chat, kind: str, conversation: dict, channel_data: dict, **fields) -> dict:
    return {"type": kind, "id": f"{kind}-1", "channelId": "msteams", "serviceUrl": chat.connector.url,
            "from": ALICE, "recipient": BOT, "conversation": {"tenantId": TENANT, **conversation},
            "channelData": {"tenant": {"id": TENANT}, **channel_data}, **fields}


def in_team(team: str = TEAM) -> tuple[dict, dict]:
    return {"id": team, "conversationType": "channel", "isGroup": True}, {"team": {"id": team}}


def uninstalled(chat) -> dict:
    return update(chat, "installationUpdate", *in_team(), action="remove")


def team_member_removed(chat, who: dict = BOT) -> dict:
    conversation, data = in_team()
    return update(chat, "conversationUpdate", conversation, {**data, "eventType": "teamMemberRemoved"},
                  membersRemoved=[who])


def chat_member_removed(chat) -> dict:
    return update(chat, "conversationUpdate", {"id": GROUP, "conversationType": "groupChat", "isGroup": True}, {},
                  membersRemoved=[BOT])


@pytest.fixture
async def everywhere(chat):
    """Kodo in two teams (tips in a channel of each, roundups in a team's General channel), in a
    group chat with tips, in a 1:1 chat with Bob; someone spoke in another channel of the team."""
    url = chat.connector.url
    added = update(chat, "conversationUpdate", *in_team(), membersAdded=[BOT])
    added["channelData"]["eventType"] = "teamMemberAdded"
    for activity in (added,
                     message(url, "kodo subscribe tips en", ADMIN),
                     message(url, "kodo subscribe roundup en", ADMIN, conversation=TEAM),
                     message(url, "help", ALICE, conversation=OTHER),
                     message(url, "kodo subscribe tips en", ADMIN, conversation=B_CHANNEL, team=TEAM_B),
                     group_chat(url, "kodo subscribe tips en", ADMIN),
                     message(url, "help", BOB, personal=True)):
        status, _ = await chat.post(activity)
        assert status == 201
    assert all([await chat.teams.messenger.conversations.get(c) for c in ALL])
    chat.connector.take()
    return chat


async def where(chat) -> set[str]:
    """The conversations Kodo may still post to, and those subscribed to anything."""
    stored = {c for c in ALL if await chat.teams.messenger.conversations.get(c)}
    subscribed = {s.channel for kind in ("tips", "roundup") for s in await chat.rt.stores.subscriptions.subscriptions(kind, "teams")}
    return stored | {f"subscribed:{c}" for c in subscribed}


async def tips_to(chat, clock) -> set[str]:
    clock.set(TIP_TIME)
    outcomes = await jobs.run(scheduler_deps(chat.rt, {"teams": chat.teams.messenger}), clock.now())
    assert {o.status for o in outcomes} <= {"sent"}
    return {s.conversation for s in chat.connector.take()}


async def ended(chat) -> list[tuple]:
    """The audit log's subscriptions ended by Teams (who, where, why)."""
    return [(e.actor, e.action, e.target, e.workspace, e.detail) async for e in chat.rt.stores.audit.audit_entries()
            if e.detail and "because" in e.detail]


async def forgotten(chat, caplog, activity: dict) -> tuple[set[str], list[str], list[tuple]]:
    """Post ``activity``; what Kodo may still post to (``where``), the lines it logged and ``ended``."""
    caplog.set_level(logging.INFO, logger="adapters.teams")
    caplog.clear()
    status, _ = await chat.post(activity)
    assert status == 201
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("adapters.teams")]
    return await where(chat), lines, await ended(chat)


def team_event(event: str):
    def activity(chat) -> dict:
        conversation, data = in_team()
        return update(chat, "conversationUpdate", conversation, {**data, "eventType": event})
    return activity


@pytest.mark.parametrize("removal, said, because", [
    (uninstalled, "Kodo was removed from a team", "installationUpdate"),
    (team_member_removed, "Kodo was removed from a team", "membersRemoved"),
    (team_event("teamDeleted"), "a team was deleted", "teamDeleted"),
    (team_event("teamHardDeleted"), "a team was deleted", "teamHardDeleted"),
    (team_event("teamArchived"), "a team was archived", "teamArchived"),
], ids=["installationUpdate remove", "conversationUpdate membersRemoved", "teamDeleted", "teamHardDeleted",
        "teamArchived"])
async def test_removed_from_a_team_or_the_team_deleted_or_archived_kodo_forgets_every_conversation_of_it(
        everywhere, clock, caplog, removal, said, because):
    chat = everywhere
    left, lines, audited = await forgotten(chat, caplog, removal(chat))
    assert left == {B_CHANNEL, GROUP, "a:personal-29:bob", f"subscribed:{B_CHANNEL}", f"subscribed:{GROUP}"}
    assert lines == [f"teams: {said}: forgot 3 conversations and 2 subscriptions"]
    assert audited == [(ALICE["id"], "unsubscribe", TEAM, TENANT, {"because": because, "subscriptions": 2})]
    assert await tips_to(chat, clock) == {B_CHANNEL, GROUP}
    with pytest.raises(LookupError):
        await chat.teams.messenger.post(CHANNEL, Reply.of(Paragraph("still there?")), "en")


async def test_removed_from_a_group_chat_kodo_forgets_that_chat_only(everywhere, clock, caplog):
    chat = everywhere
    left, lines, audited = await forgotten(chat, caplog, chat_member_removed(chat))
    assert left == {TEAM, CHANNEL, OTHER, B_CHANNEL, "a:personal-29:bob", f"subscribed:{TEAM}",
                    f"subscribed:{CHANNEL}", f"subscribed:{B_CHANNEL}"}
    assert lines == ["teams: Kodo was removed from a chat: forgot 1 conversation and 1 subscription"]
    assert audited == [(ALICE["id"], "unsubscribe", GROUP, TENANT, {"because": "membersRemoved", "subscriptions": 1})]
    assert await tips_to(chat, clock) == {CHANNEL, B_CHANNEL}


async def test_someone_else_leaving_a_team_changes_nothing(everywhere, clock):
    chat = everywhere
    before = await where(chat)
    status, _ = await chat.post(team_member_removed(chat, who=BOB))
    assert status == 201
    assert await where(chat) == before and await ended(chat) == []
    assert await tips_to(chat, clock) == {CHANNEL, B_CHANNEL, GROUP}


async def test_uninstalled_from_a_personal_chat_kodo_forgets_that_chat(everywhere):
    chat = everywhere
    personal = update(chat, "installationUpdate", {"id": "a:personal-29:bob", "conversationType": "personal"}, {},
                      action="remove")
    personal["from"] = BOB
    status, _ = await chat.post(personal)
    assert status == 201
    assert "a:personal-29:bob" not in await where(chat)
    assert await chat.teams.messenger.conversations.personal(BOB["id"]) is None
    assert await ended(chat) == []  # nothing was subscribed there


def channel_deleted(chat, channel: dict | None) -> dict:
    conversation, data = in_team()
    extra = {} if channel is None else {"channel": channel}
    return update(chat, "conversationUpdate", conversation, {**data, "eventType": "channelDeleted", **extra})


async def test_a_deleted_channel_is_forgotten_with_its_subscriptions(everywhere, clock, caplog):
    chat = everywhere
    left, lines, audited = await forgotten(chat, caplog, channel_deleted(chat, {"id": CHANNEL, "name": "kudos"}))
    assert left == {TEAM, OTHER, B_CHANNEL, GROUP, "a:personal-29:bob", f"subscribed:{TEAM}",
                    f"subscribed:{B_CHANNEL}", f"subscribed:{GROUP}"}
    assert lines == ["teams: a channel was deleted: forgot 1 conversation and 1 subscription"]
    assert audited == [(ALICE["id"], "unsubscribe", CHANNEL, TENANT, {"because": "channelDeleted", "subscriptions": 1})]
    assert await tips_to(chat, clock) == {B_CHANNEL, GROUP}


async def test_a_channel_deleted_without_saying_which_changes_nothing(everywhere, clock):
    chat = everywhere
    before = await where(chat)
    for channel in (None, {"name": "no id"}):
        status, _ = await chat.post(channel_deleted(chat, channel))
        assert status == 201
    assert await where(chat) == before and await ended(chat) == []
