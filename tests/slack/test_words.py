"""People's words in Slack: a reason is shown as typed in every post and its notification text, it
cannot ping a channel or hide a link, and its mentions notify only in the kudos post itself.
Sent the way Slack sends them (signed form posts, interactive payloads)."""

from __future__ import annotations

import json

from slack_sdk.models.blocks import Block

from bot.i18n import t
from bot.wiring import scheduler_deps
from scheduler import jobs
from tests.slack.test_shortcut_and_home import open_modal, submission

# What Slack sends when someone types @channel, @here, @everyone, a user group, a link with a
# label, markdown, a Teams-style tag and a person into a slash command (escaping on).
REASON = ("look <!channel> <!here> <!everyone> <!subteam^S123|@team> <https://evil.example/login|ここをクリック> "
          "[link](https://x.example) **bold** # heading <at>Bob</at> thanks to <@U_CAROL|carol> &amp; me")
PINGS = ("<!channel>", "<!here>", "<!everyone>", "<!subteam", "<https://", "|ここをクリック")


def everything(post: dict) -> str:
    """All a reader (or a notification) could see: the fallback text and every block."""
    for block in post["blocks"]:
        Block.parse(block).validate_json()  # Slack's own limits and shapes
    return post["text"] + "\n" + json.dumps(post["blocks"], ensure_ascii=False)


def shown_as_words(seen: str) -> None:
    assert not any(ping in seen for ping in PINGS), seen
    for words in ("@channel", "@here", "@everyone", "@team", "ここをクリック (https://evil.example/login)",
                  "[link](https://x.example) **bold** # heading &lt;at&gt;Bob&lt;/at&gt;", "&amp; me"):
        assert words in seen, (words, seen)


async def roundup(slack, channel: str = "C1", lang: str = "en") -> dict:
    """The Friday roundup, posted by the scheduler to ``channel`` (subscribed by an admin there)."""
    await slack.command("U_ENVADMIN", "/kodo", f"subscribe roundup {lang}", channel=channel)
    slack.clock.set("2026-11-27T17:00:00+09:00")
    outcomes = await jobs.run(scheduler_deps(slack.rt, {"slack": slack.platform.messenger}), slack.clock.now())
    assert [o.status for o in outcomes if o.key.channel == channel] == ["sent"]
    return next(p for p in slack.api.sent("chat.postMessage") if p["channel"] == channel and "blocks" in p
                and t("roundup.episodes", lang) in p["text"])


async def test_a_reason_is_words_in_the_post_the_dm_and_the_roundup(slack):
    slack.api.users["U_CAROL"]["profile"] = {"display_name": "Carol"}
    await slack.command("U_ALICE", "/kudos", f"<@U_BOB|bob> 5 {REASON}")
    public, dm = slack.api.sent("chat.postMessage")
    for post in (public, dm):
        seen = everything(post)
        shown_as_words(seen)
        assert "<@U_CAROL>" in post["text"] and "<@U_CAROL>" in json.dumps(post["blocks"])  # the kudos post: live
    [row] = await slack.kudos()
    assert row.reason == REASON  # stored as Slack sent it; only the renderer decides how it looks

    later = everything(await roundup(slack))
    shown_as_words(later)
    assert "<@U_CAROL" not in later and "@Carol" in later  # named, not notified


async def test_in_later_posts_someone_who_left_the_rankings_is_someone(slack):
    await slack.command("U_ALICE", "/kudos", "<@U_BOB|bob> 5 with <@U_CAROL|carol> on the form")
    await slack.command("U_CAROL", "/kodo", "ranking off")
    later = everything(await roundup(slack))
    assert "with someone on the form" in later and "U_CAROL" not in later and "carol" not in later


async def test_the_modal_reason_is_words_too(slack):
    view = await open_modal(slack)
    answer = await slack.interact(submission(view, reason="<!here> [ここをクリック](https://evil.example) <@U_CAROL>"))
    assert answer.status == 200
    for post in slack.api.sent("chat.postMessage"):
        seen = everything(post)
        assert "<!here>" not in seen and "@here" in seen and "[ここをクリック](https://evil.example)" in seen


async def test_a_search_or_an_unknown_command_echoes_words_not_pings(slack):
    for command, text in (("/principle", "<!channel> 顧客"), ("/kodo", "<!here> dance")):
        answer = await slack.command("U_ALICE", command, text)
        seen = everything(answer.json)
        assert "<!" not in seen and "@" in seen


async def test_a_name_slack_did_not_resolve_is_refused_and_nothing_is_stored(slack):
    answer = await slack.command("U_ALICE", "/kudos", "@nosuchperson 3 thanks")
    said = answer.json
    assert answer.status == 200 and said["response_type"] == "ephemeral"
    assert t("kudos.unresolved", "ja", name="@nosuchperson", platform="Slack") in said["text"]
    assert await slack.kudos() == [] and slack.api.posted() == []  # no DM to a channel called nosuchperson


async def test_forget_me_removes_the_person_from_reasons_others_wrote(slack):
    await slack.command("U_ALICE", "/kudos", "<@U_BOB|bob> 5 with <@U_CAROL|carol> and <@U_CAROLINE|caroline>")
    await slack.command("U_CAROL", "/kodo", "forget-me")
    asked = len([c for c in slack.api.attempts("users.info") if c.params.get("user") == "U_CAROL"])
    await slack.command("U_CAROL", "/kodo", "help")  # her profile left Kodo's memory: Slack is asked again
    assert len([c for c in slack.api.attempts("users.info") if c.params.get("user") == "U_CAROL"]) == asked + 1
    [row] = await slack.kudos()
    assert "U_CAROL>" not in row.reason and "carol>" not in row.reason and "<@U_CAROLINE|caroline>" in row.reason
    later = everything(await roundup(slack))
    assert "with someone and" in later and "U_CAROL>" not in later


async def test_a_japanese_roundup_shows_pings_and_links_as_words_and_a_forgotten_person_as_someone(slack):
    reason = "<!channel> 見て <https://evil.example|手順書> [リンク](https://x.example) <@U_CAROL|carol> さんと一緒に直してくれた"
    await slack.command("U_ALICE", "/kudos", f"<@U_BOB|bob> 5 {reason}")
    await slack.command("U_CAROL", "/kodo", "forget-me")
    post = await roundup(slack, lang="ja")
    seen = everything(post)
    assert "<!" not in seen and "<https://" not in seen and "U_CAROL" not in seen and "carol" not in seen
    story = "@channel 見て 手順書 (https://evil.example) [リンク](https://x.example) ○○ さんと一緒に直してくれた"
    assert story in post["text"] and story in json.dumps(post["blocks"], ensure_ascii=False)
