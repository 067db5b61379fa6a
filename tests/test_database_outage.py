"""PostgreSQL that stops answering, seen from outside: a real ``kodo serve`` (Slack and Teams
mounted) talks to PostgreSQL through a proxy of the test's own that starts dropping every packet
(connections stay open, new ones are accepted and never answered). While it lasts, Slack events
get a 5xx within 3 s (so Slack retries them), people get a polite private "try again in a moment"
in their language within 3 s, and ``/healthz`` its 503 within 2 s. When the network heals, Kodo
recovers by itself: the retried events and the repeated commands are recorded, none lost, none
doubled, nothing half-written (contract: "Requests the server cannot accept")."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from types import SimpleNamespace

import aiohttp
import pytest
import sqlalchemy as sa
from slack_sdk.models.views import View
from sqlalchemy.engine import make_url

from bot.i18n import t
from storage.db import create_engine, migrate
from tests.fakes.blackhole import BlackHoleProxy
from tests.fakes.bot_connector import FakeBotConnector
from tests.fakes.databases import fresh_postgres
from tests.fakes.server import KodoServer
from tests.fakes.slack_api import (RESPONSE, SIGNING_SECRET, FakeSlackApi, block_actions, command_body, event_body,
                                   interactive_body, reaction, sign)
from tests.slack.test_shortcut_and_home import shortcut, submission
from tests.teams.conftest import BOB, message
from tests.teams.test_choices import card_action
from tests.teams.test_events import action, invoke
from tests.teams.test_platform_rules import check_sent

TIMES: dict[str, list[float]] = {}
DAVE = {"id": "29:dave", "name": "Dave", "aadObjectId": "aad-dave"}  # new to Kodo: his language needs the database


@pytest.fixture
async def world(pg_admin):
    async with fresh_postgres(pg_admin) as direct:
        engine = create_engine(direct)
        await migrate(engine)
        url = make_url(direct)
        proxy = await BlackHoleProxy(url.host or "127.0.0.1", url.port or 5432).start()
        api = FakeSlackApi(users={"U_ALICE": {"locale": "ja-JP"}, "U_BOB": {"locale": "en-US"}, "U_CAROL": {},
                                  "U_DAVE": {"locale": "en-GB"}})
        await api.start()
        connector = await FakeBotConnector().start()
        connector.members["aad-bob"] = {"id": BOB["id"], "name": "Bob", "aadObjectId": "aad-bob"}
        env = {"DATABASE_URL": url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False),
               "SLACK_BOT_TOKEN": "xoxb-outage", "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": api.url,
               "TEAMS_ALLOW_UNAUTHENTICATED": "1", "KODO_DAILY_KUDOS_LIMIT": "0"}
        try:
            async with KodoServer(env) as server, aiohttp.ClientSession() as http:
                yield SimpleNamespace(server=server, proxy=proxy, api=api, connector=connector, engine=engine,
                                      http=http)
            assert [line for line in server.troubles() if "Traceback" in line] == []
        finally:
            await connector.stop()
            await api.stop()
            await proxy.stop()
            await engine.dispose()


async def timed(w, what: str, method: str, path: str, **kw) -> tuple[int, str, float]:
    started = time.monotonic()
    async with w.http.request(method, w.server.url + path, **kw) as resp:
        body = await resp.text()
    elapsed = time.monotonic() - started
    TIMES.setdefault(what, []).append(elapsed)
    return resp.status, body, elapsed


async def slack(w, what: str, body: str, content_type: str, retry: int = 0):
    headers = {"Content-Type": content_type, **sign(body),
               **({"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_error"} if retry else {})}
    return await timed(w, what, "POST", "/slack/events", data=body.encode(), headers=headers)


def kudos_event(n: int) -> str:
    return event_body(reaction("reaction_added", "U_ALICE", "kodo3", author="U_BOB", ts=f"1700000000.{n:06d}"),
                      event_id=f"Ev{n}")


def kudos_command(n: int, user: str = "U_BOB") -> str:
    return command_body("/kudos", f"<@U_CAROL|carol> 5 thanks {n}", user, trigger_id=f"trigger.{n}")


async def recorded(w) -> list[tuple]:
    async with w.engine.connect() as conn:
        rows = await conn.execute(sa.text("SELECT giver, receiver, principle, source, message, reason FROM kudos "
                                          "ORDER BY id"))
        return [tuple(r) for r in rows]


async def test_an_unreachable_database_is_answered_in_time_and_survived(world):
    w = world
    teams_chat = SimpleNamespace(connector=w.connector)
    # ---- before: everything works, and the pool holds open connections -------------------------
    for n in range(1, 4):
        assert (await slack(w, "healthy event", kudos_event(n), "application/json"))[0] == 200
    assert (await slack(w, "healthy command", kudos_command(1), "application/x-www-form-urlencoded"))[0] == 200
    status, _, _ = await timed(w, "healthy teams", "POST", "/api/messages",
                               json=message(w.connector.url, "kudos <at>Bob</at> 3 great", mentions=[BOB]))
    assert status == 201
    before = await recorded(w)
    assert len(before) == 5
    w.connector.take()

    # ---- the network drops every packet --------------------------------------------------------
    w.proxy.drop()
    modal = shortcut(user="U_DAVE", author="U_ALICE")  # new here: his language needs the database
    events = [slack(w, "event (db down)", kudos_event(n), "application/json") for n in range(10, 16)]
    commands = [slack(w, "slash command (db down)", kudos_command(n, user), "application/x-www-form-urlencoded")
                for n, user in ((10, "U_BOB"), (11, "U_ALICE"))]
    view = {"callback_id": "give_kudos", "type": "modal",
            "private_metadata": json.dumps({"c": "C9", "ts": "1700000123.000400", "a": "U_ALICE"})}
    submit_body = interactive_body(submission(view, user="U_BOB", principle=6, reason="so clear", view_id="V7"))
    answers = await asyncio.gather(
        *events, *commands,
        slack(w, "shortcut (db down)", interactive_body(modal), "application/x-www-form-urlencoded"),
        slack(w, "submission (db down)", submit_body, "application/x-www-form-urlencoded"),
        timed(w, "teams message (db down)", "POST", "/api/messages",
              json=message(w.connector.url, "kudos <at>Bob</at> 4 thanks", mentions=[BOB], locale="ja-JP")),
        timed(w, "teams invoke (db down)", "POST", "/api/messages",
              json=invoke(teams_chat, "composeExtension/submitAction", action({"principle": "3", "reason": "x"}))),
        timed(w, "healthz (db down)", "GET", "/healthz"),
        slack(w, "button press (db down)", interactive_body(block_actions(
            "U_DAVE", "principles:show", selected="3", response_url=w.api.hook("outage"))),  # new: needs the database
            "application/x-www-form-urlencoded"),
        timed(w, "teams card action (db down)", "POST", "/api/messages",
              json=card_action(teams_chat, {"kodo": "principles:show", "value": "3"}, user=DAVE)),
    )
    event_answers, rest = answers[:6], answers[6:]
    (cmd_bob, cmd_alice, short, submit, teams_msg, teams_inv, health, press, teams_press) = rest
    assert all(500 <= status < 600 and elapsed < 3 for status, _, elapsed in event_answers), event_answers
    assert cmd_bob[0] == 200 and json.loads(cmd_bob[1]) == {"response_type": "ephemeral",
                                                            "text": t("error.unavailable", "en")} and cmd_bob[2] < 3
    assert cmd_alice[0] == 200 and json.loads(cmd_alice[1])["text"] == t("error.unavailable", "ja") and cmd_alice[2] < 3
    assert short[0] == 200 and short[2] < 3
    assert submit[0] == 200 and submit[2] < 3 and json.loads(submit[1]) == {
        "response_action": "errors", "errors": {"principle": t("error.unavailable", "en")}}
    assert teams_msg[0] == 201 and teams_msg[2] < 3
    assert teams_inv[0] == 200 and teams_inv[2] < 3
    assert json.loads(teams_inv[1])["task"]["value"] == t("error.unavailable", "en")
    assert health[0] == 503 and health[2] < 2
    assert press[0] == 200 and press[2] < 3  # a press: the apology comes through its response_url
    [sorry] = await w.api.wait_for(RESPONSE)
    assert sorry["text"] == t("error.unavailable", "en") and sorry["response_type"] == "ephemeral"
    assert teams_press[0] == 200 and teams_press[2] < 3 and json.loads(teams_press[1]) == {
        "statusCode": 200, "type": "application/vnd.microsoft.activity.message", "value": t("error.unavailable", "en")}
    notice = await w.api.wait_for("views.open")
    assert notice[-1]["view"]["blocks"][0]["text"]["text"] == t("error.unavailable", "en")
    View(**notice[-1]["view"]).validate_json()  # the apology where the form would have opened: Slack's limits
    sent = w.connector.take()
    check_sent(sent)  # the Teams apology is a card Teams accepts
    apology = [s.texts() for s in sent]
    assert any(t("error.unavailable", "ja") in text for text in apology), apology

    # ---- the network heals: Kodo recovers by itself ---------------------------------------------
    w.proxy.restore()
    healed = time.monotonic()
    while (await timed(w, "healthz (recovering)", "GET", "/healthz"))[0] != 200:
        assert time.monotonic() - healed < 15, "Kodo did not recover"
        await asyncio.sleep(0.2)
    TIMES["recovered after (s)"] = [time.monotonic() - healed]
    assert await recorded(w) == before  # nothing half-written while the database was away
    for n in range(10, 16):  # Slack retries each event; the first ones arrive twice
        assert (await slack(w, "event retried", kudos_event(n), "application/json", retry=1))[0] == 200
    for n in (10, 11):
        assert (await slack(w, "event retried", kudos_event(n), "application/json", retry=2))[0] == 200
    for n, user in ((10, "U_BOB"), (11, "U_ALICE")):  # people try again, as they were asked
        status, body, _ = await slack(w, "command again", kudos_command(n, user), "application/x-www-form-urlencoded")
        assert status == 200 and "error" not in body
    assert (await slack(w, "submission again", submit_body, "application/x-www-form-urlencoded"))[0] == 200
    after = await recorded(w)
    added = after[len(before):]
    assert after[:len(before)] == before
    assert sorted(k[4] for k in added if k[3] == "reaction") == [f"C1:1700000000.{n:06d}" for n in range(10, 16)]
    assert sorted((k[0], k[5]) for k in added if k[3] == "command") == [("U_ALICE", "thanks 11"),
                                                                         ("U_BOB", "thanks 10")]
    assert [(k[0], k[1], k[2]) for k in added if k[3] == "shortcut"] == [("U_BOB", "U_ALICE", 6)]
    assert len(added) == 9  # each once: none lost, none doubled


async def test_a_sqlite_file_locked_by_another_process_is_a_bounded_wait(tmp_path):
    """SQLite waits for a lock up to its busy timeout; people and Slack are answered sooner."""
    from tests.slack.conftest import slack_world

    async with slack_world(f"sqlite+aiosqlite:///{tmp_path}/kodo.db") as world:
        assert (await world.event(reaction("reaction_added", "U_ALICE", "kodo3", author="U_BOB"))).status == 200
        other = sqlite3.connect(tmp_path / "kodo.db", isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")  # another process holds the write lock (a backup, a migration)
        try:
            started = time.monotonic()
            event = await world.event(reaction("reaction_added", "U_ALICE", "kodo4", author="U_BOB"), event_id="Ev2")
            command = await world.command("U_BOB", "/kudos", "<@U_ALICE|alice> 2 thanks")
            assert event.status == 503 and command.json["text"] == t("error.unavailable", "en")
            assert time.monotonic() - started < 6  # two answers, each within ANSWER_WITHIN
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert (await world.event(reaction("reaction_added", "U_ALICE", "kodo4", author="U_BOB"), event_id="Ev2",
                                  retry=1)).status == 200
        assert sorted(k.principle for k in await world.kudos()) == [3, 4]


def teardown_module():
    for what, times in TIMES.items():
        print(f"{what:28} n={len(times):2}  max {max(times):.2f} s")
