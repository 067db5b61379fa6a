"""Log lines: one per event whatever a stranger puts in them, bounded, and (as JSON) traceable by
request id through everything logged while a request is handled."""

from __future__ import annotations

import asyncio
import io
import json
import logging

import pytest
import requests

from adapters import logs
from tests.fakes.slack_api import command_body, sign
from tests.slack.conftest import slack_world

INJECTION = "U1\n2026-01-01 00:00:00,000 CRITICAL adapters.slack: INJECTED-LINE\x1b[2J\r\u202e"


@pytest.fixture
def captured():
    """Kodo's own log set-up, writing into a buffer; the test runner's handlers come back afterwards."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level, {n: logging.getLogger(n).level for n in logs.QUIET}
    stream = io.StringIO()
    yield lambda fmt="text": (logs.setup(fmt, stream=stream), stream)[1]
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])
    for name, level in saved[2].items():
        logging.getLogger(name).setLevel(level)


def test_a_forged_line_stays_inside_its_own_line(captured):
    stream = captured()
    logging.getLogger("adapters.slack").warning("users.info %s failed", INJECTION)
    try:
        raise ValueError("bad\nvalue")
    except ValueError:
        logging.getLogger("kodo.test").exception("boom %s", "x")
    lines = stream.getvalue().splitlines()
    assert len(lines) == 2
    assert "INJECTED-LINE" in lines[0] and "\\n2026-01-01" in lines[0] and "\\x1b[2J\\r\\u202e" in lines[0]
    assert "Traceback (most recent call last):\\n" in lines[1] and "bad\\nvalue" in lines[1]


def test_a_megabyte_message_is_cut_to_a_bounded_line(captured):
    stream = captured()
    logging.getLogger("kodo.test").warning("body: %s", "A" * 1_000_000)
    [line] = stream.getvalue().splitlines()
    assert len(line) < logs.MAX_MESSAGE + 200 and line.endswith("chars)")


def test_sdk_chatter_is_kept_at_warning(captured):
    stream = captured()
    logging.getLogger("slack_bolt.App").info("Invalid request signature detected (body=secret stuff)")
    logging.getLogger("botbuilder.core").info("activity received")
    logging.getLogger("msrest.http_logger").debug("Request body: ...")
    logging.getLogger("adapters.slack.bolt").info("Bolt narrates")
    assert stream.getvalue() == ""


def test_json_lines_carry_time_level_logger_message_and_request_id(captured):
    stream = captured("json")
    token = logs.REQUEST_ID.set("req-1")
    try:
        logging.getLogger("kodo.test").warning("hello %s", INJECTION)
    finally:
        logs.REQUEST_ID.reset(token)
    [line] = stream.getvalue().splitlines()
    entry = json.loads(line)
    assert set(entry) == {"time", "level", "logger", "message", "request_id"}
    assert entry["level"] == "WARNING" and entry["logger"] == "kodo.test" and entry["request_id"] == "req-1"
    assert "INJECTED-LINE" in entry["message"] and "\n" not in entry["message"]


async def test_a_request_id_follows_a_request_into_its_background_replies(captured, tmp_path):
    stream = captured("json")
    async with slack_world(f"sqlite+aiosqlite:///{tmp_path}/kodo.db") as slack:
        slack.api.failing.update({"users.info": "user_not_visible", "chat.postMessage": "channel_not_found"})
        await slack.command("U_BOB", "/principle", "1")  # another request, with lines of its own
        async with slack.http.post(slack.base + "/slack/events", data=b"x", headers={"X-Request-Id": "given-7"}) as r:
            assert r.status == 401 and r.headers["X-Request-Id"] == "given-7"
        body = command_body("/kudos", "<@U_BOB|bob> 3 thanks", "U_ALICE")
        async with slack.http.post(slack.base + "/slack/events", data=body.encode(), headers={
                "Content-Type": "application/x-www-form-urlencoded", **sign(body)}) as resp:
            assert resp.status == 200
            rid = resp.headers["X-Request-Id"]
        await slack.settle()
    entries = [json.loads(line) for line in stream.getvalue().splitlines()]
    mine = [e for e in entries if e["request_id"] == rid]
    assert len({e["request_id"] for e in entries if "users.info" in e["message"]}) == 2
    assert any("users.info" in e["message"] for e in mine)  # while the request is handled
    assert any("could not deliver a channel reply" in e["message"] for e in mine)  # in a background task
    refused = [e for e in entries if e["request_id"] == "given-7"]
    assert len(refused) == 1 and refused[0]["level"] == "INFO" and "x" not in refused[0]["message"].split()


async def test_a_request_whose_headers_are_too_big_gets_400_and_one_warning_line(tmp_path):
    """aiohttp refuses such a request itself, before any route: 400, as it should, but it logged the
    parser's exception with a traceback at ERROR. A real ``kodo serve``, as an operator runs it."""
    from tests.fakes.server import KodoServer

    secret = "Bearer SECRET-" + "x" * 100_000
    tried = {"100 KB Authorization": {"Authorization": secret},
             "10 KB header name": {"X-" + "N" * 10_000: "1"},
             "300 headers": {f"X-Many-{n}": "SECRET-many" for n in range(300)}}
    async with KodoServer({"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/kodo.db"}) as server:
        before = len(server.lines)
        for headers in tried.values():
            status = await asyncio.to_thread(lambda: requests.get(server.url + "/healthz", headers=headers,
                                                                  timeout=10).status_code)
            assert status == 400
        await asyncio.sleep(0.3)
        entries = server.entries()[before:]
    assert not server.troubles(), server.troubles()
    assert [e["level"] for e in entries] == ["WARNING"] * len(tried), entries
    assert all("400" in e["message"] and "SECRET" not in e["message"] and len(e["message"]) < 200
               for e in entries), entries
