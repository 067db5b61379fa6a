"""Every word of /principle, /kudos and /kodo, sent the way Slack sends it (signed form posts)."""

from __future__ import annotations

import pytest
from slack_sdk.models.blocks import Block

from bot.i18n import t
from bot.features.kudos.rules import usage
from bot.replies import mention


def shown(answer) -> str:
    """What the person sees of an ephemeral ack: checks it is Block Kit that Slack accepts, with a
    text fallback."""
    body = answer.json
    assert answer.status == 200 and body["response_type"] == "ephemeral"
    assert body["blocks"] and all(b["type"] in ("header", "section", "context", "divider", "actions")
                                  for b in body["blocks"])
    for block in body["blocks"]:
        Block.parse(block).validate_json()
    return body["text"]


async def test_principle_list_detail_and_search(slack, tokyo):
    listing = shown(await slack.command("U_ALICE", "/principle"))
    for n in range(1, 11):
        assert f":kodo{n}:" in listing and tokyo.principle(n, "ja").title in listing

    p3 = tokyo.principle(3, "ja")
    details = [shown(await slack.command("U_ALICE", "/principle", words)) for words in ("3", "３", "#3", "三")]
    assert all(d == details[0] for d in details)
    for part in (p3.title, p3.tagline, *p3.background, *p3.behaviours, *p3.examples, *p3.systems, p3.do_not):
        assert part in details[0]
    assert shown(await slack.command("U_ALICE", "/principle", "99")).startswith(
        t("principle.out_of_range", "ja", number=99, size=10))
    found = shown(await slack.command("U_ALICE", "/principle", "顧客"))
    assert tokyo.principle(1, "ja").title in found.split("\n", 2)[1]
    assert slack.api.posted() == []  # lookups are private: nothing was posted anywhere


async def test_language_is_choice_then_slack_locale_then_default(slack, tokyo):
    title = lambda lang: tokyo.principle(3, lang).title  # noqa: E731
    assert title("en") in shown(await slack.command("U_BOB", "/principle", "3"))  # Slack locale en-US
    assert title("ja") in shown(await slack.command("U_CAROL", "/principle", "3"))  # no locale: KODO_LOCALE
    assert title("ja") in shown(await slack.command("U_ALICE", "/principle", "3"))  # ja-JP
    assert shown(await slack.command("U_ALICE", "/kodo", "lang en")) == t("lang.set", "en")
    assert title("en") in shown(await slack.command("U_ALICE", "/principle", "3"))  # the choice beats the locale
    assert shown(await slack.command("U_BOB", "/kodo", "lang ja")) == t("lang.set", "ja")
    assert title("ja") in shown(await slack.command("U_BOB", "/principle", "3"))


async def test_kudos_posts_in_the_channel_dms_the_receiver_and_confirms_privately(slack, tokyo):
    answer = await slack.command("U_ALICE", "/kudos", "<@U_BOB|bob> 3 フォームを直してくれた", channel="C42")
    assert t("kudos.recorded", "ja", receiver=mention("U_BOB"), number=3,
             title=tokyo.principle(3, "ja").title) in shown(answer)
    public, dm = slack.api.sent("chat.postMessage")
    assert public["channel"] == "C42" and "フォームを直してくれた" in public["text"]
    assert public["text"].startswith(t("kudos.posted", "ja", giver=mention("U_ALICE"), receiver=mention("U_BOB"),
                                       badge=":kodo3: ", number=3, title=tokyo.principle(3, "ja").title))
    assert "<@U_ALICE>" in public["blocks"][0]["text"]["text"]  # mentions survive rendering
    assert dm["channel"] == "U_BOB"  # Bob reads English (his Slack locale)
    assert dm["text"].startswith(t("kudos.dm", "en", giver=mention("U_ALICE"), badge=":kodo3: ", number=3,
                                   title=tokyo.principle(3, "en").title))
    [row] = await slack.kudos()
    assert (row.giver, row.receiver, row.principle, row.source, row.channel) == ("U_ALICE", "U_BOB", 3, "command",
                                                                                  "C42")
    assert (row.workspace, row.organisation, row.pack) == ("T1", None, "tokyo")  # the payload's team_id


@pytest.mark.parametrize("receiver, key", [("U_ALICE", "kudos.self"), ("U_ROBOT", "kudos.bot"),
                                           ("UKODO", "kudos.bot")])
async def test_kudos_to_yourself_or_a_bot_is_refused_privately(slack, receiver, key):
    assert shown(await slack.command("U_ALICE", "/kudos", f"<@{receiver}> 3")) == t(key, "ja")
    assert await slack.kudos() == [] and slack.api.posted() == []


async def test_kudos_without_principle_explains_usage(slack):
    said = shown(await slack.command("U_ALICE", "/kudos", "<@U_BOB|bob>"))
    assert t("kudos.no_principle", "ja", size=10) in said and usage("slack", "ja") in said
    assert "/kudos @相手 番号 理由" in said
    assert await slack.kudos() == []


async def test_kodo_me_ranking_forget_me_and_help(slack, tokyo):
    await slack.command("U_ALICE", "/kudos", "<@U_BOB|bob> 4")
    me = shown(await slack.command("U_BOB", "/kodo", "me"))
    assert t("me.title", "en") in me and t("me.received", "en", count=1) in me
    assert t("me.line", "en", number=4, title=tokyo.principle(4, "en").title, count=1) in me

    assert shown(await slack.command("U_BOB", "/kodo", "ranking off")) == t("ranking.off", "en")
    off = t("me.ranking_off", "en", command="/kodo ranking on")
    assert off in shown(await slack.command("U_BOB", "/kodo", "me"))
    assert shown(await slack.command("U_BOB", "/kodo", "ranking on")) == t("ranking.on", "en")
    assert off not in shown(await slack.command("U_BOB", "/kodo", "me"))

    assert shown(await slack.command("U_BOB", "/kodo", "forget-me")) == t("forget.done.one", "en")
    [row] = await slack.kudos()
    assert row.receiver != "U_BOB" and row.principle == 4

    helped = shown(await slack.command("U_CAROL", "/kodo", "help"))
    assert t("help.title", "ja") in helped and "/kodo subscribe" in helped
    unknown = shown(await slack.command("U_CAROL", "/kodo", "dance"))
    assert t("help.unknown", "ja", words="dance") in unknown and t("help.title", "ja") in unknown


@pytest.mark.parametrize("admin", ["U_ENVADMIN", "U_BOSS", "U_OWNER"])
async def test_admins_subscribe_and_unsubscribe_the_channel(slack, admin):
    lang = "en" if admin == "U_BOSS" else "ja"
    said = shown(await slack.command(admin, "/kodo", "subscribe tips en", channel="C_TIPS"))
    assert said == t("subscribe.tips", lang, language=t("lang.name.en", lang), time="09:00")
    again = shown(await slack.command(admin, "/kodo", "subscribe tips en", channel="C_TIPS"))
    assert again == t("subscribe.already", lang, kind=t("kind.tips", lang), language=t("lang.name.en", lang))
    [sub] = await slack.rt.stores.subscriptions.subscriptions("tips", "slack")
    assert (sub.channel, sub.locale) == ("C_TIPS", "en")
    await slack.command(admin, "/kodo", "subscribe roundup", channel="C_TIPS")
    roundups = await slack.rt.stores.subscriptions.subscriptions("roundup", "slack")
    assert [s.locale for s in roundups] == ["ja"]  # KODO_LOCALE
    assert shown(await slack.command(admin, "/kodo", "unsubscribe tips", channel="C_TIPS")) == \
        t("unsubscribe.done", lang, kind=t("kind.tips", lang))
    assert await slack.rt.stores.subscriptions.subscriptions("tips", "slack") == []


async def test_non_admin_is_refused_politely_and_nothing_changes(slack):
    assert shown(await slack.command("U_ALICE", "/kodo", "subscribe tips")) == t("admin.only", "ja")
    assert shown(await slack.command("U_ALICE", "/kodo", "unsubscribe roundup")) == t("admin.only", "ja")
    assert await slack.rt.stores.subscriptions.subscriptions("tips") == []
    # users.info was asked once and cached, however many commands Alice sends
    assert [c["user"] for c in slack.api.sent("users.info")].count("U_ALICE") == 1
