"""The casebook on Slack, through signed requests into the real Bolt app: the **Feature as good
practice** button on a kudos post, three givers, the receiver's private question and answer, and the
``feature_episode`` message shortcut. Every new payload passes ``validate_json()``."""

from __future__ import annotations

from bot.i18n import t
from tests.fakes.slack_api import RESPONSE, block_actions, reaction
from tests.slack.test_choices import valid
from tests.slack.test_shortcut_and_home import MESSAGE_TS, open_modal, submission


def _buttons(post: dict) -> list[dict]:
    return [e for b in valid(post["blocks"]) if b["type"] == "actions" for e in b["elements"]]


def feature_episode(user: str, author: str = "U_ALICE", channel: str = "C9", ts: str = MESSAGE_TS) -> dict:
    return {"type": "message_action", "callback_id": "feature_episode", "trigger_id": "trig.9", "team": {"id": "T1"},
            "user": {"id": user}, "channel": {"id": channel}, "message_ts": ts,
            "message": {"type": "message", "user": author, "ts": ts, "text": "I fixed the form"},
            "response_url": "https://hooks.slack.com/actions/T1/1/feature"}


async def _answer(slack, receiver: str, dm: dict, choice: int) -> dict:
    """The receiver presses a choice of Kodo's direct message; the DM is replaced in place."""
    button = _buttons(dm)[choice - 1]
    hook = slack.api.hook(f"dm-{choice}")
    press = block_actions(receiver, button["action_id"], value=button["value"], channel="D_" + receiver,
                          ts="1700000300.000100", response_url=hook)
    assert (await slack.interact(press)).status == 200
    return slack.api.sent(RESPONSE)[-1]


async def test_the_button_on_a_kudos_post_is_for_admins_and_asks_the_receiver(slack, tokyo):
    await slack.command("U_CAROL", "/kudos", "<@U_ALICE|alice> 3 手順書を誰でも読めるように直してくれた", channel="C1")
    [post] = [p for p in slack.api.sent("chat.postMessage") if p["channel"] == "C1"]
    [button] = _buttons(post)
    assert button["action_id"].startswith("casebook:nominate") and button["text"]["text"] == t("casebook.nominate", "ja")
    assert post["text"].count(t("casebook.nominate", "ja")) == 1  # the fallback says it once, as words

    refused = block_actions("U_BOB", button["action_id"], value=button["value"], response_url=slack.api.hook("b"))
    assert (await slack.interact(refused)).status == 200
    assert slack.api.sent(RESPONSE)[-1]["text"] == t("casebook.admins_only", "en")
    assert await slack.rt.stores.casebook.entry_of("slack", "kudos:1") is None

    before = len(slack.api.sent("chat.postMessage"))
    boss = block_actions("U_BOSS", button["action_id"], value=button["value"], response_url=slack.api.hook("c"))
    assert (await slack.interact(boss)).status == 200
    confirmed = slack.api.sent(RESPONSE)[-1]
    assert confirmed["response_type"] == "ephemeral" and "<@U_ALICE>" in confirmed["text"]
    [dm] = slack.api.sent("chat.postMessage")[before:]
    assert dm["channel"] == "U_ALICE" and t("casebook.publish", "ja") in dm["text"]
    assert [b["text"]["text"] for b in _buttons(dm)] == [t("casebook.publish", "ja"), t("casebook.keep", "ja")]

    published = await _answer(slack, "U_ALICE", dm, 1)
    assert published["replace_original"] is True and "優良事例集で公開しました" in published["text"]
    assert [b["text"]["text"] for b in _buttons(published)] == [t("casebook.withdraw", "ja")]
    [case] = await slack.rt.stores.casebook.published()
    assert (case.receiver, case.principle, case.reasons) == ("U_ALICE", 3, ("手順書を誰でも読めるように直してくれた",))

    # Someone else pressing the receiver's choice (a forged press) changes nothing.
    forged = block_actions("U_BOB", _buttons(published)[0]["action_id"], value=_buttons(published)[0]["value"],
                           response_url=slack.api.hook("f"))
    assert (await slack.interact(forged)).status == 200
    assert slack.api.sent(RESPONSE)[-1]["text"] == t("press.unavailable", "en")
    assert len(await slack.rt.stores.casebook.published()) == 1

    withdrawn = await _answer(slack, "U_ALICE", published, 1)
    assert "公開しないことにしました" in withdrawn["text"]
    assert await slack.rt.stores.casebook.published() == []


async def test_three_people_recognising_a_message_bring_it_in_and_its_receiver_is_asked_once(slack):
    view = await open_modal(slack, "U_BOB")  # U_BOB recognises U_ALICE's message C9/MESSAGE_TS, with a reason
    await slack.interact(submission(view, principle=3, reason="so clear"))
    for i, giver in enumerate(("U_CAROL", "U_OWNER", "U_BOSS")):
        await slack.event(reaction("reaction_added", giver, "kodo3", author="U_ALICE", channel="C9", ts=MESSAGE_TS,
                                   event_ts=f"1700000400.00010{i}"), event_id=f"Ev{i}")
    asked = [p for p in slack.api.sent("chat.postMessage") if p["channel"] == "U_ALICE" and _buttons(p)]
    assert len(asked) == 1  # after the third giver; the fourth asks nobody again
    [dm] = asked
    assert "3人の仲間から称えられました" in dm["text"] and "U_BOB" not in dm["text"] and "U_CAROL" not in dm["text"]
    entry = await slack.rt.stores.casebook.entry_of("slack", f"C9:{MESSAGE_TS}")
    assert (entry.receiver, entry.principle, entry.status, entry.how) == ("U_ALICE", 3, "asked", "givers")


async def test_the_feature_episode_shortcut_nominates_the_message_for_admins_only(slack):
    view = await open_modal(slack, "U_BOB")
    await slack.interact(submission(view, principle=2, reason="丁寧な説明"))
    before = len(slack.api.sent("chat.postMessage"))

    assert (await slack.interact(feature_episode("U_CAROL"))).status == 200
    assert slack.api.sent("chat.postEphemeral")[-1]["text"] == t("casebook.admins_only", "ja")
    assert (await slack.interact(feature_episode("U_BOSS", ts="1700000999.000001"))).status == 200
    assert slack.api.sent("chat.postEphemeral")[-1]["text"] == t("casebook.no_episode", "en")

    assert (await slack.interact(feature_episode("U_BOSS"))).status == 200
    assert "<@U_ALICE>" in slack.api.sent("chat.postEphemeral")[-1]["text"]
    [dm] = slack.api.sent("chat.postMessage")[before:]
    assert dm["channel"] == "U_ALICE" and len(_buttons(dm)) == 2
    entry = await slack.rt.stores.casebook.entry_of("slack", f"C9:{MESSAGE_TS}")
    assert (entry.how, entry.principle) == ("nominated", 2)
    assert [e.action async for e in slack.rt.stores.audit.audit_entries()] == ["casebook-nominate"]


def test_the_manifest_offers_the_feature_episode_shortcut():
    from adapters.slack.manifest import manifest

    shortcuts = {s["callback_id"]: s for s in manifest("ja")["features"]["shortcuts"]}
    assert shortcuts["feature_episode"]["type"] == "message"
    assert shortcuts["feature_episode"]["name"] == t("casebook.nominate", "ja")
