"""Group commit for SQLite: many kudos, one transaction, one fsync, every one durable before its ack.

A kudos must be on disk before Slack hears "200" (contract rule 6), and with ``synchronous=FULL``
each commit costs an fsync (~0.5 ms here): one commit per kudos caps a server near 2,000 kudos a
second and queues everything else behind the disk. Instead one writer thread owns a plain
``sqlite3`` connection; callers hand it their write (``storage.kudos_writes`` steps) and await a
future. The thread takes whatever has queued up, runs each write in its own SAVEPOINT inside one
``BEGIN IMMEDIATE`` transaction, commits once, and only then resolves the futures. Under light load a
batch is a single kudos, so nothing waits for company.

The thread stops after a short idle spell and starts again on the next write, so short-lived
stores (tests, CLI runs) leave no threads behind.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import sqlite3
import threading
from datetime import date, datetime, timezone

from sqlalchemy.dialects import sqlite as sqlite_dialect

from storage.kudos_writes import Statement, Steps

log = logging.getLogger(__name__)
MAX_BATCH = 512
IDLE_SECONDS = 2.0
PRAGMAS = ("journal_mode=WAL", "busy_timeout=10000", "foreign_keys=ON", "synchronous=FULL")


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
        self.sql, self.names, self.fixed = compiled.string, compiled.positiontup, compiled.params
        self.returns = statement.returns

    def run(self, conn: sqlite3.Connection, params: dict):
        values = {**self.fixed, **params}
        cursor = conn.execute(self.sql, [_value(values[name]) for name in self.names])
        if self.returns == "rowcount":
            return cursor.rowcount
        row = cursor.fetchone()
        cursor.fetchall()  # finish the statement (RETURNING) before the next one
        return row[0] if self.returns == "scalar" else row


class GroupCommitter:
    def __init__(self, path: str):
        self.path = path
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._compiled: dict[str, _Compiled] = {}
        self.batches = 0  # how many commits carried how many writes: for tests and benchmarks
        self.writes = 0

    async def run(self, steps: Steps):
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        with self._lock:
            self._queue.put((steps, future, loop))
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name="kodo-sqlite-writer", daemon=True)
                self._thread.start()
        return await future

    # ---- the writer thread --------------------------------------------------------------------

    def _serve(self) -> None:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            for pragma in PRAGMAS:
                conn.execute(f"PRAGMA {pragma}")
            while (batch := self._next_batch()) is not None:
                self._commit(conn, batch)
        finally:
            conn.close()

    def _next_batch(self) -> list | None:
        try:
            batch = [self._queue.get(timeout=IDLE_SECONDS)]
        except queue.Empty:
            with self._lock:
                if self._queue.empty():
                    self._thread = None
                    return None
            batch = [self._queue.get()]
        while len(batch) < MAX_BATCH:
            try:
                batch.append(self._queue.get_nowait())
            except queue.Empty:
                break
        return batch

    def _commit(self, conn: sqlite3.Connection, batch: list) -> None:
        outcomes = []
        try:
            conn.execute("BEGIN IMMEDIATE")
            for steps, _future, _loop in batch:
                conn.execute("SAVEPOINT kudos")
                try:
                    outcomes.append((self._drive(conn, steps), None))
                    conn.execute("RELEASE kudos")
                except Exception as exc:  # noqa: BLE001 - this write fails alone, the batch goes on
                    conn.execute("ROLLBACK TO kudos")
                    conn.execute("RELEASE kudos")
                    outcomes.append((None, exc))
            conn.execute("COMMIT")
        except Exception as exc:  # noqa: BLE001 - nothing in the batch was committed: say so to everyone
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            log.warning("SQLite group commit of %d writes failed: %s", len(batch), exc)
            outcomes = [(None, exc)] * len(batch)
        self.batches += 1
        self.writes += len(batch)
        by_loop: dict = {}
        for (_steps, future, loop), (value, exc) in zip(batch, outcomes):
            by_loop.setdefault(loop, []).append((future, value, exc))
        for loop, results in by_loop.items():  # one wake-up of each event loop per batch
            loop.call_soon_threadsafe(_resolve_all, results)

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


def _resolve_all(results: list) -> None:
    for future, value, exc in results:
        if future.done():  # the caller went away (cancelled); the write itself stands
            continue
        if exc is not None:
            future.set_exception(exc)
        else:
            future.set_result(value)
