"""The scheduler's jobs, driven by a fake clock against a real database."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from datetime import date, datetime, timedelta

import pytest

from bot import calendar
from bot.app import Kodo
from bot.features.roundup.post import roundup_day
from bot.features.tips.tip import tip_for
from bot.ports import Subscription
from scheduler import jobs
from scheduler.setup import triggers
from storage.claims import ClaimStore
from tests.fakes.messenger import RecordingMessenger

JST = "+09:00"


def replica(kodo, engine, messenger=None) -> jobs.Deps:
    messenger = messenger or RecordingMessenger()
    return jobs.Deps(kodo, ClaimStore(engine), {"slack": messenger})


async def subscribe(stores):
    await stores.subscriptions.subscribe(Subscription("slack", "C-ja", "tips", "ja"))
    await stores.subscriptions.subscribe(Subscription("slack", "C-en", "tips", "en"))
    await stores.subscriptions.subscribe(Subscription("slack", "C-ja", "roundup", "ja"))


async def test_thirty_days_with_a_restart_and_a_crash(kodo, engine, stores, clock):
    await subscribe(stores)
    wire: list[tuple[str, str, str]] = []  # everything that reached "Slack", from every process
    sent_at: list[datetime] = []
    day1 = date(2026, 11, 2)  # Monday; Nov 3 and Nov 23 are public holidays

    def process() -> jobs.Deps:  # a new process: new replica id, same database, same "Slack"
        return replica(kodo, engine, RecordingMessenger(posts=wire, clock=clock, sent_at=sent_at))

    deps = process()

    async def at(day: date, hhmmss: str, d: jobs.Deps, **kw):
        clock.set(f"{day.isoformat()}T{hhmmss}{JST}")
        await jobs.run(d, clock.now(), **kw)

    async def killed_while_sending(day: date, d: jobs.Deps, channel: str):
        """Everything of the process stops at once (its other channel has finished by then)."""
        d.messengers["slack"].hang.add(channel)
        clock.set(f"{day.isoformat()}T09:00:00{JST}")
        run = asyncio.create_task(jobs.run(d, clock.now()))
        await d.messengers["slack"].hanging.wait()
        while not any(k.period == day.isoformat() and k.channel != channel for k, _ in await d.claims.sent_posts()):
            await asyncio.sleep(0.01)
        run.cancel()
        with pytest.raises(asyncio.CancelledError):
            await run

    for n in range(30):
        day = day1 + timedelta(days=n)
        if n + 1 == 5:  # day 5: the process is killed after claiming C-ja's tip, before sending it
            await killed_while_sending(day, deps, "C-ja")
            deps = process()  # restart
            await at(day, "09:01:00", deps, catching_up=True)  # too soon to take over a live-looking claim
            await at(day, "09:15:00", deps)  # the retry run takes the stale claim and sends
        else:
            await at(day, "09:00:00", deps)
        if n + 1 == 3:  # day 3: a restart half a minute after the post
            deps = process()
            await at(day, "09:00:30", deps, catching_up=True)
        for time in ("09:05:00", "12:00:00", "17:00:00", "17:05:00", "23:59:00"):
            await at(day, time, deps)

    days = [when.astimezone(kodo.tz).date().isoformat() for when in sent_at]
    tips = Counter((channel, day) for (channel, _, text), day in zip(wire, days) if "今日の行動規範" in text
                   or "Today's principle" in text)
    working = [day1 + timedelta(days=n) for n in range(30) if calendar.is_working_day(day1 + timedelta(days=n))]
    assert date(2026, 11, 3) not in working and date(2026, 11, 23) not in working
    assert set(tips) == {(channel, d.isoformat()) for d in working for channel in ("C-ja", "C-en")}
    assert set(tips.values()) == {1}
    crashed_day = [when for (channel, _, _), when in zip(wire, sent_at)
                   if channel == "C-ja" and when.astimezone(kodo.tz).date() == date(2026, 11, 6)]
    assert [w.astimezone(kodo.tz).strftime("%H:%M") for w in crashed_day] == ["09:15", "17:00"]  # tip, roundup
    roundups = Counter(day for (channel, _, text), day in zip(wire, days) if "今週の称賛まとめ" in text)
    assert roundups == Counter({"2026-11-06": 1, "2026-11-13": 1, "2026-11-20": 1, "2026-11-27": 1})
    assert len(wire) == sum(tips.values()) + sum(roundups.values())


async def test_three_replicas_at_the_same_instant_post_once(tokyo, engine, stores, clock, settings, db_url):
    """Three schedulers, each with its own engine (its own connection pool), one database."""
    from storage.db import create_engine
    from storage.kpi import SqlKpi
    from storage.stores import open_stores

    await subscribe(stores)
    clock.set(f"2026-11-27T17:00:00{JST}")  # a Friday: the roundup is due
    await stores.subscriptions.subscribe(Subscription("slack", "C-en", "roundup", "en"))
    engines = [create_engine(db_url) for _ in range(3)]
    try:
        messengers = [RecordingMessenger() for _ in engines]
        replicas = [replica(Kodo(tokyo, open_stores(e), clock, settings, kpis=SqlKpi(e, tokyo.id, now=clock.now)), e, m)
                    for e, m in zip(engines, messengers)]
        outcomes = await asyncio.gather(*(jobs.run(r, clock.now()) for r in replicas))
    finally:
        for e in engines:
            await e.dispose()
    posts = [post for m in messengers for post in m.posts]
    assert sorted((channel, lang) for channel, lang, _ in posts) == [("C-en", "en"), ("C-ja", "ja")]
    assert all("今週の称賛まとめ" in text or "This week's kudos" in text for _, _, text in posts)
    assert Counter(o.status for run in outcomes for o in run) == Counter({"sent": 2, "taken": 4})


async def test_a_failing_channel_is_retried_and_stops_no_other(kodo, engine, stores, clock):
    await subscribe(stores)
    messenger = RecordingMessenger(fail={"C-ja"})
    deps = replica(kodo, engine, messenger)
    clock.set(f"2026-11-24T09:00:00{JST}")
    first = {o.key.channel: o.status for o in await jobs.run(deps, clock.now())}
    assert first == {"C-ja": "failed", "C-en": "sent"}
    messenger.fail.clear()
    clock.set(f"2026-11-24T09:05:00{JST}")
    second = {o.key.channel: o.status for o in await jobs.run(deps, clock.now())}
    assert second == {"C-ja": "sent", "C-en": "taken"}
    assert [channel for channel, _, _ in messenger.posts] == ["C-en", "C-ja"]


async def test_a_roundups_numbers_are_counted_once_per_workspace_and_its_stories_per_audience(
        kodo, engine, stores, clock, monkeypatch):
    from bot.ports import NewKudos

    for channel, lang in (("C-ja", "ja"), ("C-ja2", "ja"), ("C-ja3", "ja"), ("C-en", "en")):
        await stores.subscriptions.subscribe(Subscription("slack", channel, "roundup", lang, "T1", None, "public"))
    await stores.kudos.add_kudos(NewKudos(platform="slack", giver="U1", receiver="U2", principle=2, source="command",
                                   created_at=clock.now(), day=clock.now().date(), reason="told in C-ja2",
                                   channel="C-ja2", event_key="e1", workspace="T1"), 5)  # private: only C-ja2 reads it
    made, chosen = [], []
    counts, episodes = kodo.kpis.per_principle, stores.roundup.episodes

    async def counting(*args, **kwargs):
        made.append(args)
        return await counts(*args, **kwargs)

    async def choosing(*args, **kwargs):
        scope, start, end, limit, audience = args
        chosen.append(audience)
        return await episodes(*args, **kwargs)

    monkeypatch.setattr(kodo.kpis, "per_principle", counting)
    monkeypatch.setattr(stores.roundup, "episodes", choosing)
    deps = replica(kodo, engine)
    clock.set(f"2026-11-27T17:00:00{JST}")  # a Friday: the roundup is due
    assert {o.status for o in await jobs.run(deps, clock.now())} == {"sent"}
    posts = {channel: text for channel, _, text in deps.messengers["slack"].posts}
    assert sorted(posts) == ["C-en", "C-ja", "C-ja2", "C-ja3"]
    assert posts["C-ja"] == posts["C-ja3"] != posts["C-en"]
    assert "told in C-ja2" in posts["C-ja2"] and "told in C-ja2" not in posts["C-ja"] + posts["C-en"]
    assert len(made) == 1  # the numbers are the workspace's, whatever the channel or language
    # Stories: once for C-ja2, where one was told, once for every other public channel of T1.
    assert sorted(str(place.conversation) for place in chosen) == ["C-ja2", "None"]


async def test_catch_up_within_three_hours_and_not_after(kodo, engine, stores, clock, caplog):
    await subscribe(stores)
    late = replica(kodo, engine)
    clock.set(f"2026-11-24T12:00:01{JST}")
    with caplog.at_level(logging.INFO, logger="scheduler.jobs"):
        assert await jobs.run(late, clock.now(), catching_up=True) == []
    assert "more than 3:00:00 ago" in caplog.text
    clock.set(f"2026-11-25T11:59:00{JST}")
    assert {o.status for o in await jobs.run(late, clock.now(), catching_up=True)} == {"sent"}
    assert len(late.messengers["slack"].posts) == 2


async def test_tip_card_content_in_the_channel_language(kodo, engine, stores, clock):
    await subscribe(stores)
    deps = replica(kodo, engine)
    clock.set(f"2026-11-24T09:00:00{JST}")
    await jobs.run(deps, clock.now())
    texts = {channel: (lang, text) for channel, lang, text in deps.messengers["slack"].posts}
    number, index = tip_for(kodo.pack, date(2026, 11, 24))
    ja, en = kodo.pack.principle(number, "ja"), kodo.pack.principle(number, "en")
    assert texts["C-ja"][0] == "ja" and ja.tips[index] in texts["C-ja"][1] and f":kodo{number}:" in texts["C-ja"][1]
    assert texts["C-en"][0] == "en" and en.tips[index] in texts["C-en"][1] and f"/principle {number}" in texts["C-en"][1]


def test_roundup_moves_to_the_last_working_day_before_a_holiday_friday():
    assert roundup_day(date(2026, 11, 24)) == date(2026, 11, 27)
    assert roundup_day(date(2026, 3, 16)) == date(2026, 3, 19)  # Fri 20 March: Vernal Equinox Day
    # Fri 1 January 2027 is New Year's Day, and 29-31 December are the administrative year-end holidays
    assert roundup_day(date(2026, 12, 28)) == date(2026, 12, 28)


def test_triggers_fire_on_working_days_at_the_configured_times(settings):
    t = triggers(settings)
    friday_evening = datetime.fromisoformat(f"2026-11-27T17:01:00{JST}")
    assert t["tips"].get_next_fire_time(None, friday_evening).isoformat() == f"2026-11-30T09:00:00{JST}"
    assert t["roundup"].get_next_fire_time(None, friday_evening).isoformat() == f"2026-11-30T17:00:00{JST}"


async def test_old_reasons_are_blanked_nightly_on_exactly_one_replica(kodo, engine, stores, clock):
    from dataclasses import replace

    from bot.ports import NewKudos

    kodo.settings = replace(kodo.settings, retention_days=30)
    for days_ago, reason in ((31, "long ago"), (29, "recent")):
        at = clock.now() - timedelta(days=days_ago)
        await stores.kudos.add_kudos(NewKudos(platform="slack", giver="U1", receiver="U2", principle=3,
                                              source="command", created_at=at, day=at.date(), reason=reason,
                                              event_key=reason), 5)
    clock.set(f"2026-11-25T02:59:00{JST}")
    assert await jobs.run(replica(kodo, engine), clock.now()) == []  # not before 03:00
    clock.set(f"2026-11-25T03:05:00{JST}")
    first, second = await asyncio.gather(*(jobs.run(replica(kodo, engine), clock.now()) for _ in range(2)))
    assert sorted(o.status for o in first + second) == ["sent"]
    assert [(r.reason, r.principle) async for r in stores.kudos.export()] == [(None, 3), ("recent", 3)]  # counts stay
    assert await jobs.run(replica(kodo, engine), clock.now()) == []  # once a night


async def test_each_post_is_claimed_with_the_workspace_and_grid_its_subscription_names(kodo, engine, stores, clock):
    """So the dashboard narrows ``tips_posted`` by workspace, and ``kodo workspace remove`` finds them."""
    import sqlalchemy as sa

    from storage.tables import post_claims

    await stores.subscriptions.subscribe(Subscription("slack", "C-A", "tips", "ja", "T_A"))
    await stores.subscriptions.subscribe(Subscription("slack", "C-G", "tips", "en", "T_G", organisation="E_G"))
    await stores.subscriptions.subscribe(Subscription("slack", "C-OLD", "tips", "ja"))  # subscribed with no workspace
    clock.set(f"2026-11-24T09:00:00{JST}")  # a Tuesday: the day's tip is due
    assert {o.status for o in await jobs.run(replica(kodo, engine), clock.now())} == {"sent"}
    async with engine.connect() as conn:
        rows = (await conn.execute(sa.select(post_claims.c.channel, post_claims.c.workspace, post_claims.c.organisation)
                                   .where(post_claims.c.kind == "tips"))).all()
    assert sorted(map(tuple, rows)) == [("C-A", "T_A", None), ("C-G", "T_G", "E_G"), ("C-OLD", None, None)]
