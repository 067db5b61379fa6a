"""The stores' half of event order: event ids remembered durably for a day, and nothing of a write
left behind when it fails, on SQLite (group-commit writer included) and PostgreSQL."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import timedelta

import asyncpg
import pytest
import sqlalchemy as sa

from bot.ports import AddOutcome, EventStamp
from storage.kudos import EVENT_MEMORY, FORGET_EVERY
from storage.stores import open_stores
from storage.tables import processed_events
from tests.test_storage import NOW, kudos


async def remembered(engine) -> set[str]:
    async with engine.connect() as conn:
        return set(await conn.scalars(sa.select(processed_events.c.event_key)))


@pytest.fixture(params=["group commit", "one transaction each"])
def writer(request, engine):
    """The kudos store writes through the database's group-commit writer unless told not to."""
    return open_stores(engine, group_commit=request.param == "group commit")


async def test_a_redelivered_add_and_removal_change_nothing(writer):
    first = kudos(event=EventStamp("Ev1", NOW))
    assert (await writer.kudos.add_kudos(first, 5)).outcome is AddOutcome.CREATED
    assert await writer.kudos.revoke_kudos("slack", "alice", first.message, 3, NOW, EventStamp("Ev2", NOW))
    assert (await writer.kudos.add_kudos(first, 5)).outcome is AddOutcome.DUPLICATE  # same id, same time: still revoked
    assert not await writer.kudos.revoke_kudos("slack", "alice", first.message, 3, NOW, EventStamp("Ev2", NOW))
    assert (await writer.kudos.add_kudos(kudos(event=EventStamp("Ev3", NOW)), 5)).outcome is AddOutcome.RESTORED
    assert not await writer.kudos.revoke_kudos("slack", "alice", first.message, 3, NOW, EventStamp("Ev2", NOW))
    [row] = [r async for r in writer.kudos.export()]
    assert row.revoked_at is None
    await writer.close()


async def test_a_write_that_fails_forgets_its_event_too(writer, engine):
    """Principle 0 breaks a CHECK constraint after the event id was written: Slack's retry must
    find the id unrecorded, or the kudos would be lost for good."""
    with pytest.raises((sa.exc.IntegrityError, sqlite3.IntegrityError, asyncpg.IntegrityConstraintViolationError)):
        await writer.kudos.add_kudos(kudos(principle=0, event=EventStamp("EvBad", NOW)), 5)
    assert await remembered(engine) == set()
    assert (await writer.kudos.add_kudos(kudos(event=EventStamp("EvBad", NOW)), 5)).outcome is AddOutcome.CREATED
    assert await remembered(engine) == {"EvBad"}
    await writer.close()


async def test_event_ids_are_kept_for_a_day_then_dropped(writer, engine):
    day = [kudos(message=f"C1:{n}", created_at=NOW + n * FORGET_EVERY, event=EventStamp(f"Ev{n}", NOW))
           for n in range(3)]
    for k in day:
        await writer.kudos.add_kudos(k, 0)
    assert await remembered(engine) == {"Ev0", "Ev1", "Ev2"}
    later = NOW + EVENT_MEMORY + FORGET_EVERY + timedelta(seconds=1)  # Ev0 and Ev1 are over a day old
    await writer.kudos.add_kudos(kudos(message="C1:late", created_at=later, event=EventStamp("EvLate", later)), 0)
    assert await remembered(engine) == {"Ev2", "EvLate"}
    await writer.close()


async def test_replicas_handling_the_same_event_at_once_apply_it_once(engine, db_url):
    """Ten stores (as ten replicas would) get the same removal at the same moment. (Ten group-commit
    writers in one process would queue for SQLite's lock on too few threads: replicas are processes.)"""
    from storage.db import create_engine

    first = kudos(event=EventStamp("EvAdd", NOW))
    await open_stores(engine, group_commit=False).kudos.add_kudos(first, 5)
    engines = [create_engine(db_url) for _ in range(10)]
    try:
        stores = [open_stores(e, group_commit=False) for e in engines]
        revoked = await asyncio.gather(*(s.kudos.revoke_kudos("slack", "alice", first.message, 3, NOW,
                                                        EventStamp("EvRemove", NOW)) for s in stores))
        assert sorted(revoked) == [False] * 9 + [True]
        for s in stores:
            await s.close()
    finally:
        for e in engines:
            await e.dispose()
