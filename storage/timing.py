"""How long the database takes: every statement Kodo sends through SQLAlchemy, timed at the cursor.

The engine's ``before_cursor_execute``/``after_cursor_execute`` events bracket the driver call, so
the figure is the database's answer time as Kodo waits for it (for asyncpg and aiosqlite, the
round trip to the driver's thread or socket included), without SQLAlchemy's own compiling. Each
statement is reported under its first word (select, insert, update, delete, begin: SQLite's BEGIN
IMMEDIATE is where a writer waits for the lock), never its text; schema changes and pragmas are
not worth a series. The SQLite group-commit writer reports its commits through the same callable.
"""

from __future__ import annotations

from time import perf_counter
from typing import Callable

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

Observe = Callable[[str, float], None]  # (statement kind, seconds)
KINDS = frozenset({"select", "insert", "update", "delete", "begin"})
_BEGAN = "kodo_statement_began"


def kind_of(statement: str) -> str | None:
    words = statement.split(None, 1)
    first = words[0].lower() if words else ""
    return first if first in KINDS else None


def time_statements(engine: AsyncEngine, observe: Observe) -> None:
    """Report every statement's duration on ``engine`` to ``observe``. A statement that fails leaves
    no figure (its start is overwritten by the next one on the connection)."""

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _before(conn, _cursor, _statement, _parameters, _context, _executemany):
        conn.info[_BEGAN] = perf_counter()

    @event.listens_for(engine.sync_engine, "after_cursor_execute")
    def _after(conn, _cursor, statement, _parameters, _context, _executemany):
        began, kind = conn.info.pop(_BEGAN, None), kind_of(statement)
        if began is not None and kind is not None:
            observe(kind, perf_counter() - began)
