"""``SqlKpi``: the one place the KPIs are counted (``bot.kpi.KpiSource``), for SQLite and PostgreSQL.

Every question is about one week of standing kudos, so each is a range scan of the partial index
``ix_kudos_kpi`` (created_at, pack, platform, principle, giver, receiver; standing kudos only), which
holds everything the organisation-wide numbers read: the table itself is never touched for them.
Only kudos given under the configured content pack count (``_counted``), for the organisation's
numbers and a person's own (``/kodo me``) alike: principle 3 of another pack is another principle. Weeks are counted in a few batches side by side, each batch one statement (a UNION ALL of
one SELECT per week) on a connection of its own (SQLite answers each on a thread of its own).

A finished week cannot change any more except when one of its kudos is revoked. The dashboard's
numbers of finished weeks are kept in the database, shared by every replica (``storage.kept_weeks``);
the other answers (the roundup's counts per principle, the breakdowns' groups) are kept in this
process once counted, until a revocation newer than the ones seen so far touches that week (found
through the small index of revoked kudos, ``ix_kudos_revoked``).
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.features.tips import KIND as TIPS
from bot.kpi import Numbers, PersonKudos, Scope, Week
from storage.db import reader
from storage.kept_weeks import KeptWeeks, scope_key
from storage.privacy import counted_in
from storage.tables import kudos, post_claims

PARALLEL = 4  # weeks counted at once
CACHED_WEEKS = 4096  # (week, question) answers kept; each is a few hundred bytes
SETTLED = timedelta(hours=1)  # a week is final this long after it ended (late events, clock skew)
RECHECK = timedelta(minutes=10)  # revocations recorded a little out of order are still noticed


class SqlKpi:
    def __init__(self, engine: AsyncEngine, pack: str, now=lambda: datetime.now().astimezone()):
        self._pack = pack
        self._reader = reader(engine)
        self._kept_weeks = KeptWeeks(engine, pack)
        self._slots = asyncio.Semaphore(PARALLEL)
        self._now = now
        self._cache: OrderedDict[tuple, object] = OrderedDict()
        self._revoked_seen: datetime | None = None
        self._checked = asyncio.Lock()

    # ---- the questions ----------------------------------------------------------------------

    async def person(self, platform: str, user: str) -> PersonKudos:
        """All time, never kept: a person's own counts change with every kudos."""
        found = {}
        async with self._slots, self._reader.connect() as conn:
            for role in ("giver", "receiver"):
                rows = await conn.execute(sa.select(kudos.c.principle, sa.func.count()).where(
                    _counted(self._pack), kudos.c.platform == platform, kudos.c[role] == user)
                    .group_by(kudos.c.principle))
                found[role] = {p: n for p, n in rows}
        return PersonKudos(given=found["giver"], received=found["receiver"])

    async def numbers(self, weeks: list[Week], scope: Scope, size: int) -> list[Numbers]:
        """Finished weeks from the table every replica shares (``storage.kept_weeks``: counted there
        the first time they are asked for); the running week counted afresh."""
        key = scope_key(scope)
        if key is None:  # filters too long to keep: counted, and kept in this process, as before
            return await self._weeks(weeks, ("numbers", scope, size), lambda batch: self._numbers(batch, scope, size))
        finished = [w for w in weeks if self._finished(w)]
        found = await self._kept_weeks.read(finished, key, size) if finished else {}
        rest = [w for w in weeks if w not in found]
        found.update(zip(rest, await self._side_by_side(rest, lambda batch: self._numbers(batch, scope, size))))
        if missing := [w for w in finished if w in rest]:
            await self._kept_weeks.keep(missing, key, [found[w] for w in missing],
                                        lambda conn, chunk: self._standing(chunk, scope, conn))
        return [found[w] for w in weeks]

    async def per_principle(self, weeks: list[Week], scope: Scope, size: int) -> list[dict[int, int]]:
        """The standing kudos of ``numbers``, per principle alone (what the roundup shows): without
        the distinct givers and receivers, which cost most of the count."""
        return await self._weeks(weeks, ("per_principle", scope, size),
                                 lambda batch: self._per_principle(batch, scope, size))

    async def _weeks(self, weeks: list[Week], question: tuple, count) -> list:
        """First looks for revocations (once per request: the other questions come after this one);
        the weeks not kept are counted in a few batches side by side, one statement per batch."""
        await self._forget_revoked()
        found = {w: self._kept(w, question) for w in weeks}
        missing = [w for w in weeks if found[w] is None]
        for week, answer in zip(missing, await self._side_by_side(missing, count)):
            found[week] = self._keep(week, question, answer)
        return [found[w] for w in weeks]

    async def _side_by_side(self, weeks: list[Week], count) -> list:
        """``count`` over ``weeks`` in a few batches side by side, one statement per batch."""
        batches = [weeks[i::PARALLEL] for i in range(min(PARALLEL, len(weeks)))]
        found = {}
        for batch, answers in zip(batches, await asyncio.gather(*(count(b) for b in batches))):
            found.update(zip(batch, answers))
        return [found[w] for w in weeks]

    async def people_by(self, week: Week, column: str) -> dict[str | None, int]:
        return await self._cached(week, ("people_by", column), lambda: self._people_by(week, column))

    async def people_outside(self, week: Week, column: str, shown: set[str]) -> int:
        return await self._cached(week, ("outside", column, frozenset(shown)),
                                  lambda: self._people_outside(week, column, shown))

    async def tips_posted(self, weeks: list[Week], scope: Scope) -> list[int]:
        """Daily tips sent (one per channel and day, from the scheduler's ledger), per week, in the
        workspace or Grid asked for as their subscription named it (a tip claimed before the ledger
        kept it counts only where no workspace or Grid is asked for)."""
        c = post_claims.c
        query = (sa.select(c.period, sa.func.count()).where(
            c.kind == TIPS, c.sent_at.is_not(None), c.period >= weeks[0].monday.isoformat(),
            c.period < (weeks[-1].monday + timedelta(days=7)).isoformat()).group_by(c.period))
        if scope.platform:
            query = query.where(c.platform == scope.platform)
        if scope.channel:
            query = query.where(c.channel == scope.channel)
        if scope.workspace:
            query = query.where(c.workspace == scope.workspace)
        if scope.organisation:
            query = query.where(c.organisation == scope.organisation)
        async with self._reader.connect() as conn:
            per_day = dict((await conn.execute(query)).all())
        return [sum(n for day, n in per_day.items() if w.monday.isoformat() <= day < (w.monday + timedelta(days=7))
                    .isoformat()) for w in weeks]

    # ---- SQL ----------------------------------------------------------------------------------

    async def _numbers(self, weeks: list[Week], scope: Scope, size: int, conn=None) -> list[Numbers]:
        """Each week is its own SELECT (a range scan of the index), glued with UNION ALL."""
        wheres = [_in_week(w, scope, self._pack) for w in weeks]
        per = [sa.func.coalesce(sa.func.sum(sa.case((kudos.c.principle == n, 1), else_=0)), 0)
               for n in range(1, size + 1)]
        counts = [sa.func.count(), sa.func.count(kudos.c.giver.distinct()), sa.func.count(kudos.c.receiver.distinct())]
        rows = await self._all([sa.select(sa.literal(i).label("i"), *counts, *per).where(where)
                                for i, where in enumerate(wheres)], conn)
        people = (await self._all([_people(where, i) for i, where in enumerate(wheres)], conn) if scope.filters()
                  else [(i, None) for i in range(len(weeks))])
        return [Numbers(kudos=row[1], givers=row[2], receivers=row[3], people=n,
                        per_principle={p: int(row[3 + p]) for p in range(1, size + 1)})
                for row, (_, n) in zip(rows, people)]

    async def _standing(self, weeks: list[Week], scope: Scope, conn) -> list[int]:
        """The standing kudos of each week: ``Numbers.kudos``, without the distinct people."""
        rows = await self._all([sa.select(sa.literal(i).label("i"), sa.func.count())
                                .where(_in_week(w, scope, self._pack)) for i, w in enumerate(weeks)], conn)
        return [row[1] for row in rows]

    async def _per_principle(self, weeks: list[Week], scope: Scope, size: int) -> list[dict[int, int]]:
        """Grouped by principle: a third faster than ``numbers``' one column per principle."""
        principle = kudos.c.principle
        rows = await self._all([sa.select(sa.literal(i).label("i"), principle, sa.func.count())
                                .where(_in_week(w, scope, self._pack)).group_by(principle)
                                for i, w in enumerate(weeks)])
        found = [{p: 0 for p in range(1, size + 1)} for _ in weeks]
        for i, p, count in rows:
            if p in found[i]:
                found[i][p] = count
        return found

    async def _people_by(self, week: Week, column: str) -> dict[str | None, int]:
        where, group = _in_week(week, Scope(), self._pack), kudos.c[column]
        both = sa.union(sa.select(group.label("grp"), kudos.c.giver.label("person")).where(where),
                        sa.select(group.label("grp"), kudos.c.receiver.label("person")).where(where)).subquery()
        async with self._slots, self._reader.connect() as conn:
            rows = await conn.execute(sa.select(both.c.grp, sa.func.count()).group_by(both.c.grp))
            return {grp: n for grp, n in rows}

    async def _people_outside(self, week: Week, column: str, shown: set[str]) -> int:
        group = kudos.c[column]
        outside = group.is_(None) | group.not_in(sorted(shown)) if shown else sa.true()
        return (await self._all([_people(_in_week(week, Scope(), self._pack) & outside, 0)]))[0][1]

    async def _all(self, selects: list, conn=None) -> list:
        """Rows of several SELECTs that each lead with their position, in that order, in one statement
        (on ``conn`` when given, else on a reading connection of its own)."""
        query = selects[0] if len(selects) == 1 else sa.union_all(*selects)
        if conn is not None:
            return sorted((await conn.execute(query)).all(), key=lambda row: row[0])
        async with self._slots, self._reader.connect() as conn:
            return sorted((await conn.execute(query)).all(), key=lambda row: row[0])

    # ---- what is kept -------------------------------------------------------------------------

    async def _cached(self, week: Week, question: tuple, ask):
        if (kept := self._kept(week, question)) is not None:
            return kept
        return self._keep(week, question, await ask())

    def _finished(self, week: Week) -> bool:
        return week.end + SETTLED <= self._now()

    def _kept(self, week: Week, question: tuple):
        """Finished weeks are answered once; the running week is always counted afresh. A week is
        known by both ends: the roundup asks for a week up to its post time."""
        if not self._finished(week):
            return None
        key = (week.start, week.end, *question)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        return None

    def _keep(self, week: Week, question: tuple, answer):
        if self._finished(week):
            self._cache[(week.start, week.end, *question)] = answer
            while len(self._cache) > CACHED_WEEKS:
                self._cache.popitem(last=False)
        return answer

    async def _forget_revoked(self) -> None:
        """Drop kept weeks in which a kudos was revoked since the last look (one index probe when
        nothing was)."""
        async with self._checked:
            revoked = kudos.c.revoked_at
            async with self._reader.connect() as conn:
                latest = await conn.scalar(sa.select(sa.func.max(revoked)).where(revoked.is_not(None)))
                if latest == self._revoked_seen or not self._cache:
                    self._revoked_seen = latest
                    return
                since = revoked.is_not(None) if self._revoked_seen is None else revoked > self._revoked_seen - RECHECK
                touched = (await conn.execute(sa.select(kudos.c.created_at).where(since))).scalars().all()
            for key in [k for k in self._cache if any(k[0] <= at < k[0] + timedelta(days=8) for at in touched)]:
                del self._cache[key]
            self._revoked_seen = latest


def _counted(pack: str):
    """What every number counts: kudos of this content pack that still stand."""
    return (kudos.c.pack == pack) & kudos.c.revoked_at.is_(None)


def _in_week(week: Week, scope: Scope, pack: str):
    return (kudos.c.created_at >= week.start) & (kudos.c.created_at < week.end) & _counted(pack) & counted_in(scope)


def _people(where, position: int):
    """Distinct people who gave or received, among the kudos ``where`` selects (after ``position``)."""
    both = sa.union(sa.select(kudos.c.giver.label("person")).where(where),
                    sa.select(kudos.c.receiver.label("person")).where(where)).subquery()
    return sa.select(sa.literal(position).label("i"), sa.func.count()).select_from(both)
