"""Kodo's core through the console session: what a person types, what Kodo answers, what is stored."""

from __future__ import annotations

import pytest

from tests.fakes.conversation import Conversation


async def kudos_rows(stores):
    return [r async for r in stores.kudos.export()]


async def test_principle_three_ways_then_search(kodo, tokyo):
    chat = Conversation(kodo, "alice")
    replies = [await chat.type(line) for line in ("/principle 3", "/principle ３", "/principle 三", "/principle #3")]
    p3 = tokyo.principle(3, "ja")
    for reply in replies:
        assert reply == replies[0]
        for part in (p3.title, p3.tagline, *p3.background, *p3.behaviours, *p3.examples, *p3.systems, p3.do_not):
            assert part in reply
    search = await chat.type("/principle 顧客")
    lines = [line for line in search.splitlines() if "#" in line]
    assert lines[0].strip().startswith("・#1 顧客視点でデザインしよう")
    assert ":kodo" not in search  # the console shows no emoji codes (platform-true wording)


@pytest.mark.parametrize("typed, number", [("-1", -1), ("0", 0), ("11", 11), ("-3", -3), ("１２", 12)])
async def test_a_number_out_of_range_is_answered_as_one(kodo, typed, number):
    said = await Conversation(kodo, "alice", locale="en").type(f"/principle {typed}")
    assert f"There is no principle {number}. The numbers run from 1 to 10." in said, said
    assert "COVID" not in said and "Principles about" not in said


def test_short_latin_keywords_match_whole_words(tokyo):
    """Up to three letters, a keyword is a word of its own (AI is not the ai of "maintain"); typed in
    capitals it is that acronym (IT is not the pronoun "it"). Longer words match inside words."""
    from bot.features.principles.lookup import search

    assert search(tokyo, "AI") == []  # the pack never says AI: not 7 principles through "ai" inside words
    assert sorted(search(tokyo, "IT")) == [6, 9]  # 都区市町村IT推進協議会, バイモーダルIT
    assert len(search(tokyo, "it")) > 2  # the word "it", as typed
    assert sorted(search(tokyo, "oss")) == [8] and sorted(search(tokyo, "UX")) == [1, 3]
    assert sorted(search(tokyo, "API")) == [3, 8]  # not "rapid", not "capital"
    assert 1 in search(tokyo, "design")  # "designing", "designed" too
    assert search(tokyo, "顧客")[0] == 1


async def test_reaction_kudos_is_counted_once_and_can_be_revoked(kodo, stores):
    chat = Conversation(kodo, "bob")
    assert "[1] bob: フォームを直しました" in await chat.type("フォームを直しました")
    await chat.type("/as alice")
    said = await chat.type("/react 1 kodo3")
    assert "@bob" in said and "#3" in said
    assert [(r.giver, r.receiver, r.principle, r.source) for r in await kudos_rows(stores)] == [
        ("alice", "bob", 3, "reaction")]

    for _ in range(2):  # reacting again changes nothing
        await chat.type("/react 1 kodo3")
    await chat.type("/react 1 :kodo3::skin-tone-3:")
    assert len(await kudos_rows(stores)) == 1

    assert "取り消しました" in await chat.type("/unreact 1 kodo3")
    rows = await kudos_rows(stores)
    assert len(rows) == 1 and rows[0].revoked_at is not None
    assert (await kodo.kpis.person("console", "bob")).received == {}


async def test_reacting_to_your_own_message_is_refused_politely(kodo, stores):
    chat = Conversation(kodo, "alice")
    await chat.type("自分のメッセージ")
    said = await chat.type("/react 1 kodo5")
    assert "kodo (only alice): 自分自身には称賛を贈れません" in said
    assert await kudos_rows(stores) == []


async def test_sixth_kudos_of_the_day_is_refused_with_the_limit_named(kodo, stores):
    chat = Conversation(kodo, "bob")
    for i in range(6):
        await chat.type(f"message {i}")
    await chat.type("/as alice")
    for n in range(1, 6):
        said = await chat.type(f"/react {n} kodo{n}")
        assert "kodo → @bob (DM): @aliceさんから称賛が届きました" in said
        assert ("記録しました" in said) == (n >= 4)  # the giver hears from Kodo only once the limit is near
    assert "今日贈れる称賛はこれで最後です" in said and "あと 0" not in said and "あと0" not in said
    said = await chat.type("/react 6 kodo6")
    assert "今日はすでに5件の称賛を贈りました（1日5件まで）" in said and "記録していません" in said
    assert len(await kudos_rows(stores)) == 5


async def test_a_kudos_command_is_posted_in_the_channel_and_sent_to_the_receiver(kodo, stores):
    chat = Conversation(kodo, "alice", locale="en")
    said = await chat.type("/kudos @bob 3 made the form work with a screen reader")
    assert "kodo: @alice recognised @bob for #3 Leave no one behind" in said
    assert "kodo → @bob (DM)" in said
    [row] = await kudos_rows(stores)
    assert (row.receiver, row.principle, row.reason, row.source) == (
        "bob", 3, "made the form work with a screen reader", "command")


@pytest.mark.parametrize("line, expected", [
    ("/kudos", "だれを称えるか"),
    ("/kudos @bob", "番号（1〜10）"),
    ("/kudos @bob 11 ありがとう", "番号（1〜10）"),
    ("/kudos @kodo 2 ありがとう", "ボットには"),
    ("/principle 11", "11番の原則はありません"),
    ("/principle 量子コンピュータ", "見つかりませんでした"),
    ("/kodo dance", "「dance」はわかりませんでした"),
    ("/kodo subscribe tips", "管理者だけ"),
])
async def test_bad_input_gets_a_friendly_reply(kodo, stores, line, expected):
    chat = Conversation(kodo, "alice")
    assert expected in await chat.type(line)
    assert await kudos_rows(stores) == []


async def test_kudos_to_several_people_gives_one_to_each(kodo, stores):
    chat = Conversation(kodo, "alice")
    said = await chat.type("/kudos @bob @carol 3 both")
    assert "@bobさんへの称賛" in said and "@carolさんへの称賛" in said
    assert sorted(r.receiver for r in await kudos_rows(stores)) == ["bob", "carol"]
    await chat.type("/kudos @dave three 英語の数字でも")
    assert [r.principle for r in await kudos_rows(stores) if r.receiver == "dave"] == [3]


async def test_a_persons_own_mistakes_are_answered_privately(kodo):
    chat = Conversation(kodo, "alice")
    assert (await chat.type("/principle " + "あ" * 5000)).startswith("kodo (only alice): メッセージが長すぎます（5011文字）")
    assert (await chat.type("/react 9 kodo3")).startswith("kodo (only alice): [9]というメッセージはありません")
    assert (await chat.type("/as kodo")).startswith("kodo (only alice): kodoはボットなので")
    usage = await chat.type("/as")
    assert usage.startswith("kodo (only alice): 使い方：/as 名前") and "/principle 3" in usage and "/roundup [週]" in usage


async def test_subscribing_twice_says_already_subscribed(kodo, settings):
    from dataclasses import replace
    kodo.settings = replace(settings, admins=("alice",))
    chat = Conversation(kodo, "alice")
    assert "平日（祝日を除く）の09:00に" in await chat.type("/kodo subscribe tips")
    assert "すでに行動規範のヒントを購読しています（日本語）" in await chat.type("/kodo subscribe tips")


async def test_tip_and_roundup_take_a_date_and_a_week(kodo):
    chat = Conversation(kodo, "alice", locale="en")
    tip = await chat.type("/tip 2026-01-05")
    assert "Principle for Monday 5 January 2026" in tip and "Today" not in tip
    assert "2026-01-03 is" not in await chat.type("/tip 2026-01-03")  # the date in words
    roundup = await chat.type("/roundup 2026-W01")
    assert "Kudos for the week of 29 December 2025" in roundup and "There were no kudos that week" in roundup
    assert "this week" not in roundup.casefold()
    assert "like 2026-W01" in await chat.type("/roundup soon")


async def test_a_week_that_has_not_started_is_answered_privately_in_the_persons_language(kodo):
    """The clock reads Tuesday 24 November 2026: 2026-W49 and 2027-W10 are still to come."""
    en = await Conversation(kodo, "alice", locale="en").type("/roundup 2027-W10")
    assert en.startswith("kodo (only alice): ") and en.count("\n") == 1, en
    assert "2027-W10" in en and "8 March 2027" in en and "hasn't started yet" in en and "/roundup" in en
    ja = await Conversation(kodo, "bob").type("/roundup 2026-W49")
    assert ja.startswith("kodo (only bob): ") and "2026-W49" in ja and "2026年11月30日" in ja, ja
    assert "まだ始まっていません" in ja and "今週の称賛まとめ" not in ja


async def test_the_console_locale_is_everyones_so_a_dm_arrives_in_it(kodo):
    chat = Conversation(kodo, "alice", locale="en")
    said = await chat.type("/kudos @bob 3 thanks")
    assert "kodo → @bob (DM): @alice sent you kudos for #3 Leave no one behind" in said


@pytest.mark.parametrize("locale, expected", [
    ("ja", "「fr」は選べません。選べる言語は日本語（/kodo lang ja）と英語（/kodo lang en）です。"),
    ("en", "“fr” isn't a language I can use. You can choose Japanese (/kodo lang ja) or English (/kodo lang en)."),
])
async def test_a_language_kodo_does_not_speak_is_answered_with_those_it_does(kodo, locale, expected):
    said = await Conversation(kodo, "alice", locale=locale).type("/kodo lang fr")
    assert said == f"kodo (only alice): {expected}\n"
    assert (await kodo.stores.me.settings("console", "alice")).locale is None  # nothing changed
