"""The message action invoke pair, installs (conversationUpdate) and reactions."""

from __future__ import annotations

import json

from tests.teams.conftest import ALICE, BOB, BOT, CHANNEL, TENANT, sqlite_only
from tests.teams.markdown import shown


def invoke(chat, name: str, value: dict, user: dict = ALICE, locale: str = "en-US", activity_id: str = "inv-1") -> dict:
    return {
        "type": "invoke", "name": name, "id": activity_id, "channelId": "msteams", "serviceUrl": chat.connector.url,
        "from": user, "recipient": BOT, "locale": locale, "value": value,
        "conversation": {"id": f"{CHANNEL};messageid=1700000000000", "conversationType": "channel",
                         "tenantId": TENANT},
        "channelData": {"tenant": {"id": TENANT}, "channel": {"id": CHANNEL}},
    }


def said(body: dict) -> str:
    """The words of a dialog that only says something (a card with text blocks and no inputs)."""
    task = body["task"]
    assert task["type"] == "continue"
    card = task["value"]["card"]["content"]
    assert all(e["type"] == "TextBlock" for e in card["body"]) and "actions" not in card
    return "\n".join(e["text"] for e in card["body"])


def action(data: dict | None = None, author: dict | None = None) -> dict:
    author = author or {"id": "aad-bob", "displayName": "Bob", "userIdentityType": "aadUser"}
    value = {"commandId": "give_kudos", "commandContext": "message",
             "messagePayload": {"id": "1700000000555", "messageType": "message", "from": {"user": author},
                                "body": {"contentType": "html", "content": "<p>I fixed the form</p>"}}}
    return {**value, "data": data} if data is not None else value


@sqlite_only
async def test_fetch_task_opens_a_principle_picker_in_the_users_language(chat, tokyo):
    status, body = await chat.post(invoke(chat, "composeExtension/fetchTask", action(), locale="ja-JP"))
    assert status == 200
    task = body["task"]
    assert task["type"] == "continue" and task["value"]["title"] == "称賛を贈る"
    card = task["value"]["card"]["content"]
    picker = next(e for e in card["body"] if e["type"] == "Input.ChoiceSet")
    assert picker["id"] == "principle"
    assert [c["value"] for c in picker["choices"]] == [str(n) for n in range(1, tokyo.size + 1)]
    assert picker["choices"][2]["title"] == f"#3 {tokyo.principle(3, 'ja').title}"
    assert any(e["type"] == "Input.Text" and e["id"] == "reason" for e in card["body"])
    assert "Bob" in card["body"][0]["text"]


async def test_submit_action_credits_the_messages_author_once(chat):
    chat.connector.members["aad-bob"] = {"id": BOB["id"], "name": "Bob", "aadObjectId": "aad-bob"}
    submit = invoke(chat, "composeExtension/submitAction", action({"principle": "3", "reason": "clear form"}))
    status, body = await chat.post(submit)
    assert status == 200
    assert "Recorded your kudos to @Bob for #3" in said(body)  # the giver's confirmation, in the task module
    [kudos] = [r async for r in chat.rt.stores.kudos.export()]
    assert (kudos.giver, kudos.receiver, kudos.principle, kudos.source) == ("29:alice", "29:bob", 3, "shortcut")
    assert kudos.reason == "clear form" and kudos.message == f"{CHANNEL}/1700000000555"
    sent = chat.connector.take()
    public = [s.texts() for s in sent if s.conversation.startswith(CHANNEL)]
    assert any("<at>Alice</at> recognised <at>Bob</at>" in text for text in public)
    assert any(s.conversation == "a:dm-29:bob" for s in sent)
    status, body = await chat.post(submit)  # Teams delivers the invoke again
    assert status == 200 and "already" in said(body)
    assert len([r async for r in chat.rt.stores.kudos.export()]) == 1


MARKED = "[Bob](https://evil.example/) **boss** # x"  # a display name anyone can give themselves


@sqlite_only
async def test_the_dialogs_show_display_names_as_they_are_never_as_markup(chat):
    author = {"id": "aad-bob", "displayName": MARKED, "userIdentityType": "aadUser"}
    status, body = await chat.post(invoke(chat, "composeExtension/fetchTask", action(author=author)))
    assert status == 200
    intro = body["task"]["value"]["card"]["content"]["body"][0]["text"]
    assert shown(intro) == f"Recognise {MARKED} for this message."
    bot = {"user": None, "application": {"id": "app-1", "displayName": MARKED, "applicationIdentityType": "bot"}}
    refusal = action()
    refusal["messagePayload"]["from"] = bot
    status, body = await chat.post(invoke(chat, "composeExtension/fetchTask", refusal, activity_id="inv-2"))
    assert status == 200 and shown(said(body)) == f"{MARKED} is a bot, and bots don't collect kudos."
    chat.connector.members["aad-bob"] = {"id": BOB["id"], "name": MARKED, "aadObjectId": "aad-bob"}
    submit = invoke(chat, "composeExtension/submitAction", action({"principle": "3", "reason": "**clear** form"},
                                                                  author=author), activity_id="inv-3")
    status, body = await chat.post(submit)
    assert status == 200 and f"Recorded your kudos to @{MARKED} for #3" in shown(said(body))


@sqlite_only
async def test_submit_action_on_your_own_message_is_refused_kindly(chat):
    mine = action({"principle": "2"}, author={"id": "aad-alice", "displayName": "Alice"})
    status, body = await chat.post(invoke(chat, "composeExtension/submitAction", mine))
    assert status == 200 and "can't give kudos to yourself" in said(body)
    assert [r async for r in chat.rt.stores.kudos.export()] == []


async def test_installing_kodo_stores_the_conversation_reference(chat):
    update = {
        "type": "conversationUpdate", "id": "upd-1", "channelId": "msteams", "serviceUrl": chat.connector.url,
        "from": ALICE, "recipient": BOT, "membersAdded": [BOT],
        "conversation": {"id": "19:team@thread.tacv2", "conversationType": "channel", "tenantId": TENANT},
        "channelData": {"tenant": {"id": TENANT}, "team": {"id": "19:team@thread.tacv2"},
                        "eventType": "teamMemberAdded"},
    }
    assert (await chat.post(update))[0] == 201
    stored = json.loads(await chat.teams.messenger.conversations.get("19:team@thread.tacv2"))
    assert stored["serviceUrl"] == chat.connector.url and stored["conversation"]["tenantID"] == TENANT
    assert stored["bot"]["id"] == BOT["id"] and "user" not in stored


@sqlite_only
async def test_reactions_on_kodos_posts_are_engagement_not_kudos(chat):
    reaction = {
        "type": "messageReaction", "id": "react-1", "channelId": "msteams", "serviceUrl": chat.connector.url,
        "from": BOB, "recipient": BOT, "replyToId": "sent-1", "reactionsAdded": [{"type": "like"}],
        "conversation": {"id": CHANNEL, "conversationType": "channel", "tenantId": TENANT},
    }
    assert (await chat.post(reaction))[0] == 201
    assert chat.teams.bot.engagement == 1
    assert [r async for r in chat.rt.stores.kudos.export()] == []
    assert chat.connector.take() == []
