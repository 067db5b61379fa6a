"""The monthly awards over sixty simulated days: three replicas running the same jobs at the same
moments, one of them restarted, a closed day on the first of a month. Exactly one post per channel and
month, on the month's first working day, never on a closed day."""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timedelta

from bot import calendar
from bot.app import Kodo
from bot.ports import NewKudos, Subscription
from scheduler import jobs
from storage.claims import ClaimStore
from tests.fakes.messenger import RecordingMessenger

JST = "+09:00"
CLOSED = frozenset({date(2026, 12, 1)})  # KODO_CLOSED_DAYS: December's awards move to Wednesday the 2nd


async def test_sixty_days_three_replicas_a_restart_and_a_closed_day(tokyo, stores, engine, clock, settings):
    from storage.kpi import SqlKpi

    kodo = Kodo(tokyo, stores, clock, replace(settings, closed_days=CLOSED),
                kpis=SqlKpi(engine, tokyo.id, now=clock.now))
    for channel, lang in (("C-ja", "ja"), ("C-en", "en")):
        await stores.subscriptions.subscribe(Subscription("slack", channel, "awards", lang, "T1", visibility="public"))
    await stores.subscriptions.subscribe(Subscription("slack", "C-tips", "tips", "ja", "T1", visibility="public"))
    for i, giver in enumerate(("U1", "U2", "U3")):  # November: U9's message, recognised by three people
        at = datetime.fromisoformat(f"2026-11-1{i}T12:00:00{JST}")
        await stores.kudos.add_kudos(NewKudos("slack", giver, "U9", 4, "reaction", at, at.date(), channel="C1",
                                              message="C1:1.0", workspace="T1", visibility="public"), 5)

    wire: list[tuple[str, str, str]] = []
    sent_at: list[datetime] = []

    def replica() -> jobs.Deps:  # a process: its own replica id and messenger, the same database and "Slack"
        return jobs.Deps(kodo, ClaimStore(engine), {"slack": RecordingMessenger(posts=wire, clock=clock,
                                                                                 sent_at=sent_at)})

    replicas = [replica(), replica(), replica()]
    first = date(2026, 11, 16)
    for n in range(60):
        day = first + timedelta(days=n)
        for hhmmss in ("09:00:00", "10:00:00", "10:00:00", "10:00:30", "13:00:00", "23:59:00"):
            clock.set(f"{day.isoformat()}T{hhmmss}{JST}")
            await asyncio.gather(*(jobs.run(d, clock.now()) for d in replicas))
            if hhmmss == "10:00:30" and day in (date(2026, 12, 2), date(2027, 1, 4)):
                replicas[0] = replica()  # a restart right after posting: its catch-up finds the claims
                await jobs.run(replicas[0], clock.now(), catching_up=True)

    awards = [(channel, when.astimezone(kodo.tz).date()) for (channel, _, text), when in zip(wire, sent_at)
              if channel != "C-tips"]
    assert Counter(awards) == {("C-ja", date(2026, 12, 2)): 1, ("C-en", date(2026, 12, 2)): 1,
                               ("C-ja", date(2027, 1, 4)): 1, ("C-en", date(2027, 1, 4)): 1}
    posted_days = {when.astimezone(kodo.tz).date() for when in sent_at}
    assert not posted_days & CLOSED
    assert all(calendar.is_working_day(d, CLOSED) for d in posted_days)  # the tips too: never a closed day
    texts = {channel: text for channel, _, text in wire if channel != "C-tips"}
    assert "■ 2026年12月の行動規範アワード" in texts["C-ja"]  # January's post: December, which had no episodes
    december = [text for channel, _, text in wire if channel == "C-ja"][0]
    assert december.startswith("■ 2026年11月の行動規範アワード") and "<@U9>さん：3人が称えました" in december
    english = [text for channel, _, text in wire if channel == "C-en"][0]
    assert english.startswith("■ Code of conduct awards for November 2026") and "recognised by 3 people" in english
