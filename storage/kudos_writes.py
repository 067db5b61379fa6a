"""Recording and revoking kudos: the rules' database half, written once and driven two ways.

``add_steps`` and ``revoke_steps`` are generators that yield (statement, parameters) and receive
each result (parameters are named ``w_…`` in WHERE clauses and ``v_…`` in values, never like a
column), so the same decisions run three ways: on a plain ``sqlite3`` connection inside SQLite's
group-commit writer (``storage.group_commit``), where one fsync covers a whole batch; on asyncpg
inside PostgreSQL's (``storage.pg_commit``), where one transaction covers a whole batch and each
kind of statement goes once per round for every write that asks for it; and on an async
SQLAlchemy connection (an in-memory SQLite, or a store built without group commit).

A result is what the step needs: the first row (or None) for a SELECT and an INSERT … RETURNING,
the row count for an UPDATE, the scalar for a COUNT.

A write that carries a platform event (``EventStamp``) first records the event's id: a
redelivery stops there. Its time then orders it against the other adds and removals of the same
reaction (``kudos.event_at`` keeps the newest): an add older than the removal does not restore, a
removal older than the latest add does not revoke. A write may so change two rows; the
group-commit writer gives each write a savepoint, so one that fails leaves nothing behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Generator

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from bot.ports import AddOutcome, AddResult, EventStamp, NewKudos
from storage.privacy import realm_of
from storage.tables import kpi_weeks, kudos, processed_events

P = sa.bindparam
COLUMNS = ("platform", "giver", "receiver", "principle", "reason", "source", "channel", "message", "event_key",
           "created_at", "day", "workspace", "organisation", "team", "visibility", "pack")


@dataclass(frozen=True)
class Statement:
    name: str
    sql: sa.sql.ClauseElement
    returns: str  # "row" | "scalar" | "rowcount" | "rows" (a read's every row: ``Database.read``)
    # An INSERT … ON CONFLICT DO NOTHING of ``columns`` (each from the parameter ``v_<column>``) into
    # ``table``; ``key``: the columns that tell apart the rows of writes sent together, at most one
    # write per giver (``storage.pg_commit`` inserts them in one statement and matches them back).
    table: sa.Table | None = None
    columns: tuple[str, ...] = ()
    key: tuple[str, ...] = ()
    # An UPDATE whose writes with the same ``key`` may go as one, with this parameter (a step to add)
    # summed over them: a hundred answers moving the same counter are one row changed once.
    summed: str | None = None
    # A statement that changes nothing a second run with the same parameters would change again:
    # writes asking it with the same parameters share one run and its result.
    idempotent: bool = False


def insert_of(dialect_insert, table: sa.Table, columns: tuple[str, ...]):
    """INSERT … ON CONFLICT DO NOTHING of ``columns``, each from the parameter ``v_<column>``."""
    stmt = dialect_insert(table).values({c: P(f"v_{c}", type_=table.c[c].type) for c in columns})
    return stmt.on_conflict_do_nothing()


def _inserting(name: str, dialect_insert, table: sa.Table, columns: tuple[str, ...], key: tuple[str, ...],
               returning: sa.Column) -> Statement:
    return Statement(name, insert_of(dialect_insert, table, columns).returning(returning), "row", table, columns,
                     key)


def _insert(dialect_insert) -> Statement:
    return _inserting("insert", dialect_insert, kudos, (*COLUMNS, "event_at", "revoked_at"), ("platform", "giver"),
                      kudos.c.id)


def _seen(dialect_insert) -> Statement:
    return _inserting("seen", dialect_insert, processed_events, ("platform", "event_key", "seen_at"),
                      ("platform", "event_key"), processed_events.c.event_key)


_same_person = (kudos.c.platform == P("w_platform")) & (kudos.c.giver == P("w_giver"))
_same_reaction = _same_person & (kudos.c.message == P("w_message")) & (kudos.c.principle == P("w_principle")) \
    & (kudos.c.source == "reaction")
BY_MESSAGE = Statement("by_message", sa.select(kudos.c.id, kudos.c.revoked_at).where(
    _same_person, kudos.c.message == P("w_message"), kudos.c.principle == P("w_principle")), "row")
BY_EVENT = Statement("by_event", sa.select(kudos.c.id, kudos.c.revoked_at).where(
    kudos.c.platform == P("w_platform"), kudos.c.event_key == P("w_event_key")), "row")
# The daily limit counts a person's standing kudos of the day in their realm (``bot.ports.realm``:
# the Grid organisation, else the workspace), where their user id is theirs alone.
# How many people's standing kudos recognise a message: told with each kudos created or restored.
GIVERS = Statement("givers", sa.select(sa.func.count(sa.distinct(kudos.c.giver))).where(
    kudos.c.platform == P("w_platform"), kudos.c.message == P("w_message"), kudos.c.revoked_at.is_(None)), "scalar")
GIVEN_ON = Statement("given_on", sa.select(sa.func.count()).select_from(kudos).where(
    _same_person, kudos.c.day == P("w_day", type_=kudos.c.day.type), kudos.c.revoked_at.is_(None),
    realm_of(kudos).is_not_distinct_from(P("w_realm", type_=sa.String()))), "scalar")
RESTORE = Statement("restore", kudos.update().where(kudos.c.id == P("w_id"), kudos.c.revoked_at.is_not(None)).values(
    revoked_at=sa.null(), created_at=P("v_created_at", type_=kudos.c.created_at.type),
    day=P("v_day", type_=kudos.c.day.type), reason=P("v_reason", type_=kudos.c.reason.type)), "rowcount")
REVOKE = Statement("revoke", kudos.update().where(_same_reaction, kudos.c.revoked_at.is_(None)).values(
    revoked_at=P("v_revoked_at", type_=kudos.c.revoked_at.type)), "rowcount")
INSERT = {"sqlite": _insert(sqlite.insert), "postgresql": _insert(postgresql.insert)}

# A reaction's adds and removals by the platform's own time: one older than the newest seen changes nothing.
_event_at = P("w_event_at", type_=kudos.c.event_at.type)
_newest = {"event_at": P("v_event_at", type_=kudos.c.event_at.type)}
_in_order = kudos.c.event_at.is_(None) | (kudos.c.event_at <= _event_at)
RESTORE_IN_ORDER = Statement("restore_in_order", RESTORE.sql.where(_in_order).values(_newest), "rowcount")
REVOKE_IN_ORDER = Statement("revoke_in_order", REVOKE.sql.where(_in_order).values(_newest), "rowcount")
NEWER = Statement("newer", kudos.update().where(
    _same_reaction, kudos.c.event_at.is_(None) | (kudos.c.event_at < _event_at)).values(_newest), "rowcount")
SEEN = {"sqlite": _seen(sqlite.insert), "postgresql": _seen(postgresql.insert)}
# A revoked kudos changes the numbers of its week: the kept ones (storage.kpi) are counted again.
# Its writes and the counting of a week are serialised across replicas by this lock (PostgreSQL;
# SQLite's write lock does it there), so a week is never kept as counted before a revocation.
KEPT_WEEKS_LOCK = "kpi-weeks"
_created = sa.select(kudos.c.created_at).where(_same_reaction).scalar_subquery()
UNKEEP = Statement("unkeep", kpi_weeks.delete().where(kpi_weeks.c.week_start <= _created,
                                                      kpi_weeks.c.week_end > _created), "rowcount")
FORGET_EVENTS = Statement("forget_events", processed_events.delete().where(
    processed_events.c.seen_at < P("w_before", type_=processed_events.c.seen_at.type)), "rowcount")


Steps = Generator[tuple[Statement, dict], object, object]


def add_steps(k: NewKudos, daily_limit: int, dialect: str, forget_before: datetime | None = None) -> Steps:
    """Contract rules 3 and 5: a repeat is a no-op, nothing past the daily limit, revoked ones restored.

    The insert comes first and the unique constraints judge it: a new kudos, by far the usual case,
    costs one statement (two with a daily limit, which needs the day's count; with no limit, 0,
    nothing is counted because nothing would read the number), and one more to record a platform
    event's id. Only when the insert finds the kudos already there does a lookup say whether it
    stands (a repeat) or was revoked (restore it, unless it was revoked after this event happened).
    """
    if k.event is not None and not (yield from _first_delivery(k.platform, k.event, k.created_at, dialect,
                                                              forget_before)):
        return AddResult(AddOutcome.DUPLICATE, None)
    given = (yield GIVEN_ON, given_on(k.platform, k.giver, k.day, k.realm)) if daily_limit else None
    if daily_limit and given >= daily_limit:
        existing = yield from _existing(k)  # a repeat at the limit is still only a repeat
        standing = existing is not None and existing[1] is None
        if standing:
            yield from _newer(k.platform, k.giver, k.message, k.principle, k.event)
        return AddResult(AddOutcome.DUPLICATE if standing else AddOutcome.LIMIT, given)
    inserted = yield INSERT[dialect], _values(k, revoked_at=None)
    if inserted is not None:
        return AddResult(AddOutcome.CREATED, _plus(given, 1), inserted[0], (yield from _givers(k)))
    existing = yield from _existing(k)  # standing: a repeat, or another replica was first; or revoked
    if existing is None or existing[1] is None:
        if existing is not None:
            yield from _newer(k.platform, k.giver, k.message, k.principle, k.event)
        return AddResult(AddOutcome.DUPLICATE, given)
    restore = {"w_id": existing[0], "v_created_at": k.created_at, "v_day": k.day, "v_reason": k.reason}
    if k.event is None:
        restored = yield RESTORE, restore
    else:
        restored = yield RESTORE_IN_ORDER, restore | {"w_event_at": k.event.at, "v_event_at": k.event.at}
    if restored:
        return AddResult(AddOutcome.RESTORED, _plus(given, restored), existing[0], (yield from _givers(k)))
    return AddResult(AddOutcome.DUPLICATE, given)


def _givers(k: NewKudos) -> Steps:
    """The people recognising ``k``'s message, once ``k`` stands (None without a message)."""
    if k.message is None:
        return None
    return int((yield GIVERS, {"w_platform": k.platform, "w_message": k.message}) or 0)


def given_on(platform: str, giver: str, day, realm: str | None) -> dict:
    """The parameters of ``GIVEN_ON``."""
    return {"w_platform": platform, "w_giver": giver, "w_day": day, "w_realm": realm}


def _values(k: NewKudos, revoked_at: datetime | None) -> dict:
    return {f"v_{c}": getattr(k, c) for c in COLUMNS} | {"v_event_at": k.event.at if k.event else None,
                                                         "v_revoked_at": revoked_at}


def _first_delivery(platform: str, event: EventStamp, now: datetime, dialect: str,
                    forget_before: datetime | None) -> Steps:
    """Record the event's id; False when it was recorded before (a redelivery). Now and then, also
    forget ids from before ``forget_before``, which Slack no longer redelivers."""
    fresh = yield SEEN[dialect], {"v_platform": platform, "v_event_key": event.key, "v_seen_at": now}
    if fresh is not None and forget_before is not None:
        yield FORGET_EVENTS, {"w_before": forget_before}
    return fresh is not None


def _newer(platform: str, giver: str, message: str | None, principle: int, event: EventStamp | None) -> Steps:
    """An event that changed nothing (the kudos already stood, or was already revoked) may still be
    the newest: remember its time, so an older event arriving after it changes nothing either."""
    if event is not None and message is not None:
        yield NEWER, {"w_platform": platform, "w_giver": giver, "w_message": message, "w_principle": principle,
                      "w_event_at": event.at, "v_event_at": event.at}


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


def revoke_steps(platform: str, giver: str, message: str, principle: int, at: datetime, dialect: str,
                 event: EventStamp | None = None, absent: NewKudos | None = None,
                 forget_before: datetime | None = None) -> Steps:
    """Contract rule 4: removing the reaction revokes the kudos it created (unless it was added
    again after this removal happened). With no kudos to revoke, ``absent`` is stored revoked, so
    an add older than this removal, arriving later, finds it revoked by a newer event."""
    reaction = {"w_platform": platform, "w_giver": giver, "w_message": message, "w_principle": principle}
    params = reaction | {"v_revoked_at": at}
    if event is None:
        changed = yield REVOKE, params
    else:
        if not (yield from _first_delivery(platform, event, at, dialect, forget_before)):
            return False
        changed = yield REVOKE_IN_ORDER, params | {"w_event_at": event.at, "v_event_at": event.at}
    if changed:
        yield UNKEEP, reaction
        return True
    if event is None:
        return False
    kept = absent is not None and (yield INSERT[dialect], _values(absent, revoked_at=at)) is not None
    if not kept:
        yield from _newer(platform, giver, message, principle, event)
    return False


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
