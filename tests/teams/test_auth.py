"""Tokens, offline: a self-made RSA key published by a local OpenID server stands in for the Bot
Framework's. Every forgery gets 401 and changes nothing; a failure after authentication is not 401."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.teams import mount
from adapters.web import PLATFORMS, create_app
from bot.config import ConfigError, Settings
from bot.wiring import runtime
from tests.fakes.openid import OpenIdServer, new_key, unsigned_token
from tests.teams.conftest import APP_ID, BOB, message, running


@pytest.fixture(scope="module")
def key():
    return new_key()


@pytest.fixture
def settings(tmp_path):
    return Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/kodo.db", microsoft_app_id=APP_ID,
                    microsoft_app_password="not-a-real-secret")


@pytest.fixture
def openid(key):
    with OpenIdServer(key) as server:
        yield server


@pytest.fixture
async def secure(settings, openid, connector, clock):
    async with running(replace(settings, microsoft_openid_metadata_url=openid.url), connector, clock) as chat:
        yield chat


def kudos(chat, **kw) -> dict:
    return message(chat.connector.url, "kudos <at>Bob</at> 3 great", mentions=[BOB], **kw)


async def test_a_valid_token_is_accepted(secure, openid):
    status, _ = await secure.post(kudos(secure), openid.token(APP_ID, secure.connector.url))
    assert status == 201
    assert len([r async for r in secure.rt.stores.kudos.export()]) == 1
    assert secure.connector.take()


FORGERIES = {
    "wrong audience": lambda s, o: f"Bearer {o.token('someone-else', s.connector.url)}",
    "wrong issuer": lambda s, o: f"Bearer {o.token(APP_ID, s.connector.url, issuer='https://evil.example')}",
    "expired": lambda s, o: f"Bearer {o.token(APP_ID, s.connector.url, expires_in=-3600)}",
    "no expiry": lambda s, o: f"Bearer {o.token(APP_ID, s.connector.url, exp=None)}",
    "unknown key id": lambda s, o: f"Bearer {o.token(APP_ID, s.connector.url, key=new_key(), kid='other')}",
    "known key id, other key": lambda s, o: f"Bearer {o.token(APP_ID, s.connector.url, key=new_key())}",
    "alg none": lambda s, o: f"Bearer {unsigned_token(APP_ID, s.connector.url)}",
    "serviceUrl mismatch": lambda s, o: f"Bearer {o.token(APP_ID, 'https://smba.example/evil/')}",
    "no serviceurl claim": lambda s, o: f"Bearer {o.token(APP_ID, s.connector.url, serviceurl=None)}",
    "garbage": lambda s, o: "Bearer not.a.jwt",
    "not bearer": lambda s, o: f"Basic {o.token(APP_ID, s.connector.url)}",
    "empty": lambda s, o: "",
}


@pytest.mark.parametrize("forgery", FORGERIES)
async def test_every_forgery_gets_401_and_changes_nothing(secure, openid, forgery):
    header = FORGERIES[forgery](secure, openid)
    status, _ = await secure.post(kudos(secure), headers={"Authorization": header} if header else None)
    assert status == 401
    assert [r async for r in secure.rt.stores.kudos.export()] == []
    assert secure.connector.take() == []


async def test_a_key_not_endorsed_for_the_channel_gets_401(secure, openid):
    activity = {**kudos(secure), "channelId": "webchat"}  # the key is endorsed for msteams only
    status, _ = await secure.post(activity, openid.token(APP_ID, secure.connector.url))
    assert status == 401 and secure.connector.take() == []


async def test_an_error_inside_the_turn_is_not_disguised_as_401(secure, openid, monkeypatch):
    async def broken(*args, **kwargs):
        raise RuntimeError("database on fire")
    monkeypatch.setattr(secure.rt.kodo, "command", broken)
    status, _ = await secure.post(kudos(secure, locale="en-US"), openid.token(APP_ID, secure.connector.url))
    assert status == 201
    [apology] = secure.connector.take()
    assert "something went wrong on my side" in apology.texts()


async def test_a_slow_metadata_server_does_not_stall_other_requests(settings, key, connector, clock):
    with OpenIdServer(key, delay=0.6) as slow:
        async with running(replace(settings, microsoft_openid_metadata_url=slow.url), connector, clock) as chat:
            teams = asyncio.create_task(chat.post(kudos(chat), slow.token(APP_ID, connector.url)))
            began = time.monotonic()
            await asyncio.sleep(0.2)  # the token check is now waiting for the metadata (1.2 s)
            health = await chat.client.get("/healthz")
            assert health.status == 200 and time.monotonic() - began < 0.7
            assert not teams.done()
            assert (await teams)[0] == 201


@pytest.mark.parametrize("change, variable", [
    ({"microsoft_app_password": None}, "MICROSOFT_APP_PASSWORD"),
    ({"microsoft_app_type": "SingleTenant"}, "MICROSOFT_APP_TENANT_ID"),
    ({"microsoft_app_type": "Everyone"}, "MICROSOFT_APP_TYPE"),
])
async def test_half_configured_credentials_fail_at_start_naming_the_variable(settings, change, variable):
    async with runtime(replace(settings, **change)) as rt:
        with pytest.raises(ConfigError, match=variable):
            await mount(create_app(rt), rt)


async def test_without_app_id_or_explicit_opt_in_teams_is_not_mounted(settings, connector):
    off = replace(settings, microsoft_app_id=None, microsoft_app_password=None, teams_allow_unauthenticated=False)
    assert not Settings.from_env({}).teams_enabled
    async with runtime(off) as rt:
        app = create_app(rt)
        assert await mount(app, rt) is None
        client = TestClient(TestServer(app, host="127.0.0.1"))
        await client.start_server()
        try:
            response = await client.post("/api/messages", json=message(connector.url, "kudos <at>Bob</at> 3",
                                                                        mentions=[BOB]))
            assert response.status == 404
            assert "teams" not in app[PLATFORMS]
            assert [r async for r in rt.stores.kudos.export()] == []
        finally:
            await client.close()
