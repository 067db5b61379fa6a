"""Recording and revoking kudos: the rules' database half, written once and driven two ways.

``add_steps`` and ``revoke_steps`` are generators that yield (statement, parameters) and receive
each result (parameters are named ``w_…`` in WHERE clauses and ``v_…`` in values, never like a column), so the same decisions run on an async SQLAlchemy connection (PostgreSQL, and SQLite
outside the hot path) and on a plain ``sqlite3`` connection inside the group-commit writer
(``storage.group_commit``), where one fsync covers a whole batch.

A result is what the step needs: the first row (or None) for a SELECT and an INSERT … RETURNING,
the row count for an UPDATE, the scalar for a COUNT.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generator

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from bot.ports import AddOutcome, AddResult, NewKudos
from storage.tables import kudos

P = sa.bindparam
COLUMNS = ("platform", "giver", "receiver", "principle", "reason", "source", "channel", "message", "event_key",
           "created_at", "day")


@dataclass(frozen=True)
class Statement:
    name: str
    sql: sa.sql.ClauseElement
    returns: str  # "row" | "scalar" | "rowcount"


def _insert(dialect_insert) -> Statement:
    stmt = dialect_insert(kudos).values({c: P(f"v_{c}", type_=kudos.c[c].type) for c in COLUMNS})
    return Statement("insert", stmt.on_conflict_do_nothing().returning(kudos.c.id), "row")


_same_person = (kudos.c.platform == P("w_platform")) & (kudos.c.giver == P("w_giver"))
BY_MESSAGE = Statement("by_message", sa.select(kudos.c.id, kudos.c.revoked_at).where(
    _same_person, kudos.c.message == P("w_message"), kudos.c.principle == P("w_principle")), "row")
BY_EVENT = Statement("by_event", sa.select(kudos.c.id, kudos.c.revoked_at).where(
    kudos.c.platform == P("w_platform"), kudos.c.event_key == P("w_event_key")), "row")
GIVEN_ON = Statement("given_on", sa.select(sa.func.count()).select_from(kudos).where(
    _same_person, kudos.c.day == P("w_day", type_=kudos.c.day.type), kudos.c.revoked_at.is_(None)), "scalar")
RESTORE = Statement("restore", kudos.update().where(kudos.c.id == P("w_id"), kudos.c.revoked_at.is_not(None)).values(
    revoked_at=None, created_at=P("v_created_at", type_=kudos.c.created_at.type),
    day=P("v_day", type_=kudos.c.day.type), reason=P("v_reason")), "rowcount")
REVOKE = Statement("revoke", kudos.update().where(
    _same_person, kudos.c.message == P("w_message"), kudos.c.principle == P("w_principle"),
    kudos.c.source == "reaction", kudos.c.revoked_at.is_(None),
).values(revoked_at=P("v_revoked_at", type_=kudos.c.revoked_at.type)), "rowcount")
INSERT = {"sqlite": _insert(sqlite.insert), "postgresql": _insert(postgresql.insert)}


Steps = Generator[tuple[Statement, dict], object, object]


def add_steps(k: NewKudos, daily_limit: int, dialect: str) -> Steps:
    """Contract rules 3 and 5: a repeat is a no-op, nothing past the daily limit, revoked ones restored.
    With no limit (0) the day's kudos are not counted: nothing would read the number."""
    who = {"w_platform": k.platform, "w_giver": k.giver}
    if k.message is not None:
        existing = yield BY_MESSAGE, {**who, "w_message": k.message, "w_principle": k.principle}
    elif k.event_key is not None:
        existing = yield BY_EVENT, {"w_platform": k.platform, "w_event_key": k.event_key}
    else:
        existing = None
    given = (yield GIVEN_ON, {**who, "w_day": k.day}) if daily_limit else None
    if existing is not None and existing[1] is None:
        return AddResult(AddOutcome.DUPLICATE, given)
    if daily_limit and given >= daily_limit:
        return AddResult(AddOutcome.LIMIT, given)
    if existing is not None:
        restored = yield RESTORE, {"w_id": existing[0], "v_created_at": k.created_at, "v_day": k.day,
                                   "v_reason": k.reason}
        return AddResult(AddOutcome.RESTORED if restored else AddOutcome.DUPLICATE, _plus(given, restored))
    inserted = yield INSERT[dialect], {f"v_{c}": getattr(k, c) for c in COLUMNS}
    if inserted is None:  # a concurrent writer (another replica) inserted the same kudos first
        return AddResult(AddOutcome.DUPLICATE, given)
    return AddResult(AddOutcome.CREATED, _plus(given, 1))


def _plus(given: int | None, more: int) -> int | None:
    return None if given is None else given + more


def revoke_steps(platform: str, giver: str, message: str, principle: int, at: datetime) -> Steps:
    """Contract rule 4: removing the reaction revokes the kudos it created."""
    changed = yield REVOKE, {"w_platform": platform, "w_giver": giver, "w_message": message,
                             "w_principle": principle, "v_revoked_at": at}
    return changed > 0


async def run_async(conn, steps: Steps):
    """Drive the steps on an async SQLAlchemy connection (inside the caller's transaction)."""
    result = None
    try:
        while True:
            statement, params = steps.send(result)
            executed = await conn.execute(statement.sql, params)
            result = (executed.first() if statement.returns == "row" else executed.scalar()
                      if statement.returns == "scalar" else executed.rowcount)
    except StopIteration as done:
        return done.value
