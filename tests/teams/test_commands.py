"""Every chat command through the wire: Activity JSON in, Adaptive Cards out at the fake connector."""

from __future__ import annotations

from bot.ports import Subscription
from tests.teams.conftest import ADMIN, ALICE, BOB, CHANNEL, TEAM, TENANT, message, sqlite_only


async def kudos_rows(chat):
    return [r async for r in chat.rt.stores.kudos.export()]


def card_of(sent) -> dict:
    [attachment] = sent.activity["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    return attachment["content"]


@sqlite_only
async def test_principle_by_number_answers_in_the_thread_with_a_card(chat, tokyo):
    [reply] = await chat.say("principle ３")
    p3 = tokyo.principle(3, "en")
    assert reply.conversation == f"{CHANNEL};messageid=1700000000000" and reply.reply_to
    card = card_of(reply)
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
    assert card["body"][0]["text"] == f"#3 {p3.title}" and card["body"][0]["weight"] == "Bolder"
    assert p3.tagline in reply.texts() and p3.do_not in reply.texts()
    assert p3.title in card["fallbackText"] and p3.title in reply.activity["summary"]


@sqlite_only
async def test_principle_list_and_keyword_in_a_personal_chat_without_mention(chat, tokyo):
    [listing] = await chat.say("principle", personal=True)
    assert listing.conversation == "a:personal-29:alice"
    assert all(f"#{p.number} {p.title}" in listing.texts() for p in tokyo.principles["en"])
    [found] = await chat.say("kodo principle customer", personal=True)
    assert tokyo.principle(1, "en").title in found.texts().splitlines()[1]


async def test_kudos_credits_the_mention_entity_and_tells_everyone(chat, tokyo):
    sent = await chat.say("kudos <at>Bob</at> 3 made the form work for everyone", mentions=[BOB])
    [kudos] = await kudos_rows(chat)
    assert (kudos.giver, kudos.receiver, kudos.principle, kudos.source) == ("29:alice", "29:bob", 3, "command")
    assert kudos.reason == "made the form work for everyone" and kudos.channel == CHANNEL
    assert (kudos.workspace, kudos.team, kudos.visibility, kudos.pack) == (TENANT, TEAM, "public", "tokyo")
    in_thread = [s for s in sent if s.conversation.startswith(CHANNEL)]
    public = card_of(in_thread[0])
    assert "<at>Alice</at> recognised <at>Bob</at>" in public["body"][0]["text"]
    assert {e["mentioned"]["id"] for e in public["msteams"]["entities"]} == {"29:alice", "29:bob"}
    assert "Recorded your kudos to @Bob for #3" in card_of(in_thread[1])["fallbackText"]
    [dm] = [s for s in sent if s.conversation == "a:dm-29:bob"]  # a 1:1 chat created for Bob
    assert "<at>Alice</at>さんから称賛が届きました" in dm.texts()  # Bob's language is not known: KODO_LOCALE
    [created] = chat.connector.created
    assert created["members"] == [{"id": "29:bob"}] and created["channelData"] == {"tenant": {"id": TENANT}}


@sqlite_only
async def test_kudos_to_yourself_and_to_the_bot_record_nothing(chat):
    [refusal] = await chat.say("kudos <at>Alice</at> 3 me", mentions=[ALICE])
    assert "can't give kudos to yourself" in refusal.texts()
    [ignored] = await chat.say("kudos <at>Other bot</at> 3", mentions=[{"id": "28:other", "name": "Other bot"}])
    assert "Bots don't collect kudos" in ignored.texts()
    assert await kudos_rows(chat) == []


async def test_a_redelivered_kudos_counts_once(chat):
    activity = message(chat.connector.url, "kudos <at>Bob</at> 2", mentions=[BOB], activity_id="same-id")
    for _ in range(2):
        assert (await chat.post(activity))[0] == 201
    assert len(await kudos_rows(chat)) == 1


async def test_me_ranking_lang_and_forget_me(chat):
    await chat.say("kudos <at>Bob</at> 3 thanks", mentions=[BOB])
    [me] = await chat.say("me", user=BOB, personal=True)
    assert "Your kudos" in me.texts() and "Received: 1" in me.texts()
    [off] = await chat.say("ranking off", user=BOB)
    assert "out of the weekly rankings" in off.texts()
    assert not (await chat.rt.stores.me.settings("teams", "29:bob")).ranking
    [lang] = await chat.say("lang ja", user=BOB, locale="en-US")
    assert lang.texts() == "これからは日本語でお返事します。"
    [help_ja] = await chat.say("help", user=BOB, locale="en-US")  # the choice beats the activity's locale
    assert "Kodo の使い方" in help_ja.texts()
    [gone] = await chat.say("forget-me", user=BOB, personal=True)
    assert "1" in gone.texts()
    [kudos] = await kudos_rows(chat)
    assert kudos.receiver.startswith("anon:")
    assert await chat.teams.messenger.conversations.personal("29:bob") is None


@sqlite_only
async def test_language_follows_the_activity_locale_then_kodo_locale(chat):
    [en] = await chat.say("help", locale="en-GB")
    assert "How to use Kodo" in en.texts()
    [ja] = await chat.say("help", locale="fr-FR")  # unsupported: KODO_LOCALE (ja)
    assert "Kodo の使い方" in ja.texts()


async def test_subscribe_is_for_admins_and_uses_the_channel_conversation(chat):
    [refused] = await chat.say("subscribe tips")
    assert "Only admins" in refused.texts()
    assert await chat.rt.stores.subscriptions.subscriptions("tips", "teams") == []
    [done] = await chat.say("kodo subscribe tips en", user=ADMIN)
    assert "principle tip at 09:00 on working days" in done.texts()
    assert await chat.rt.stores.subscriptions.subscriptions("tips", "teams") == [
        Subscription("teams", CHANNEL, "tips", "en", TENANT, TEAM, "public")]
    assert await chat.teams.messenger.conversations.get(CHANNEL) is not None  # so the scheduler can post there
    [stopped] = await chat.say("unsubscribe tips", user=ADMIN)
    assert "no longer get" in stopped.texts()


@sqlite_only
async def test_help_and_unknown_words(chat):
    [help_] = await chat.say("help")
    assert "How to use Kodo" in help_.texts() and "kudos" in help_.texts()
    [unknown] = await chat.say("make me a sandwich")
    assert "didn't understand" in unknown.texts() and "How to use Kodo" in unknown.texts()
    [empty] = await chat.say("")  # only the mention
    assert "How to use Kodo" in empty.texts()


@sqlite_only
async def test_a_name_teams_did_not_resolve_is_refused_and_nothing_is_stored(chat):
    """Typed as plain "@bob" (no mention entity: nobody was picked from Teams' list), the name
    belongs to no one Kodo can recognise: refused with how to pick the person, nothing stored."""
    [refusal] = await chat.say("kudos @bob 3 thanks")
    assert "Teams couldn't find @bob, so this kudos wasn't recorded" in refusal.texts()
    assert "Slack" not in refusal.texts()
    assert await kudos_rows(chat) == []
