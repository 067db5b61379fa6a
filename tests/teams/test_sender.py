"""Kodo's replies leave through one aiohttp session, signed with a token fetched off the event loop.

botbuilder's credentials ask Entra ID (or the managed identity endpoint) for a token with blocking
``requests``; Kodo asks them on a worker thread, keeps the header a few minutes and renews it in the
background, so a slow token endpoint stalls no other request. After a 401 from the Bot Connector the
reply goes once more with a renewed token. (Through a proxy, with a CA bundle: ``tests/test_proxy.py``.)
"""

from __future__ import annotations

import asyncio
import threading
import time

from botframework.connector.auth import MicrosoftAppCredentials, PasswordServiceClientCredentialFactory

from adapters.teams.connector import Tokens
from tests.teams.conftest import message, running, sqlite_only


class SlowCredentials(MicrosoftAppCredentials):
    """A token endpoint that takes ``delay`` seconds, answering token-1, token-2…; records the threads
    it was asked on."""

    def __init__(self, delay: float = 0.0):
        super().__init__("00000000-0000-0000-0000-0000000000ab", "secret")
        self.delay, self.threads = delay, []

    def get_access_token(self, force_refresh: bool = False) -> str:
        self.threads.append(threading.get_ident())
        time.sleep(self.delay)
        return f"token-{len(self.threads)}"


class Factory(PasswordServiceClientCredentialFactory):
    def __init__(self, credentials):
        super().__init__()
        self.credentials = credentials

    async def create_credentials(self, app_id, oauth_scope, login_endpoint, validate_authority):
        return self.credentials


@sqlite_only
async def test_a_slow_token_endpoint_stalls_no_other_request(teams_settings, connector, clock):
    credentials = SlowCredentials(delay=1.0)
    async with running(teams_settings, connector, clock, Factory(credentials)) as chat:
        turn = asyncio.ensure_future(chat.post(message(connector.url, "help", personal=True)))
        await asyncio.sleep(0.2)  # the turn is waiting for its token
        started = time.monotonic()
        health = await chat.client.get("/healthz")
        assert health.status == 200 and time.monotonic() - started < 0.5
        assert (await turn)[0] == 201
        for _ in range(2):
            await chat.say("help", personal=True)
        assert credentials.threads and threading.get_ident() not in credentials.threads  # never on the loop
        assert len(credentials.threads) == 1  # one token for all three replies
        assert connector.authorizations == ["Bearer token-1"] * 3


@sqlite_only
async def test_a_reply_refused_with_401_goes_again_with_a_renewed_token(teams_settings, connector, clock):
    credentials = SlowCredentials()
    async with running(teams_settings, connector, clock, Factory(credentials)) as chat:
        connector.fail(401)
        sent = await chat.say("help", personal=True)
        assert len(sent) == 1 and connector.failures == []
        assert len(credentials.threads) == 2  # token-1 was refused
        assert connector.authorizations == ["Bearer token-2"]  # the fake records what it accepted


class Counting:
    """Credentials as msrest sees them: ``signed_session`` writes the header."""

    def __init__(self):
        self.calls = 0

    def signed_session(self, session):
        self.calls += 1
        session.headers["Authorization"] = f"Bearer {self.calls}"
        return session


async def test_a_token_is_renewed_in_the_background_and_never_used_past_its_keep():
    now = [1000.0]
    credentials = Counting()
    tokens = Tokens(credentials, clock=lambda: now[0])
    assert await tokens.header() == "Bearer 1"
    now[0] += Tokens.RENEW - 1
    assert await tokens.header() == "Bearer 1" and credentials.calls == 1
    now[0] += 2  # past RENEW: the old header still serves while a new one is fetched
    assert await tokens.header() == "Bearer 1"
    await asyncio.sleep(0.1)
    assert credentials.calls == 2 and await tokens.header() == "Bearer 2"
    now[0] += Tokens.KEEP + 1  # too old to use: the caller waits for a new one
    assert await tokens.header() == "Bearer 3"


async def test_credentials_without_an_app_id_sign_nothing():
    tokens = Tokens(MicrosoftAppCredentials.empty())
    assert await tokens.header() is None


def test_the_quick_body_is_msrest_s_body_for_a_whole_activity():
    """Every kind of value an activity carries: nested models, lists, entities with properties of
    their own, enums, a timestamp, a card as plain JSON."""
    from datetime import datetime, timezone

    from botbuilder.schema import Activity, ActivityTypes, ChannelAccount, ConversationAccount, Entity, Mention
    from botframework.connector import models
    from msrest.serialization import Serializer

    from adapters.teams.render import NameBook, message
    from adapters.teams.serializer import QuickSerializer, model
    from bot.replies import Choices, Heading, Paragraph, Reply

    reply = message(Reply.of(Heading("見出し"), Paragraph("本文 <@29:bob>"),
                             Choices.of("quiz:answer", [("はい", "1"), ("いいえ", "2")], prompt="どれ?")),
                    NameBook(), "ja")
    activity = Activity(type=ActivityTypes.message, id="1", timestamp=datetime(2026, 12, 7, 20, 1, 2, 345000,
                                                                              tzinfo=timezone.utc),
                        from_property=ChannelAccount(id="28:kodo", name="Kodo"), attachments=reply.attachments,
                        conversation=ConversationAccount(id="a:1", conversation_type="personal", tenant_id="t"),
                        entities=[Mention(mentioned=ChannelAccount(id="29:bob", name="Bob"), text="<at>Bob</at>",
                                          type="mention"),
                                  Entity(type="clientInfo", additional_properties={"locale": "ja-JP"})],
                        channel_data={"tenant": {"id": "t"}, "n": [1, 2.5, True, None]}, summary=reply.summary,
                        text_format="markdown", locale="ja-JP")
    dependencies = {k: v for k, v in models.__dict__.items() if isinstance(v, type)}
    expected = Serializer(dependencies).body(activity, "Activity")
    assert model(activity) == expected  # written by the quick walk itself, not handed back to msrest
    assert QuickSerializer(dependencies).body(activity, "Activity") == expected
