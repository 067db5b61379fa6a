"""Proposals through signed Slack requests into the real Bolt app: ``/kodo propose`` posts a card
Slack accepts (typed words as words), supports and status changes are ``block_actions`` answered
through the press's ``response_url``, each change is posted in the card's thread and told to the
proposer by DM, and the **Propose an improvement** shortcut opens a draft that posts the same card."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

from bot.i18n import t
from bot.kpi import Scope
from tests.fakes.slack_api import RESPONSE, block_actions
from tests.slack.test_commands import shown

CARD_TS = "1700000500.000100"


def valid(blocks: list[dict]) -> list[dict]:
    for block in blocks:
        Block.parse(block).validate_json()
    return blocks


async def _propose(slack, text: str = "3 <!channel> 窓口の<https://evil.example|案内>を多言語にする") -> dict:
    answer = await slack.command("U_ALICE", "/kodo", f"propose {text}", channel="C1")
    confirmation = shown(answer)
    assert t("proposal.posted", "ja", id=1) in confirmation and "公益通報窓口" in confirmation
    [card] = slack.api.sent("chat.postMessage")
    assert card["channel"] == "C1"
    return card


def _press(user: str, action: str, value: str, ts: str, hook: str) -> dict:
    return block_actions(user, action, value=value, channel="C1", ts=ts, response_url=hook)


async def test_a_proposal_card_is_block_kit_slack_accepts_with_typed_words_as_words(slack):
    card = await _propose(slack)
    blocks = valid(card["blocks"])
    seen = json.dumps(card, ensure_ascii=False)
    assert "<!channel>" not in seen and "<https://evil" not in seen  # no ping, no hidden link
    assert "@channel 窓口の案内 (https://evil.example)を多言語にする" in card["text"]
    actions = [b for b in blocks if b["type"] == "actions"]
    assert [[e["action_id"] for e in a["elements"]] for a in actions] == [
        ["proposals:support#1"], ["proposals:status#1", "proposals:status#2", "proposals:status#3"]]
    assert [e["value"] for e in actions[1]["elements"]] == ["1:reviewing", "1:adopted", "1:declined"]


async def test_supports_and_an_adoption_through_block_actions(slack):
    await _propose(slack)
    stored = await slack.rt.stores.proposals.get(1)
    channel, _, ts = stored.message.partition(":")
    assert channel == "C1" and ts  # where the card went, kept for the replies under it

    hook = slack.api.hook("s1")
    assert (await slack.interact(_press("U_BOB", "proposals:support#1", "1", ts, hook))).status == 200
    [update, thanks] = slack.api.sent(RESPONSE)
    assert update["replace_original"] is True and "応援 1人" in update["text"]
    valid(update["blocks"])
    assert thanks["response_type"] == "ephemeral" and thanks["text"] == t("proposal.supported", "en", id=1)
    await slack.interact(_press("U_BOB", "proposals:support#1", "1", ts, hook))  # twice: counts once
    await slack.interact(_press("U_ALICE", "proposals:support#1", "1", ts, hook))  # the proposer's own
    assert [p["text"] for p in slack.api.sent(RESPONSE)[2:]] == [
        t("proposal.supported.again", "en", id=1), t("proposal.supported.own", "ja")]
    assert (await slack.rt.stores.proposals.get(1)).supporters == 1

    await slack.interact(_press("U_CAROL", "proposals:status#2", "1:adopted", ts, hook))  # not an admin
    assert slack.api.sent(RESPONSE)[-1]["text"] == t("admin.only", "ja")
    assert await slack.kudos() == []

    before = len(slack.api.sent("chat.postMessage"))
    for _ in range(2):  # a workspace admin presses Adopt; Slack delivers it twice
        await slack.interact(_press("U_BOSS", "proposals:status#2", "1:adopted", ts, hook))
    thread, dm = slack.api.sent("chat.postMessage")[before:]
    assert thread["channel"] == "C1" and thread["thread_ts"] == ts
    assert thread["text"] == t("proposal.thread", "ja", status="採用")
    assert dm["channel"] == "U_ALICE" and "採用おめでとうございます" in dm["text"]
    valid(thread["blocks"] + dm["blocks"])
    assert slack.api.sent(RESPONSE)[-1]["text"] == t("proposal.same", "en", id=1, status="adopted")
    [given] = await slack.kudos()
    assert (given.giver, given.receiver, given.principle, given.source) == ("kodo", "U_ALICE", 3, "proposal")


async def test_a_decline_by_command_needs_a_note_and_goes_under_the_card(slack):
    await _propose(slack, "窓口の案内を多言語にする")
    ts = (await slack.rt.stores.proposals.get(1)).message.partition(":")[2]
    refused = shown(await slack.command("U_ENVADMIN", "/kodo", "proposal #1 declined", channel="C7"))
    assert refused == t("proposal.decline_note", "ja", usage="/kodo proposal 1 declined 理由")
    done = shown(await slack.command("U_ENVADMIN", "/kodo", "proposal #1 declined <!here> 予算が足りません",
                                     channel="C7"))
    assert done == t("proposal.changed", "ja", id=1, status="不採用")
    thread, dm = slack.api.sent("chat.postMessage")[1:]
    assert (thread["channel"], thread["thread_ts"]) == ("C1", ts)  # under the card, not where the admin typed
    assert "<!here>" not in json.dumps(thread) and "@here 予算が足りません" in thread["text"]
    assert dm["channel"] == "U_ALICE" and "不採用" in dm["text"]
    [card] = slack.api.sent("chat.update")  # the card shows it too, though nobody pressed it
    assert (card["channel"], card["ts"]) == ("C1", ts) and "状態：不採用" in card["text"]
    assert not any(b["type"] == "actions" for b in valid(card["blocks"]))


def _shortcut(text: str) -> dict:
    return {"type": "message_action", "callback_id": "propose_improvement", "trigger_id": "trig.9",
            "team": {"id": "T1"}, "user": {"id": "U_BOB"}, "channel": {"id": "C9"}, "message_ts": "1700000123.000400",
            "message": {"type": "message", "user": "U_ALICE", "ts": "1700000123.000400", "text": text},
            "response_url": "https://hooks.slack.invalid/1"}


def _submitted(view: dict, text: str | None, principle: str | None = "4") -> dict:
    values = {"text": {"text": {"type": "plain_text_input", "value": text}},
              "principle": {"principle": {"type": "static_select", "selected_option": (
                  {"text": {"type": "plain_text", "text": f"#{principle}"}, "value": principle} if principle else None)}}}
    return {"type": "view_submission", "team": {"id": "T1"}, "user": {"id": "U_BOB"}, "trigger_id": "trig.10",
            "view": {**view, "id": "V77", "state": {"values": values}}}


async def test_the_shortcut_opens_a_draft_and_posts_it_as_a_proposal(slack):
    assert (await slack.interact(_shortcut("申請書の様式を一つにまとめませんか"))).status == 200
    [opened] = slack.api.sent("views.open")
    view = opened["view"]
    View(**view).validate_json()
    assert view["callback_id"] == "propose_improvement" and view["title"]["text"] == "Propose an improvement"
    text = next(b for b in view["blocks"] if b.get("block_id") == "text")["element"]
    assert text["initial_value"] == "申請書の様式を一つにまとめませんか"

    empty = await slack.interact(_submitted(view, "  "))
    assert empty.json == {"response_action": "errors", "errors": {"text": t("proposal.form.missing", "en")}}
    assert (await slack.interact(_submitted(view, "様式を一つにまとめる"))).status == 200
    await slack.interact(_submitted(view, "様式を一つにまとめる"))  # the same submission again: once
    [card] = slack.api.sent("chat.postMessage")
    assert card["channel"] == "C9" and "様式を一つにまとめる" in card["text"] and "Principle 4" in card["text"]
    [confirmation, *_] = slack.api.sent("chat.postEphemeral")
    assert confirmation["user"] == "U_BOB" and "Reports of wrongdoing" in confirmation["text"]
    [proposal] = await slack.rt.stores.proposals.open_proposals(Scope())
    assert (proposal.proposer, proposal.principle, proposal.channel) == ("U_BOB", 4, "C9")
