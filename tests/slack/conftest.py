"""A Slack workspace in a test: Kodo's real aiohttp app on 127.0.0.1, a fake Web API beside it, and
helpers that send exactly what Slack sends (signed, form-encoded or JSON) so tests read like
conversations:

    reply = await slack.command("U_ALICE", "/principle", "3")
    await slack.event(reaction("reaction_added", "U_ALICE", "kodo3", author="U_BOB"))
    assert slack.api.sent("chat.postEphemeral")
"""

from __future__ import annotations

import itertools
import json
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from typing import AsyncIterator

import aiohttp
import pytest
from aiohttp import web

from bot.config import Settings
from tests.fakes.clock import FakeClock
from tests.fakes.slack_api import (SIGNING_SECRET, FakeSlackApi, command_body, event_body, interactive_body,
                                   sign)

PEOPLE = {
    "U_ALICE": {"locale": "ja-JP"},
    "U_BOB": {"locale": "en-US"},
    "U_CAROL": {},
    "U_BOSS": {"is_admin": True, "locale": "en-US"},
    "U_OWNER": {"is_owner": True},
    "U_ROBOT": {"is_bot": True},
}


@dataclass
class Answer:
    status: int
    text: str

    @property
    def json(self) -> dict:
        return json.loads(self.text) if self.text else {}


@dataclass
class SlackWorld:
    api: FakeSlackApi
    base: str
    http: aiohttp.ClientSession
    rt: object
    platform: object
    clock: FakeClock
    _triggers: itertools.count = field(default_factory=lambda: itertools.count(1))

    async def send(self, body: str, content_type: str, headers: dict | None = None) -> Answer:
        all_headers = {"Content-Type": content_type, **sign(body), **(headers or {})}
        async with self.http.post(self.base + "/slack/events", data=body.encode(), headers=all_headers) as resp:
            return Answer(resp.status, await resp.text())

    async def command(self, user: str, command: str, text: str = "", channel: str = "C1",
                      trigger_id: str | None = None, **where) -> Answer:
        """``where``: ``team``, ``enterprise``, ``org_wide``, ``response_url`` (``command_body``)."""
        body = command_body(command, text, user, channel, trigger_id or f"trigger.{next(self._triggers)}", **where)
        answer = await self.send(body, "application/x-www-form-urlencoded")
        await self.settle()
        return answer

    async def event(self, event: dict, event_id: str = "Ev1", retry: int | None = None, **where) -> Answer:
        """``where``: ``team``, ``enterprise``, ``org_wide`` (``event_body``)."""
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else {}
        answer = await self.send(event_body(event, event_id, **where), "application/json", headers)
        await self.settle()
        return answer

    async def get(self, path: str, headers: dict | None = None) -> aiohttp.ClientResponse:
        """A browser's GET of a page of Kodo's, without following redirects (the body is read)."""
        async with self.http.get(self.base + path, headers=headers or {}, allow_redirects=False) as resp:
            await resp.read()
            return resp

    async def interact(self, payload: dict) -> Answer:
        answer = await self.send(interactive_body(payload), "application/x-www-form-urlencoded")
        await self.settle()
        return answer

    async def settle(self) -> None:
        """Wait for the replies Kodo sends after the ack, so tests can assert on all of them."""
        await self.platform.delivery.idle()

    async def kudos(self) -> list:
        return [k async for k in self.rt.stores.kudos.export()]


@asynccontextmanager
async def slack_world(database_url: str, envelopes: tuple[dict, ...] = (), api: FakeSlackApi | None = None,
                      **settings) -> AsyncIterator[SlackWorld]:
    """Kodo serving on 127.0.0.1 against a fresh fake Slack (or ``api``, kept running after, so a
    test can start Kodo again against the same Slack); ``envelopes`` go down the Socket Mode socket."""
    from adapters.slack import mount
    from adapters.web import create_app
    from bot.wiring import runtime

    own = api is None
    if own:
        api = FakeSlackApi(users={k: dict(v) for k, v in PEOPLE.items()}, envelopes=list(envelopes))
        await api.start()
    clock = FakeClock()
    config = replace(Settings(database_url=database_url, admins=("U_ENVADMIN",), slack_bot_token="xoxb-test",
                              slack_signing_secret=SIGNING_SECRET, slack_api_url=api.url), **settings)
    try:
        async with runtime(config, clock=clock) as rt, aiohttp.ClientSession() as http:
            app = create_app(rt)
            platform = await mount(app, rt)
            runner = web.AppRunner(app, access_log=None)
            await runner.setup()
            try:
                await web.TCPSite(runner, "127.0.0.1", 0).start()
                host, port = runner.addresses[0][:2]
                api.redirect_url = f"http://{host}:{port}/slack/oauth_redirect"
                yield SlackWorld(api, f"http://{host}:{port}", http, rt, platform, clock)
            finally:
                await runner.cleanup()
    finally:
        if own:
            await api.stop()


@pytest.fixture
async def slack(tmp_path):
    """A workspace on SQLite: for behaviour that does not depend on the database engine."""
    async with slack_world(f"sqlite+aiosqlite:///{tmp_path}/kodo.db") as world:
        yield world


@pytest.fixture
async def slack_db(db_url, engine):
    """The same workspace on SQLite and on PostgreSQL (migrated by ``engine``): durability, idempotency."""
    async with slack_world(db_url) as world:
        yield world


@pytest.fixture(autouse=True)
def prompt_direct_messages(monkeypatch):
    """DMs wait for company for two seconds in production; tests see them at once (a window of 0
    still combines what arrives in the same turn of the loop). test_reactions checks the window."""
    monkeypatch.setattr("adapters.slack.deliver.DM_WINDOW", 0.0)
