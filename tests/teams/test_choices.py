"""Choices on Teams: cards with Action.Execute (and their Action.Submit fallback) that validate
against the Adaptive Card schema, pressed as ``adaptiveCard/action`` invokes and as Submit
messages into the real botbuilder adapter. An answer for the presser alone comes back in the
invoke's response (their own view of the card) or in their 1:1 chat, never in the channel."""

from __future__ import annotations

from adapters.teams import render
from bot.i18n import t
from bot.replies import Choices, Reply, Typed
from tests.teams.conftest import ALICE, BOB, CHANNEL, TENANT, message, sqlite_only
from tests.teams.test_events import invoke
from tests.teams.test_platform_rules import check_card, check_sent

REPLY_TO = "1700000000777"


def card_action(chat, data: dict, user: dict = ALICE, locale: str = "en-US", personal: bool = False,
                activity_id: str = "inv-7") -> dict:
    """An ``adaptiveCard/action`` invoke as Teams sends it for an Action.Execute on a bot's card."""
    activity = invoke(chat, "adaptiveCard/action", {"action": {"type": "Action.Execute", "verb": data.get("kodo"),
                                                               "data": data}, "trigger": "manual"},
                      user=user, locale=locale, activity_id=activity_id)
    activity["replyToId"] = REPLY_TO
    if personal:
        activity["conversation"] = {"id": f"a:personal-{user['id']}", "conversationType": "personal",
                                    "tenantId": TENANT}
        activity["channelData"] = {"tenant": {"id": TENANT}}
    return activity


def pressed_from(card: dict, n: int) -> dict:
    """The data a client sends for the menu of ``card`` with option ``n`` chosen (inputs merged in)."""
    [menu] = [e for e in card["body"] if e["type"] == "Input.ChoiceSet"]
    [go] = [e for e in card["body"] if e["type"] == "ActionSet"][0]["actions"]
    assert go["type"] == "Action.Execute" and go["fallback"]["type"] == "Action.Submit"
    assert go["fallback"]["data"] == go["data"] and go["verb"] == go["data"][render.PRESS]
    return {**go["data"], menu["id"]: menu["choices"][n - 1]["value"]}


def test_buttons_a_menu_and_closed_choices_validate_and_declare_version_1_5_only_with_actions():
    names = render.NameBook()
    buttons = render.card(Reply.of(Choices.of("survey:answer", [(f"選択肢{n}", str(n)) for n in range(1, 6)],
                                              prompt="どう思いますか？", chosen="4")), names)
    check_card(buttons)
    assert buttons["version"] == render.UNIVERSAL_VERSION
    [actions] = [e for e in buttons["body"] if e["type"] == "ActionSet"]
    assert [a["data"][render.VALUE] for a in actions["actions"]] == ["1", "2", "3", "4", "5"]
    assert [a.get("style") for a in actions["actions"]] == [None, None, None, "positive", None]
    menu = render.card(Reply.of(Choices.of("quiz:answer", [(str(n), str(n)) for n in range(6)], chosen="2")), names)
    check_card(menu)
    assert [e["type"] for e in menu["body"]] == ["Input.ChoiceSet", "ActionSet"] and menu["body"][0]["value"] == "2"
    closed = render.card(Reply.of(Choices.of("survey:answer", [("はい", "1"), (("", Typed("**x** <b>")), "2")],
                                             closed=True, chosen="1")), names)
    check_card(closed)
    assert closed["version"] == render.CARD_VERSION and "Action" not in str(closed)
    assert closed["body"][0]["text"] == "1\\) ✓はい  2) \\*\\*x\\*\\* &lt;b&gt;"  # words, escaped once


@sqlite_only
async def test_principle_list_is_a_menu_and_a_press_shows_the_principle_in_the_pressers_own_view(chat, tokyo):
    [listing] = await chat.say("principle")
    check_sent([listing])
    card = listing.activity["attachments"][0]["content"]
    assert card["version"] == "1.5"
    data = pressed_from(card, 3)
    status, body = await chat.post(card_action(chat, data))
    assert status == 200 and body["statusCode"] == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    view = body["value"]
    check_card(view)
    texts = "\n".join(e.get("text", "") for e in view["body"])
    p3 = tokyo.principle(3, "en")
    assert f"#3 {p3.title}" in texts and p3.do_not in texts
    [again] = [e for e in view["body"] if e["type"] == "Input.ChoiceSet"]  # the menu again, 3 chosen
    assert again["value"] == "3" and again["label"] == t("list.another", "en")
    assert chat.connector.take() == []  # nothing went to the channel, or anywhere else

    status, twice = await chat.post(card_action(chat, data, activity_id="inv-8"))  # pressed again
    assert status == 200 and [e.get("text") for e in twice["value"]["body"]] == [e.get("text") for e in view["body"]]
    assert chat.connector.take() == [] and [k async for k in chat.rt.stores.kudos.export()] == []


@sqlite_only
async def test_presses_kodo_cannot_take_are_a_polite_note_in_the_pressers_language(chat):
    for data, locale, lang in (({render.PRESS: "ghost:boo", render.VALUE: "1"}, "en-US", "en"),
                               ({render.PRESS: "principles:show", render.VALUE: "11"}, "ja-JP", "ja"),
                               ({render.PRESS: "principles:show", render.INPUT: "choice2"}, "en-US", "en"),
                               ({"something": "else"}, "ja-JP", "ja"),
                               ({render.PRESS: ["not", "text"]}, "en-US", "en")):
        status, body = await chat.post(card_action(chat, data, locale=locale))
        assert status == 200
        assert body == {"statusCode": 200, "type": "application/vnd.microsoft.activity.message",
                        "value": t("press.unavailable", lang)}
    assert chat.connector.take() == []


@sqlite_only
async def test_the_submit_fallback_answers_in_the_pressers_1to1_chat_never_the_channel(chat, tokyo):
    [listing] = await chat.say("principle", user=BOB)
    data = pressed_from(listing.activity["attachments"][0]["content"], 4)
    submit = {**message(chat.connector.url, "", BOB), "value": data, "replyToId": REPLY_TO}
    submit.pop("text"), submit.pop("entities")
    status, _ = await chat.post(submit)
    assert status == 201
    sent = chat.connector.take()
    check_sent(sent)
    assert [s.conversation for s in sent] == [f"a:dm-{BOB['id']}"]  # a 1:1 chat Kodo opened with Bob
    assert chat.connector.created[-1]["members"] == [{"id": BOB["id"]}]
    assert f"#4 {tokyo.principle(4, 'en').title}" in sent[0].texts()
    assert all(CHANNEL not in s.conversation for s in sent)

    personal = {**message(chat.connector.url, "", ALICE, personal=True), "value": data}
    personal.pop("text"), personal.pop("entities")
    assert (await chat.post(personal))[0] == 201
    [here] = chat.connector.take()
    assert here.conversation == f"a:personal-{ALICE['id']}" and f"#4 {tokyo.principle(4, 'en').title}" in here.texts()


@sqlite_only
async def test_a_press_can_update_the_card_for_everyone_and_thank_the_presser_alone(chat, tally):
    data = {render.PRESS: "tally:count", render.VALUE: "2", render.CARD: "c0ffee"}
    status, body = await chat.post(card_action(chat, data, user=BOB))
    assert status == 200 and body == {"statusCode": 200, "type": "application/vnd.microsoft.activity.message",
                                      "value": "thanks 29:bob: 2"}
    [update] = chat.connector.updated
    assert update.reply_to == REPLY_TO and update.conversation.startswith(CHANNEL)
    check_sent([update])
    assert update.texts().startswith("1 answered") and update.activity["id"] == REPLY_TO
    assert chat.connector.take() == []  # nothing new in the channel
    assert tally.presses == [(BOB["id"], "2", f"{CHANNEL}/{REPLY_TO}")]  # which message: Teams' replyToId

    submit = {**message(chat.connector.url, "", ALICE), "value": {**data, render.VALUE: "3"}}
    submit.pop("text"), submit.pop("entities")
    assert (await chat.post(submit))[0] == 201  # no replyToId: the card's own id says which card
    assert tally.presses[-1] == (ALICE["id"], "3", f"{CHANNEL}/c0ffee")
    [thanks] = chat.connector.take()
    assert thanks.conversation == f"a:dm-{ALICE['id']}" and "thanks 29:alice: 3" in thanks.texts()
