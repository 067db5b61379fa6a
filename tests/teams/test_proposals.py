"""Proposals through Teams activities into the real botbuilder adapter: ``@Kodo propose`` posts a card
that validates against the Adaptive Card schema (typed words as words), supports and status changes
are ``adaptiveCard/action`` invokes, each change is a reply under the card and a 1:1 message to the
proposer, and the **Propose an improvement** message action opens a draft that posts the same card."""

from __future__ import annotations

from adapters.teams import render
from bot.i18n import t
from bot.kpi import Scope
from tests.teams.conftest import ADMIN, ALICE, BOB, CHANNEL, sqlite_only
from tests.teams.test_choices import card_action
from tests.teams.test_events import invoke, said
from tests.teams.test_platform_rules import check_card, check_sent

THREAD = f"{CHANNEL};messageid=1700000000000"  # where the mention that proposed it started a thread


def _presses(card: dict) -> dict[str, dict]:
    """The data of each button on the card, by its label."""
    return {a["title"]: a["data"] for e in card["body"] if e["type"] == "ActionSet" for a in e["actions"]}


async def _proposed(chat, text: str = "3 **全員** <b>窓口</b>の案内を [多言語](https://evil.example) にする"):
    sent = await chat.say(f"propose {text}")
    check_sent(sent)
    [card, confirmation] = sent
    assert card.conversation == THREAD and confirmation.conversation == THREAD
    assert t("proposal.posted", "en", id=1) in confirmation.texts()
    assert "whistleblowing channel (公益通報窓口)" in confirmation.texts()
    return card.activity["attachments"][0]["content"]


@sqlite_only
async def test_a_proposal_card_validates_and_shows_typed_words_as_words(chat):
    card = await _proposed(chat)
    check_card(card)
    words = "\n".join(e.get("text", "") for e in card["body"])
    assert "\\*\\*全員\\*\\* &lt;b&gt;窓口&lt;/b&gt;の案内を \\[多言語\\](https://evil.example) にする" in words
    assert set(_presses(card)) == {"Support", "Start reviewing", "Adopt", "Decline"}
    stored = await chat.rt.stores.proposals.get(1)
    assert stored.message == f"{THREAD}/sent-1"  # the card's activity id, for the replies under it


@sqlite_only
async def test_supports_and_an_adoption_through_card_actions(chat):
    presses = _presses(await _proposed(chat))
    status, body = await chat.post(card_action(chat, presses["Support"], user=BOB))
    assert status == 200 and body["value"] == t("proposal.supported", "en", id=1)
    [update] = chat.connector.updated
    check_sent([update])
    assert "1 supporting" in update.texts()
    await chat.post(card_action(chat, presses["Support"], user=BOB, activity_id="inv-9"))  # twice: once
    status, own = await chat.post(card_action(chat, presses["Support"], user=ALICE, activity_id="inv-10"))
    assert own["value"] == t("proposal.supported.own", "en")
    assert (await chat.rt.stores.proposals.get(1)).supporters == 1

    status, refused = await chat.post(card_action(chat, presses["Adopt"], user=BOB, activity_id="inv-11"))
    assert refused["value"] == t("admin.only", "en")
    chat.connector.take()
    for n in (12, 13):  # an admin adopts it; Teams delivers the invoke twice
        status, body = await chat.post(card_action(chat, presses["Adopt"], user=ADMIN, activity_id=f"inv-{n}"))
        assert status == 200
    assert body["value"] == t("proposal.same", "en", id=1, status="adopted")
    sent = chat.connector.take()
    check_sent(sent)
    [thread] = [s for s in sent if s.conversation == THREAD]  # a reply under the card, in its thread
    assert thread.texts() == t("proposal.thread", "en", status="adopted")
    [dm] = [s for s in sent if s.conversation == f"a:dm-{ALICE['id']}"]
    assert "Congratulations! It counts as a kudos for principle 3" in dm.texts()
    [given] = [k async for k in chat.rt.stores.kudos.export()]
    assert (given.giver, given.receiver, given.principle, given.source) == ("kodo", ALICE["id"], 3, "proposal")


@sqlite_only
async def test_a_change_by_command_updates_the_card_and_replies_under_it(chat):
    await _proposed(chat)
    sent = await chat.say("proposal #1 reviewing", user=ADMIN)
    check_sent(sent)
    [update] = chat.connector.updated
    assert (update.conversation, update.reply_to) == (THREAD, "sent-1") and "Status: reviewing" in update.texts()
    assert [s.texts() for s in sent if s.conversation == THREAD] == [
        t("proposal.thread", "en", status="reviewing"), t("proposal.changed", "en", id=1, status="reviewing")]


def _action(data: dict | None = None) -> dict:
    value = {"commandId": "propose_improvement", "commandContext": "message",
             "messagePayload": {"id": "1700000000555", "messageType": "message",
                                "from": {"user": {"id": "aad-bob", "displayName": "Bob",
                                                  "userIdentityType": "aadUser"}},
                                "body": {"contentType": "html",
                                         "content": "<p>申請書の様式を&lt;一つ&gt;に</p><p>まとめませんか</p>"}}}
    return {**value, "data": data} if data is not None else value


@sqlite_only
async def test_the_message_action_opens_a_draft_and_posts_it_as_a_proposal(chat):
    status, body = await chat.post(invoke(chat, "composeExtension/fetchTask", _action(), locale="ja-JP"))
    assert status == 200
    task = body["task"]["value"]
    assert task["title"] == "改善を提案"
    form = task["card"]["content"]
    check_card(form)
    [draft] = [e for e in form["body"] if e["type"] == "Input.Text"]
    assert draft["value"] == "申請書の様式を<一つ>に\nまとめませんか" and draft["isRequired"] is True
    [principle] = [e for e in form["body"] if e["type"] == "Input.ChoiceSet"]
    assert principle["isRequired"] is False and len(principle["choices"]) == 10

    empty = await chat.post(invoke(chat, "composeExtension/submitAction", _action({"text": " "}), activity_id="s1"))
    assert said(empty[1]) == t("proposal.form.missing", "en")
    submit = invoke(chat, "composeExtension/submitAction", _action({"text": "様式を一つにまとめる", "principle": "4"}),
                    activity_id="s2")
    status, body = await chat.post(submit)
    assert status == 200 and t("proposal.posted", "en", id=1) in said(body)
    [card] = chat.connector.take()
    check_sent([card])
    assert card.conversation == THREAD and "様式を一つにまとめる" in card.texts() and "Principle 4" in card.texts()
    assert render.PRESS in str(card.activity)
    await chat.post(submit)  # the same submission delivered again: proposed once
    assert len(await chat.rt.stores.proposals.open_proposals(Scope())) == 1


@sqlite_only
async def test_the_digest_reaches_an_admin_in_their_1to1_chat_once(chat, clock):
    from scheduler import jobs
    from storage.claims import ClaimStore

    clock.set("2026-11-17T10:00:00+09:00")
    await _proposed(chat)
    deps = jobs.Deps(chat.rt.kodo, ClaimStore(chat.rt.engine), {"teams": chat.teams.messenger})
    clock.set("2026-12-03T09:00:00+09:00")
    [unreachable] = await jobs.run(deps, clock.now())  # the admin never wrote to Kodo: no 1:1 chat yet
    assert unreachable.status == "failed" and chat.connector.take() == []
    await chat.say("help", user=ADMIN, personal=True)
    clock.set("2026-12-03T09:05:00+09:00")
    [sent] = await jobs.run(deps, clock.now())
    assert (sent.status, sent.key.channel) == ("sent", f"{ADMIN['id']}@tenant-1")
    [dm] = chat.connector.take()
    check_sent([dm])
    assert dm.conversation == f"a:personal-{ADMIN['id']}" and "#1 · Principle 3" in dm.texts()
    # A Teams channel's words stay in its team, which an admin may not be in: the digest does not quote them.
    assert t("proposal.hidden", "en") in dm.texts() and "窓口" not in dm.texts()
    assert [o.status for o in await jobs.run(deps, clock.now())] == ["taken"]
