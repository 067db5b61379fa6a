"""The contract's table, case by case, for Slack: unsigned or garbled requests get 401 and one short
log line without the body; signed but malformed ones are ignored (200, or Bolt's 404 for a kind
Kodo does not handle) with one warning and no traceback; over-long ids are refused before they
reach a column, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import logging
from urllib.parse import urlencode

import pytest

from tests.fakes.slack_api import command_body, event_body, interactive_body, reaction, sign

GOOD = event_body(reaction("reaction_added", "U_ALICE", "kodo3", author="U_BOB"))
MARKER = "BODY-MARKER-7731"


def unsigned_cases():
    ts = sign(GOOD)["X-Slack-Request-Timestamp"]
    good_sig = sign(GOOD)["X-Slack-Signature"]
    json_type = "application/json"
    return {
        "timestamp abc": (GOOD, {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": good_sig}, json_type),
        "timestamp 1.5e9": (GOOD, {"X-Slack-Request-Timestamp": "1.5e9", "X-Slack-Signature": good_sig}, json_type),
        "timestamp empty": (GOOD, {"X-Slack-Request-Timestamp": "", "X-Slack-Signature": good_sig}, json_type),
        "timestamp 5000 digits": (GOOD, {"X-Slack-Request-Timestamp": "9" * 5000, "X-Slack-Signature": good_sig},
                                  json_type),
        "body {": ("{" + MARKER, {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": good_sig}, json_type),
        "non-UTF-8 body": (b"\xff\xfe" + MARKER.encode(), {}, json_type),
        "[1, 2]": (f'[1, 2, "{MARKER}"]', {}, json_type),
        '"x"': (f'"{MARKER}"', {}, json_type),
        "[ x 100000": ("[" * 100_000 + MARKER, {}, json_type),
        "charset=bogus": (GOOD.replace("kodo3", MARKER), sign(GOOD), "application/json; charset=bogus"),
        "forged log line": (f"x\n2026-01-01 00:00:00,000 CRITICAL adapters.slack: {MARKER}", {}, json_type),
        "1 MB body": (MARKER * 60_000, {}, "application/x-www-form-urlencoded"),
    }


@pytest.mark.parametrize("case", list(unsigned_cases()))
async def test_unsigned_or_garbled_requests_get_401_and_one_short_line(slack, caplog, case):
    body, headers, content_type = unsigned_cases()[case]
    caplog.set_level(logging.DEBUG)
    data = body if isinstance(body, bytes) else body.encode()
    async with slack.http.post(slack.base + "/slack/events", data=data,
                               headers={"Content-Type": content_type, **headers}) as resp:
        assert resp.status == 401
    await slack.settle()
    mine = [r for r in caplog.records if r.name.startswith(("adapters", "slack_bolt", "slack_sdk"))]
    assert len(mine) <= 1 and all(len(r.getMessage()) < 200 and MARKER not in r.getMessage() for r in mine)
    assert await slack.kudos() == [] and slack.api.calls == []


def signed_cases():
    no_user = reaction("reaction_added", "U_ALICE", "kodo3", author="U_BOB")
    del no_user["user"]
    shortcut = {"type": "message_action", "callback_id": "give_kudos", "trigger_id": "t1", "team": {"id": "T1"},
                "user": {"id": "U_BOB"}, "channel": {}, "message_ts": "1.2",
                "message": {"user": "U_ALICE", "ts": "1.2"}}
    submission = {"type": "view_submission", "team": {"id": "T1"}, "user": {"id": "U_BOB"},
                  "view": {"id": "V1", "type": "modal", "callback_id": "give_kudos", "private_metadata": "{not json",
                           "state": {"values": {}}}}
    form = "application/x-www-form-urlencoded"
    return {
        "reaction without event.user": (event_body(no_user), "application/json"),
        'reaction with "user": {}': (event_body({**no_user, "user": {}}), "application/json"),
        'reaction with "reaction": {}': (event_body({**no_user, "user": "U_ALICE", "reaction": {}}),
                                         "application/json"),
        "slash command without user_id": (urlencode({"command": "/kudos", "text": "<@U_BOB> 3", "team_id": "T1",
                                                     "trigger_id": "t2"}), form),
        "shortcut without channel.id": (interactive_body(shortcut), form),
        "submission with non-JSON private_metadata": (interactive_body(submission), form),
        "signed []": ("[]", "application/json"),
        "event that is a list": ('{"type": "event_callback", "event": []}', "application/json"),
        "authorizations that are a string": (json.dumps({**json.loads(GOOD), "authorizations": "x"}),
                                             "application/json"),
    }


@pytest.mark.parametrize("case", list(signed_cases()))
async def test_signed_but_malformed_requests_are_ignored_with_one_warning(slack, caplog, case):
    body, content_type = signed_cases()[case]
    answer = await slack.send(body, content_type)
    assert answer.status in (200, 404)
    warnings = [r for r in caplog.records if r.levelno >= logging.WARNING and r.name.startswith("adapters")]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING and warnings[0].exc_info is None
    assert await slack.kudos() == [] and slack.api.posted() == []


LONG_USER, LONG_TS = "U" + "x" * 140, "1" * 271


@pytest.mark.parametrize("make", [
    lambda: event_body(reaction("reaction_added", LONG_USER, "kodo3", author="U_BOB")),
    lambda: event_body(reaction("reaction_added", "U_ALICE", "kodo3", author=LONG_USER)),
    lambda: event_body(reaction("reaction_added", "U_ALICE", "kodo3", author="U_BOB", ts=LONG_TS)),
    lambda: command_body("/kudos", "<@U_BOB|bob> 3 thanks", LONG_USER),
    lambda: command_body("/kudos", f"<@{LONG_USER}> 3 thanks", "U_ALICE"),
], ids=["141-char giver", "141-char author", "271-char ts", "141-char command user", "141-char mention"])
async def test_over_long_ids_are_refused_at_the_boundary_on_both_databases(slack_db, caplog, make):
    body = make()
    answer = await slack_db.send(body, "application/json" if body.startswith("{") else
                                 "application/x-www-form-urlencoded")
    await slack_db.settle()
    assert answer.status == 200 and await slack_db.kudos() == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


def unhandled_cases():
    mention = {"type": "app_mention", "user": "U_ALICE", "text": f"<@UKODO> {MARKER}", "channel": "C1",
               "ts": "1700000000.000300", "event_ts": "1700000000.000300"}
    suggestion = {"type": "block_suggestion", "team": {"id": "T1"}, "user": {"id": "U_ALICE"}, "action_id": "pick",
                  "block_id": "b1", "value": MARKER, "container": {"type": "view", "view_id": "V1"},
                  "view": {"id": "V1", "type": "modal", "callback_id": "someone_elses"}}
    shortcut = {"type": "shortcut", "callback_id": "another_apps_shortcut", "trigger_id": "t9", "team": {"id": "T1"},
                "user": {"id": "U_ALICE", "name": MARKER}}
    return {"app_mention": (event_body(mention), "application/json", "event app_mention"),
            "block_suggestion": (interactive_body(suggestion), "application/x-www-form-urlencoded",
                                 "block_suggestion"),
            "another app's global shortcut": (interactive_body(shortcut), "application/x-www-form-urlencoded",
                                              "shortcut")}


@pytest.mark.parametrize("case", list(unhandled_cases()))
async def test_a_kind_kodo_does_not_handle_is_one_short_warning_naming_it(slack, caplog, case):
    body, content_type, kind = unhandled_cases()[case]
    answer = await slack.send(body, content_type)
    await slack.settle()
    assert answer.status == 404  # Bolt's answer for a kind no listener takes
    lines = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(lines) == 1, [r.getMessage() for r in lines]
    [line] = lines
    text = line.getMessage()
    assert line.levelno == logging.WARNING and line.exc_info is None
    assert kind in text and "\n" not in text and len(text) < 120 and MARKER not in text, text
    assert await slack.kudos() == [] and slack.api.posted() == []
