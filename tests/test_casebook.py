"""The good-practice casebook in the console: how an episode enters (three givers, or an admin's
nomination), the receiver's consent and withdrawal, and ``kodo casebook``."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

from bot.i18n import t
from tests.fakes.conversation import Conversation


def _handle(said: str, marker: str) -> str:
    """The handle of the choices printed after ``marker`` (``[c2] 1) …``)."""
    rest = said[said.index(marker):]
    return rest[rest.index("[c") + 1:rest.index("]", rest.index("[c"))]


async def _three_givers(kodo, chat: Conversation, reasons=("手順書を誰でも読めるように直してくれた", None, None),
                        text: str = "申請フォームの文言を、やさしい日本語に直しました") -> str:
    """bob writes a message; alice, carol and dave recognise it for principle 3 (with a reason through
    the form, as Slack's shortcut and Teams' message action give it, else by reaction). Everything said."""
    said = await chat.type("/as bob", text)
    n = len(chat.session.messages)
    message = f"{chat.session.session}:{n}"
    for giver, reason in zip(("alice", "carol", "dave"), reasons):
        said += await chat.type(f"/as {giver}")
        if reason:
            for o in await kodo.give(chat.session._ctx(), "bob", 3, reason, "shortcut", message=message):
                chat.session._show(o)
            said += chat.pop()
        else:
            said += await chat.type(f"/react {n} kodo3")
    return said


async def test_three_givers_bring_an_episode_in_but_only_the_receivers_consent_publishes_it(kodo, stores):
    chat = Conversation(kodo, "bob")
    said = await _three_givers(kodo, chat)
    assert said.count("kodo → @bob (DM)") == 4  # three kudos, then the question
    asked = said[said.rindex("kodo → @bob (DM)"):]
    assert "3人の仲間から称えられました" in asked and "#3" in asked and "alice" not in asked
    assert "1) 公開する  2) 公開しない" in asked
    assert await stores.casebook.published() == []  # asked is not published

    handle = _handle(asked, "kodo → @bob (DM)")
    assert "公開できるのは" not in await chat.type(f"/pick {handle} 1")  # dave may not answer bob's DM
    assert await stores.casebook.published() == []
    await chat.type("/as bob")
    published = await chat.type(f"/pick {handle} 1")
    assert f"kodo (updated [{handle}]): 優良事例集で公開しました" in published and "1) 取り下げる" in published
    [case] = await stores.casebook.published()
    assert (case.receiver, case.principle, case.givers) == ("bob", 3, 3)
    assert case.reasons == ("手順書を誰でも読めるように直してくれた",)

    await chat.type("/as erin", "/react 1 kodo3")  # a fourth giver: it entered once, nobody is asked again
    assert "(DM)" not in chat.pop().replace("kodo → @bob (DM): erinさんから", "")

    await chat.type("/as bob")
    withdrawn = await chat.type(f"/pick {handle} 1")
    assert "公開しないことにしました" in withdrawn and "1) 公開する" in withdrawn
    assert await stores.casebook.published() == []


async def test_reactions_alone_two_givers_or_a_private_conversation_bring_no_episode_in(kodo, stores):
    chat = Conversation(kodo, "bob")
    assert "優良事例集" not in await _three_givers(kodo, chat, reasons=(None, None, None))  # nothing told
    assert "優良事例集" not in await _three_givers(kodo, chat, reasons=("丁寧", "明快"), text="ふたつめ")
    assert await stores.casebook.entry_of("console", f"{chat.session.session}:1") is None
    private = replace(chat.session._ctx(), channel="D1", visibility="direct")
    for giver in ("alice", "carol", "dave"):
        said = await kodo.give(replace(private, user=giver), "bob", 3, "理由", "shortcut", message="D1:1")
        assert not any("優良事例集" in o.reply.text for o in said)
    assert await stores.casebook.entry_of("console", "D1:1") is None


async def test_an_admin_nominates_a_message_and_others_cannot(kodo, stores):
    chat = Conversation(kodo, "bob")
    await chat.type("/as bob", "窓口の待ち時間を表示するようにしました")
    await chat.type("/as alice")
    for o in await kodo.give(chat.session._ctx(), "bob", 1, "来庁者の目線で考えてくれた", "shortcut",
                             message=f"{chat.session.session}:1"):
        chat.session._show(o)
    chat.pop()
    assert t("casebook.admins_only", "ja") in await chat.type("/kodo feature 1")
    await chat.type("/as admin")
    assert t("console.feature.usage", "ja") in await chat.type("/kodo feature")
    assert t("console.no_message", "ja", number="9") in await chat.type("/kodo feature 9")
    said = await chat.type("/kodo feature 1")
    assert "優良事例として推薦しました" in said and "kodo → @bob (DM)" in said and "推薦されました" in said
    again = await chat.type("/kodo feature 1")
    assert "すでに優良事例集に入っています（本人の確認待ち）" in again and "(DM)" not in again
    entries = [e async for e in stores.audit.audit_entries()]
    assert [(e.actor, e.action) for e in entries] == [("admin", "casebook-nominate")]


async def test_the_choice_on_a_kudos_post_nominates_its_episode(kodo, stores):
    chat = Conversation(kodo, "alice")
    posted = await chat.type("/kudos @bob 3 だれでも使えるフォームにしてくれた")
    assert "[c1] 1) 優良事例として紹介する" in posted
    assert "優良事例" not in await chat.type("/kudos @carol 2")  # no reason: nothing to feature
    assert t("casebook.admins_only", "ja") in await chat.type("/pick c1 1")
    await chat.type("/as admin")
    said = await chat.type("/pick c1 1")
    assert "kodo → @bob (DM)" in said
    await chat.type("/as bob")
    await chat.type(f"/pick {_handle(said, 'kodo → @bob (DM)')} 1")
    [case] = await stores.casebook.published()
    assert case.reasons == ("だれでも使えるフォームにしてくれた",) and case.givers == 1


async def test_forgotten_givers_words_are_left_out_and_a_forgotten_receiver_leaves(kodo, stores):
    chat = Conversation(kodo, "bob")
    said = await _three_givers(kodo, chat, reasons=("丁寧な説明", "読みやすい", "助かった"))
    await chat.type("/as bob", f"/pick {_handle(said[said.rindex('kodo → @bob (DM)'):], 'kodo → @bob (DM)')} 1")
    await chat.type("/as carol", "/kodo ranking off")
    [case] = await stores.casebook.published()
    assert case.reasons == ("丁寧な説明", "助かった") and case.givers == 3
    await stores.me.forget_user("console", "alice")
    [case] = await stores.casebook.published()
    assert case.reasons == ("助かった",)
    await stores.me.forget_user("console", "bob")
    assert await stores.casebook.published() == []


def test_the_casebook_renders_as_markdown_and_json(tokyo):
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    from bot.features.casebook.book import as_json, markdown
    from bot.features.casebook.store import Case

    at = datetime(2026, 12, 3, 1, tzinfo=timezone.utc)
    cases = [Case("bob", 3, ("<@carol> と一緒に直した", "# 見出しではない"), 3, at, "console")]
    md = markdown(tokyo, cases, frozenset({"carol"}), "ja", ZoneInfo("Asia/Tokyo"))
    assert md.startswith("# 優良事例集\n\n## #3 ")
    assert "### @bobさん（2026年12月3日、3人が称えました）" in md
    assert f"> {t('someone', 'ja')} と一緒に直した\n" in md and "> \\# 見出しではない\n" in md  # never markup
    [item] = json.loads(as_json(tokyo, cases, frozenset(), "en"))
    assert item["receiver"] == "bob" and item["principle"] == 3 and len(item["reasons"]) == 2


async def test_published_episodes_per_principle_and_week_in_the_kpis_and_on_the_dashboard(db_url):
    from dataclasses import replace as with_

    from bot.features.casebook.store import NOMINATED, PUBLISHED
    from tests.test_dashboard_api import TOKEN, serving
    from tests.test_kpi import NOW, kudos

    async with serving(db_url, dashboard_token=TOKEN) as client:
        stores = client.rt.stores
        at = NOW - timedelta(days=2)
        for giver in ("U1", "U2"):
            k = with_(kudos(giver, "U_BOB", 3, at, message="C1:42.0"), visibility="public",
                      reason=f"<b>{giver}</b> 手順書を直してくれた")
            await stores.kudos.add_kudos(k, 0)
        entry = await stores.casebook.enter(await stores.casebook.facts("slack", "C1:42.0"), NOMINATED, at)
        await stores.casebook.answer(entry.id, PUBLISHED, NOW - timedelta(days=1))
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        data = await (await client.get("/api/kpi?weeks=4", headers=bearer)).json()
        casebook = data["casebook"]
        assert casebook["published"] == 1 and casebook["per_principle"]["3"] == 1
        assert [w["published"] for w in casebook["weeks"]] == [0, 0, 0, 1]
        assert casebook["weeks"][-1]["per_principle"]["3"] == 1 and casebook["weeks"][-1]["week"] == "2026-W48"
        page = await (await client.get("/dashboard?weeks=4&lang=ja", headers=bearer)).text()
        assert "優良事例集" in page and "#3 @U_BOBさん（2人が称えました）" in page
        assert "&lt;b&gt;U1&lt;/b&gt; 手順書を直してくれた" in page and "<b>U1</b>" not in page  # words, not markup
        assert "U2" not in page.split("優良事例集", 1)[1].split("</section>", 1)[0].replace("U_BOB", "")


async def test_forged_or_foreign_presses_change_nothing_and_are_answered_politely(kodo, stores):
    chat = Conversation(kodo, "admin")
    ctx = chat.session._ctx()
    for action, value in (("casebook:nominate", "k99999999999999999999999"), ("casebook:nominate", "k²"),
                          ("casebook:nominate", "7"), ("casebook:answer", "99999999999999999999999:publish"),
                          ("casebook:answer", "1:delete"), ("casebook:answer", "²:publish"), ("casebook:other", "1")):
        [out] = await kodo.press(ctx, action, value)
        assert out.reply.text == t("press.unavailable", "ja"), (action, value)
    [out] = await kodo.press(ctx, "casebook:nominate", "k12345")  # a kudos that is not there
    assert out.reply.text == t("casebook.no_episode", "ja")
    async with stores.db.engine.connect() as conn:
        import sqlalchemy as sa
        assert (await conn.execute(sa.text("SELECT count(*) FROM casebook"))).scalar_one() == 0
