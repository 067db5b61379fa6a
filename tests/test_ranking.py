"""KODO_RANKING=off: an organisation that ranks nobody. No roundup, printed or posted, in either
language, lists the most recognised people; asking to leave or rejoin the rankings is answered with
that, in the person's language, and the choice is kept for the day the organisation ranks again."""

from __future__ import annotations

from dataclasses import replace

from bot.features.roundup.digest import week_bounds
from bot.features.roundup.post import show
from bot.ports import Subscription
from scheduler import jobs
from storage.claims import ClaimStore
from tests.fakes.conversation import Conversation
from tests.fakes.messenger import RecordingMessenger


async def recognise(kodo) -> None:
    for giver in ("alice", "carol", "dave"):
        await Conversation(kodo, giver).type("/kudos @bob 3 障害のある方と一緒にテストを設計した")


async def test_no_roundup_lists_the_most_recognised_when_the_organisation_ranks_nobody(kodo, clock, engine, stores):
    kodo.settings = replace(kodo.settings, ranking=False)
    await recognise(kodo)
    clock.advance(minutes=1)
    start, end = week_bounds(clock.now(), kodo.tz)
    printed = {lang: (await show(kodo.parts("roundup"), "console", lang, start, end)).text for lang in ("ja", "en")}
    await stores.subscriptions.subscribe(Subscription("console", "#general", "roundup", "en"))
    messenger = RecordingMessenger(platform="console")
    clock.set("2026-11-27T17:00:00+09:00")
    await jobs.run(jobs.Deps(kodo, ClaimStore(engine), {"console": messenger}), clock.now())
    [(_, _, posted)] = messenger.posts
    assert "称賛は全部で3件です" in printed["ja"] and "3 kudos in all" in printed["en"] and "3 kudos in all" in posted
    for text in (printed["ja"], printed["en"], posted):
        assert "多く称えられた人" not in text and "Most recognised" not in text, text
        assert "さん：3件" not in text and "<@bob>: 3" not in text, text


async def test_with_ranking_on_the_roundup_lists_them(kodo, clock):
    await recognise(kodo)
    clock.advance(minutes=1)
    text = (await show(kodo.parts("roundup"), "console", "ja", *week_bounds(clock.now(), kodo.tz))).text
    assert "多く称えられた人" in text and "<@bob>さん：3件" in text


async def test_leaving_the_rankings_of_an_organisation_without_them_is_answered_so(kodo, stores):
    kodo.settings = replace(kodo.settings, ranking=False)
    ja = await Conversation(kodo, "alice").type("/kodo ranking off")
    assert ja == ("kodo (only alice): この組織では、週間まとめで人のランキングを出していません。"
                  "今後ランキングを出すことになっても、あなたは載らないよう記録しました。\n")
    assert (await stores.me.settings("console", "alice")).ranking is False  # kept for the day it ranks again
    en = await Conversation(kodo, "bob", locale="en").type("/kodo ranking on")
    assert en == ("kodo (only bob): Your organisation doesn't rank anyone in the weekly roundups. "
                  "If it ever does, you'll be included.\n")
    assert "doesn't rank anyone" in await Conversation(kodo, "bob", locale="en").type("/kodo ranking")
    me = await Conversation(kodo, "alice").type("/kodo me")
    assert "ランキング" not in me  # nothing to rejoin
