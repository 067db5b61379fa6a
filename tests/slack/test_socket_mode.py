"""Socket Mode: with SLACK_APP_TOKEN, Kodo dials Slack's WebSocket instead of serving /slack/events."""

from __future__ import annotations

import json

from tests.fakes.slack_api import event_body, reaction
from tests.slack.conftest import slack_world

ENVELOPE = {"envelope_id": "env-1", "type": "events_api", "accepts_response_payload": False, "retry_attempt": 0,
            "retry_reason": "", "payload": json.loads(event_body(reaction("reaction_added", "U_ALICE", "kodo10",
                                                                          author="U_BOB")))}


async def test_socket_mode_acks_the_envelope_after_recording_the_kudos(tmp_path):
    async with slack_world(f"sqlite+aiosqlite:///{tmp_path}/kodo.db", envelopes=(ENVELOPE,),
                           slack_app_token="xapp-test", slack_signing_secret=None) as slack:
        assert slack.platform.socket_mode
        ack = await slack.api.wait_for_ack("env-1")
        assert ack == {"envelope_id": "env-1"}
        assert [(r.giver, r.receiver, r.principle) for r in await slack.kudos()] == [("U_ALICE", "U_BOB", 10)]
        [opened] = slack.api.attempts("apps.connections.open")
        assert opened.status == 200
        await slack.settle()
        assert slack.api.sent("chat.postMessage")[0]["channel"] == "U_BOB"  # the author hears of it

        async with slack.http.get(slack.base + "/healthz") as health:
            assert health.status == 200 and (await health.json())["platforms"] == ["slack"]
        async with slack.http.post(slack.base + "/slack/events", data=b"{}") as resp:
            assert resp.status == 404  # no HTTP door around the socket
