"""The finished weeks kept in the database (``kpi_weeks``) against a fresh count, on SQLite and
PostgreSQL: after revocations, forget-me and a retention run; seen alike by every replica."""

from __future__ import annotations

import random
from datetime import timedelta

import sqlalchemy as sa

from bot import kpi
from bot.kpi import Scope
from bot.ports import EventStamp
from storage.kpi import SqlKpi
from storage.tables import kpi_weeks
from tests.test_kpi import NOW, TOKYO, expected_from_export, kudos

WEEKS = kpi.weeks_until(NOW, TOKYO, 8)
SCOPES = (Scope(), Scope(platform="slack"), Scope(channel="C2"))


async def numbers(source: SqlKpi, scope: Scope) -> list:
    return await source.numbers(WEEKS, scope, 10)


async def kept(engine) -> int:
    async with engine.connect() as conn:
        return await conn.scalar(sa.select(sa.func.count()).select_from(kpi_weeks))


async def fresh(engine, scope: Scope) -> list:
    """Every week counted again from the kudos: the kept ones dropped first."""
    async with engine.begin() as conn:
        await conn.execute(kpi_weeks.delete())
    return await numbers(SqlKpi(engine, "tokyo", now=lambda: NOW), scope)


async def test_kept_weeks_agree_with_a_fresh_count_after_revocations_forget_me_and_retention(stores, engine):
    rng = random.Random(21)
    people = [f"U{n}" for n in range(8)]
    given = []
    for i in range(240):
        at = WEEKS[0].start + timedelta(minutes=rng.randrange(8 * 7 * 24 * 60 - 60))
        if at >= NOW:
            continue
        giver, receiver = rng.sample(people, 2)
        k = kudos(giver, receiver, rng.randint(1, 10), at, channel=rng.choice(["C1", "C2"]), message=f"m{i}")
        await stores.kudos.add_kudos(k, 0)
        given.append(k)

    replica_a = SqlKpi(engine, "tokyo", now=lambda: NOW)
    before = {scope: await numbers(replica_a, scope) for scope in SCOPES}
    finished = sum(w.end + timedelta(hours=1) <= NOW for w in WEEKS)
    assert await kept(engine) == finished * len(SCOPES)  # counted once, now shared

    # Kudos of finished weeks revoked: by a reaction's removal (with its event) and without one.
    old = [k for k in given if k.created_at < WEEKS[-2].start]
    for n, k in enumerate(rng.sample(old, 12)):
        event = EventStamp(f"EvRemove{n}", NOW) if n % 2 else None
        assert await stores.kudos.revoke_kudos(k.platform, k.giver, k.message, k.principle, NOW, event)
    await stores.me.forget_user("slack", "U1")  # a giver and receiver of many weeks becomes a tombstone
    await stores.me.forget_user("slack", "U2")
    assert await stores.kudos.blank_reasons(NOW) >= 0  # retention: the words go, the kudos stay counted

    replica_b = SqlKpi(engine, "tokyo", now=lambda: NOW)  # another replica, or this one after a restart
    for scope in SCOPES:
        after_a, after_b = await numbers(replica_a, scope), await numbers(replica_b, scope)
        assert after_a == after_b
        assert after_a != before[scope]  # the revocations changed kept weeks...
        assert after_a == await fresh(engine, scope)  # ...and what is kept is what a fresh count says
    by_hand = await expected_from_export(stores, WEEKS, 10)
    assert [(n.kudos, n.givers, n.receivers) for n in await numbers(replica_b, Scope())] == [
        (w["kudos"], w["givers"], w["receivers"]) for w in by_hand]


async def test_a_revocation_between_the_count_and_the_keeping_leaves_nothing_stale(stores, engine, monkeypatch):
    """Another replica revokes a kudos of the week after this one counted it, before it keeps it."""
    from storage.kept_weeks import KeptWeeks

    week = WEEKS[2]
    for n in range(6):
        await stores.kudos.add_kudos(kudos(f"U{n}", f"U{n + 1}", 3, week.start + timedelta(hours=n + 1), message=f"m{n}"), 0)
    keep = KeptWeeks.keep

    async def revoked_meanwhile(self, *args, **kwargs):
        assert await stores.kudos.revoke_kudos("slack", "U0", "m0", 3, NOW)
        await keep(self, *args, **kwargs)

    monkeypatch.setattr(KeptWeeks, "keep", revoked_meanwhile)
    counted_before = await numbers(SqlKpi(engine, "tokyo", now=lambda: NOW), Scope())
    monkeypatch.undo()
    assert counted_before[2].kudos == 6  # counted before the revocation...
    async with engine.connect() as conn:
        kept_starts = set(await conn.scalars(sa.select(kpi_weeks.c.week_start)))
    assert week.start not in kept_starts and WEEKS[1].start in kept_starts  # ...so that week was not kept
    after = await numbers(SqlKpi(engine, "tokyo", now=lambda: NOW), Scope())
    assert after[2].kudos == 5 and after == await fresh(engine, Scope())
