"""Proposals (提案活動) as conversations in the console, on SQLite and PostgreSQL: a proposal posted
with its support choice, supported once per person and never by its proposer, moved by admins
only, a decline always with a note, every change posted under the card and told to the proposer,
an adoption a kudos from Kodo exactly once; the admins' digest of proposals left unanswered; and
forget-me."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import datetime, timezone

import sqlalchemy as sa

from bot.i18n import t
from bot.ports import TOMBSTONE_PREFIX
from bot.replies import Audience
from scheduler import jobs
from storage.claims import ClaimStore
from storage.proposals import proposal_supports, proposals
from storage.tables import audit_log, kudos
from tests.fakes.conversation import Conversation
from tests.fakes.messenger import RecordingMessenger

TEXT = "窓口の案内表示を多言語にする"


async def _proposed(kodo, user: str = "alice", line: str = f"/kodo propose 3 {TEXT}") -> Conversation:
    chat = Conversation(kodo, user)
    await chat.type(line)
    return chat


async def _rows(engine, table, *where):
    async with engine.connect() as conn:
        return (await conn.execute(sa.select(table).where(*where).order_by(*table.primary_key.columns))).all()


async def test_a_proposal_is_posted_with_a_support_choice_and_the_proposer_hears_where_wrongdoing_goes(kodo):
    chat = Conversation(kodo, "alice")
    out = await chat.type(f"/kodo propose 3 {TEXT}")
    card, private = out.split("kodo (only alice): ")
    assert card.startswith(f"kodo: ■ 改善提案 #1\n    {TEXT}\n")
    assert "原則3「誰ひとり取り残されないようにしよう」・提案者：@alice" in card
    assert "状態：新規・応援 0人" in card and "[c1] 1) 応援する" in card
    assert "[c2] 1) 検討中にする  2) 採用する  3) 不採用にする" in card
    assert private == (f"{t('proposal.posted', 'ja', id=1)}\n    {t('proposal.whistleblowing', 'ja')}\n")
    assert "公益通報窓口" in private


async def test_the_whistleblowing_line_names_the_official_channel_when_it_is_set(kodo, settings):
    url = "https://example.lg.jp/koueki-tsuho?lang=ja&x=1"
    kodo.settings = replace(settings, options={"KODO_WHISTLEBLOWING_URL": url})
    out = await Conversation(kodo, "alice", "en").type("/kodo propose Fewer forms")
    assert f"not in a public proposal: {url}" in out
    assert "No principle named · proposed by @alice" in out


async def test_supported_twice_by_the_same_person_counts_once_and_never_by_the_proposer(kodo, engine):
    chat = await _proposed(kodo)
    own = await chat.type("/pick c1 1")
    assert own == f"alice: /pick c1 1\nkodo (only alice): {t('proposal.supported.own', 'ja')}\n"
    await chat.type("/as bob")
    first = await chat.type("/pick c1 1")
    assert "kodo (updated [c1]): ■ 改善提案 #1" in first and "状態：新規・応援 1人" in first
    assert first.endswith(f"kodo (only bob): {t('proposal.supported', 'ja', id=1)}\n")
    again = await chat.type("/pick c1 1")
    assert again == f"bob: /pick c1 1\nkodo (only bob): {t('proposal.supported.again', 'ja', id=1)}\n"
    await chat.type("/as carol")
    assert "応援 2人" in await chat.type("/pick c1 1")
    assert sorted(r.supporter for r in await _rows(engine, proposal_supports)) == ["bob", "carol"]
    listing = await chat.type("/kodo proposals")
    assert "・#1・原則3「誰ひとり取り残されないようにしよう」・新規・応援 2人・今日" in listing
    assert TEXT in listing  # read where it was proposed


async def test_a_non_admin_cannot_change_a_status(kodo, engine):
    chat = await _proposed(kodo)
    await chat.type("/as bob")
    refused = f"kodo (only bob): {t('admin.only', 'ja')}\n"
    assert (await chat.type("/pick c2 2")).endswith(refused)
    assert (await chat.type("/kodo proposal 1 adopted")).endswith(refused)
    assert (await chat.type("/kodo proposal #1 reviewing")).endswith(refused)
    [row] = await _rows(engine, proposals)
    assert (row.status, row.answered_at) == ("new", None)
    assert await _rows(engine, kudos) == []


async def test_each_change_is_posted_under_the_card_and_told_to_the_proposer(kodo, engine):
    chat = await _proposed(kodo)
    await chat.type("/as admin")
    out = await chat.type("/pick c2 1")
    assert "kodo (updated [c2]): ■ 改善提案 #1" in out and "状態：検討中" in out
    assert "[c2] 1) 採用する  2) 不採用にする" in out  # the card keeps its handles
    assert f"kodo (thread [c1]): {t('proposal.thread', 'ja', status='検討中')}\n" in out
    assert f"kodo → @alice (DM): {t('proposal.dm', 'ja', id=1, status='検討中')}\n" in out
    refused = await chat.type("/kodo proposal 1 declined")
    assert refused == f"kodo (only admin): {t('proposal.decline_note', 'ja', usage='/kodo proposal 1 declined 理由')}\n"
    declined = await chat.type("/kodo proposal 1 declined 予算の都合で来年度に再検討します")
    assert "kodo (thread [c1]): この提案は「不採用」になりました。\n    メモ：予算の都合で来年度に再検討します\n" in declined
    updated = declined.split("kodo (updated [c1]): ")[1].split("\nkodo")[0]  # the card, though nobody pressed it
    assert updated.startswith("■ 改善提案 #1") and "状態：不採用" in updated and "[c" not in updated
    assert "kodo → @alice (DM): あなたの提案 #1 は「不採用」になりました。\n    メモ：予算の都合で来年度に再検討します" in declined
    assert declined.endswith(f"kodo (only admin): {t('proposal.changed', 'ja', id=1, status='不採用')}\n")
    final = await chat.type("/kodo proposal 1 adopted")
    assert final.endswith(f"{t('proposal.final', 'ja', id=1, status='不採用')}\n")
    assert (await chat.type("/kodo proposals")).endswith(
        "kodo (only admin): 検討待ちの提案はありません。/kodo proposeで提案できます。\n")
    changes = [(r.actor, r.action, r.target, r.detail) for r in await _rows(engine, audit_log)]
    assert changes == [("admin", "proposal.status", "#1", '{"from": "new", "to": "reviewing"}'),
                       ("admin", "proposal.status", "#1", '{"from": "reviewing", "to": "declined"}')]


async def test_adopting_gives_exactly_one_proposal_kudos_also_when_the_press_comes_twice(kodo, engine):
    chat = await _proposed(kodo)
    await chat.type("/as admin")
    adopted = await chat.type("/pick c2 2")
    assert "状態：採用" in adopted and "[c1]" not in adopted.split("kodo (thread")[0].split("updated")[1]
    assert "採用おめでとうございます。原則3「誰ひとり取り残されないようにしよう」の称賛として記録されました。" in adopted
    again = await chat.type("/pick c2 2")  # the same press delivered again
    assert again.endswith(f"kodo (only admin): {t('proposal.same', 'ja', id=1, status='採用')}\n")
    ctx = replace(chat.session._ctx(), user="admin")
    twice = await asyncio.gather(*(kodo.press(ctx, "proposals:status", "1:adopted") for _ in range(3)))
    assert all(out.audience is Audience.PRIVATE for outs in twice for out in outs)
    [given] = await _rows(engine, kudos)
    assert (given.giver, given.receiver, given.principle, given.source, given.message) == (
        "kodo", "alice", 3, "proposal", "proposal:1")
    exported = [k async for k in kodo.stores.kudos.export()]
    assert [(k.source, k.receiver, k.visibility, k.workspace) for k in exported] == [
        ("proposal", "alice", "public", "console")]


async def test_a_proposal_without_a_principle_is_adopted_for_the_one_the_admin_names(kodo, engine):
    chat = await _proposed(kodo, line="/kodo propose 会議資料を前日に共有する")
    await chat.type("/as admin")
    asked = await chat.type("/pick c2 2")
    assert "/kodo proposal 1 adopted 3" in asked
    assert [r.status for r in await _rows(engine, proposals)] == ["new"]
    out = await chat.type("/kodo proposal 1 adopted 5 全課で実施")
    assert "原則5" in out and "メモ：全課で実施" in out
    [given] = await _rows(engine, kudos)
    assert (given.principle, given.source) == (5, "proposal")


async def test_bad_input_gets_a_friendly_answer(kodo):
    chat = Conversation(kodo, "alice", "en")
    assert "Usage: /kodo propose [principle number] your proposal" in await chat.type("/kodo propose")
    assert "Usage: /kodo propose" in await chat.type("/kodo propose ３")  # a principle, but no proposal
    assert "Principle numbers go from 1 to 10" in await chat.type("/kodo propose 11 something")
    assert "up to 1000 characters" in await chat.type("/kodo propose " + "x" * 1001)
    assert "There is no proposal #7" in await chat.type("/kodo proposal 7")
    await chat.type("/as admin")
    assert "The status is reviewing, adopted or declined" in await chat.type("/kodo proposal 7 maybe")
    assert "There is no proposal #7" in await chat.type("/kodo proposal 7 reviewing")


async def test_forget_me_leaves_the_proposal_and_its_supports_with_a_tombstone(kodo, engine):
    chat = await _proposed(kodo)
    await chat.type("/as bob")
    await chat.type("/pick c1 1")
    await _proposed(kodo, "carol", "/kodo propose <@bob> さんの工夫を全課に広げる")
    await chat.type("/kodo forget-me")
    await chat.type("/as alice")
    await chat.type("/kodo forget-me")
    row, named = await _rows(engine, proposals)
    assert row.proposer.startswith(TOMBSTONE_PREFIX) and row.text == TEXT
    assert named.proposer == "carol" and named.text.startswith(f"<@{TOMBSTONE_PREFIX}")
    [support] = await _rows(engine, proposal_supports)
    assert support.supporter.startswith(TOMBSTONE_PREFIX)
    listing = await chat.type("/kodo proposals")
    assert "応援 1人" in listing
    assert "提案者：○○" in await chat.type("/kodo proposal 1")


# ---- no black hole ------------------------------------------------------------------------------

MADE = "2026-11-17T10:00:00+09:00"  # a Tuesday; Monday 23 November is 勤労感謝の日


def _replica(kodo, engine, messenger):
    return jobs.Deps(kodo, ClaimStore(engine), {"console": messenger})


async def test_a_proposal_left_new_for_ten_working_days_is_listed_to_the_admins_once_on_the_next(kodo, clock,
                                                                                               engine):
    clock.set(MADE)
    await _proposed(kodo)
    await _proposed(kodo, "bob", "/kodo propose 2 二件目")
    answered = await _proposed(kodo, "carol", "/kodo propose 三件目")
    await answered.type("/as admin", "/kodo proposal 3 reviewing")
    messenger = RecordingMessenger(platform="console")

    for day in ("2026-11-24", "2026-12-01", "2026-12-02"):  # ten working days run to 2 December
        clock.set(f"{day}T12:00:00+09:00")
        assert await jobs.run(_replica(kodo, engine, messenger), clock.now()) == []
    clock.set("2026-12-03T08:59:00+09:00")
    assert await jobs.run(_replica(kodo, engine, messenger), clock.now()) == []
    clock.set("2026-12-03T09:00:00+09:00")
    runs = await asyncio.gather(*(jobs.run(_replica(kodo, engine, messenger), clock.now()) for _ in range(3)))
    assert sorted(o.status for run in runs for o in run) == ["sent", "taken", "taken"]
    [(to, lang, text)] = messenger.posts
    assert to == "admin" and lang == "ja"  # privately, to the admin (KODO_ADMINS)
    assert text.startswith("■ 回答を待っている提案\n次の提案は、10営業日以上「新規」のままです。")
    assert f"・#1・原則3「誰ひとり取り残されないようにしよう」・応援 0人・2026-11-17に提案：{TEXT}" in text
    assert "・#2・原則2" in text and "#3" not in text  # answered: not waiting
    clock.set("2026-12-03T11:00:00+09:00")
    again = await jobs.run(_replica(kodo, engine, messenger), clock.now())  # a restart: sent already
    assert [o.status for o in again] == ["taken"]
    clock.set("2026-12-04T09:30:00+09:00")
    assert await jobs.run(_replica(kodo, engine, messenger), clock.now()) == []  # listed once, not daily
    assert len(messenger.posts) == 1


async def test_no_digest_on_a_day_off_and_a_failed_one_is_sent_on_the_next_run(kodo, clock, engine):
    clock.set("2026-11-06T10:00:00+09:00")  # a Friday; ten working days later is Friday 20 November
    await _proposed(kodo)
    messenger = RecordingMessenger(platform="console", fail={"admin"})
    clock.set("2026-11-21T09:00:00+09:00")  # Saturday
    assert await jobs.run(_replica(kodo, engine, messenger), clock.now()) == []
    clock.set("2026-11-23T09:00:00+09:00")  # 勤労感謝の日
    assert await jobs.run(_replica(kodo, engine, messenger), clock.now()) == []
    clock.set("2026-11-24T09:00:00+09:00")
    assert [o.status for o in await jobs.run(_replica(kodo, engine, messenger), clock.now())] == ["failed"]
    messenger.fail.clear()
    clock.set("2026-11-24T09:05:00+09:00")
    assert [o.status for o in await jobs.run(_replica(kodo, engine, messenger), clock.now())] == ["sent"]
    assert [to for to, _, _ in messenger.posts] == ["admin"]


async def test_answered_between_counts_answers_and_their_median_working_days(kodo, clock, engine):
    clock.set(MADE)
    for n in range(3):
        await _proposed(kodo, f"p{n}", f"/kodo propose 案{n}")
    admin = Conversation(kodo, "admin")
    clock.set("2026-11-18T10:00:00+09:00")  # one working day later
    await admin.type("/kodo proposal 1 reviewing")
    clock.set("2026-11-24T10:00:00+09:00")  # four (the holiday does not count)
    await admin.type("/kodo proposal 2 reviewing")
    await admin.type("/kodo proposal 1 declined 重複のため")  # answered already: counts once
    store, tz = kodo.stores.proposals, kodo.tz
    start, end = datetime(2026, 11, 1, tzinfo=tz), datetime(2026, 12, 1, tzinfo=tz)
    assert await store.answered_between(start, end, tz) == (2, 2.5)
    assert await store.answered_between(end, datetime(2027, 1, 1, tzinfo=tz), tz) == (0, None)
    assert await store.answered_between(start, datetime(2026, 11, 20, tzinfo=timezone.utc), tz) == (1, 1)


async def test_old_words_are_blanked_with_the_reasons_and_the_proposal_stays(kodo, clock, engine, settings):
    kodo.settings = replace(settings, retention_days=30)
    clock.set("2026-10-01T10:00:00+09:00")
    chat = await _proposed(kodo)
    await chat.type("/as admin", "/kodo proposal 1 declined 予算の都合")
    clock.set("2026-11-20T10:00:00+09:00")
    await _proposed(kodo, "bob", "/kodo propose 最近の提案")
    clock.set("2026-11-25T03:05:00+09:00")
    [outcome] = await jobs.run(_replica(kodo, engine, RecordingMessenger(platform="console")), clock.now())
    assert outcome.status == "sent"
    old, recent = await _rows(engine, proposals)
    assert (old.text, old.note, old.status) == (None, None, "declined") and recent.text == "最近の提案"
    assert "#1" in await Conversation(kodo, "admin").type("/kodo proposal 1")  # still there, without words


async def test_the_numbers_per_week_and_principle_in_the_kpis_and_on_the_dashboard(kodo, tokyo, clock):
    from adapters.dashboard.page import Request, render
    from bot import kpi

    clock.set("2026-11-17T10:00:00+09:00")  # week 47
    chat = await _proposed(kodo)  # #1, principle 3
    await _proposed(kodo, "bob", "/kodo propose 3 二件目")
    await _proposed(kodo, "carol", "/kodo propose 原則なし")
    await chat.type("/as bob", "/pick c1 1", "/as carol", "/pick c1 1")  # two support #1
    clock.set("2026-11-24T10:00:00+09:00")  # week 48: #1 answered after four working days, then adopted
    admin = Conversation(kodo, "admin")
    await admin.type("/kodo proposal 1 reviewing", "/kodo proposal 1 adopted よい提案です")
    clock.set("2026-11-25T10:00:00+09:00")
    await admin.type("/kodo proposal 3 declined 今回は見送ります")  # five working days (23 Nov is a holiday)

    async def kpis(lang="ja", scope=kpi.Scope()):
        return await kpi.compute(kodo.kpis, tokyo, kodo.tz, clock.now(), 2, scope, 5, kodo.figures(), lang)

    found = kpi.to_json(await kpis(), tokyo, "ja")["proposals"]
    w47, w48 = found["weeks"]
    assert (w47["week"], w47["made"], w47["supported"], w47["answered"], w47["adopted"]) == ("2026-W47", 3, 2, 0, 0)
    assert (w48["made"], w48["answered"], w48["adopted"], w48["median_working_days"]) == (0, 2, 1, 4.5)
    assert w47["per_principle"]["3"] == {"made": 2, "supported": 2, "answered": 0, "adopted": 0}
    assert w47["per_principle"]["none"]["made"] == 1 and w47["per_principle"]["1"]["made"] == 0
    assert w48["per_principle"]["3"]["adopted"] == 1 and w48["per_principle"]["none"]["answered"] == 1
    assert (found["made"], found["supported"], found["answered"], found["adopted"]) == (3, 2, 2, 1)
    assert found["principles"][2] == {"number": 3, "title": tokyo.principle(3, "ja").title, "made": 2,
                                      "supported": 2, "answered": 1, "adopted": 1}
    assert kpi.to_json(await kpis(scope=kpi.Scope(workspace="T-other")), tokyo, "ja")["proposals"]["made"] == 0
    # The adoption is a kudos of principle 3, counted with the others.
    assert kpi.to_json(await kpis(), tokyo, "ja")["weeks"][1]["per_principle"]["3"] == 1

    html = render(await kpis(), tokyo, Request("ja", 2), kodo.tz)
    section = html.split('data-figures="proposals"')[1].split("</section>")[0]
    assert "提案 3件・応援 2件・回答 2件（回答までの中央値 4.5営業日）・採用 1件" in section and "<svg" in section
    assert '<th scope="row">2026-W47</th><td>3</td>' in section
    adopted = html.split('data-figures="proposals-principles"')[1].split("</section>")[0]
    assert f'<th scope="row">#3 {tokyo.principle(3, "ja").title}</th><td>1</td>' in adopted
