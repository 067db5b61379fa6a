"""The SQLite fast path: batched commits, each write durable before its caller hears back; short reads
without a thread hop."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from datetime import date, datetime, timezone

import pytest
import sqlalchemy as sa

from bot.ports import AddOutcome, NewKudos
from storage import tables
from storage.db import create_engine, migrate
from storage.kudos_writes import Statement
from storage.stores import open_stores

NOW = datetime(2026, 11, 24, 1, 0, tzinfo=timezone.utc)


def kudos(n: int, **extra) -> NewKudos:
    values = dict(platform="slack", giver=f"U{n % 50}", receiver="U_BOB", principle=n % 10 + 1, source="reaction",
                  created_at=NOW, day=date(2026, 11, 24), channel="C1", message=f"C1:{n}.0001")
    return NewKudos(**(values | extra))


@pytest.fixture
async def fast(tmp_path):
    path = tmp_path / "kodo.db"
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    await migrate(engine)
    stores = open_stores(engine)
    yield stores, path
    await stores.close()
    await engine.dispose()


def committed(path) -> int:
    """What another process would see: a fresh connection, no shared cache."""
    with sqlite3.connect(path) as other:
        return other.execute("SELECT count(*) FROM kudos WHERE revoked_at IS NULL").fetchone()[0]


async def test_concurrent_kudos_share_commits_and_all_are_durable(fast):
    stores, path = fast
    results = await asyncio.gather(*(stores.kudos.add_kudos(kudos(n), 0) for n in range(400)))
    assert {r.outcome for r in results} == {AddOutcome.CREATED}
    assert committed(path) == 400
    writer = stores.db._writer
    assert writer.writes == 400 and writer.batches < 400  # batched: fewer fsyncs than kudos


async def test_each_acknowledged_kudos_is_already_on_disk(fast):
    stores, path = fast
    for n in range(5):
        result = await stores.kudos.add_kudos(kudos(n), 0)
        assert result.outcome is AddOutcome.CREATED
        assert committed(path) == n + 1  # visible to another connection the moment the call returns


async def test_one_bad_write_fails_alone(fast):
    stores, path = fast
    results = await asyncio.gather(*(stores.kudos.add_kudos(kudos(n, principle=0 if n == 7 else 3), 0)
                                     for n in range(20)), return_exceptions=True)
    failures = [r for r in results if isinstance(r, Exception)]
    assert len(failures) == 1 and isinstance(failures[0], sqlite3.IntegrityError)
    assert committed(path) == 19


async def test_a_failed_commit_fails_its_whole_batch_and_the_next_batch_commits(fast, monkeypatch):
    stores, path = fast
    writer = stores.db._writer
    real_commit = type(writer)._commit

    def broken_commit(self):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(type(writer), "_commit", broken_commit)
    results = await asyncio.gather(*(stores.kudos.add_kudos(kudos(n), 0) for n in range(5)), return_exceptions=True)
    assert all(isinstance(r, sqlite3.OperationalError) for r in results)
    monkeypatch.setattr(type(writer), "_commit", real_commit)
    assert committed(path) == 0  # rolled back: nobody was told "stored" for these
    assert (await stores.kudos.add_kudos(kudos(1), 0)).outcome is AddOutcome.CREATED
    assert committed(path) == 1


async def test_a_write_queues_for_another_connections_lock_without_holding_up_the_loop(fast):
    stores, path = fast
    await stores.kudos.add_kudos(kudos(1), 0)  # the writer's connection is open
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process is writing
    try:
        write = asyncio.ensure_future(stores.kudos.add_kudos(kudos(2), 0))
        began = time.monotonic()
        for _ in range(20):  # the event loop keeps turning meanwhile
            await asyncio.sleep(0.01)
        assert time.monotonic() - began < 2 and not write.done()
    finally:
        other.execute("COMMIT")
        other.close()
    assert (await asyncio.wait_for(write, 5)).outcome is AddOutcome.CREATED
    assert committed(path) == 2


async def test_close_lets_writes_in_flight_finish_and_a_later_write_opens_again(fast):
    stores, path = fast
    writes = [asyncio.ensure_future(stores.kudos.add_kudos(kudos(n), 0)) for n in range(10)]
    await asyncio.sleep(0)
    await stores.close()
    assert all(w.done() for w in writes) and committed(path) == 10
    assert stores.db._writer._conn is None
    assert (await stores.kudos.add_kudos(kudos(11), 0)).outcome is AddOutcome.CREATED
    assert committed(path) == 11


async def test_another_event_loop_may_write_once_this_one_is_idle(fast):
    stores, path = fast
    await stores.kudos.add_kudos(kudos(1), 0)
    elsewhere = await asyncio.to_thread(asyncio.run, stores.kudos.add_kudos(kudos(2), 0))
    assert elsewhere.outcome is AddOutcome.CREATED
    assert (await stores.kudos.add_kudos(kudos(3), 0)).outcome is AddOutcome.CREATED
    assert committed(path) == 3


async def test_the_fast_path_and_the_sqlalchemy_path_agree(tmp_path):
    """Same steps, two drivers: the rows they write read back the same through SQLAlchemy."""
    rows = []
    for group in (True, False):
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/{group}.db")
        await migrate(engine)
        stores = open_stores(engine, group_commit=group)
        first = await stores.kudos.add_kudos(kudos(1, reason="理由"), 1)
        again = await stores.kudos.add_kudos(kudos(1, reason="理由"), 1)
        limit = await stores.kudos.add_kudos(kudos(51), 1)  # same giver (U1), a second kudos today: over the limit
        assert await stores.kudos.revoke_kudos("slack", "U1", "C1:1.0001", 2, NOW)
        restored = await stores.kudos.add_kudos(kudos(1, reason="理由"), 1)
        rows.append(([r async for r in stores.kudos.export()], [first.outcome, again.outcome, limit.outcome,
                                                          restored.outcome]))
        await engine.dispose()
    assert rows[0] == rows[1]
    assert rows[0][1] == [AddOutcome.CREATED, AddOutcome.DUPLICATE, AddOutcome.LIMIT, AddOutcome.RESTORED]


async def test_a_loop_that_closed_mid_batch_leaves_nothing_half_done(fast):
    stores, path = fast
    await stores.kudos.add_kudos(kudos(1), 0)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # the write below queues for the lock in a worker thread...
    ended = threading.Event()

    async def abandon() -> None:
        asyncio.ensure_future(stores.kudos.add_kudos(kudos(2), 0))
        await asyncio.sleep(0.05)
        ended.set()  # ...and its loop ends before the lock comes free

    elsewhere = asyncio.ensure_future(asyncio.to_thread(asyncio.run, abandon()))
    assert await asyncio.to_thread(ended.wait, 10)
    await asyncio.sleep(0.1)  # the abandoned write's task is cancelled while its BEGIN still waits
    other.execute("COMMIT")
    other.close()
    await elsewhere
    assert (await stores.kudos.add_kudos(kudos(3), 0)).outcome is AddOutcome.CREATED
    assert committed(path) == 2  # kudos 2's caller went away before anything was stored


# ---- short reads on the request path (storage.quick_reads) ------------------------------------

MESSAGE_KUDOS = Statement("test.message_kudos", sa.select(tables.kudos.c.giver, tables.kudos.c.reason,
                                                          tables.kudos.c.created_at).where(
    tables.kudos.c.platform == sa.bindparam("w_platform"), tables.kudos.c.message == sa.bindparam("w_message"))
    .order_by(tables.kudos.c.id), "rows")


async def test_a_quick_read_returns_what_sqlalchemy_reads_without_a_thread(fast, tmp_path):
    """On a SQLite file the read runs on the event loop (no worker thread is asked), and its rows
    read as SQLAlchemy's do: columns by name, datetimes aware UTC, words as typed."""
    stores, _path = fast
    for n, giver in enumerate(("U1", "U2", "U3")):
        await stores.kudos.add_kudos(kudos(0, giver=giver, reason=f"理由 {n}", event=None), 0)
    params = {"w_platform": "slack", "w_message": "C1:0.0001"}
    await stores.db.read(MESSAGE_KUDOS, params)  # the first read opens its connection (in a thread)
    asked = []
    loop = asyncio.get_running_loop()
    original = loop.run_in_executor
    loop.run_in_executor = lambda *args: asked.append(args) or original(*args)
    try:
        quick = await stores.db.read(MESSAGE_KUDOS, params)
    finally:
        loop.run_in_executor = original
    assert asked == []
    async with stores.db.reader.connect() as conn:
        slow = (await conn.execute(MESSAGE_KUDOS.sql, params)).all()
    assert [(r.giver, r.reason, r.created_at) for r in quick] == [tuple(r) for r in slow]
    assert quick[0].created_at == NOW and quick[0].created_at.tzinfo is not None
    assert await stores.db.read(MESSAGE_KUDOS, {"w_platform": "slack", "w_message": "elsewhere"}) == []


async def test_a_quick_read_sees_what_is_committed_while_another_connection_writes(fast):
    """WAL: a writer holding the lock never blocks the read, and the read sees only committed rows."""
    stores, path = fast
    await stores.kudos.add_kudos(kudos(0, giver="U1"), 0)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE kudos SET reason = 'not yet'")
    try:
        rows = await asyncio.wait_for(stores.db.read(MESSAGE_KUDOS, {"w_platform": "slack",
                                                                      "w_message": "C1:0.0001"}), 1)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert [(r.giver, r.reason) for r in rows] == [("U1", None)]


async def test_a_quick_read_refused_at_once_waits_for_sqlite_in_a_worker_thread(fast, monkeypatch):
    """SQLite refuses a reader at once only while the WAL is being reset: the read is then made again
    on a connection that may wait, off the event loop."""
    import storage.quick_reads as quick_reads

    stores, _path = fast
    await stores.kudos.add_kudos(kudos(0, giver="U1"), 0)
    params = {"w_platform": "slack", "w_message": "C1:0.0001"}
    await stores.db.read(MESSAGE_KUDOS, params)
    refused = []
    run = quick_reads._Read.run

    def busy_on_the_loop(self, conn, params):
        if threading.current_thread() is threading.main_thread():
            refused.append(conn)
            raise sqlite3.OperationalError("database is locked")
        return run(self, conn, params)
    monkeypatch.setattr(quick_reads._Read, "run", busy_on_the_loop)
    rows = await stores.db.read(MESSAGE_KUDOS, params)
    assert len(refused) == 1 and [r.giver for r in rows] == ["U1"]


# ---- where the COMMIT waits for the disk ----------------------------------------------------

async def test_commits_run_on_the_loop_while_the_disk_is_quick_and_leave_it_after_a_slow_one(fast, monkeypatch):
    """A commit on the loop that finds the disk slow sends the next QUICK_RUN to the worker thread;
    if the disk is still slow at the next try on the loop, twice as many go."""
    import storage.group_commit as group_commit

    stores, path = fast
    writer = stores.db._writer
    where, stalls = [], []
    real = type(writer)._commit
    run = group_commit.QUICK_RUN
    # "Quick" here is what a real fsync never exceeds, even on a busy machine; a stall, twice that.
    monkeypatch.setattr(group_commit, "QUICK_COMMIT", 0.05)

    def timed(self):
        where.append("loop" if threading.current_thread() is threading.main_thread() else "thread")
        if stalls and where[-1] == "loop":
            stalls.pop()
            time.sleep(group_commit.QUICK_COMMIT * 2)  # the disk stalls
        real(self)
    monkeypatch.setattr(type(writer), "_commit", timed)

    async def commits(count: int, first: int) -> list[str]:
        where.clear()
        for n in range(first, first + count):
            await stores.kudos.add_kudos(kudos(n), 0)
        return list(where)
    assert await commits(3, 0) == ["loop"] * 3
    stalls.extend([True, True])  # two slow tries in a row
    assert await commits(1 + run + 1 + 2 * run + 2, 100) == (
        ["loop"] + ["thread"] * run + ["loop"] + ["thread"] * (2 * run) + ["loop", "loop"])
    stalls.append(True)  # quick again since: back to QUICK_RUN after the next slow one
    assert await commits(1 + run + 1, 300) == ["loop"] + ["thread"] * run + ["loop"]
    assert committed(path) == 3 + (3 * run + 4) + (run + 2)


async def test_the_wal_is_checkpointed_off_the_loop_and_never_inside_a_commit(fast, monkeypatch):
    import storage.group_commit as group_commit

    stores, path = fast
    monkeypatch.setattr(group_commit, "CHECKPOINT_EVERY", 5)
    writer = stores.db._writer
    checkpoints = []
    real = type(writer)._checkpoint

    def spy(self):
        checkpoints.append(threading.current_thread() is threading.main_thread())
        real(self)
    monkeypatch.setattr(type(writer), "_checkpoint", spy)
    for n in range(12):
        await stores.kudos.add_kudos(kudos(n), 0)
        await asyncio.sleep(0.01)  # a checkpoint runs beside the batches: let each one finish
    assert checkpoints == [False, False]
    assert writer._conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0  # never inside a COMMIT
    assert committed(path) == 12


async def test_each_kudos_tells_how_many_people_recognise_its_message_on_either_path(tmp_path):
    """``AddResult.givers``: counted in the write's own transaction, by the group commit and by
    SQLAlchemy alike; a repeat tells nothing, a restored kudos counts again, a command's none."""
    told = []
    for group in (True, False):
        engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/{group}.db")
        await migrate(engine)
        stores = open_stores(engine, group_commit=group)
        same = dict(message="C1:7.0001", event=None)
        results = [await stores.kudos.add_kudos(kudos(7, giver=g, **same), 0) for g in ("U1", "U2", "U1", "U3")]
        assert await stores.kudos.revoke_kudos("slack", "U2", "C1:7.0001", 8, NOW)
        restored = await stores.kudos.add_kudos(kudos(7, giver="U2", **same), 0)
        command = await stores.kudos.add_kudos(kudos(8, giver="U4", message=None, source="command"), 0)
        told.append([r.givers for r in results] + [restored.givers, command.givers])
        await stores.close()
        await engine.dispose()
    assert told[0] == told[1] == [1, 2, None, 3, 3, None]
