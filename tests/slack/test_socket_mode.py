"""Socket Mode: with SLACK_APP_TOKEN, Kodo dials Slack's WebSocket instead of serving /slack/events."""

from __future__ import annotations

import json

import pytest
from slack_bolt.async_app import AsyncApp

from adapters.slack.client import web_client
from adapters.slack.socket import SocketMode
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


@pytest.mark.parametrize("no_proxy, proxy", [("", "http://proxy.example:3128"), ("slack.com", None)])
async def test_the_websocket_takes_the_proxy_no_proxy_allows_for_slack(monkeypatch, no_proxy, proxy):
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", no_proxy)
    client = web_client("xoxb-test", "https://slack.com/api/")
    bolt = AsyncApp(client=client, signing_secret="secret")
    socket = SocketMode(bolt, "xapp-test", client)
    assert socket.handler.client.proxy == proxy
    await socket.handler.client.aiohttp_client_session.close()
