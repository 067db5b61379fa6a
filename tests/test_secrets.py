"""No secret in any log line or answer: a real ``kodo serve`` runs with recognisable secrets (Slack
signing secret and bot token, the Microsoft app password, a database password) through good and bad
requests, with the database up and then unreachable, and every line it logs and every answer it
gives (headers included) is searched for them (contract: "A secret never appears in logs, errors
or /healthz")."""

from __future__ import annotations

import json
import time

import aiohttp
from sqlalchemy.engine import make_url

from tests.fakes.blackhole import BlackHoleProxy
from tests.fakes.bot_connector import FakeBotConnector
from tests.fakes.databases import fresh_postgres
from tests.fakes.openid import OpenIdServer, new_key
from tests.fakes.server import KodoServer
from tests.fakes.slack_api import FakeSlackApi, command_body, event_body, reaction, sign
from tests.teams.conftest import APP_ID, BOB, message

SIGNING = "SIGNING-SECRET-c0ffee1234"
BOT_TOKEN = "xoxb-BOT-TOKEN-c0ffee5678"
APP_PASSWORD = "APP-PASSWORD-c0ffee9abc"
DB_PASSWORD = "DB-PASSWORD-c0ffeedef0"
SECRETS = (SIGNING, BOT_TOKEN, APP_PASSWORD, DB_PASSWORD)


def leaks(text: str) -> list[str]:
    """Each secret, or a recognisable piece of it (half is enough to narrow a guess)."""
    return [s for s in SECRETS if s in text or s[: len(s) // 2 + 2] in text or s[len(s) // 2 - 2:] in text]


async def exchange(http: aiohttp.ClientSession, method: str, url: str, **kw) -> str:
    async with http.request(method, url, **kw) as resp:
        return f"{resp.status} {dict(resp.headers)} {await resp.read()!r}"


async def requests_good_and_bad(server: KodoServer, openid: OpenIdServer, connector) -> list[str]:
    answers = []
    async with aiohttp.ClientSession() as http:
        async def slack(body: str, content_type: str, headers: dict):
            answers.append(await exchange(http, "POST", server.url + "/slack/events", data=body.encode(),
                                          headers={"Content-Type": content_type, **headers}))

        event = event_body(reaction("reaction_added", "U_ALICE", "kodo3", author="U_BOB"))
        command = command_body("/kudos", "<@U_BOB|bob> 3 thanks", "U_ALICE", trigger_id=f"t{time.monotonic()}")
        await slack(event, "application/json", sign(event, SIGNING))  # good
        await slack(command, "application/x-www-form-urlencoded", sign(command, SIGNING))  # good
        await slack(command_body("/kodo", "help", "U_BOB"), "application/x-www-form-urlencoded",
                    sign(command_body("/kodo", "help", "U_BOB"), SIGNING))
        await slack(event, "application/json", sign(event, "a-wrong-secret"))  # forged
        await slack("{" + "x" * 5000, "application/json", {"X-Slack-Request-Timestamp": "abc"})  # garbage
        await slack('{"type": "event_callback", "event": []}', "application/json",
                    sign('{"type": "event_callback", "event": []}', SIGNING))  # signed, malformed
        activity = message(connector.url, "kudos <at>Bob</at> 3 great", mentions=[BOB])
        good = openid.token(APP_ID, connector.url)
        for header in (f"Bearer {good}", "Bearer not.a.jwt", f"Bearer {openid.token('other', connector.url)}", None):
            answers.append(await exchange(http, "POST", server.url + "/api/messages", json=activity,
                                          headers={"Authorization": header} if header else {}))
        answers.append(await exchange(http, "POST", server.url + "/api/messages", data=b"null",
                                      headers={"Content-Type": "application/json", "Authorization": f"Bearer {good}"}))
        answers.append(await exchange(http, "GET", server.url + "/healthz"))
    return answers


async def test_no_secret_in_any_log_line_or_answer(tmp_path, pg_admin):
    api = FakeSlackApi(users={"U_ALICE": {"locale": "ja-JP"}, "U_BOB": {}})
    await api.start()
    connector = await FakeBotConnector().start()
    try:
        async with fresh_postgres(pg_admin) as direct:
            url = make_url(direct)
            proxy = await BlackHoleProxy(url.host or "127.0.0.1", url.port or 5432).start()
            from storage.db import create_engine, migrate
            engine = create_engine(direct)
            await migrate(engine)
            await engine.dispose()
            with OpenIdServer(new_key()) as openid:
                env = {"DATABASE_URL": url.set(host="127.0.0.1", port=proxy.port, password=DB_PASSWORD)
                       .render_as_string(hide_password=False),
                       "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING, "SLACK_API_URL": api.url,
                       "MICROSOFT_APP_ID": APP_ID, "MICROSOFT_APP_PASSWORD": APP_PASSWORD,
                       "MICROSOFT_OPENID_METADATA_URL": openid.url}
                for log_format in ("text", "json"):
                    async with KodoServer({**env, "KODO_LOG_FORMAT": log_format}) as server:
                        answers = await requests_good_and_bad(server, openid, connector)
                        # Entra ID is out of reach here (no network): that is not the database's fault
                        assert not [line for line in server.lines if "not handled" in line]
                        proxy.drop()  # and again while the database does not answer
                        answers += await requests_good_and_bad(server, openid, connector)
                        proxy.restore()
                    lines = server.lines
                    assert len(lines) > 10 and any("401" in a for a in answers) and any("503" in a for a in answers)
                    assert [line for line in lines if leaks(line)] == []
                    assert [a for a in answers if leaks(a)] == []
                    if log_format == "json":
                        assert all(isinstance(json.loads(line), dict) for line in lines)
            await proxy.stop()
        assert api.calls and all(BOT_TOKEN not in json.dumps(c.params) for c in api.calls)  # only in its header
    finally:
        await connector.stop()
        await api.stop()
