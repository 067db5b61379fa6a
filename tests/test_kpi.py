"""The KPIs on real databases: numbers against a count made by hand from the export, local weeks,
revocations after a week was counted, tips from the scheduler's ledger, and KODO_MIN_GROUP."""

from __future__ import annotations

import json
import random
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from bot import kpi
from bot.kpi import Scope
from bot.ports import NewKudos, Place
from storage.claims import ClaimStore, PostKey
from storage.kpi import SqlKpi

TOKYO = ZoneInfo("Asia/Tokyo")
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=TOKYO)  # Thursday of 2026-W48


def kudos(giver, receiver, principle, at, channel="C1", platform="slack", message=None, workspace="T1",
          pack="tokyo") -> NewKudos:
    return NewKudos(platform=platform, giver=giver, receiver=receiver, principle=principle, source="reaction",
                    created_at=at, day=at.astimezone(TOKYO).date(), channel=channel, workspace=workspace, pack=pack,
                    message=message or f"{channel}:{at.timestamp()}:{giver}:{principle}")


async def expected_from_export(stores, weeks: list[kpi.Week], size: int, channel=None):
    """What the KPIs must say, counted by hand from ``export``: standing kudos by local week."""
    per_week = defaultdict(lambda: {"kudos": 0, "givers": set(), "receivers": set(),
                                    "per": defaultdict(int)})
    async for r in stores.kudos.export():
        if r.revoked_at is not None or r.pack != "tokyo" or (channel and r.channel != channel):
            continue
        local = r.created_at.astimezone(TOKYO).date()
        name = f"{local.isocalendar()[0]}-W{local.isocalendar()[1]:02d}"
        w = per_week[name]
        w["kudos"] += 1
        w["givers"].add(r.giver)
        w["receivers"].add(r.receiver)
        w["per"][r.principle] += 1
    return [{"week": w.name, "kudos": per_week[w.name]["kudos"], "givers": len(per_week[w.name]["givers"]),
             "receivers": len(per_week[w.name]["receivers"]),
             "per_principle": {str(n): per_week[w.name]["per"][n] for n in range(1, size + 1)}} for w in weeks]


async def test_weekly_numbers_match_a_count_from_the_export(stores, engine, tokyo):
    rng = random.Random(5)
    people = [f"U{n}" for n in range(12)]
    first = NOW - timedelta(weeks=13)
    for i in range(400):
        at = first + timedelta(minutes=rng.randrange(13 * 7 * 24 * 60))
        giver, receiver = rng.sample(people, 2)
        await stores.kudos.add_kudos(kudos(giver, receiver, rng.randint(1, 9), at, message=f"m{i}"), 0)
    # Local week boundaries: Sunday 23:30 and Monday 00:30 in Tokyo are different weeks, although
    # both are Sunday in UTC.
    await stores.kudos.add_kudos(kudos("U1", "U2", 4, datetime(2026, 11, 22, 23, 30, tzinfo=TOKYO)), 0)
    await stores.kudos.add_kudos(kudos("U1", "U2", 4, datetime(2026, 11, 23, 0, 30, tzinfo=TOKYO)), 0)
    # Neither does a kudos given under another content pack: its principle 4 is another principle.
    await stores.kudos.add_kudos(kudos("U5", "U6", 4, NOW - timedelta(days=1), pack="other"), 0)
    # A revoked kudos does not count.
    await stores.kudos.add_kudos(kudos("U3", "U4", 2, NOW - timedelta(days=1), message="gone"), 0)
    assert await stores.kudos.revoke_kudos("slack", "U3", "gone", 2, NOW - timedelta(hours=1))

    result = await kpi.compute(SqlKpi(engine, "tokyo", now=lambda: NOW), tokyo, TOKYO, NOW, 12, Scope(), 5)
    data = kpi.to_json(result, tokyo, "ja")
    weeks = kpi.weeks_until(NOW, TOKYO, 12)
    assert [w["week"] for w in data["weeks"]] == [w.name for w in weeks]
    assert data["weeks"][0]["week"] == "2026-W37" and data["weeks"][-1]["week"] == "2026-W48"
    assert data["weeks"][-1]["start"] == "2026-11-23"
    expected = await expected_from_export(stores, weeks, tokyo.size)
    got = [{k: w[k] for k in ("week", "kudos", "givers", "receivers", "per_principle")} for w in data["weeks"]]
    assert got == expected
    assert sum(w["kudos"] for w in got) > 300  # the test data really spans the range
    assert data["principles"] == [
        {"number": n, "title": tokyo.principle(n, "ja").title,
         "kudos": sum(w["per_principle"][str(n)] for w in expected)} for n in range(1, tokyo.size + 1)]
    assert data["uncovered"] == [10]  # nobody was recognised for principle 10
    assert result.least == 10
    json.dumps(data)  # plain JSON, nothing else


async def test_every_week_is_present_with_zeros(engine, tokyo):
    result = await kpi.compute(SqlKpi(engine, "tokyo", now=lambda: NOW), tokyo, TOKYO, NOW, 4, Scope(), 5)
    rows = kpi.to_csv(result).splitlines()
    assert rows[0] == "week,start,kudos,givers,receivers,tips_posted," + ",".join(f"p{n}" for n in range(1, 11))
    assert rows[1:] == [f"2026-W{n},{monday},0,0,0,0," + ",".join("0" * 10)
                        for n, monday in ((45, "2026-11-02"), (46, "2026-11-09"), (47, "2026-11-16"),
                                          (48, "2026-11-23"))]
    assert result.uncovered == list(range(1, 11))


async def test_a_counted_week_is_recounted_after_a_late_revocation(stores, engine, tokyo):
    source = SqlKpi(engine, "tokyo", now=lambda: NOW)
    old = NOW - timedelta(weeks=2)
    for i, giver in enumerate(("a", "b", "c")):
        await stores.kudos.add_kudos(kudos(giver, "z", 1, old, message=f"late{i}"), 0)
    first = await kpi.compute(source, tokyo, TOKYO, NOW, 3, Scope(), 5)
    assert first.weeks[0].numbers.kudos == 3
    assert await stores.kudos.revoke_kudos("slack", "b", "late1", 1, NOW)
    again = await kpi.compute(source, tokyo, TOKYO, NOW, 3, Scope(), 5)
    assert (again.weeks[0].numbers.kudos, again.weeks[0].numbers.givers) == (2, 2)
    assert await stores.kudos.revoke_kudos("slack", "a", "late0", 1, NOW + timedelta(seconds=1))
    third = await kpi.compute(source, tokyo, TOKYO, NOW, 3, Scope(), 5)
    assert third.weeks[0].numbers.kudos == 1


async def test_tips_posted_come_from_sent_posts(engine, tokyo):
    claims = ClaimStore(engine)
    sent_at = NOW.astimezone(timezone.utc)
    for channel, day in (("C1", "2026-11-24"), ("C2", "2026-11-24"), ("C1", "2026-11-25"), ("C1", "2026-11-17")):
        key = PostKey("slack", channel, "tips", day)
        assert await claims.claim(key, "r1", sent_at)
        await claims.sent(key, "ts", sent_at)
    assert await claims.claim(PostKey("slack", "C3", "tips", "2026-11-26"), "r1", sent_at)  # claimed, never sent
    source = SqlKpi(engine, "tokyo", now=lambda: NOW)
    result = await kpi.compute(source, tokyo, TOKYO, NOW, 2, Scope(), 5)
    assert [w.tips_posted for w in result.weeks] == [1, 3]
    one = await kpi.compute(source, tokyo, TOKYO, NOW, 2, Scope(platform="slack", channel="C2"), 1)
    assert [w.tips_posted for w in one.weeks] == [0, 1]


async def test_tips_posted_are_narrowed_to_the_workspace_or_grid_their_channel_is_in(engine, tokyo):
    claims = ClaimStore(engine)
    sent_at = NOW.astimezone(timezone.utc)
    for channel, workspace, grid in (("C_A1", "T_A", None), ("C_A2", "T_A", None), ("C_G", "T_G", "E_G"),
                                     ("C_OLD", None, None)):  # the last: claimed before places were kept
        key = PostKey("slack", channel, "tips", "2026-11-24")
        assert await claims.claim(key, "r1", sent_at, Place("slack", channel, workspace, grid))
        await claims.sent(key, "ts", sent_at)
    source = SqlKpi(engine, "tokyo", now=lambda: NOW)

    async def posted(**scope) -> int:
        return (await kpi.compute(source, tokyo, TOKYO, NOW, 1, Scope(**scope), 1)).weeks[0].tips_posted

    assert await posted() == 4
    assert (await posted(workspace="T_A"), await posted(workspace="T_G"), await posted(organisation="E_G")) == (2, 1, 1)
    assert await posted(workspace="T_NONE") == 0


async def test_small_channels_are_withheld_and_cannot_be_recovered_by_subtraction(stores, engine, tokyo):
    """Three channels this week: C-big (6 people), C-mid (5 people) and C-tiny (2 people). Showing
    C-big and C-mid would let the organisation's total minus both reveal C-tiny, so C-mid (the
    smallest shown) is withheld too; C-big stays. Last week C-big alone had people: shown."""
    at = NOW - timedelta(hours=1)
    for i in range(5):
        await stores.kudos.add_kudos(kudos(f"big{i}", f"big{i + 1}", 1, at, channel="C-big"), 0)
    for i in range(4):
        await stores.kudos.add_kudos(kudos(f"mid{i}", f"mid{i + 1}", 2, at, channel="C-mid"), 0)
    await stores.kudos.add_kudos(kudos("tiny0", "tiny1", 3, at, channel="C-tiny"), 0)
    for i in range(5):
        await stores.kudos.add_kudos(kudos(f"big{i}", f"big{i + 1}", 1, at - timedelta(weeks=1), channel="C-big"), 0)
    source = SqlKpi(engine, "tokyo", now=lambda: NOW)

    async def week_of(channel):
        result = await kpi.compute(source, tokyo, TOKYO, NOW, 2, Scope(channel=channel), 5)
        return kpi.to_json(result, tokyo, "en")

    big, mid, tiny = await week_of("C-big"), await week_of("C-mid"), await week_of("C-tiny")
    assert big["weeks"][1]["kudos"] == 5 and big["weeks"][0]["kudos"] == 5
    for withheld in (mid, tiny):
        assert withheld["weeks"][1] | {"tips_posted": 0} == {
            "week": "2026-W48", "start": "2026-11-23", "kudos": None, "givers": None, "receivers": None,
            "tips_posted": 0, "per_principle": None, "withheld": True}
        assert all(p["kudos"] == 0 for p in withheld["principles"])
    org = kpi.to_json(await kpi.compute(source, tokyo, TOKYO, NOW, 2, Scope(), 5), tokyo, "en")
    assert org["weeks"][1]["kudos"] == 10  # the organisation is always shown
    # What is left when every shown channel is taken from the total involves at least 5 people.
    left = org["weeks"][1]["per_principle"]
    assert {k: v - big["weeks"][1]["per_principle"][k] for k, v in left.items()} == {
        "1": 0, "2": 4, "3": 1, **{str(n): 0 for n in range(4, 11)}}  # C-mid and C-tiny together: 7 people
    # With a threshold of 2, C-tiny has enough people and nothing needs hiding.
    small = await kpi.compute(source, tokyo, TOKYO, NOW, 2, Scope(channel="C-tiny"), 2)
    assert small.weeks[1].numbers.kudos == 1


async def test_a_small_platform_is_withheld_too(stores, engine, tokyo):
    at = NOW - timedelta(hours=2)
    for i in range(6):
        await stores.kudos.add_kudos(kudos(f"s{i}", f"s{i + 1}", 1, at), 0)
    await stores.kudos.add_kudos(kudos("t0", "t1", 1, at, platform="teams"), 0)
    source = SqlKpi(engine, "tokyo", now=lambda: NOW)
    teams = await kpi.compute(source, tokyo, TOKYO, NOW, 1, Scope(platform="teams"), 5)
    slack = await kpi.compute(source, tokyo, TOKYO, NOW, 1, Scope(platform="slack"), 5)
    assert teams.weeks[0].numbers is None
    assert slack.weeks[0].numbers is None  # else the total minus Slack would be Teams' week


@pytest.mark.parametrize("value, weeks", [(None, 12), ("", 12), ("1", 1), ("104", 104), (52, 52)])
def test_weeks_parameter(value, weeks):
    assert kpi.clamp_weeks(value) == weeks


@pytest.mark.parametrize("value", ["0", "105", "x", "-3", "1.5"])
def test_weeks_out_of_range(value):
    with pytest.raises(ValueError, match="weeks"):
        kpi.clamp_weeks(value)


def test_weeks_follow_local_midnights_across_summer_time():
    berlin = ZoneInfo("Europe/Berlin")
    weeks = kpi.weeks_until(datetime(2026, 3, 31, 12, tzinfo=berlin), berlin, 2)
    assert [w.name for w in weeks] == ["2026-W13", "2026-W14"]
    utc = [w.astimezone(timezone.utc) for w in (weeks[0].start, weeks[0].end)]
    assert utc[1] - utc[0] == timedelta(hours=167)  # clocks went forward on 29 March
    assert weeks[1].start.hour == 0 and weeks[0].end == weeks[1].start


async def test_workspaces_follow_the_same_rule(stores, engine, tokyo):
    at = NOW - timedelta(hours=3)
    for workspace, people in (("T1", 6), ("T2", 6), ("T3", 2)):
        for i in range(people - 1):
            await stores.kudos.add_kudos(kudos(f"{workspace}u{i}", f"{workspace}u{i + 1}", 2, at, workspace=workspace,
                                        channel=f"{workspace}-C"), 0)
    source = SqlKpi(engine, "tokyo", now=lambda: NOW)
    shown = {ws: (await kpi.compute(source, tokyo, TOKYO, NOW, 1, Scope(workspace=ws), 5)).weeks[0].numbers
             for ws in ("T1", "T2", "T3")}
    # T3 is too small; T1 and T2 tie, and the first by name is withheld so that T3 cannot be read
    # as the total minus the rest.
    assert shown["T3"] is None and shown["T1"] is None
    assert (shown["T2"].kudos, shown["T2"].givers, shown["T2"].receivers) == (5, 5, 5)
