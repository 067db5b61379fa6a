"""Short reads on the request path of a SQLite file, without a thread hop.

The casebook looks at a recognised message's kudos after every kudos of a public conversation: a
read of a few rows by index, tens of microseconds of SQLite's time. Through aiosqlite it cost a
reaction about 2.5 ms of CPU (a thread hop per call, the GIL handed back and forth with the busy
event loop, a pool checkout, BEGIN and ROLLBACK), four times the rest of the reaction. Here it runs
on the event loop on a plain ``sqlite3`` connection of its own, as the group commit's writes do
(``storage.group_commit``). In WAL a reader never waits for the writer; the one case where SQLite
refuses a reader at once (``SQLITE_BUSY`` while another connection resets the WAL) goes to a worker
thread, on a connection of its own that may wait.

Only reads of a few rows found by an index belong here: each holds the event loop while it runs.
Statements are compiled once (``storage.kudos_writes.Statement``, ``returns="rows"``); rows come
back with their columns by name and their values converted as SQLAlchemy would (``UTCDateTime``).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections import namedtuple

from sqlalchemy.dialects import sqlite as sqlite_dialect

from storage.db import BUSY_TIMEOUT_MS, SQLITE_PRAGMAS
from storage.group_commit import _Compiled
from storage.kudos_writes import Statement

DIALECT = sqlite_dialect.dialect()


class _Read:
    """A SELECT compiled once, with its row type and each column's conversion."""

    def __init__(self, statement: Statement):
        self.compiled = _Compiled(statement)
        columns = list(statement.sql.selected_columns)
        self.row = namedtuple("Row", [c.key for c in columns], rename=True)
        self.convert = [c.type.dialect_impl(DIALECT).result_processor(DIALECT, None) for c in columns]

    def run(self, conn: sqlite3.Connection, params: dict) -> list:
        rows, convert, row = self.compiled.run(conn, params), self.convert, self.row
        if not any(convert):
            return [row._make(r) for r in rows]
        return [row._make(value if f is None else f(value) for f, value in zip(convert, r)) for r in rows]


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
            self._conn = await asyncio.get_running_loop().run_in_executor(None, _open, self.path, 0)
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
