"""Recording and revoking kudos: the rules' database half, written once and driven two ways.

``add_steps`` and ``revoke_steps`` are generators that yield (statement, parameters) and receive
each result (parameters are named ``w_…`` in WHERE clauses and ``v_…`` in values, never like a
column), so the same decisions run on an async SQLAlchemy connection (PostgreSQL, and SQLite
outside the hot path) and on a plain ``sqlite3`` connection inside the group-commit writer
(``storage.group_commit``), where one fsync covers a whole batch.

A result is what the step needs: the first row (or None) for a SELECT and an INSERT … RETURNING,
the row count for an UPDATE, the scalar for a COUNT.

Each generator changes at most one row, with its last statement (INSERT, RESTORE or REVOKE). A
statement that fails is undone by the database on its own, so a write that fails leaves nothing
behind, and the group-commit writer needs no savepoint per write.
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
           "created_at", "day", "workspace", "organisation", "team", "visibility", "pack")


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

    The insert comes first and the unique constraints judge it: a new kudos, by far the usual case,
    costs one statement (two with a daily limit, which needs the day's count; with no limit, 0,
    nothing is counted because nothing would read the number). Only when the insert finds the
    kudos already there does a lookup say whether it stands (a repeat) or was revoked (restore it).
    """
    given = (yield GIVEN_ON, {"w_platform": k.platform, "w_giver": k.giver, "w_day": k.day}) if daily_limit else None
    if daily_limit and given >= daily_limit:
        existing = yield from _existing(k)  # a repeat at the limit is still only a repeat
        standing = existing is not None and existing[1] is None
        return AddResult(AddOutcome.DUPLICATE if standing else AddOutcome.LIMIT, given)
    inserted = yield INSERT[dialect], {f"v_{c}": getattr(k, c) for c in COLUMNS}
    if inserted is not None:
        return AddResult(AddOutcome.CREATED, _plus(given, 1))
    existing = yield from _existing(k)  # standing: a repeat, or another replica was first; or revoked
    if existing is None or existing[1] is None:
        return AddResult(AddOutcome.DUPLICATE, given)
    restored = yield RESTORE, {"w_id": existing[0], "v_created_at": k.created_at, "v_day": k.day,
                               "v_reason": k.reason}
    return AddResult(AddOutcome.RESTORED if restored else AddOutcome.DUPLICATE, _plus(given, restored))


def _existing(k: NewKudos) -> Steps:
    """The stored kudos ``k`` repeats, by its message or else by the platform's event id."""
    if k.message is not None:
        return (yield BY_MESSAGE, {"w_platform": k.platform, "w_giver": k.giver, "w_message": k.message,
                                   "w_principle": k.principle})
    if k.event_key is not None:
        return (yield BY_EVENT, {"w_platform": k.platform, "w_event_key": k.event_key})
    return None


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
