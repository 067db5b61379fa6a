"""Group commit for SQLite: many kudos, one transaction, one fsync, every one durable before its ack.

A kudos must be on disk before Slack hears "200" (contract rule 6), and with ``synchronous=FULL``
each commit costs an fsync: one commit per kudos caps a server near 2,000 kudos a second and queues
everything else behind the disk. Instead, the writes that arrive while one commit is on its way to
disk wait for the next one and share it; each caller's future resolves only once its commit is done.

The statements run on the event loop, on a plain ``sqlite3`` connection: a new kudos is one INSERT,
a few tens of microseconds. Handing them to a writer thread cost more than it saved, because every
``sqlite3`` call releases and retakes the GIL and the thread spent most of each batch waiting for
the busy event loop to let go of it (measured under the Slack benchmark: 4 ms per batch of 13 for
1 ms of work). What may wait on the disk or on another process runs in a worker thread: the COMMIT
(the fsync, and now and then a WAL checkpoint) and, only when another connection holds SQLite's
write lock, the BEGIN that queues for it. The loop never blocks on either.

Writes run one after another inside one ``BEGIN IMMEDIATE`` transaction. A write that fails fails
alone: each runs inside a savepoint (a couple of microseconds), so one that recorded a platform
event and then failed leaves neither behind (``storage.kudos_writes``).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from datetime import date, datetime, timezone
from time import perf_counter
from typing import Callable

from sqlalchemy.dialects import sqlite as sqlite_dialect

from storage.db import BUSY_TIMEOUT_MS, SQLITE_PRAGMAS
from storage.kudos_writes import Statement, Steps
from storage.timing import Observe

log = logging.getLogger(__name__)
MAX_BATCH = 512  # writes per transaction: bounds how long one batch holds the loop (~25 µs each)


def _value(value):
    """Python values as SQLAlchemy stores them in SQLite (see storage.tables.UTCDateTime)."""
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


class _Compiled:
    def __init__(self, statement: Statement):
        compiled = statement.sql.compile(dialect=sqlite_dialect.dialect(paramstyle="qmark"))
        self.sql, self.names = compiled.string, compiled.positiontup
        self.fixed = {name: _value(value) for name, value in compiled.params.items()}
        self.returns = statement.returns

    def run(self, conn: sqlite3.Connection, params: dict):
        fixed = self.fixed
        cursor = conn.execute(self.sql, [_value(params[name]) if name in params else fixed[name]
                                         for name in self.names])
        if self.returns == "rowcount":
            return cursor.rowcount
        if self.returns == "rows":
            return cursor.fetchall()
        row = cursor.fetchone()
        cursor.fetchall()  # finish the statement (RETURNING) before the next one
        return row[0] if self.returns == "scalar" else row


class GroupCommitter:
    def __init__(self, path: str, observe: Observe | None = None):
        self.path, self.observe = path, observe  # told how long each commit took (GET /metrics)
        self._conn: sqlite3.Connection | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pending: list[tuple[Callable[[], Steps], asyncio.Future]] = []
        self._drainer: asyncio.Task | None = None  # writes and commits batches while any are pending
        self._compiled: dict[str, _Compiled] = {}
        self.batches = 0  # how many commits carried how many writes: for tests and benchmarks
        self.writes = 0

    async def run(self, make: Callable[[], Steps], locks: tuple[str, ...] = ()):
        """``make`` builds the write's steps. ``locks`` are PostgreSQL's business: BEGIN IMMEDIATE
        already serialises every writer of a SQLite file."""
        loop = asyncio.get_running_loop()
        drainer = self._drainer
        draining = drainer is not None and not (drainer.done() or drainer.get_loop().is_closed())
        if loop is not self._loop:
            if draining:
                raise RuntimeError("a GroupCommitter writes for one event loop at a time")
            self._loop = loop
            if self._conn is not None and self._conn.in_transaction:  # the last loop closed mid-batch,
                self._conn.execute("ROLLBACK")  # so nobody heard "stored" for what it held
        future = loop.create_future()
        self._pending.append((make, future))
        if not draining:  # its first step runs next turn, so writes arriving this turn join the batch
            self._drainer = loop.create_task(self._drain())
        return await future

    async def close(self) -> None:
        """Wait for writes in flight, then close the connection (a later write opens it again)."""
        if self._drainer is not None:
            await asyncio.wait([self._drainer])
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    async def _drain(self) -> None:
        """One batch after another: whatever queued while the last commit was on its way to disk."""
        while self._pending:
            batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
            try:
                outcomes = await self._transaction(batch)
            except Exception as exc:  # noqa: BLE001 - nothing in the batch was committed: say so to everyone
                log.warning("SQLite group commit of %d writes failed: %s", len(batch), exc)
                if self._conn is not None and self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                outcomes = [(None, exc)] * len(batch)
            self.batches += 1
            self.writes += len(batch)
            for (_steps, future), (value, exc) in zip(batch, outcomes):
                if future.done():  # the caller went away (cancelled)
                    continue
                if exc is not None:
                    future.set_exception(exc)
                else:
                    future.set_result(value)

    async def _transaction(self, batch: list) -> list:
        loop = asyncio.get_running_loop()
        if not self._begin_now():
            await loop.run_in_executor(None, self._begin_when_free)
        outcomes = []
        conn = self._conn
        for make, future in batch:
            if future.done():  # the caller stopped waiting (and was told it failed): write nothing
                outcomes.append((None, None))
                continue
            conn.execute("SAVEPOINT write")
            try:
                outcomes.append((self._drive(conn, make()), None))
            except Exception as exc:  # noqa: BLE001 - this write fails alone, the batch goes on...
                if not conn.in_transaction:
                    raise  # ...unless SQLite gave up the whole transaction (disk full, I/O error)
                conn.execute("ROLLBACK TO write")
                outcomes.append((None, exc))
            conn.execute("RELEASE write")
        began = perf_counter()
        await loop.run_in_executor(None, self._commit)
        if self.observe is not None:
            self.observe("commit", perf_counter() - began)
        return outcomes

    def _begin_now(self) -> bool:
        """BEGIN on the loop when the connection is open and nobody else holds the write lock."""
        if self._conn is None:
            return False
        try:
            self._conn.execute("BEGIN IMMEDIATE")  # busy timeout 0: fails at once if the lock is taken
        except sqlite3.OperationalError:
            return False  # another connection is writing: queue for the lock off the loop
        return True

    def _begin_when_free(self) -> None:
        """In a worker thread: open the connection the first time, and wait for the write lock."""
        if self._conn is None:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None,
                                   check_same_thread=False)
            for pragma in SQLITE_PRAGMAS:
                conn.execute(f"PRAGMA {pragma}")
            self._conn = conn
        self._conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        finally:
            self._conn.execute("PRAGMA busy_timeout=0")  # on the loop, never wait for a lock

    def _commit(self) -> None:
        """In a worker thread: the fsync, and now and then a WAL checkpoint."""
        try:
            self._conn.execute("COMMIT")
        except Exception:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    def _drive(self, conn: sqlite3.Connection, steps: Steps):
        result = None
        try:
            while True:
                statement, params = steps.send(result)
                compiled = self._compiled.get(statement.name)
                if compiled is None:
                    compiled = self._compiled[statement.name] = _Compiled(statement)
                result = compiled.run(conn, params)
        except StopIteration as done:
            return done.value
