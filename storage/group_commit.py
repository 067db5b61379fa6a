"""Group commit for SQLite: many kudos, one transaction, one fsync, every one durable before its ack.

A kudos must be on disk before Slack hears "200" (contract rule 6), and with ``synchronous=FULL``
each commit costs an fsync: one commit per kudos caps a server near 2,000 kudos a second and queues
everything else behind the disk. Instead, the writes that arrive while one commit is on its way to
disk wait for the next one and share it; each caller's future resolves only once its commit is done.

The statements run on the event loop, on a plain ``sqlite3`` connection: a new kudos is one INSERT,
a few tens of microseconds. Handing them to a writer thread cost more than it saved, because every
``sqlite3`` call releases and retakes the GIL and the thread spent most of each batch waiting for
the busy event loop to let go of it (measured under the Slack benchmark: 4 ms per batch of 13 for
1 ms of work). What may wait on another process runs in a worker thread: only when another
connection holds SQLite's write lock, the BEGIN that queues for it.

The COMMIT waits for the disk (the fsync). On a disk that answers in a fraction of a millisecond
the hop to a worker thread and back costs more than the wait: the thread, once the disk is done,
waits for the busy loop to let go of the GIL (measured under the Slack benchmark: 6.6 ms median
from hand-off to answer through the thread, 0.38 ms on the loop). So the COMMIT runs on the loop
while it takes less than ``QUICK_COMMIT``. One slower commit sends the next ``QUICK_RUN`` to the
worker thread, where the loop does not wait for them; if the next one on the loop is slow again,
twice as many, and so on up to ``MAX_RUN``: a slow disk holds the loop once in a thousand commits
at most. The writer's connection never checkpoints the WAL as part of a COMMIT (that writes the
database file back and may take tens of milliseconds): every ``CHECKPOINT_EVERY`` commits a
connection of its own checkpoints in the worker thread while the batches go on.

Writes run one after another inside one ``BEGIN IMMEDIATE`` transaction. A write that fails fails
alone: each runs inside a savepoint (a couple of microseconds), so one that recorded a platform
event and then failed leaves neither behind (``storage.kudos_writes``).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import threading
from datetime import date, datetime, timezone
from time import perf_counter
from typing import Callable

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite as sqlite_dialect

from storage.db import BUSY_TIMEOUT_MS, SQLITE_PRAGMAS
from storage.kudos_writes import Statement, Steps, insert_of
from storage.timing import Observe

log = logging.getLogger(__name__)
MAX_BATCH = 512  # writes per transaction: bounds how long one batch holds the loop (~25 µs each)
QUICK_COMMIT = 0.002  # seconds: a commit on the loop at least this slow sends the next ones to the thread
QUICK_RUN = 8  # commits in the worker thread after a slow one, before the loop tries again...
MAX_RUN = 1024  # ...twice as many after each slow try, up to this many
CHECKPOINT_EVERY = 100  # commits between two WAL checkpoints (SQLite's own default: every ~1,000 pages)


def _is_rowid(column) -> bool:
    """SQLite's rowid under another name: an INTEGER PRIMARY KEY (``storage.tables.BigId`` included)."""
    return column.primary_key and len(column.table.primary_key.columns) == 1 and \
        isinstance(column.type.dialect_impl(sqlite_dialect.dialect()), sa.Integer)


def _value(value):
    """Python values as SQLAlchemy stores them in SQLite (see storage.tables.UTCDateTime)."""
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).replace(tzinfo=None).isoformat(" ", "microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


_AS_IS = (sa.String, sa.Integer, sa.Boolean, sa.Float)  # parameters sqlite3 takes as they are


def _converter(bind):
    """``_value`` for a parameter that may hold a date or a datetime; None for one that cannot."""
    return None if isinstance(bind.type, _AS_IS) else _value


class _Compiled:
    """A statement compiled once for ``sqlite3``. An INSERT … ON CONFLICT DO NOTHING RETURNING of one
    column (``kudos_writes.Statement.table``) goes without its RETURNING, which costs SQLite more
    than the insert itself (an insert into ``kudos``: 33 µs with it, 15 without); the returned
    value comes from the cursor instead: the new row's id, or the value inserted."""

    def __init__(self, statement: Statement):
        sql, self.returns, self.inserted = statement.sql, statement.returns, None
        if statement.table is not None and statement.returns == "row":
            [returned] = statement.sql.exported_columns
            sql = insert_of(sqlite_dialect.insert, statement.table, statement.columns)
            self.inserted = None if _is_rowid(returned) else f"v_{returned.name}"
            self.returns = "inserted"
        compiled = sql.compile(dialect=sqlite_dialect.dialect(paramstyle="qmark"))
        self.sql = compiled.string
        self.fixed = {name: _value(value) for name, value in compiled.params.items()}
        self.slots = [(name, _converter(compiled.binds[name])) for name in compiled.positiontup]

    def run(self, conn: sqlite3.Connection, params: dict):
        fixed, values = self.fixed, []
        for name, convert in self.slots:
            if name not in params:
                values.append(fixed[name])
            elif convert is None:
                values.append(params[name])
            else:
                values.append(convert(params[name]))
        cursor = conn.execute(self.sql, values)
        if self.returns == "inserted":  # ON CONFLICT DO NOTHING: one row changed, or none
            if cursor.rowcount != 1:
                return None
            return (cursor.lastrowid if self.inserted is None else params[self.inserted],)
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
        self.in_thread = 0  # commits to run in the worker thread before one on the loop again
        self._backoff = QUICK_RUN
        self.on_loop = 0  # commits that ran on the loop (for tests)
        self._uncheckpointed = 0
        self._checkpointing: asyncio.Future | None = None  # the checkpoint running in the worker thread
        self._checkpointer: sqlite3.Connection | None = None  # its connection
        self._checkpoint_lock = threading.Lock()

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
        checkpointing = self._checkpointing
        if checkpointing is not None and checkpointing.get_loop() is asyncio.get_running_loop():
            await asyncio.wait([checkpointing])
        with self._checkpoint_lock:  # one that another loop started is over too
            if self._checkpointer is not None:
                self._checkpointer.close()
                self._checkpointer = None
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
        if self.in_thread:
            self.in_thread -= 1
            await loop.run_in_executor(None, self._commit)
        else:
            self._commit()
            self.on_loop += 1
            if perf_counter() - began < QUICK_COMMIT:
                self._backoff = QUICK_RUN
            else:  # the disk is slow now: leave the loop to its work, for longer each time it still is
                self.in_thread, self._backoff = self._backoff, min(2 * self._backoff, MAX_RUN)
        if self.observe is not None:
            self.observe("commit", perf_counter() - began)
        self._uncheckpointed += 1
        if self._uncheckpointed >= CHECKPOINT_EVERY and (self._checkpointing is None or self._checkpointing.done()):
            self._uncheckpointed = 0
            self._checkpointing = loop.run_in_executor(None, self._checkpoint)
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
            for pragma in (*SQLITE_PRAGMAS, "wal_autocheckpoint=0"):  # checkpoints: ``_checkpoint``
                conn.execute(f"PRAGMA {pragma}")
            self._conn = conn
        self._conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        finally:
            self._conn.execute("PRAGMA busy_timeout=0")  # on the loop, never wait for a lock

    def _checkpoint(self) -> None:
        """In a worker thread, on a connection of its own while the batches go on: the WAL's pages
        back into the database file, as far as readers allow (PASSIVE: nobody waits for it)."""
        with self._checkpoint_lock:
            try:
                if self._checkpointer is None:
                    self._checkpointer = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000,
                                                         isolation_level=None, check_same_thread=False)
                self._checkpointer.execute("PRAGMA wal_checkpoint(PASSIVE)")
            except sqlite3.Error as exc:  # the next one tries again; SQLite's own readers still work
                log.warning("SQLite WAL checkpoint failed: %s", exc)

    def _commit(self) -> None:
        """The fsync: on the loop while the disk is quick, else in a worker thread."""
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
