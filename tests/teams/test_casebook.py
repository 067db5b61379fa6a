"""The casebook on Teams, through activities into the real botbuilder adapter: the **Feature as good
practice** action on a kudos card, the receiver's private question and answer as card actions, and
the ``feature_episode`` message action. Every card validates against the Adaptive Card schema."""

from __future__ import annotations

from bot.i18n import t
from tests.teams.conftest import BOB, CHANNEL, TEAM, sqlite_only
from tests.teams.test_choices import card_action
from tests.teams.test_events import action, invoke as channel_invoke, said
from tests.teams.test_platform_rules import check_card, check_sent

ADMIN = {"id": "29:admin", "name": "Admin", "aadObjectId": "aad-admin"}


def invoke(chat, name: str, value: dict, **kw) -> dict:
    """An invoke from a standard channel of the team (a public conversation)."""
    activity = channel_invoke(chat, name, value, **kw)
    activity["channelData"]["team"] = {"id": TEAM}
    return activity


def _buttons(card: dict) -> list[dict]:
    return [a for e in card["body"] if e["type"] == "ActionSet" for a in e["actions"]]


def _card(sent) -> dict:
    [attachment] = sent.activity["attachments"]
    return attachment["content"]


async def _kudos_for_bob(chat, reason: str = "clear form"):
    """Alice recognises Bob's message with a reason (the Give kudos message action); what was sent."""
    chat.connector.members["aad-bob"] = {"id": BOB["id"], "name": "Bob", "aadObjectId": "aad-bob"}
    status, _ = await chat.post(invoke(chat, "composeExtension/submitAction",
                                       action({"principle": "3", "reason": reason})))
    assert status == 200
    return chat.connector.take()


@sqlite_only
async def test_the_action_on_a_kudos_card_is_for_admins_and_asks_the_receiver_in_private(chat):
    sent = await _kudos_for_bob(chat)
    check_sent(sent)
    [post] = [s for s in sent if s.conversation.startswith(CHANNEL)]
    [nominate] = _buttons(_card(post))
    assert nominate["title"] == t("casebook.nominate", "en") and nominate["type"] == "Action.Execute"

    status, body = await chat.post(card_action(chat, nominate["data"]))  # Alice is no admin
    assert status == 200 and body["value"] == t("casebook.admins_only", "en")
    status, body = await chat.post(card_action(chat, nominate["data"], user=ADMIN, activity_id="inv-9"))
    assert status == 200 and "Bob" in body["value"]
    [dm] = chat.connector.take()
    check_sent([dm])
    assert dm.conversation == "a:dm-29:bob"
    publish, keep = _buttons(_card(dm))
    assert (publish["title"], keep["title"]) == (t("casebook.publish", "ja"), t("casebook.keep", "ja"))

    status, body = await chat.post(card_action(chat, publish["data"], user=BOB, personal=True, activity_id="inv-10", locale="ja-JP"))
    assert status == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    check_card(body["value"])  # the DM, replaced: published, with a way to withdraw
    [withdraw] = _buttons(body["value"])
    assert withdraw["title"] == t("casebook.withdraw", "ja")
    [case] = await chat.rt.stores.casebook.published()
    assert (case.receiver, case.principle, case.reasons) == ("29:bob", 3, ("clear form",))

    status, body = await chat.post(card_action(chat, withdraw["data"], activity_id="inv-11"))  # not Alice's to press
    assert status == 200 and body["value"] == t("press.unavailable", "en")
    await chat.post(card_action(chat, withdraw["data"], user=BOB, personal=True, activity_id="inv-12"))
    assert await chat.rt.stores.casebook.published() == []


@sqlite_only
async def test_the_feature_episode_message_action_nominates_for_admins_only(chat):
    await _kudos_for_bob(chat, "丁寧な説明")
    featured = {**action(), "commandId": "feature_episode"}
    status, body = await chat.post(invoke(chat, "composeExtension/fetchTask", featured))
    assert status == 200 and said(body) == t("casebook.admins_only", "en")
    status, body = await chat.post(invoke(chat, "composeExtension/fetchTask", featured, user=ADMIN,
                                          activity_id="inv-20"))
    assert status == 200 and "Bob" in said(body) and t("casebook.nominated", "en", receiver="")[:10] in said(body)
    [dm] = chat.connector.take()
    check_sent([dm])
    assert dm.conversation == "a:dm-29:bob" and len(_buttons(_card(dm))) == 2
    entry = await chat.rt.stores.casebook.entry_of("teams", f"{CHANNEL}/1700000000555")
    assert (entry.how, entry.receiver) == ("nominated", "29:bob")


def test_the_app_package_offers_the_feature_episode_message_action():
    from adapters.teams.package import manifest

    commands = manifest("00000000-0000-0000-0000-000000000000", {
        "websiteUrl": "https://example.org", "privacyUrl": "https://example.org", "termsOfUseUrl": "https://example.org",
    })["composeExtensions"][0]["commands"]
    [feature] = [c for c in commands if c["id"] == "feature_episode"]
    assert feature["type"] == "action" and feature["context"] == ["message"]
    assert feature["title"] == t("casebook.nominate", "ja")
