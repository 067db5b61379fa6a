"""The admins' digest of waiting proposals through the real Slack messenger: to KODO_ADMINS and to
the workspace's admins and owners (``users.list``, every page), each by DM, once across replicas."""

from __future__ import annotations

import asyncio

from adapters.slack.client import web_client
from adapters.slack.messenger import SlackMessenger
from bot.context import Context
from bot.features.proposals import propose
from bot.feature import Call
from scheduler import jobs
from storage.claims import ClaimStore
from tests.fakes.conversation import Conversation


async def test_the_digest_goes_to_kodo_admins_and_to_slacks_admins_and_owners(kodo, engine, clock):
    from tests.fakes.slack_api import FakeSlackApi

    people = {f"U{n:03d}": {} for n in range(250)} | {"U_BOSS": {"is_admin": True}, "U_OWNER": {"is_owner": True},
                                                     "U_GONE": {"is_admin": True, "deleted": True},
                                                     "U_ROBOT": {"is_admin": True, "is_bot": True}}
    api = FakeSlackApi(users=people)
    await api.start()
    try:
        clock.set("2026-11-17T10:00:00+09:00")
        ctx = Context("slack", "U001", "C1", Conversation(kodo).session.directory, workspace="T1",
                      visibility="public", event_key="command:1")
        feature = kodo.registry.feature("proposals")
        await propose(Call(ctx, "ja", kodo.parts(feature), kodo.registry, kodo.is_admin, kodo.lang_of), 3,
                      "窓口の案内を多言語にする")
        replicas = [jobs.Deps(kodo, ClaimStore(engine), {"slack": SlackMessenger(web_client("xoxb-test", api.url))})
                    for _ in range(2)]
        clock.set("2026-12-03T09:00:00+09:00")
        runs = await asyncio.gather(*(jobs.run(r, clock.now()) for r in replicas))
        sent = sorted(o.key.channel for run in runs for o in run if o.status == "sent")
        assert sent == ["U_BOSS@T1", "U_OWNER@T1", "admin@T1"]  # KODO_ADMINS first, then Slack's own
        dms = api.sent("chat.postMessage")
        assert sorted(p["channel"] for p in dms) == ["U_BOSS", "U_OWNER", "admin"]
        assert all("#1・原則3" in p["text"] and "窓口の案内を多言語にする" in p["text"] for p in dms)
        assert len(api.sent("users.list")) == 2 * 2  # two pages, asked by each replica
    finally:
        await api.stop()
