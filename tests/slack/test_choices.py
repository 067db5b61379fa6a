"""Choices on Slack: rendered as Block Kit Slack accepts, pressed as signed ``block_actions`` into
the real Bolt app, answered privately through the press's ``response_url`` (never in the channel)."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import Block

from adapters.slack.render import MAX_BUTTON, message
from bot.i18n import t
from bot.replies import Choices, Reply, Typed
from tests.fakes.slack_api import RESPONSE, block_actions
from tests.slack.test_commands import shown


def valid(blocks: list[dict]) -> list[dict]:
    for block in blocks:
        Block.parse(block).validate_json()  # Slack's own limits and shapes
    return blocks


def test_five_options_are_buttons_more_a_menu_closed_ones_words_and_all_within_slacks_limits():
    long = "とても長い選択肢の文言" * 10
    five = Choices.of("survey:answer", [(f"{long}{n}", str(n)) for n in range(1, 6)], prompt="どう思いますか？",
                      chosen="2")
    [prompt, actions] = valid(message(Reply.of(five))["blocks"])
    assert prompt["text"]["text"] == "どう思いますか？"
    assert [b["action_id"] for b in actions["elements"]] == [f"survey:answer#{n}" for n in range(1, 6)]
    assert [b["value"] for b in actions["elements"]] == ["1", "2", "3", "4", "5"]
    assert all(len(b["text"]["text"]) == MAX_BUTTON for b in actions["elements"])
    assert [b.get("style") for b in actions["elements"]] == [None, "primary", None, None, None]

    many = Choices.of("quiz:answer", [(f"答え{n}", "v" * 149 + str(n % 10)) for n in range(10)] +
                      [(f"選択肢{n}", f"{n}") for n in range(90)], prompt="選んでください", chosen="7")
    [menu] = valid(message(Reply.of(many))["blocks"])
    [select] = menu["elements"]
    assert select["type"] == "static_select" and select["action_id"] == "quiz:answer"
    assert len(select["options"]) == 100 and select["placeholder"]["text"] == "選んでください"
    assert select["initial_option"] == {"text": {"type": "plain_text", "text": "選択肢7", "emoji": True}, "value": "7"}

    closed = Choices.of("survey:answer", [("はい", "1"), ("<いいえ>", "2")], prompt="締め切りました", chosen="1",
                        closed=True)
    [words] = valid(message(Reply.of(closed))["blocks"])
    assert words["type"] == "section" and words["text"]["text"] == "締め切りました\n1) ✓はい  2) &lt;いいえ&gt;"


def test_typed_labels_are_words_in_buttons_menus_and_the_fallback():
    typed = Choices.of("proposal:support", [(("応援：", Typed("<!channel> <https://evil.example|ここ>")), "7"),
                                            ("やめる", "8")], prompt=("提案：", Typed("<!here> *太字*")))
    rendered = message(Reply.of(typed))
    valid(rendered["blocks"])
    seen = json.dumps(rendered, ensure_ascii=False)
    assert "<!" not in seen and "<https" not in seen
    assert rendered["blocks"][1]["elements"][0]["text"]["text"] == "応援：@channel ここ (https://evil.example)"
    assert rendered["blocks"][0]["text"]["text"] == "提案：@here *太字*"
    assert rendered["text"] == "提案：@here *太字*\n1) 応援：@channel ここ (https://evil.example)  2) やめる"


async def test_principle_list_offers_a_menu_and_a_press_shows_the_principle_privately(slack, tokyo):
    listing = await slack.command("U_ALICE", "/principle", channel="C42")
    shown(listing)  # every block passes validate_json
    [menu] = [b for b in listing.json["blocks"] if b["type"] == "actions"]
    [select] = menu["elements"]
    assert select["type"] == "static_select" and select["action_id"] == "principles:show"
    assert [o["value"] for o in select["options"]] == [str(n) for n in range(1, 11)]
    assert select["placeholder"]["text"] == t("list.pick", "ja")

    press = block_actions("U_ALICE", "principles:show", selected="3", channel="C42", ephemeral=True,
                          response_url=slack.api.hook("a1"))
    answer = await slack.interact(press)
    assert answer.status == 200
    [private] = slack.api.sent(RESPONSE)
    assert private["response_type"] == "ephemeral" and private["replace_original"] is False
    assert private["hook"] == "a1"
    p3 = tokyo.principle(3, "ja")
    assert private["text"].startswith(f"■ #3 {p3.title}") and p3.do_not in private["text"]
    assert not any(b["type"] == "actions" for b in valid(private["blocks"]))  # the list it came from stays
    assert slack.api.sent("chat.postMessage") == [] and slack.api.sent("chat.postEphemeral") == []

    again = await slack.interact(press)  # delivered twice: the same private answer, nothing stored
    assert again.status == 200 and slack.api.sent(RESPONSE)[1]["text"] == private["text"]
    assert await slack.kudos() == [] and [p for p in slack.api.posted() if "hook" not in p] == []


async def test_presses_kodo_cannot_take_are_answered_politely_in_the_pressers_language(slack):
    hook = slack.api.hook()
    presses = [block_actions("U_BOB", "ghost:boo#1", value="1", response_url=hook),  # another feature's, or app's
               block_actions("U_BOB", "principles:show", selected="99", response_url=hook),  # a value that won't parse
               block_actions("U_BOB", "principles:show#2", value="3" * 2000, response_url=hook),
               block_actions("U_ALICE", "no-namespace", value="1", response_url=hook)]
    for press in presses:
        assert (await slack.interact(press)).status == 200
    answers = [p["text"] for p in slack.api.sent(RESPONSE)]
    assert answers == [t("press.unavailable", "en")] * 3 + [t("press.unavailable", "ja")]
    assert all(p["response_type"] == "ephemeral" for p in slack.api.sent(RESPONSE))
    assert slack.api.sent("chat.postMessage") == []


async def test_a_malformed_press_reaches_nobody_and_a_foreign_response_url_is_not_used(slack, caplog):
    broken = block_actions("U_BOB", "principles:show", selected="3", response_url=slack.api.hook())
    for change in ({"actions": []}, {"actions": [{"type": "button"}]}, {"user": "U_BOB"}, {"container": None}):
        assert (await slack.interact({**broken, **change})).status == 200
    assert slack.api.posted() == []
    assert "malformed block action (user)" in caplog.text and "malformed block action (container)" in caplog.text
    # A response_url off Slack's domain is never posted to: the answer goes through the Web API,
    # still to the presser alone.
    foreign = block_actions("U_BOB", "principles:show", selected="3", response_url="https://attacker.example/hooks/1")
    assert (await slack.interact(foreign)).status == 200
    [private] = slack.api.posted()
    assert slack.api.sent("chat.postEphemeral") == [private] and private["user"] == "U_BOB"
    assert "outside Slack's domain" in caplog.text and "Traceback" not in caplog.text


async def test_a_press_in_app_home_is_answered_by_direct_message(slack, tokyo):
    await slack.event({"type": "app_home_opened", "user": "U_BOB", "tab": "home"})
    [home] = slack.api.sent("views.publish")
    assert any(b["type"] == "actions" for b in valid(home["view"]["blocks"]))
    assert (await slack.interact(block_actions("U_BOB", "principles:show", selected="5", view="V9"))).status == 200
    [dm] = slack.api.sent("chat.postMessage")
    assert dm["channel"] == "U_BOB" and dm["text"].startswith(f"■ #5 {tokyo.principle(5, 'en').title}")


async def test_a_press_can_update_the_post_for_everyone_and_thank_the_presser_alone(slack, tally):
    press = block_actions("U_BOB", "tally:count#2", value="2", channel="C42", ts="1700000009.000100",
                          response_url=slack.api.hook("t1"))
    assert (await slack.interact(press)).status == 200
    [update, thanks] = slack.api.sent(RESPONSE)
    assert update["replace_original"] is True and "response_type" not in update
    assert update["text"].startswith("1 answered") and any(b["type"] == "actions" for b in valid(update["blocks"]))
    assert thanks == {**thanks, "response_type": "ephemeral", "replace_original": False, "text": "thanks U_BOB: 2"}
    assert tally.presses == [("U_BOB", "2", "C42:1700000009.000100")]  # which message: channel:ts
    assert slack.api.sent("chat.postMessage") == [] and slack.api.sent("chat.postEphemeral") == []
