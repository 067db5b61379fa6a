"""The scheduler posting through the real Slack messenger to a local fake Slack Web API."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from adapters.slack.client import web_client
from adapters.slack.messenger import SlackMessenger
from bot.ports import NewKudos, Subscription
from scheduler import jobs
from storage.claims import ClaimStore


@pytest.fixture
def deps(api, kodo, engine):
    return jobs.Deps(kodo, ClaimStore(engine), {"slack": SlackMessenger(web_client("xoxb-test", api.url))})


async def test_a_rate_limited_channel_does_not_hold_up_the_others(api, deps, stores, clock):
    for channel in ("C1", "C2", "C3"):
        await stores.subscriptions.subscribe(Subscription("slack", channel, "tips", "ja"))
    api.rate_limited_channels["C1"] = 2  # two 429s with Retry-After: 1 before C1 gets through
    clock.set("2026-11-24T09:00:00+09:00")
    outcomes = await jobs.run(deps, clock.now())
    assert {o.key.channel: o.status for o in outcomes} == {"C1": "sent", "C2": "sent", "C3": "sent"}
    delivered = [c for c in api.calls if c.method == "chat.postMessage" and c.status == 200]
    assert sorted(c.params["channel"] for c in delivered) == ["C1", "C2", "C3"]  # each exactly once
    first = min(c.at for c in api.calls)
    arrival = {c.params["channel"]: c.at - first for c in delivered}
    assert arrival["C2"] < 0.5 and arrival["C3"] < 0.5
    assert arrival["C1"] >= 2.0  # it waited out both Retry-After answers


async def test_the_roundup_links_its_stories_to_the_slack_messages(api, deps, stores, clock, kodo):
    await stores.subscriptions.subscribe(Subscription("slack", "C1", "roundup", "en"))
    await stores.kudos.add_kudos(NewKudos(
        platform="slack", giver="U_ALICE", receiver="U_BOB", principle=8, source="shortcut",
        created_at=datetime(2026, 11, 25, 1, tzinfo=timezone.utc), day=date(2026, 11, 25),
        reason="published the source code so residents could improve it", channel="C9",
        message="C9:1700000000.000100", workspace="T1", visibility="public"), 5)  # a public channel of T1
    clock.set("2026-11-27T17:00:00+09:00")
    assert [o.status for o in await jobs.run(deps, clock.now())] == ["sent"]
    [post] = api.sent("chat.postMessage")
    assert "https://kodo-test.slack.com/archives/C9/p1700000000000100" in post["text"]
    assert "published the source code" in post["text"] and "<@U_BOB>" in post["text"]
