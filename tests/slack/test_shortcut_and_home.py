"""The give_kudos message shortcut, its modal, and App Home."""

from __future__ import annotations

import json

from bot.i18n import t
from bot.replies import mention

MESSAGE_TS = "1700000123.000400"


def shortcut(user: str = "U_BOB", author: str = "U_ALICE") -> dict:
    return {"type": "message_action", "callback_id": "give_kudos", "trigger_id": "trig.1", "team": {"id": "T1"},
            "user": {"id": user}, "channel": {"id": "C9"}, "message_ts": MESSAGE_TS,
            "message": {"type": "message", "user": author, "ts": MESSAGE_TS, "text": "I fixed the form"},
            "response_url": "https://hooks.slack.invalid/1"}


def submission(view: dict, user: str = "U_BOB", principle: int | None = 6, reason: str | None = "so clear",
               view_id: str = "V100") -> dict:
    values = {"principle": {"principle": {"type": "static_select", "selected_option": (
                  {"text": {"type": "plain_text", "text": f"#{principle}"}, "value": str(principle)}
                  if principle else None)}},
              "reason": {"reason": {"type": "plain_text_input", "value": reason}}}
    return {"type": "view_submission", "team": {"id": "T1"}, "user": {"id": user}, "trigger_id": "trig.2",
            "view": {**view, "id": view_id, "state": {"values": values}}}


async def open_modal(slack, user: str = "U_BOB") -> dict:
    answer = await slack.interact(shortcut(user))
    assert answer.status == 200
    [call] = slack.api.sent("views.open")
    assert call["trigger_id"] == "trig.1"
    return call["view"]


async def test_shortcut_opens_a_modal_in_the_users_language(slack, tokyo):
    view = await open_modal(slack)  # Bob: Slack locale en-US
    assert view["type"] == "modal" and view["callback_id"] == "give_kudos"
    assert view["title"]["text"] == t("slack.modal.title", "en")
    select = next(b for b in view["blocks"] if b.get("block_id") == "principle")["element"]
    options = select["options"]
    assert [o["value"] for o in options] == [str(n) for n in range(1, 11)]
    for n, option in enumerate(options, 1):
        label = option["text"]["text"]
        assert label.startswith(f"#{n} ") and len(label) <= 75
        assert tokyo.principle(n, "en").title.startswith(label[len(f"#{n} "):].rstrip("…"))
    assert json.loads(view["private_metadata"]) == {"c": "C9", "ts": MESSAGE_TS, "a": "U_ALICE"}
    assert mention("U_ALICE") in view["blocks"][0]["text"]["text"]


async def test_submission_without_a_principle_is_sent_back_as_a_form_error(slack):
    view = await open_modal(slack)
    answer = await slack.interact(submission(view, principle=None))
    assert answer.json == {"response_action": "errors", "errors": {"principle": t("slack.modal.missing", "en")}}
    assert await slack.kudos() == [] and slack.api.posted() == []


async def test_submission_records_a_shortcut_kudos_for_the_messages_author(slack, tokyo):
    view = await open_modal(slack)
    answer = await slack.interact(submission(view))
    assert answer.status == 200 and answer.text == ""  # the modal closes
    [row] = await slack.kudos()
    assert (row.giver, row.receiver, row.principle, row.reason, row.source, row.message) == (
        "U_BOB", "U_ALICE", 6, "so clear", "shortcut", f"C9:{MESSAGE_TS}")
    public, dm = slack.api.sent("chat.postMessage")
    assert public["channel"] == "C9" and "so clear" in public["text"]
    assert dm["channel"] == "U_ALICE" and dm["text"].startswith(t("kudos.dm", "ja", giver=mention("U_BOB"),
                                                                  badge=":kodo6: ", number=6,
                                                                  title=tokyo.principle(6, "ja").title))
    [confirmation] = slack.api.sent("chat.postEphemeral")
    assert (confirmation["channel"], confirmation["user"]) == ("C9", "U_BOB")


async def test_your_own_message_is_refused_at_once_without_a_form(slack):
    view = await open_modal(slack, user="U_ALICE")
    assert "callback_id" not in view and "submit" not in view  # nothing to fill in
    assert view["blocks"][0]["text"]["text"] == t("kudos.own_message", "ja")
    assert await slack.kudos() == []


async def test_a_bots_message_is_refused_at_once_and_the_bot_named(slack):
    for message in ({"type": "message", "user": "U_ROBOT", "ts": MESSAGE_TS, "text": "build passed"},
                    {"type": "message", "subtype": "bot_message", "bot_id": "B1", "ts": MESSAGE_TS, "text": "hi"}):
        await slack.interact({**shortcut(), "message": message})
    first, second = (call["view"] for call in slack.api.sent("views.open"))
    assert first["blocks"][0]["text"]["text"] == t("kudos.bot_message", "en", author=mention("U_ROBOT"))
    assert second["blocks"][0]["text"]["text"] == t("kudos.bot_message.unnamed", "en")
    assert "callback_id" not in first and await slack.kudos() == []
    assert [view["close"]["text"] for view in (first, second)] == [t("slack.modal.done", "en")] * 2  # not Cancel
    from slack_sdk.models.views import View
    for view in (first, second):
        View(**view).validate_json()  # Slack's own limits


async def test_a_forged_submission_for_your_own_message_is_still_refused(slack, tokyo):
    from adapters.slack.modal import Target, view
    forged = view(tokyo, "ja", Target("C9", MESSAGE_TS, "U_ALICE"))
    await slack.interact(submission(forged, user="U_ALICE"))
    assert await slack.kudos() == []
    [said] = slack.api.sent("chat.postEphemeral")
    assert said["text"] == t("kudos.self", "ja")


async def test_app_home_shows_the_principles_and_my_kudos(slack, tokyo):
    await slack.command("U_ALICE", "/kudos", "<@U_BOB|bob> 7 great docs")
    answer = await slack.event({"type": "app_home_opened", "user": "U_BOB", "channel": "D1", "tab": "home"})
    assert answer.status == 200
    [call] = slack.api.sent("views.publish")
    assert call["user_id"] == "U_BOB" and call["view"]["type"] == "home"
    text = json.dumps(call["view"], ensure_ascii=False)
    for n in range(1, 11):
        assert tokyo.principle(n, "en").title in text
    assert t("me.title", "en") in text and t("me.received", "en", count=1) in text

    await slack.event({"type": "app_home_opened", "user": "U_BOB", "channel": "D1", "tab": "messages"})
    assert len(slack.api.sent("views.publish")) == 1  # the messages tab is Slack's own
