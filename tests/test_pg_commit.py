"""PostgreSQL's group commit: many kudos per transaction, each durable before its caller hears back,
the same decisions as one transaction each, and the daily limit held across replicas."""

from __future__ import annotations

import asyncio
import random
from datetime import date, timedelta

import asyncpg
import pytest
from sqlalchemy.engine import make_url

from bot.ports import AddOutcome, EventStamp, NewKudos
from storage.db import create_engine, migrate
from storage.pg_commit import lock_key, take_locks
from storage.stores import Stores, open_stores
from tests.fakes.databases import fresh_postgres
from tests.test_storage import NOW

pytestmark = pytest.mark.postgres


@pytest.fixture
async def pg(pg_admin):
    async with fresh_postgres(pg_admin) as url:
        engine = create_engine(url)
        await migrate(engine)
        yield engine, make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        await engine.dispose()


def kudos(n: int, giver: str | None = None, **extra) -> NewKudos:
    values = dict(platform="slack", giver=giver or f"U{n % 50}", receiver="U_BOB", principle=n % 10 + 1,
                  source="reaction", created_at=NOW, day=date(2026, 11, 24), channel="C1", message=f"C1:{n}.0001")
    return NewKudos(**(values | extra))


async def committed(dsn: str) -> int:
    """What another connection sees: committed rows only."""
    conn = await asyncpg.connect(dsn)
    try:
        return await conn.fetchval("SELECT count(*) FROM kudos WHERE revoked_at IS NULL")
    finally:
        await conn.close()


async def test_concurrent_kudos_share_transactions_and_each_is_committed_before_its_answer(pg):
    engine, dsn = pg
    stores = open_stores(engine)
    done, other, one_at_a_time = [], await asyncpg.connect(dsn), asyncio.Lock()

    async def add(n: int):
        result = await stores.kudos.add_kudos(kudos(n, event=EventStamp(f"Ev{n}", NOW)), 0)
        done.append(n)
        answered = len(done)
        async with one_at_a_time:  # everything answered so far is visible to another connection
            assert await other.fetchval("SELECT count(*) FROM kudos") >= answered
        return result

    try:
        results = await asyncio.gather(*(add(n) for n in range(300)))
    finally:
        await other.close()
    assert {r.outcome for r in results} == {AddOutcome.CREATED}
    assert await committed(dsn) == 300
    writer = stores.db._writer
    assert writer.writes == 300 and writer.batches < 100  # batched: far fewer transactions than kudos
    await stores.close()


async def test_one_bad_write_fails_alone(pg, caplog):
    engine, dsn = pg
    stores = open_stores(engine)
    caplog.set_level("WARNING", logger="storage.pg_commit")
    results = await asyncio.gather(*(stores.kudos.add_kudos(kudos(n, principle=0 if n == 7 else 3,
                                                           event=EventStamp(f"Ev{n}", NOW)), 0)
                                     for n in range(20)), return_exceptions=True)
    failures = [r for r in results if isinstance(r, Exception)]
    assert len(failures) == 1 and isinstance(failures[0], asyncpg.IntegrityConstraintViolationError)
    assert await committed(dsn) == 19
    again = await stores.kudos.add_kudos(kudos(7, event=EventStamp("Ev7", NOW)), 0)
    assert again.outcome is AddOutcome.CREATED  # the failed write's event id was not kept
    # The batch's failure is said once (a batch that always failed would otherwise cost only speed).
    said = [r.getMessage() for r in caplog.records if "each runs alone" in r.getMessage()]
    assert len(said) == 1 and "writes failed (CheckViolationError)" in said[0]
    await stores.close()


async def test_a_lost_connection_fails_the_writes_in_flight_and_the_next_write_reconnects(pg):
    engine, dsn = pg
    stores = open_stores(engine)
    assert (await stores.kudos.add_kudos(kudos(1), 0)).outcome is AddOutcome.CREATED
    admin = await asyncpg.connect(dsn)
    try:
        await admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                            "WHERE datname = current_database() AND pid <> pg_backend_pid()")
    finally:
        await admin.close()
    first = await asyncio.gather(stores.kudos.add_kudos(kudos(2), 0), return_exceptions=True)
    again = [await stores.kudos.add_kudos(kudos(n), 0) for n in (2, 3)]
    assert [r.outcome for r in again][-1] is AddOutcome.CREATED
    assert await committed(dsn) == 3  # kudos 2 stored once, whether its first try failed or not
    assert isinstance(first[0], Exception) or first[0].outcome is AddOutcome.CREATED
    await stores.close()


def workload(seed: int) -> list[tuple]:
    """Adds, repeats, redeliveries and removals of a few givers' reactions, in event-time order
    and out of it, under a daily limit: every path of the rules."""
    rng = random.Random(seed)
    ops = []
    for i in range(400):
        giver, message, principle = f"U{rng.randrange(6)}", f"C1:{rng.randrange(6)}", rng.randrange(1, 3)
        at = NOW + timedelta(seconds=rng.randrange(100))
        event = EventStamp(f"Ev{giver}.{rng.randrange(40)}", at)  # some ids come again: redeliveries
        k = NewKudos(platform="slack", giver=giver, receiver="U_BOB", principle=principle, source="reaction",
                     created_at=at, day=date(2026, 11, 24), channel="C1", message=message, event=event)
        ops.append(("add", k) if rng.random() < 0.65 else ("remove", k))
    return ops


async def apply(stores: Stores, op: tuple):
    kind, k = op
    if kind == "add":
        return (await stores.kudos.add_kudos(k, 6)).outcome
    return await stores.kudos.revoke_kudos(k.platform, k.giver, k.message, k.principle, k.event.at, k.event, absent=k)


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_batched_and_one_at_a_time_decide_alike(seed, pg_admin):
    """The same operations: all at once through the group commit (a giver's in arrival order, givers
    side by side, many per transaction), and one transaction each, in order. Same answers, same rows."""
    ops, seen = workload(seed), []
    for group in (True, False):
        async with fresh_postgres(pg_admin) as url:
            engine = create_engine(url)
            await migrate(engine)
            stores = open_stores(engine, group_commit=group)
            if group:
                answers = await asyncio.gather(*(apply(stores, op) for op in ops))
                assert stores.db._writer.batches < len(ops) / 4
            else:
                answers = [await apply(stores, op) for op in ops]
            rows = sorted([(r.giver, r.message, r.principle, r.revoked_at is None, r.created_at)
                           async for r in stores.kudos.export()])
            seen.append((answers, rows))
            await stores.close()
            await engine.dispose()
    assert [(n, a, b) for n, (a, b) in enumerate(zip(seen[0][0], seen[1][0])) if a != b] == []
    assert seen[0][1] == seen[1][1]
    assert set(seen[0][0]) >= {AddOutcome.CREATED, AddOutcome.DUPLICATE, AddOutcome.LIMIT, AddOutcome.RESTORED,
                               True, False}  # every path of the rules was taken


async def test_three_replicas_hold_the_daily_limit_together(pg):
    engine, dsn = pg
    replicas = [open_stores(engine) for _ in range(3)]  # three writers, three connections
    results = await asyncio.gather(*(replicas[n % 3].kudos.add_kudos(kudos(n, giver="U_SAME"), 5)
                                     for n in range(30)))
    assert sum(r.outcome is AddOutcome.CREATED for r in results) == 5
    assert sum(r.outcome is AddOutcome.LIMIT for r in results) == 25
    assert len({id(r.db._writer._conn) for r in replicas}) == 3
    for r in replicas:
        await r.close()


async def test_one_event_id_in_two_givers_writes_of_one_batch_counts_once(pg):
    """Two writes that record the same event id cannot be told apart in one set-based insert: they
    go one at a time, and the second is a redelivery, as if they had come in turn."""
    engine, _dsn = pg
    stores = open_stores(engine)
    same = EventStamp("EvSame", NOW)
    results = await asyncio.gather(stores.kudos.add_kudos(kudos(1, giver="U_A", event=same), 0),
                                   stores.kudos.add_kudos(kudos(2, giver="U_B", event=same), 0))
    assert sorted(r.outcome.value for r in results) == ["created", "duplicate"]
    assert stores.db._writer.batches == 1
    await stores.close()


async def test_a_burst_of_survey_answers_at_one_place_moves_each_counter_once_per_round(pg, monkeypatch):
    """Sixty people answer the same question in the same channel at once (most of them alike), then
    half change their answer: every answer counts once, and the writes of a batch that move the same
    counter, or look at the same place's counters, go as one statement, never one by one."""
    from bot.features.survey.store import Counter
    from storage import pg_statements

    engine, _dsn = pg
    stores = open_stores(engine, secret_keys=("k" * 32,))
    place = Counter("slack", None, "T1", "C1")
    alone = []
    run = pg_statements.One.run

    async def spy(self, conn, params):
        alone.append(self.sql.text.split()[0:2])
        return await run(self, conn, params)
    monkeypatch.setattr(pg_statements.One, "run", spy)
    try:
        await stores.survey.answer("slack", "U0", "2026-W48", "q1", 1, 5, place)  # the place's counters exist
        alone.clear()
        first = await asyncio.gather(*(stores.survey.answer("slack", f"U{n}", "2026-W48", "q1", 1 + (n % 10 == 0),
                                                            5, place) for n in range(1, 61)))
        changed = await asyncio.gather(*(stores.survey.answer("slack", f"U{n}", "2026-W48", "q1", 3, 5, place)
                                         for n in range(1, 61, 2)))
        counts = {c.choice: c.answers for c in await stores.survey.counters(["2026-W48"])}
    finally:
        await stores.close()
    assert [a.previous for a in first] == [None] * 60 and {a.previous for a in changed} == {1}
    assert counts == {1: 1 + 54 - 30, 2: 6, 3: 30}
    assert stores.db._writer.batches <= 8  # a handful of transactions for 91 answers
    # One look at the place's counters per batch (every write asks it alike), and no UPDATE per write.
    assert [words for words in alone if words[0] == "UPDATE"] == [["UPDATE", "survey_answers"]] * 2


def test_every_statement_of_a_group_commit_compiles_for_one_write_and_for_many():
    """A statement that cannot be sent for many writes at once would fail every batch that asks it
    twice, and its writes would go one transaction each: slow, and silent. Every statement of the
    kudos writes and of the survey compiles both ways (a parameter without a type does not)."""
    from sqlalchemy.dialects import postgresql

    from storage import kudos_writes
    from storage.pg_statements import Many, One
    from storage.survey import _Statements

    found = [v for v in vars(kudos_writes).values() if isinstance(v, kudos_writes.Statement)]
    found += [kudos_writes.INSERT["postgresql"], kudos_writes.SEEN["postgresql"]]
    found += [v for v in vars(_Statements(postgresql.insert)).values() if isinstance(v, kudos_writes.Statement)]
    assert len(found) >= 19
    for statement in found:
        assert One(statement).sql.text and Many(statement).sql.text, statement.name


class Held:
    """A giver's advisory lock held by another session (as another replica's transaction would):
    a transaction that needs it waits at its first statement until ``release``."""

    def __init__(self, dsn: str, name: str):
        self.dsn, self.name, self.conn = dsn, name, None

    async def __aenter__(self):
        self.conn = await asyncpg.connect(self.dsn)
        await self.conn.execute("SELECT pg_advisory_lock($1)", lock_key(self.name))
        return self

    async def release(self):
        if self.conn is not None:
            await self.conn.close()  # the session's locks go with it
            self.conn = None

    async def __aexit__(self, *exc):
        await self.release()


async def test_two_replicas_recognising_one_message_at_once_count_its_givers_one_after_the_other(pg):
    """The count of a message's givers (``AddResult.givers``, which brings the casebook at three) is
    exact when two replicas add to the message at once: each kudos takes the message's lock too, so
    the second transaction waits for the first and counts it."""
    engine, dsn = pg
    replicas = open_stores(engine), open_stores(engine)
    same = dict(message="C1:777.0001", principle=4)
    async with Held(dsn, "kudos-message:slack:C1:777.0001") as held:  # as a third replica mid-transaction
        pair = [asyncio.ensure_future(store.kudos.add_kudos(kudos(n, giver=giver, **same), 0))
                for n, (store, giver) in enumerate(zip(replicas, ("U_A", "U_B")))]
        await asyncio.sleep(0.3)
        assert not any(f.done() for f in pair)  # both wait for the message
        await held.release()
        results = [await asyncio.wait_for(f, 5) for f in pair]
    assert sorted(r.givers for r in results) == [1, 2]
    for n in range(20):
        message = dict(message=f"C1:9{n}.0001", principle=4)
        pair = await asyncio.gather(replicas[0].kudos.add_kudos(kudos(n, giver="U_C", **message), 0),
                                    replicas[1].kudos.add_kudos(kudos(n, giver="U_D", **message), 0))
        assert sorted(r.givers for r in pair) == [1, 2]
    for store in replicas:
        await store.close()


async def test_a_lock_taken_outside_the_group_commit_holds_back_its_writes_with_the_same_name(pg):
    """Writes outside the group commit (``take_locks`` on a SQLAlchemy connection: counting a kept
    week, a store without the writer) and the group commit's one-round-trip BEGIN lock the same
    keys, so each waits for the other."""
    engine, _dsn = pg
    stores = open_stores(engine)
    async with engine.begin() as conn:
        await take_locks(conn, ("slack:U_GIVER",))
        write = asyncio.ensure_future(stores.kudos.add_kudos(kudos(1, giver="U_GIVER"), 0))
        await asyncio.sleep(0.3)
        assert not write.done()
    assert (await asyncio.wait_for(write, 5)).outcome is AddOutcome.CREATED
    await stores.close()
