"""kill -9 in the middle of a stream of reaction kudos, on SQLite and PostgreSQL: every kudos that
was acknowledged with a 200 is in the database (each was committed before its answer), and Slack's
redelivery of everything afterwards, to a new process, doubles nothing."""

from __future__ import annotations

import asyncio

import aiohttp
import sqlalchemy as sa

from storage.db import create_engine, migrate
from tests.fakes.server import KodoServer
from tests.fakes.slack_api import SIGNING_SECRET, FakeSlackApi, event_body, reaction, sign

EVENTS = 400
KILL_AFTER = 120  # acknowledged kudos before the kill


def kudos_event(n: int) -> str:
    return event_body(reaction("reaction_added", f"U{n % 20}", f"kodo{n % 10 + 1}", author="U_BOB",
                               ts=f"1700000000.{n:06d}", event_ts=f"1700000001.{n:06d}"), event_id=f"Ev{n}")


async def deliver(http: aiohttp.ClientSession, server: KodoServer, numbers, acked: set, retry: bool = False) -> None:
    """Sixteen deliveries at a time, as Slack would; a request the dying server never answered is not acknowledged."""
    queue = iter(numbers)

    async def worker() -> None:
        for n in queue:
            body = kudos_event(n)
            headers = {"Content-Type": "application/json", **sign(body),
                       **({"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"} if retry else {})}
            try:
                async with http.post(server.url + "/slack/events", data=body.encode(), headers=headers) as resp:
                    if resp.status == 200:
                        acked.add(n)
            except (aiohttp.ClientError, asyncio.TimeoutError):
                pass

    await asyncio.gather(*(worker() for _ in range(16)))


async def stored(engine) -> list[str]:
    async with engine.connect() as conn:
        return list(await conn.scalars(sa.text("SELECT message FROM kudos")))


async def test_a_killed_server_loses_no_acknowledged_kudos_and_redelivery_doubles_none(db_url):
    engine = create_engine(db_url)
    await migrate(engine)
    api = FakeSlackApi(users={f"U{n}": {"locale": "ja-JP"} for n in range(20)} | {"U_BOB": {}})
    await api.start()
    env = {"DATABASE_URL": db_url, "SLACK_BOT_TOKEN": "xoxb-kill", "SLACK_SIGNING_SECRET": SIGNING_SECRET,
           "SLACK_API_URL": api.url, "KODO_DAILY_KUDOS_LIMIT": "0"}
    acked: set[int] = set()
    try:
        async with aiohttp.ClientSession() as http:
            server = await KodoServer(env).__aenter__()
            try:
                sending = asyncio.ensure_future(deliver(http, server, range(EVENTS), acked))
                while len(acked) < KILL_AFTER and not sending.done():
                    await asyncio.sleep(0.001)
                await server.kill()  # mid-stream: requests in flight, a batch perhaps half committed
                await sending
            finally:
                await server.__aexit__(None, None, None)
            assert KILL_AFTER <= len(acked) < EVENTS
            after_kill = await stored(engine)
            assert {f"C1:1700000000.{n:06d}" for n in acked} <= set(after_kill)  # nothing acknowledged is lost
            assert len(after_kill) == len(set(after_kill))

            async with KodoServer(env) as again:  # Slack redelivers everything: the unanswered and, here, the rest
                redelivered: set[int] = set()
                await deliver(http, again, range(EVENTS), redelivered, retry=True)
            assert redelivered == set(range(EVENTS))
            final = await stored(engine)
            assert sorted(final) == sorted(f"C1:1700000000.{n:06d}" for n in range(EVENTS))  # each exactly once
    finally:
        await api.stop()
        await engine.dispose()
