"""What Kodo knows of people in Teams: names that survive a restart, each person's own language."""

from __future__ import annotations

import sqlalchemy as sa

from bot.features.roundup import digest
from bot.features.roundup.post import show
from storage.tables import people
from tests.teams.conftest import ADMIN, ALICE, BOB, CHANNEL, running


async def rows(chat):
    async with chat.rt.stores.db.engine.connect() as conn:
        return {r.user_id: (r.display_name, r.locale) for r in await conn.execute(sa.select(people))}


async def test_names_survive_a_restart_and_a_dm_is_in_the_receivers_language(teams_settings, connector, clock):
    async with running(teams_settings, connector, clock) as chat:
        await chat.say("help", user=BOB, locale="en-US")  # Bob's Teams speaks English
        await chat.say("subscribe roundup ja", user=ADMIN, locale="ja-JP")
        connector.take()
        sent = await chat.say("kudos <at>Bob</at> 3 フォームを直してくれた", user=ALICE, locale="ja-JP", mentions=[BOB])
        [dm] = [s for s in sent if s.conversation == "a:dm-29:bob"]
        assert "<at>Alice</at> sent you kudos for #3 Leave no one behind" in dm.texts()  # Bob's language
        [public] = [s for s in sent if s.conversation.startswith(CHANNEL) and "称えました" in s.texts()]
        assert "<at>Alice</at>さんが<at>Bob</at>さんを称えました" in public.texts()  # Alice's language
        assert (await rows(chat))["29:bob"] == ("Bob", "en-US")

    clock.advance(minutes=1)
    async with running(teams_settings, connector, clock) as chat:  # a new app instance, the same database
        start, end = digest.week_bounds(clock.now(), chat.rt.kodo.tz)
        roundup = await show(chat.rt.kodo.parts("roundup"), "teams", "ja", start, end)
        await chat.teams.messenger.post(CHANNEL, roundup, "ja")
        [post] = connector.take()
        assert "<at>Bob</at>さん：1件" in post.texts() and "29:bob" not in post.texts()
        assert {e["mentioned"]["name"] for e in post.activity["attachments"][0]["content"]["msteams"]["entities"]} \
            == {"Alice", "Bob"}

        await chat.say("forget-me", user=BOB, personal=True)
        assert "29:bob" not in await rows(chat)


async def test_the_same_name_and_locale_are_written_once(chat):
    store = chat.teams.messenger.names.people
    assert await store.learn("29:carol", "Carol", "ja-JP")
    assert not await store.learn("29:carol", "Carol", "ja-JP")  # unchanged: no write
    assert not await store.learn("29:carol", "Carol")  # a mention: no locale, nothing new
    assert await store.learn("29:carol", "Carol Ito")  # renamed: written, the locale kept
    assert (await rows(chat))["29:carol"] == ("Carol Ito", "ja-JP")
