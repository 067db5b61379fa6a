"""Statements of ``storage.kudos_writes`` for asyncpg, compiled once: for one write, or for many.

SQLAlchemy compiles each statement once (never per request) to the text asyncpg prepares on first
use and keeps. ``Many`` is the same statement for every write of a round that asks for it, in one
round trip: each parameter becomes an array, the arrays are unnested side by side into one row per
write, and the statement reads its parameters from that row; results come back by position.
"""

from __future__ import annotations

from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.dialects.postgresql import asyncpg as asyncpg_dialect
from sqlalchemy.sql.elements import BindParameter
from sqlalchemy.sql.visitors import replacement_traverse
from sqlalchemy.types import TypeDecorator

from storage.kudos_writes import Statement

DIALECT = asyncpg_dialect.dialect()


def _value(value):
    """Python values as SQLAlchemy stores them in PostgreSQL (see storage.tables.UTCDateTime)."""
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).replace(tzinfo=None)
    return value


class Sql:
    """A statement compiled once for asyncpg: its text and where each named parameter goes."""

    def __init__(self, sql: sa.sql.ClauseElement):
        compiled = sql.compile(dialect=DIALECT)
        self.text, self.names = compiled.string, compiled.positiontup
        self.fixed = {name: _value(value) for name, value in compiled.params.items()}

    def args(self, params: dict) -> list:
        return [_value(params[name]) if name in params else self.fixed[name] for name in self.names]


class One:
    """One write's statement, sent alone."""

    def __init__(self, statement: Statement):
        self.sql, self.returns = Sql(statement.sql), statement.returns

    async def run(self, conn, params: dict):
        args = self.sql.args(params)
        if self.returns == "rowcount":
            return int((await conn.execute(self.sql.text, *args)).rsplit(" ", 1)[-1])
        if self.returns == "scalar":
            return await conn.fetchval(self.sql.text, *args)
        return await conn.fetchrow(self.sql.text, *args)


class Many:
    """The same statement for many writes in one round trip: each parameter becomes an array, the
    arrays are unnested side by side into one row per write (``i``, numbered ``n``), and the
    statement reads its parameters from that row. Results come back tagged with ``n``."""

    def __init__(self, statement: Statement):
        self.returns, self.key = statement.returns, statement.key
        sql = statement.sql
        binds = {}

        def collect(element):
            if isinstance(element, BindParameter) and element.value is None:
                binds[element.key] = element.type
            return None

        replacement_traverse(sql, {}, collect)
        self.params = list(binds)
        columns = [sa.func.unnest(sa.bindparam("n_", type_=postgresql.ARRAY(sa.Integer))).label("n_")]
        columns += [sa.func.unnest(sa.bindparam(f"a_{name}", type_=postgresql.ARRAY(_plain(t)))).label(name)
                    for name, t in binds.items()]
        i = sa.select(*columns).subquery("i")
        if statement.table is not None:  # an INSERT: from the rows, matched back by the write's key
            inserted = postgresql.insert(statement.table).from_select(
                list(statement.columns), sa.select(*(i.c[f"v_{c}"] for c in statement.columns)))
            returned = list(dict.fromkeys([*(statement.table.c[c] for c in statement.key),
                                           *statement.sql.exported_columns]))
            cte = inserted.on_conflict_do_nothing().returning(*returned).cte("ins")
            match = sa.and_(*(cte.c[c] == i.c[f"v_{c}"] for c in statement.key))
            batched = sa.select(i.c.n_, cte.c[statement.key[0]].is_not(None),
                                *(cte.c[c.name] for c in statement.sql.exported_columns)).select_from(
                i.outerjoin(cte, match))
        else:
            swapped = replacement_traverse(
                sql, {}, lambda e: i.c[e.key] if isinstance(e, BindParameter) and e.key in binds else None)
            if isinstance(sql, sa.Select):  # one row (or none) per write, from a lateral subquery
                lateral = swapped.lateral("r")
                batched = sa.select(i.c.n_, sa.literal(1), *lateral.c).select_from(i.join(lateral, sa.true()))
            else:  # UPDATE … FROM i: one returned row per changed row
                batched = swapped.returning(i.c.n_, sa.literal(1))
        self.sql = Sql(batched)

    def apart(self, many: list[dict]) -> bool:
        """Whether an INSERT's rows can be told apart by their key (else they go one at a time)."""
        if not self.key:
            return True
        keys = [tuple(p[f"v_{c}"] for c in self.key) for p in many]
        return len(set(keys)) == len(keys)

    async def summed(self, conn, many: list[dict], step: str) -> list:
        """Writes whose keys collide, as one row per key with their ``step`` added up; each write
        gets its key's result."""
        keys = [tuple(p[f"v_{c}"] for c in self.key) for p in many]
        merged: dict[tuple, dict] = {}
        for key, params in zip(keys, many):
            if key in merged:
                merged[key][step] += params[step]
            else:
                merged[key] = dict(params)
        results = dict(zip(merged, await self.run(conn, list(merged.values()))))
        return [results[key] for key in keys]

    async def run(self, conn, many: list[dict]) -> list:
        arrays = {"n_": list(range(len(many)))}
        for name in self.params:
            arrays[f"a_{name}"] = [_value(p.get(name)) for p in many]
        rows = await conn.fetch(self.sql.text, *self.sql.args(arrays))
        if self.returns == "rowcount":
            counts = [0] * len(many)
            for row in rows:
                counts[row[0]] += row[1]
            return counts
        found: list = [None] * len(many)
        for row in rows:
            if row[1]:
                found[row[0]] = row[2] if self.returns == "scalar" else tuple(row)[2:]
        return found


def _plain(type_):
    """The type a parameter is stored as (UTCDateTime's plain DateTime: values arrive naive UTC)."""
    return type_.impl_instance if isinstance(type_, TypeDecorator) else type_
