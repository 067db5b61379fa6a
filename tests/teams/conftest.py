"""Kodo's real aiohttp app with Teams mounted, a fake Bot Connector as every activity's
``serviceUrl``, and helpers that build Teams activities the way Teams sends them."""

from __future__ import annotations

import itertools
from contextlib import asynccontextmanager

import pytest
from aiohttp.test_utils import TestClient, TestServer
from botframework.connector.auth import JwtTokenExtractor
from msrest.serialization import Serializer

from adapters.teams import mount
from adapters.teams.serializer import QuickSerializer
from adapters.web import PLATFORMS, create_app
from bot.config import Settings
from bot.wiring import runtime
from storage.db import create_engine, migrate
from tests.fakes.bot_connector import FakeBotConnector, NoCredentials

APP_ID = "00000000-0000-0000-0000-00000000c0d0"
BOT = {"id": f"28:{APP_ID}", "name": "Kodo"}
ALICE = {"id": "29:alice", "name": "Alice", "aadObjectId": "aad-alice"}
BOB = {"id": "29:bob", "name": "Bob", "aadObjectId": "aad-bob"}
ADMIN = {"id": "29:admin", "name": "Ada", "aadObjectId": "aad-admin"}
TENANT = "tenant-1"
CHANNEL = "19:general@thread.tacv2"
TEAM = "19:team@thread.tacv2"
_ids = itertools.count(1)
# Where only the wire format matters, SQLite is enough; storage itself is tested on both databases.
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


class TeamsChat:
    """Posts activities to /api/messages and reads what reached the fake Bot Connector."""

    def __init__(self, client: TestClient, connector: FakeBotConnector, rt, teams):
        self.client, self.connector, self.rt, self.teams = client, connector, rt, teams

    async def post(self, activity: dict, token: str | None = None, headers: dict | None = None):
        headers = {**({"Authorization": f"Bearer {token}"} if token else {}), **(headers or {})}
        response = await self.client.post("/api/messages", json=activity, headers=headers)
        body = await response.json() if response.content_type == "application/json" else None
        return response.status, body

    async def welcomed(self) -> None:
        """Wait for the welcomes Kodo sends after answering an activity that added people."""
        await self.teams.bot.welcomes.idle()

    async def say(self, text: str, user: dict = ALICE, **kw) -> list:
        status, _ = await self.post(message(self.connector.url, text, user, **kw))
        assert status == 201
        return self.connector.take()


def message(service_url: str, text: str, user: dict = ALICE, *, personal: bool = False, mentions=(),
            locale: str = "en-US", conversation: str = CHANNEL, activity_id: str | None = None,
            team: str = TEAM) -> dict:
    """A message as Teams sends it: in a channel the bot is @mentioned, in a 1:1 chat it is not."""
    entities = [{"type": "mention", "text": f"<at>{m['name']}</at>", "mentioned": {"id": m["id"], "name": m["name"]}}
                for m in mentions]
    if not personal:
        text = f"<at>Kodo</at> {text}"
        entities.append({"type": "mention", "text": "<at>Kodo</at>", "mentioned": BOT})
    return {
        "type": "message", "id": activity_id or f"1700000000{next(_ids):03d}", "channelId": "msteams",
        "serviceUrl": service_url, "from": user, "recipient": BOT, "text": text, "textFormat": "plain",
        "locale": locale, "entities": entities,
        "conversation": ({"id": f"a:personal-{user['id']}", "conversationType": "personal", "tenantId": TENANT}
                         if personal else {"id": f"{conversation};messageid=1700000000000",
                                           "conversationType": "channel", "tenantId": TENANT, "isGroup": True}),
        "channelData": {"tenant": {"id": TENANT}, **({} if personal else {"channel": {"id": conversation},
                                                                          "team": {"id": team}})},
    }


@pytest.fixture
async def connector():
    fake = await FakeBotConnector().start()
    fake.teams[TEAM] = [{"id": TEAM}, {"id": CHANNEL, "name": "Kodo"}]  # standard channels: public in the team
    yield fake
    await fake.stop()


@pytest.fixture
def teams_settings(db_url):
    return Settings(database_url=db_url, daily_limit=5, admins=("29:admin",), teams_allow_unauthenticated=True)


@pytest.fixture(autouse=True)
def same_bodies_as_msrest(monkeypatch):
    """Every body Kodo's quick serializer writes in these tests is the one msrest's own would write."""
    quick = QuickSerializer.body

    def checked(self, data, data_type, **kwargs):
        body = quick(self, data, data_type, **kwargs)
        assert body == Serializer.body(self, data, data_type, **kwargs), data_type
        return body
    monkeypatch.setattr(QuickSerializer, "body", checked)


@pytest.fixture(autouse=True)
def fresh_metadata_cache():
    """botbuilder caches OpenID metadata per URL for a day, process-wide."""
    JwtTokenExtractor.metadataCache.clear()
    yield
    JwtTokenExtractor.metadataCache.clear()


async def start(settings: Settings, connector: FakeBotConnector, clock=None, credentials=None):
    """The app as ``kodo serve`` builds it (after ``kodo migrate``), on 127.0.0.1 and an ephemeral port;
    ``credentials`` signs Kodo's calls to the Bot Connector (by default with nothing)."""
    engine = create_engine(settings.database_url)
    await migrate(engine)
    await engine.dispose()
    context = runtime(settings, clock)
    rt = await context.__aenter__()
    app = create_app(rt)
    teams = await mount(app, rt, credentials=credentials or NoCredentials(settings.microsoft_app_id))
    teams.messenger.backoff.base = teams.bot.backoff.base = 0.01
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    assert app[PLATFORMS]["teams"] is teams
    return TeamsChat(client, connector, rt, teams), context


@asynccontextmanager
async def running(settings: Settings, connector: FakeBotConnector, clock, credentials=None):
    chat, context = await start(settings, connector, clock, credentials)
    try:
        yield chat
    finally:
        await chat.client.close()
        await context.__aexit__(None, None, None)


@pytest.fixture
async def chat(teams_settings, connector, clock):
    async with running(teams_settings, connector, clock) as chat:
        yield chat
