"""A channel Kodo can no longer post in: signed Slack events into the real Bolt app. Kodo taken out
of a channel, or the channel archived or deleted, ends its subscriptions there (and only there), in
the audit log with who did it when Slack says; a redelivery or a malformed event changes nothing."""

from __future__ import annotations

import logging

import pytest

ADMIN = "U_BOSS"


async def subscribed(slack) -> set[tuple[str, str]]:
    return {(s.channel, s.kind) for kind in ("tips", "roundup")
            for s in await slack.rt.stores.subscriptions.subscriptions(kind, "slack")}


async def ended(slack) -> list:
    return [e async for e in slack.rt.stores.audit.audit_entries() if e.detail and "because" in e.detail]


@pytest.mark.parametrize("event, actor", [
    ({"type": "channel_left", "channel": "C_GONE", "actor_id": "U_OWNER", "event_ts": "1700000001.000100"}, "U_OWNER"),
    ({"type": "group_left", "channel": "C_GONE", "actor_id": "U_OWNER", "event_ts": "1700000001.000100"}, "U_OWNER"),
    ({"type": "channel_archive", "channel": "C_GONE", "user": "U_OWNER", "is_moved": 0,
      "event_ts": "1700000001.000100"}, "U_OWNER"),
    ({"type": "group_archive", "channel": "C_GONE", "user": "U_OWNER", "event_ts": "1700000001.000100"}, "U_OWNER"),
    ({"type": "channel_deleted", "channel": "C_GONE", "event_ts": "1700000001.000100"}, "slack"),
    ({"type": "group_deleted", "channel": "C_GONE", "date_deleted": 1700000001, "actor_id": "U_OWNER",
      "event_ts": "1700000001.000100"}, "U_OWNER"),
], ids=lambda value: value["type"] if isinstance(value, dict) else value)
async def test_kodo_taken_out_or_the_channel_archived_or_deleted_ends_its_subscriptions(slack, caplog, event, actor):
    for channel, kind in (("C_GONE", "tips"), ("C_GONE", "roundup"), ("C_STAYS", "tips")):
        assert (await slack.command(ADMIN, "/kodo", f"subscribe {kind}", channel=channel)).status == 200
    caplog.set_level(logging.INFO, logger="bot.features.subscriptions")

    assert (await slack.event(event, "Ev1")).status == 200
    assert await subscribed(slack) == {("C_STAYS", "tips")}
    [entry] = await ended(slack)
    assert (entry.platform, entry.workspace, entry.actor, entry.action, entry.target) == \
        ("slack", "T1", actor, "unsubscribe", "C_GONE")
    assert entry.detail == {"because": event["type"], "kinds": "roundup tips"}
    assert [r.getMessage() for r in caplog.records if r.name == "bot.features.subscriptions"] == \
        [f"slack: {event['type']}: ended the subscriptions of a channel (roundup, tips)"]

    assert (await slack.event(event, "Ev1", retry=1)).status == 200  # Slack's retry: nothing left to end
    assert (await slack.event(event, "Ev2")).status == 200
    assert len(await ended(slack)) == 1 and await subscribed(slack) == {("C_STAYS", "tips")}

    # Back in the channel, an admin subscribes it again as the first time.
    await slack.command(ADMIN, "/kodo", "subscribe tips", channel="C_GONE")
    assert await subscribed(slack) == {("C_STAYS", "tips"), ("C_GONE", "tips")}


@pytest.mark.parametrize("event", [
    {"type": "channel_archive", "user": "U_OWNER"},  # which channel?
    {"type": "channel_left", "channel": {"id": "C_GONE"}},
    {"type": "channel_deleted", "channel": "C" * 500},
    {"type": "group_left", "channel": ""},
], ids=["no channel", "channel an object", "channel too long", "channel empty"])
async def test_a_malformed_channel_event_is_acknowledged_and_ends_nothing(slack, caplog, event):
    await slack.command(ADMIN, "/kodo", "subscribe tips", channel="C_GONE")
    caplog.set_level(logging.WARNING, logger="adapters.slack")
    assert (await slack.event(event, "Ev1")).status == 200
    assert await subscribed(slack) == {("C_GONE", "tips")} and await ended(slack) == []
    assert [r.getMessage() for r in caplog.records if r.name.startswith("adapters.slack")] == \
        ["slack: ignored a malformed channel event (channel)"]


async def test_a_channel_without_subscriptions_leaves_no_trace(slack):
    await slack.command(ADMIN, "/kodo", "subscribe tips", channel="C_STAYS")
    assert (await slack.event({"type": "channel_archive", "channel": "C_QUIET", "user": "U_OWNER"})).status == 200
    assert await subscribed(slack) == {("C_STAYS", "tips")} and await ended(slack) == []
