"""Short reads on the request path: on a SQLite file without a thread hop, on PostgreSQL without
SQLAlchemy's per-request work.

The casebook looks at a recognised message's kudos after every kudos of a public conversation: a
read of a few rows by index, tens of microseconds of SQLite's time. Through aiosqlite it cost a
reaction about 2.5 ms of CPU (a thread hop per call, the GIL handed back and forth with the busy
event loop, a pool checkout, BEGIN and ROLLBACK), four times the rest of the reaction. Here it runs
on the event loop on a plain ``sqlite3`` connection of its own, as the group commit's writes do
(``storage.group_commit``). In WAL a reader never waits for the writer; the one case where SQLite
refuses a reader at once (``SQLITE_BUSY`` while another connection resets the WAL) goes to a worker
thread, on a connection of its own that may wait.

On PostgreSQL the same read through SQLAlchemy's pool cost about 1.5 ms of CPU (a checkout with
its ping, BEGIN, the statement, ROLLBACK, each a round trip). ``PgQuickReads`` sends it alone on a
small asyncpg pool of its own, as a statement compiled once and prepared by asyncpg
(``storage.pg_statements``).

Only reads of a few rows found by an index belong here: on SQLite each holds the event loop while
it runs. Statements are compiled once (``storage.kudos_writes.Statement``, ``returns="rows"``); rows come
back with their columns by name and their values converted as SQLAlchemy would (``UTCDateTime``).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections import namedtuple

from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import URL

from storage.db import BUSY_TIMEOUT_MS, COMMAND_TIMEOUT, CONNECT_TIMEOUT, POOL_TIMEOUT, SQLITE_PRAGMAS
from storage.group_commit import _Compiled
from storage.kudos_writes import Statement
from storage.pg_statements import DIALECT as PG_DIALECT
from storage.pg_statements import Sql

SQLITE_DIALECT = sqlite_dialect.dialect()
POOL_SIZE = 4  # connections of a replica's quick reads (each read takes one for a round trip)


class _Rows:
    """A SELECT's row type, and each column's conversion from what the driver returns."""

    def __init__(self, statement: Statement, dialect):
        columns = list(statement.sql.selected_columns)
        self.row = namedtuple("Row", [c.key for c in columns], rename=True)
        self.convert = [c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns]

    def made(self, rows) -> list:
        convert, row = self.convert, self.row
        if not any(convert):
            return [row._make(r) for r in rows]
        return [row._make(value if f is None else f(value) for f, value in zip(convert, r)) for r in rows]


class _Read(_Rows):
    """A SELECT compiled once for ``sqlite3``."""

    def __init__(self, statement: Statement):
        super().__init__(statement, SQLITE_DIALECT)
        self.compiled = _Compiled(statement)

    def run(self, conn: sqlite3.Connection, params: dict) -> list:
        return self.made(self.compiled.run(conn, params))


def _open(path: str, busy_timeout_ms: int) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=busy_timeout_ms / 1000, isolation_level=None, check_same_thread=False)
    for pragma in (*SQLITE_PRAGMAS, f"busy_timeout={busy_timeout_ms}", "query_only=ON"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


class QuickReads:
    def __init__(self, path: str):
        self.path = path
        self._conn: sqlite3.Connection | None = None
        self._reads: dict[str, _Read] = {}

    async def rows(self, statement: Statement, params: dict) -> list:
        read = self._reads.get(statement.name)
        if read is None:
            read = self._reads[statement.name] = _Read(statement)
        if self._conn is None:  # opening a file may wait on the disk: not on the loop
            opened = await asyncio.get_running_loop().run_in_executor(None, _open, self.path, 0)
            if self._conn is None:
                self._conn = opened
            else:  # another read opened one meanwhile
                opened.close()
        try:
            return read.run(self._conn, params)
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
        return await asyncio.get_running_loop().run_in_executor(None, self._waiting, read, params)

    def _waiting(self, read: _Read, params: dict) -> list:
        conn = _open(self.path, BUSY_TIMEOUT_MS)
        try:
            return read.run(conn, params)
        finally:
            conn.close()

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class _PgRead(_Rows):
    """A SELECT compiled once for asyncpg."""

    def __init__(self, statement: Statement):
        super().__init__(statement, PG_DIALECT)
        self.sql = Sql(statement.sql)


async def _nothing_to_reset(_conn) -> None:
    """A quick read is one SELECT outside any transaction: it leaves no session state (no locks, no
    listeners, no settings) for asyncpg's default reset query to clear, a round trip per read."""


class PgQuickReads:
    def __init__(self, url: URL):
        self._dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._pool = None
        self._loop: asyncio.AbstractEventLoop | None = None  # the pool's: a pool belongs to the loop that opened it
        self._opening: asyncio.Task | None = None
        self._reads: dict[str, _PgRead] = {}

    async def rows(self, statement: Statement, params: dict) -> list:
        read = self._reads.get(statement.name)
        if read is None:
            read = self._reads[statement.name] = _PgRead(statement)
        pool = await self._ready()
        async with pool.acquire(timeout=POOL_TIMEOUT) as conn:
            return read.made(await conn.fetch(read.sql.text, *read.sql.args(params)))

    async def _ready(self):
        """The pool of this event loop: opened by the first read, by one read when several come at once."""
        loop = asyncio.get_running_loop()
        if self._pool is not None and self._loop is loop:
            return self._pool
        if self._opening is None or self._opening.get_loop() is not loop:
            self._drop()
            self._opening = loop.create_task(self._open())
        opening = self._opening
        try:
            pool = await asyncio.shield(opening)
        except BaseException:
            if opening.done() and self._opening is opening:
                self._opening = None  # the next read tries again
            raise
        self._pool, self._loop = pool, loop
        return pool

    async def _open(self):
        import asyncpg

        return await asyncpg.create_pool(self._dsn, min_size=1, max_size=POOL_SIZE, timeout=CONNECT_TIMEOUT,
                                         command_timeout=COMMAND_TIMEOUT, reset=_nothing_to_reset)

    def _drop(self) -> None:
        if self._pool is not None:
            self._pool.terminate()  # its loop is gone or going: nothing to wait for
            self._pool = None

    async def close(self) -> None:
        pool, self._pool, self._opening = self._pool, None, None
        if pool is None:
            return
        if self._loop is asyncio.get_running_loop():
            try:
                await asyncio.wait_for(pool.close(), 2)
            except Exception:  # noqa: BLE001 - connections that do not close in time are cut
                pool.terminate()
        else:
            pool.terminate()
