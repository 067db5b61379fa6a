"""The weekly roundup and the dashboard count with one KPI source: the numbers a roundup posts
(per principle, in all, the week before) are those of ``/api/kpi`` for the same week, on SQLite and
PostgreSQL, with a revoked kudos, a kudos of another content pack and kudos either side of the
local Monday midnight in the data."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta

from bot import kpi
from bot.features.roundup.digest import week_bounds
from bot.features.roundup.post import show
from bot.kpi import Scope
from bot.ports import Subscription
from scheduler import jobs
from storage.claims import ClaimStore
from storage.kpi import SqlKpi
from tests.fakes.messenger import RecordingMessenger
from tests.test_dashboard_api import TOKEN, serving
from tests.test_kpi import NOW, TOKYO, kudos

MONDAY = datetime(2026, 11, 23, 0, 0, tzinfo=TOKYO)  # 2026-W48
POSTED = datetime(2026, 11, 27, 17, 0, tzinfo=TOKYO)  # that week's Friday roundup


async def seed(stores) -> None:
    """Two weeks on Slack and Teams, either side of Monday 00:00 in Tokyo; in each, what must not
    count: a revoked kudos and a kudos of another pack (its principle 4 is another principle)."""
    for week, sign in ((0, 1), (1, -1)):  # this week from Monday 00:30, last week back from Sunday 23:30
        at = lambda **delta: MONDAY + sign * (timedelta(minutes=30) + timedelta(**delta))  # noqa: E731
        for i in range(4 + week):
            await stores.kudos.add_kudos(kudos(f"U{i}", f"U{i + 1}", 1 + (i * 3 + week) % 7, at(days=i % 4),
                                        message=f"s{week}.{i}"), 0)
        for i in range(2 + week):
            await stores.kudos.add_kudos(kudos(f"T{i}", f"T{i + 1}", 2 + i, at(hours=5), platform="teams",
                                        workspace="tenant", message=f"t{week}.{i}"), 0)
        await stores.kudos.add_kudos(kudos("U8", "U9", 4, at(hours=1), pack="other", message=f"o{week}"), 0)
        await stores.kudos.add_kudos(kudos("U7", "U8", 5, at(hours=2), message=f"gone{week}"), 0)
        assert await stores.kudos.revoke_kudos("slack", "U7", f"gone{week}", 5, POSTED - timedelta(hours=1))
    await stores.kudos.add_kudos(kudos("U1", "U3", 6, POSTED - timedelta(minutes=1), message="last minute"), 0)


def posted_counts(text: str) -> tuple[dict[str, int], int, int]:
    """What a Japanese roundup says: kudos per principle, in all, and the week before."""
    per = {number: int(count) for number, count in re.findall(r"#(\d+) [^\n]+：(\d+)件$", text, re.M)}
    total = int(re.search(r"称賛は全部で(\d+)件", text).group(1))
    before = re.search(r"前の週は(\d+)件", text)
    return per, total, int(before.group(1)) if before else total  # 前の週と同じ件数: no number


async def test_the_roundup_posts_the_numbers_of_the_kpi_api(db_url):
    async with serving(db_url, dashboard_token=TOKEN, min_group=1) as client:
        rt, bearer = client.rt, {"Authorization": f"Bearer {TOKEN}"}
        await seed(rt.stores)
        rt.kodo.clock.set(POSTED)
        for platform, channel in (("slack", "C-ja"), ("teams", "19:team")):
            await rt.stores.subscriptions.subscribe(Subscription(platform, channel, "roundup", "ja"))
        messengers = {"slack": RecordingMessenger(), "teams": RecordingMessenger(platform="teams")}
        deps = jobs.Deps(rt.kodo, ClaimStore(rt.engine), messengers)
        assert {o.status for o in await jobs.run(deps, POSTED)} == {"sent"}

        async def api(query: str) -> tuple[dict[str, int], int, int]:
            weeks = (await (await client.get(f"/api/kpi?weeks=2{query}", headers=bearer)).json())["weeks"]
            assert [w["week"] for w in weeks] == ["2026-W47", "2026-W48"]
            return weeks[1]["per_principle"], weeks[1]["kudos"], weeks[0]["kudos"]

        for platform, messenger in messengers.items():
            [(_, _, text)] = messenger.posts
            per, total, before = posted_counts(text)
            expected_per, expected_total, expected_before = await api(f"&platform={platform}")
            assert per == expected_per and len(per) == rt.pack.size
            assert (total, before) == (expected_total, expected_before)
        assert posted_counts(messengers["slack"].posts[0][2])[1:] == (5, 5)  # 4 + the last minute; 5 the week before
        assert posted_counts(messengers["teams"].posts[0][2])[1:] == (2, 3)
        # The operator's roundup (``kodo roundup``: every platform) and the organisation's numbers.
        whole = (await show(rt.kodo.parts("roundup"), None, "ja", *week_bounds(POSTED, rt.kodo.tz))).text
        assert posted_counts(whole) == await api("")
        assert posted_counts(whole)[1:] == (7, 8)


async def test_a_roundups_part_of_a_week_is_kept_apart_from_the_whole_week(stores, engine):
    """The roundup asks for Monday up to its post time; the dashboard, later, for the whole week.
    Both are kept once counted, and neither answers for the other."""
    source = SqlKpi(engine, "tokyo", now=lambda: NOW)
    week = kpi.week_of((MONDAY - timedelta(weeks=1)).date(), TOKYO)
    friday = replace(week, end=POSTED - timedelta(weeks=1))
    await stores.kudos.add_kudos(kudos("U1", "U2", 3, friday.end - timedelta(hours=1)), 0)
    await stores.kudos.add_kudos(kudos("U3", "U4", 3, friday.end + timedelta(days=1)), 0)  # Saturday
    for asked, kudos_in in ((friday, 1), (week, 2), (friday, 1)):
        assert [n.kudos for n in await source.numbers([asked], Scope(), 10)] == [kudos_in]


async def test_kodo_me_counts_what_the_roundup_counts(kodo, stores, clock):
    """Kudos given under another content pack (its principle 3 is another principle) and revoked
    ones count neither in the roundup nor in /kodo me: both ask the one KPI source."""
    from tests.fakes.conversation import Conversation

    at = clock.now() - timedelta(hours=1)
    for i, (principle, pack) in enumerate(((3, "tokyo"), (3, "tokyo"), (5, "tokyo"), (3, "other"), (10, "other"))):
        await stores.kudos.add_kudos(replace(kudos(f"g{i}", "bob", principle, at, platform="console", pack=pack),
                                      workspace="console"), 0)
    await stores.kudos.add_kudos(kudos("bob", "carol", 2, at, platform="console", pack="other"), 0)
    await stores.kudos.add_kudos(kudos("bob", "carol", 7, at, platform="console", message="gone"), 0)
    assert await stores.kudos.revoke_kudos("console", "bob", "gone", 7, at)
    roundup = (await show(kodo.parts("roundup"), "console", "ja", *week_bounds(clock.now(), kodo.tz))).text
    assert "<@bob>さん：3件" in roundup
    me = await Conversation(kodo, "bob").type("/kodo me")
    assert "受け取った称賛：3件" in me and "#3 誰ひとり取り残されないようにしよう：2件" in me, me
    assert "#5 " in me and "#10 " not in me and "\n    贈った称賛" not in me and "まだ称賛の記録がありません" not in me
