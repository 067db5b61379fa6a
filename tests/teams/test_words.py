"""People's words in Teams: Activity JSON in, Adaptive Cards out. A reason's markdown, headings and
tags stay the characters typed (checked with a CommonMark parser, as Adaptive Cards renderers read
TextBlocks), and only Kodo's own mentions and, in the kudos post itself, the people the giver
picked become mention entities."""

from __future__ import annotations

from bot.wiring import scheduler_deps
from scheduler import jobs
from tests.teams.conftest import ADMIN, ALICE, BOB, CHANNEL
from tests.teams.markdown import shown

CAROL = {"id": "29:carol", "name": "Carol", "aadObjectId": "aad-carol"}
REASON = "手順書を更新 [ここをクリック](https://example.invalid/login) **太字** # 見出し <at>Eve</at> <at>Carol</at> さんと"


def card_of(sent) -> dict:
    [attachment] = sent.activity["attachments"]
    return attachment["content"]


def read(block: dict) -> str:
    """A TextBlock as a markdown renderer shows it, as plain characters."""
    return shown(block["text"])


async def test_a_reasons_markup_shows_as_typed_in_the_post_and_the_dm(chat):
    sent = await chat.say(f"kudos <at>Bob</at> 3 {REASON}", mentions=[BOB, CAROL])
    cards = [card_of(s) for s in sent if s.activity.get("attachments")]
    post, dm = cards[0], next(c for s, c in zip(sent, cards) if s.conversation.startswith("a:"))
    for card in (post, dm):
        lines = [read(block) for block in card["body"] if block["type"] == "TextBlock"]
        assert any(REASON in line for line in lines), lines  # Carol was picked: <at>Carol</at>, a mention
        assert {e["mentioned"]["id"] for e in card["msteams"]["entities"]} <= {"29:alice", "29:bob", "29:carol"}
        assert "29:carol" in {e["mentioned"]["id"] for e in card["msteams"]["entities"]}
        fallback = shown(card["fallbackText"])  # read as markdown by clients that show it: inert there too
        assert "[ここをクリック](https://example.invalid/login) **太字** # 見出し <at>Eve</at> @Carol さんと" in fallback


async def test_in_the_roundup_a_mention_in_a_reason_is_a_name_that_does_not_notify(chat, clock):
    await chat.say("kodo subscribe roundup en", user=ADMIN)
    await chat.say(f"kudos <at>Bob</at> 3 {REASON}", mentions=[BOB, CAROL])
    chat.connector.take()
    clock.set("2026-11-27T17:00:00+09:00")
    await jobs.run(scheduler_deps(chat.rt, {"teams": chat.teams.messenger}), clock.now())
    [post] = [card_of(s) for s in chat.connector.take() if s.conversation == CHANNEL]
    episodes = next(read(b) for b in post["body"] if b["type"] == "TextBlock" and "手順書を更新" in b["text"])
    assert "[ここをクリック](https://example.invalid/login) **太字** # 見出し <at>Eve</at> @Carol さんと" in episodes
    assert "29:carol" not in {e["mentioned"]["id"] for e in post["msteams"].get("entities", [])}


async def test_a_heading_or_list_typed_at_the_start_stays_text(chat):
    sent = await chat.say("kodo principle # 1. - **x**", user=ALICE)
    lines = [read(b) for s in sent for b in card_of(s)["body"] if b["type"] == "TextBlock"]
    assert any("# 1. - **x**" in line for line in lines), lines



async def test_a_language_kodo_does_not_speak_is_answered_the_teams_way(chat):
    for locale, expected in (("ja-JP", "選べる言語は日本語（@Kodo lang ja）と英語（@Kodo lang en）です。"),
                             ("en-US", "You can choose Japanese (@Kodo lang ja) or English (@Kodo lang en).")):
        [sent] = await chat.say("lang fr", locale=locale)
        assert expected in sent.texts() and "/kodo" not in sent.texts(), sent.texts()
