"""The stores on a real database (SQLite, and PostgreSQL when KODO_TEST_POSTGRES_URL is set)."""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from datetime import date, datetime, timedelta, timezone


from bot.kpi import Scope
from bot.ports import AddOutcome, AuditEntry, NewKudos, Subscription

SLACK = Scope(platform="slack")

NOW = datetime(2026, 11, 24, 1, 0, tzinfo=timezone.utc)
AROUND_NOW = (NOW - timedelta(days=1), NOW + timedelta(days=1))


def kudos(giver="alice", receiver="bob", principle=3, message="C1:1700000000.000100", **extra) -> NewKudos:
    values = dict(platform="slack", giver=giver, receiver=receiver, principle=principle, source="reaction",
                  created_at=NOW, day=date(2026, 11, 24), channel="C1", message=message)
    return NewKudos(**(values | extra))


async def rows(stores):
    return [r async for r in stores.kudos.export()]


async def test_twenty_concurrent_inserts_of_the_same_kudos_make_one_row(stores):
    results = await asyncio.gather(*(stores.kudos.add_kudos(kudos(), 5) for _ in range(20)))
    assert sorted(r.outcome.value for r in results) == ["created"] + ["duplicate"] * 19
    assert len(await rows(stores)) == 1


async def test_concurrent_kudos_respect_the_daily_limit(stores):
    results = await asyncio.gather(*(stores.kudos.add_kudos(kudos(message=f"C1:{i}"), 5) for i in range(12)))
    assert sum(r.outcome is AddOutcome.CREATED for r in results) == 5
    assert sum(r.outcome is AddOutcome.LIMIT for r in results) == 7


async def test_the_days_count_comes_back_only_where_a_limit_needs_it(stores):
    assert (await stores.kudos.add_kudos(kudos(), 5)).given_today == 1
    assert (await stores.kudos.add_kudos(kudos(message="C1:2"), 5)).given_today == 2
    unlimited = await stores.kudos.add_kudos(kudos(message="C1:3"), 0)
    assert (unlimited.outcome, unlimited.given_today) == (AddOutcome.CREATED, None)
    assert (await stores.kudos.add_kudos(kudos(message="C1:4"), 5)).given_today == 4


async def test_the_same_command_event_counts_once(stores):
    command = kudos(message=None, source="command", event_key="trigger-123")
    first, again = await stores.kudos.add_kudos(command, 5), await stores.kudos.add_kudos(command, 5)
    assert (first.outcome, again.outcome) == (AddOutcome.CREATED, AddOutcome.DUPLICATE)
    other = await stores.kudos.add_kudos(kudos(message=None, source="command", event_key="trigger-124"), 5)
    assert other.outcome is AddOutcome.CREATED


async def test_revoked_kudos_frees_the_limit_and_can_be_given_again(stores):
    await stores.kudos.add_kudos(kudos(), 1)
    assert (await stores.kudos.add_kudos(kudos(message="C1:2"), 1)).outcome is AddOutcome.LIMIT
    assert await stores.kudos.revoke_kudos("slack", "alice", "C1:1700000000.000100", 3, NOW)
    assert not await stores.kudos.revoke_kudos("slack", "alice", "C1:1700000000.000100", 3, NOW)
    assert (await stores.kudos.add_kudos(kudos(message="C1:2"), 1)).outcome is AddOutcome.CREATED
    assert (await stores.kudos.add_kudos(kudos(), 0)).outcome is AddOutcome.RESTORED
    assert [r.revoked_at for r in await rows(stores)] == [None, None]


async def test_forget_me_keeps_counts_and_removes_identity(stores):
    await stores.kudos.add_kudos(kudos(), 5)
    await stores.kudos.add_kudos(kudos(giver="bob", receiver="alice", message="C1:2"), 5)
    await stores.me.set_locale("slack", "alice", "en")
    assert await stores.me.forget_user("slack", "alice") == {"kudos": 2}
    everyone = {name for r in await rows(stores) for name in (r.giver, r.receiver)}
    assert "alice" not in everyone and "bob" in everyone and len(everyone) == 2
    assert (await stores.me.settings("slack", "alice")).locale is None
    assert (await counted(stores)).kudos == 2
    assert [who for who, _ in await stores.roundup.top_receivers(SLACK, "tokyo", *AROUND_NOW, 5)] == ["bob"]


async def test_rankings_and_stories_hide_people_who_opted_out(stores):
    await stores.kudos.add_kudos(kudos(reason="読みやすい画面にしてくれた"), 5)
    await stores.kudos.add_kudos(kudos(giver="carol", receiver="dave", principle=1, message="C1:3", reason="顧客の声"), 5)
    await stores.me.set_ranking("slack", "dave", False)
    assert {p: n for p, n in (await counted(stores)).per_principle.items() if n} == {1: 1, 3: 1}
    assert await stores.roundup.top_receivers(SLACK, "tokyo", *AROUND_NOW, 5) == [("bob", 1)]
    assert [(e.giver, e.receiver) for e in await stores.roundup.episodes(SLACK, *AROUND_NOW, 10)] == [("alice", "bob")]


async def test_stories_are_those_of_the_pack_whose_numbers_the_roundup_names(stores):
    """Principle 3 of another pack is another principle: its story is not told under tokyo's #3."""
    await stores.kudos.add_kudos(kudos(reason="読みやすい画面にしてくれた"), 5)
    await stores.kudos.add_kudos(kudos(giver="carol", message="C1:2", reason="ならぬことはならぬ", pack="bandai"), 5)
    told = await stores.roundup.episodes(SLACK, *AROUND_NOW, 10, pack="tokyo")
    assert [(e.giver, e.reason) for e in told] == [("alice", "読みやすい画面にしてくれた")]
    assert len(await stores.roundup.episodes(SLACK, *AROUND_NOW, 10)) == 2  # no pack: every story, as kodo export


async def counted(stores):
    """The day around ``NOW`` on Slack, as the roundup counts it (``storage.kpi``)."""
    from bot.kpi import Scope, Week
    from storage.kpi import SqlKpi

    start, end = AROUND_NOW
    week = Week("2026-W48", start.date(), start, end)
    return (await SqlKpi(stores.db.engine, "tokyo", now=lambda: NOW).numbers([week], Scope(platform="slack"), 10))[0]


async def test_subscriptions_round_trip(stores):
    await stores.subscriptions.subscribe(Subscription("slack", "C1", "tips", "ja"))
    await stores.subscriptions.subscribe(Subscription("slack", "C1", "tips", "en"))  # same channel again: language changes
    assert await stores.subscriptions.subscriptions("tips") == [Subscription("slack", "C1", "tips", "en")]
    assert await stores.subscriptions.unsubscribe("slack", "C1", "tips")
    assert not await stores.subscriptions.unsubscribe("slack", "C1", "tips")


async def test_a_channel_left_ends_its_subscriptions_alone_with_one_audit_entry(stores):
    for platform, channel, kind in (("slack", "C1", "tips"), ("slack", "C1", "roundup"), ("slack", "C2", "tips"),
                                    ("teams", "C1", "tips")):
        await stores.subscriptions.subscribe(Subscription(platform, channel, kind, "ja"))
    why = AuditEntry("slack", "U_OWNER", "unsubscribe", "C1", {"because": "channel_archive"}, "T1")
    assert await stores.subscriptions.leave("slack", "C1", why) == ["roundup", "tips"]
    assert await stores.subscriptions.leave("slack", "C1", why) == []  # nothing left: no second entry
    assert [(s.platform, s.channel) for s in await stores.subscriptions.subscriptions("tips")] == \
        [("slack", "C2"), ("teams", "C1")]
    assert await stores.subscriptions.subscriptions("roundup") == []
    [entry] = [e async for e in stores.audit.audit_entries()]
    assert (entry.actor, entry.target, entry.workspace, entry.detail) == \
        ("U_OWNER", "C1", "T1", {"because": "channel_archive", "kinds": "roundup tips"})


INSERT_IN_A_PROCESS = """
import asyncio, sys
from datetime import date, datetime, timezone
from bot.ports import NewKudos
from storage.db import create_engine
from storage.stores import open_stores

async def main(url):
    engine = create_engine(url)
    stores = open_stores(engine)
    k = NewKudos(platform="slack", giver="alice", receiver="bob", principle=3, source="reaction",
                 created_at=datetime(2026, 11, 24, 1, tzinfo=timezone.utc), day=date(2026, 11, 24),
                 channel="C1", message="C1:42")
    sys.stdin.readline()  # the parent releases both processes at once
    results = await asyncio.gather(*(stores.kudos.add_kudos(k, 5) for _ in range(5)))
    print(",".join(r.outcome.value for r in results))
    await engine.dispose()

asyncio.run(main(sys.argv[1]))
"""


async def test_two_processes_inserting_the_same_kudos_make_one_row(stores, db_url):
    procs = [await asyncio.create_subprocess_exec(
        sys.executable, "-c", INSERT_IN_A_PROCESS, db_url, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE) for _ in range(2)]
    await asyncio.sleep(1.0)  # both have imported and connected their engines
    outs = await asyncio.gather(*(p.communicate(b"go\n") for p in procs))
    outcomes = ",".join(out.decode().strip() for out, _ in outs).split(",")
    assert all(p.returncode == 0 for p in procs), [err.decode()[-500:] for _, err in outs]
    assert sorted(outcomes) == ["created"] + ["duplicate"] * 9
    assert len(await rows(stores)) == 1


def test_the_migrations_are_one_chain_whose_head_is_the_latest_revision():
    """Two features' migrations written side by side must be chained one after the other, not fork."""
    from alembic.script import ScriptDirectory

    from storage.db import MIGRATIONS, latest_revision

    script = ScriptDirectory(str(MIGRATIONS))
    assert script.get_heads() == [latest_revision()] and script.get_bases() == ["0001"]


async def test_teams_references_and_sent_posts_are_read_without_queueing_behind_a_writer(tmp_path):
    from storage.claims import ClaimStore
    from storage.conversations import ConversationStore
    from storage.db import create_engine, migrate

    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/kodo.db")
    await migrate(engine)
    conversations = ConversationStore(engine)
    await conversations.save("19:chat", '{"ref": 1}', user_id="29:alice")
    other = sqlite3.connect(tmp_path / "kodo.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a long write elsewhere (another replica, a kudos batch)
    try:
        assert await asyncio.wait_for(conversations.get("19:chat"), 2) == '{"ref": 1}'
        assert await asyncio.wait_for(conversations.personal("29:alice"), 2) == '{"ref": 1}'
        assert await asyncio.wait_for(ClaimStore(engine).sent_posts(), 2) == []
    finally:
        other.execute("ROLLBACK")
        other.close()
        await engine.dispose()
