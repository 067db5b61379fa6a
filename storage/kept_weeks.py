"""The dashboard's finished weeks, counted once and kept in the database (``kpi_weeks``).

Counting one week of a large organisation takes tens of milliseconds (a sort of its distinct givers
and receivers), so a page of 52 weeks counted afresh took seconds on the first request after every
start, on every replica. A finished week changes only when one of its kudos is revoked, so its
numbers are kept in a table every replica reads.

Who fills it: the first reader of a finished week that is not kept yet (there is no job to miss, no
replica to elect, and a week nobody looks at costs nothing). It counts the week as any reader
would, then keeps it with an insert-if-absent, safe across replicas: two replicas counting the same
week both count the same numbers, and the second insert is a no-op.

A revocation between the count and the insert must not leave stale numbers behind. Once a week is
finished, nothing adds a standing kudos to it (a kudos is dated when it is recorded; a restored
one is dated anew), so its standing kudos only ever go down, and only by revocations: the numbers
are still right if the week's standing count still equals the one counted. That check (an index
count, milliseconds) and the insert run in one transaction that revocations are serialised with:
SQLite's write lock, or on PostgreSQL the advisory lock every revoking transaction also takes
(``storage.kudos_writes.KEPT_WEEKS_LOCK``). So a revocation either comes first, and the check sees
it (the week is not kept; the next reader counts it again), or comes after, and deletes the row it
finds (``UNKEEP``).

``forget-me`` and the retention of reasons need no correction: forgetting renames a person to one
tombstone everywhere (each week keeps the same number of distinct people), and the numbers never
read a reason.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Awaitable, Callable

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.kpi import Numbers, Scope, Week
from storage.db import dialect_insert, reader
from storage.kudos_writes import KEPT_WEEKS_LOCK
from storage.pg_commit import take_locks
from storage.tables import kpi_weeks

MAX_SCOPE = 400  # kpi_weeks.scope: a longer set of filters is counted afresh, not kept
WEEKS_PER_TRANSACTION = 13  # a quarter: the checks of one transaction take milliseconds


def scope_key(scope: Scope) -> str | None:
    """The filters as kept ("" for the whole organisation); None when too long to keep."""
    filters = scope.filters()
    key = json.dumps(filters, sort_keys=True, ensure_ascii=False) if filters else ""
    return key if len(key) <= MAX_SCOPE else None


class KeptWeeks:
    def __init__(self, engine: AsyncEngine, pack: str):
        self._engine, self._reader, self._pack = engine, reader(engine), pack
        self._insert = dialect_insert(engine)

    async def read(self, weeks: list[Week], scope: str, size: int) -> dict[Week, Numbers]:
        """The kept ones among ``weeks``, in one query."""
        c = kpi_weeks.c
        query = sa.select(c.week_start, c.week_end, c.kudos, c.givers, c.receivers, c.people, c.per_principle).where(
            c.pack == self._pack, c.scope == scope, c.week_start >= weeks[0].start, c.week_start <= weeks[-1].start)
        async with self._reader.connect() as conn:
            rows = (await conn.execute(query)).all()
        by_ends = {(w.start, w.end): w for w in weeks}
        found = {}
        for row in rows:
            if (week := by_ends.get((row.week_start, row.week_end))) is not None:
                per = {int(p): n for p, n in json.loads(row.per_principle).items()}
                found[week] = Numbers(row.kudos, row.givers, row.receivers, row.people,
                                      {p: per.get(p, 0) for p in range(1, size + 1)})
        return found

    async def keep(self, weeks: list[Week], scope: str, counted: list[Numbers],
                   standing: Callable[[AsyncConnection, list[Week]], Awaitable[list[int]]]) -> None:
        """Keep the numbers of ``weeks``, counted outside any transaction, unless a kudos of the week
        was revoked since: checked by ``standing`` (each week's standing kudos now, on the
        transaction's connection) against the count, in a transaction revocations wait for."""
        for i in range(0, len(weeks), WEEKS_PER_TRANSACTION):
            chunk, numbers = weeks[i:i + WEEKS_PER_TRANSACTION], counted[i:i + WEEKS_PER_TRANSACTION]
            async with self._engine.begin() as conn:
                if self._engine.dialect.name == "postgresql":
                    await take_locks(conn, (KEPT_WEEKS_LOCK,))
                    # Kept numbers lost in a crash are only counted again: no need to wait for the disk.
                    await conn.execute(sa.text("SET LOCAL synchronous_commit = off"))
                unchanged = [(w, n) for w, n, now in zip(chunk, numbers, await standing(conn, chunk)) if now == n.kudos]
                if not unchanged:
                    continue
                at = datetime.now(timezone.utc)
                await conn.execute(self._insert(kpi_weeks).values([dict(
                    pack=self._pack, scope=scope, week_start=week.start, week_end=week.end, kudos=n.kudos,
                    givers=n.givers, receivers=n.receivers, people=n.people, counted_at=at,
                    per_principle=json.dumps({str(p): c for p, c in n.per_principle.items()}))
                    for week, n in unchanged]).on_conflict_do_nothing())
