"""The welcome on Teams: ``conversationUpdate`` activities with ``membersAdded`` into the real
botbuilder adapter. Each person added gets one welcome in a 1:1 chat Kodo opens with them (a card
that validates, with its choices), never twice, never a bot; Kodo added to a team introduces itself
there once; a direct message Teams refuses is one log line."""

from __future__ import annotations

import logging

from adapters.teams import render
from tests.teams.conftest import ALICE, BOB, BOT, TEAM, TENANT, sqlite_only
from tests.teams.test_platform_rules import check_sent
from tests.teams.test_removal import in_team, update

CAROL = {"id": "29:carol", "name": "Carol", "aadObjectId": "aad-carol"}
OTHER_BOT = {"id": "28:another-bot", "name": "Helper"}


def added(chat, *members: dict, event: str = "teamMemberAdded", activity_id: str = "upd-1") -> dict:
    activity = update(chat, "conversationUpdate", *in_team(), membersAdded=list(members))
    activity["channelData"]["eventType"] = event
    activity["id"] = activity_id
    return activity


@sqlite_only
async def test_people_added_to_a_team_are_welcomed_once_in_a_1to1_chat(chat, tokyo):
    assert (await chat.post(added(chat, BOB, CAROL, OTHER_BOT)))[0] in (200, 201)
    await chat.welcomed()
    sent = chat.connector.take()
    check_sent(sent)
    assert sorted(s.conversation for s in sent) == ["a:dm-29:bob", "a:dm-29:carol"]
    assert [c["members"] for c in chat.connector.created] == [[{"id": BOB["id"]}], [{"id": CAROL["id"]}]]
    assert all(c.get("tenantId") == TENANT or c.get("channelData", {}).get("tenant", {}).get("id") == TENANT
               for c in chat.connector.created)
    welcome = sent[0]
    card = welcome.activity["attachments"][0]["content"]
    [actions] = [e for e in card["body"] if e["type"] == "ActionSet"]
    assert [a["data"][render.VALUE] for a in actions["actions"]] == ["tip", "quiz"]
    assert "ようこそ" in welcome.texts() and tokyo.name["ja"] in welcome.texts()
    assert "/principle" not in welcome.texts() and "@Kodo principle 3" in welcome.texts()  # Teams' own words

    assert (await chat.post(added(chat, BOB, activity_id="upd-2")))[0] in (200, 201)  # added again: nothing
    await chat.welcomed()
    assert chat.connector.take() == []


@sqlite_only
async def test_kodo_added_to_a_team_introduces_itself_there_once(chat):
    assert (await chat.post(added(chat, BOT)))[0] in (200, 201)
    [intro] = chat.connector.take()
    check_sent([intro])
    assert intro.conversation.startswith(TEAM) and "Kodo" in intro.texts() and "@Kodo subscribe tips" in intro.texts()
    assert (await chat.post(added(chat, BOT, activity_id="upd-3")))[0] in (200, 201)
    assert chat.connector.take() == []


@sqlite_only
async def test_a_direct_message_teams_refuses_is_one_log_line(chat, caplog):
    chat.connector.fail(403)  # Teams refuses the message in the 1:1 chat (a policy, a blocked bot)
    caplog.set_level(logging.INFO)
    assert (await chat.post(added(chat, ALICE)))[0] in (200, 201)
    await chat.welcomed()
    assert chat.connector.take() == []
    lines = [r.getMessage() for r in caplog.records if "direct message" in r.getMessage()]
    assert len(lines) == 1 and "Traceback" not in caplog.text


@sqlite_only
async def test_a_whole_department_added_at_once_is_answered_at_once_and_each_person_welcomed(chat, caplog):
    """Forty people in one activity, every call to Teams taking 50 ms: one after another inside the
    turn the welcomes would outlast its two seconds, and the channel would get an apology instead."""
    chat.connector.delay = 0.05
    people = [{"id": f"29:person-{n}", "name": f"Person {n}"} for n in range(40)]
    caplog.set_level(logging.WARNING)
    assert (await chat.post(added(chat, *people)))[0] in (200, 201)
    await chat.welcomed()
    sent = chat.connector.take()
    assert sorted(s.conversation for s in sent) == sorted(f"a:dm-{p['id']}" for p in people)  # nothing else
    check_sent(sent[:1])
    assert not [r for r in caplog.records if r.name.startswith("adapters")]
    assert (await chat.post(added(chat, *people, activity_id="upd-again")))[0] in (200, 201)
    await chat.welcomed()
    assert chat.connector.take() == []  # never twice
