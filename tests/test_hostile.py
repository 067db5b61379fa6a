"""Thousands of generated requests into a real ``kodo serve`` (Slack and Teams mounted, as in
production): unsigned or garbled Slack requests get 401, signed but malformed ones are ignored, Teams
activities that are not usable get 400; none gets a 5xx and none leaves a traceback or an error in
the log (contract: "Requests the server cannot accept").

Hypothesis drives a plain blocking HTTP client from a worker thread while the fakes (Slack Web API,
Bot Connector) keep answering on the test's event loop. Derandomized, so every run tries the same
examples; the figures are printed at the end (``pytest -s``).
"""

from __future__ import annotations

import asyncio
import collections
import json
import sqlite3
import time
from urllib.parse import urlencode

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fakes.bot_connector import FakeBotConnector
from tests.fakes.server import KodoServer
from tests.fakes.slack_api import SIGNING_SECRET, FakeSlackApi, reaction, sign

TRIED = collections.Counter()
FAST = settings(max_examples=400, derandomize=True, deadline=3000, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def examples(n: int):
    return settings(FAST, max_examples=n)


# ---- what strangers and malformed payloads look like ---------------------------------------------

junk = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                max_size=4), max_leaves=12)
user_ids = st.sampled_from(["U_ALICE", "U_BOB", "U_ROBOT", "", "U" * 141, "U\n2026 CRITICAL x"]) | junk
ts_values = st.sampled_from(["1700000000.000100", "", "1" * 271, "1.5e9"]) | junk
emoji = st.sampled_from(["kodo1", "kodo3::skin-tone-2", "kodo99", "thumbsup", ""]) | junk


def maybe(fields: dict) -> st.SearchStrategy:
    """A well-formed object, or one with a field dropped or replaced by junk (its fields may in turn be
    near-misses): the requests a bug or a Slack change would send, not only random noise."""
    whole = st.fixed_dictionaries(fields)

    def spoil(args):
        value, key, drop, replacement = args
        value = dict(value)
        if drop:
            value.pop(key, None)
        else:
            value[key] = replacement
        return value
    spoiled = st.tuples(whole, st.sampled_from(sorted(fields)), st.booleans(), junk).map(spoil)
    return st.one_of(*(st.fixed_dictionaries(fields) for _ in range(3)), spoiled)  # three to one: well-formed


items = maybe({"type": st.sampled_from(["message", "file"]), "channel": st.sampled_from(["C1", "C" * 300]),
               "ts": ts_values})
events = maybe({"type": st.sampled_from(["reaction_added", "reaction_removed", "app_home_opened", "message"]),
                "user": user_ids, "reaction": emoji, "item": items, "item_user": user_ids,
                "tab": st.sampled_from(["home", "messages"]), "event_ts": ts_values})
well_formed = st.builds(
    lambda kind, giver, emoji_, n: {"type": "event_callback", "event_id": f"Ev{n}", "team_id": "T1",
                                    "event": reaction(kind, giver, emoji_, "U_BOB", ts=f"1700000000.{n:06d}")},
    st.sampled_from(["reaction_added", "reaction_removed"]), st.sampled_from(["U_ALICE", "U_CAROL"]),
    st.sampled_from(["kodo1", "kodo3", "kodo10"]), st.integers(0, 999_999))
envelopes = st.one_of(
    well_formed,
    maybe({"type": st.just("event_callback"), "event": events, "event_id": st.text(max_size=10),
           "team_id": st.just("T1"), "authorizations": st.just([{"team_id": "T1", "user_id": "UKODO"}])}),
    junk)
well_formed_commands = st.builds(lambda n: {"command": "/kudos", "user_id": "U_ALICE", "channel_id": "C1",
                                            "text": f"<@U_BOB|bob> 3 thanks {n}", "trigger_id": f"tr{n}",
                                            "team_id": "T1"}, st.integers(0, 999_999))
commands = well_formed_commands | maybe({"command": st.sampled_from(["/kudos", "/kodo", "/principle", "/nope", ""]),
                  "user_id": user_ids.filter(lambda v: isinstance(v, str)),
                  "channel_id": st.sampled_from(["C1", "C" * 300]),
                  "text": st.sampled_from(["<@U_BOB|bob> 3 thanks", "<@" + "U" * 141 + "> 1", "me", "3", ""]),
                  "trigger_id": st.text(max_size=12), "team_id": st.just("T1")})
messages = maybe({"ts": ts_values, "user": user_ids})
metadata = st.sampled_from(['{"c": "C1", "ts": "1700000000.000100", "a": "U_BOB"}', "not json", "[]", "",
                            json.dumps({"c": "C1", "ts": "1" * 271, "a": "U_BOB"})]) | junk.map(json.dumps)
states = st.just({"values": {"principle": {"principle": {"selected_option": {"value": "3"}}},
                             "reason": {"reason": {"value": "thanks"}}}}) | junk
well_formed_submissions = st.builds(
    lambda n: {"type": "view_submission", "user": {"id": "U_ALICE"}, "team": {"id": "T1"},
               "view": {"id": f"V{n}", "type": "modal", "callback_id": "give_kudos",
                        "private_metadata": json.dumps({"c": "C1", "ts": f"1700000001.{n:06d}", "a": "U_BOB"}),
                        "state": {"values": {"principle": {"principle": {"selected_option": {"value": "3"}}}}}}},
    st.integers(0, 999_999))
payloads = st.one_of(
    well_formed_submissions,
    maybe({"type": st.just("message_action"), "callback_id": st.just("give_kudos"), "trigger_id": st.text(max_size=8),
           "user": maybe({"id": user_ids}), "channel": maybe({"id": st.sampled_from(["C1", "C" * 300])}),
           "message": messages, "message_ts": ts_values, "team": st.just({"id": "T1"})}),
    maybe({"type": st.just("view_submission"), "user": maybe({"id": user_ids}), "team": st.just({"id": "T1"}),
           "view": maybe({"id": st.text(max_size=8), "type": st.just("modal"), "callback_id": st.just("give_kudos"),
                          "private_metadata": metadata, "state": states})}),
    junk)
printable = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7e), max_size=70)
headers = st.fixed_dictionaries({}, optional={  # a header is bytes on the wire: any UTF-8, no line breaks
    "X-Slack-Request-Timestamp": st.sampled_from(["abc", "1.5e9", "", "9" * 5000, "-1", "١٢٣".encode()])
    | printable,
    "X-Slack-Signature": st.sampled_from(["", "v0=00", "v0=" + "a" * 64, "v0=é".encode()]) | printable,
    "Content-Type": st.sampled_from(["application/json", "application/x-www-form-urlencoded",
                                     "application/json; charset=bogus", "text/plain"]),
})
raw_bodies = st.sampled_from([b"{", b"[1, 2]", b'"x"', b"[" * 100_000, b"\xff\xfe\x00", b"null", b""]) | st.binary(
    max_size=200)


# ---- the server ------------------------------------------------------------------------------------

@pytest.fixture
async def served(tmp_path):
    api = FakeSlackApi(users={"U_ALICE": {"locale": "ja-JP"}, "U_BOB": {}, "U_CAROL": {}, "U_ROBOT": {"is_bot": True}})
    await api.start()
    connector = await FakeBotConnector().start()
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/kodo.db", "SLACK_BOT_TOKEN": "xoxb-hostile",
           "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": api.url, "TEAMS_ALLOW_UNAUTHENTICATED": "1",
           "KODO_DAILY_KUDOS_LIMIT": "0"}
    try:
        async with KodoServer(env) as server:
            server.connector, server.database = connector, tmp_path / "kodo.db"
            yield server
            await asyncio.sleep(0.5)  # background replies finish and log
        troubles = server.troubles()
        assert not troubles, f"{len(troubles)} log lines with an error or a traceback, e.g.\n" + "\n".join(troubles[:3])
    finally:
        await connector.stop()
        await api.stop()


def post(server: KodoServer, path: str, body: bytes, headers: dict, kind: str) -> int:
    started = time.monotonic()
    status = requests.post(server.url + path, data=body, headers=headers, timeout=10).status_code
    TRIED[kind, "5xx" if status >= 500 else status] += 1
    TRIED["slowest"] = max(TRIED["slowest"], int((time.monotonic() - started) * 1000))
    return status


def signed(body: str, content_type: str) -> dict:
    return {"Content-Type": content_type, **sign(body)}


# ---- Slack ---------------------------------------------------------------------------------------

async def test_slack_answers_hostile_requests_without_5xx_or_tracebacks(served):
    @examples(400)
    @given(body=raw_bodies, hdrs=headers)
    def unsigned(body, hdrs):
        assert post(served, "/slack/events", body, hdrs, "slack unsigned") == 401

    @examples(700)
    @given(envelope=envelopes)
    def signed_events(envelope):
        body = json.dumps(envelope)
        assert post(served, "/slack/events", body.encode(), signed(body, "application/json"), "slack event") < 500

    @examples(400)
    @given(form=commands)
    def signed_commands(form):
        body = urlencode(form)
        status = post(served, "/slack/events", body.encode(), signed(body, "application/x-www-form-urlencoded"),
                      "slack command")
        assert status < 500

    @examples(500)
    @given(payload=payloads)
    def signed_interactions(payload):
        body = urlencode({"payload": json.dumps(payload)})
        status = post(served, "/slack/events", body.encode(), signed(body, "application/x-www-form-urlencoded"),
                      "slack interaction")
        assert status < 500

    @examples(100)
    @given(body=raw_bodies, content_type=st.sampled_from(["application/json", "application/x-www-form-urlencoded"]))
    def signed_garbage(body, content_type):
        hdrs = {"Content-Type": content_type, **sign(body.decode("latin-1"))}
        if body.isascii():
            assert post(served, "/slack/events", body, hdrs, "slack signed garbage") < 500

    for run in (unsigned, signed_events, signed_commands, signed_interactions, signed_garbage):
        await asyncio.to_thread(run)
    with sqlite3.connect(served.database) as db:  # the well-formed ones among them did their work
        sources = dict(db.execute("SELECT source, count(*) FROM kudos GROUP BY source").fetchall())
    assert sources.get("reaction") and sources.get("command") and sources.get("shortcut"), sources


# ---- Teams ---------------------------------------------------------------------------------------

def activities(service_url: str) -> st.SearchStrategy:
    account = maybe({"id": st.sampled_from(["29:alice", "29:bob", "28:bot", "x" * 141]), "name": st.text(max_size=10),
                     "aadObjectId": st.just("aad-1")})
    mention = maybe({"type": st.just("mention"), "text": st.just("<at>Bob</at>"),
                     "mentioned": maybe({"id": st.sampled_from(["29:bob", "29:bob", "y" * 200]),
                                         "name": st.just("Bob")})})
    conversation = maybe({"id": st.sampled_from(["19:general@thread.tacv2;messageid=1", "a:personal", "z" * 300]),
                          "conversationType": st.sampled_from(["channel", "personal", "groupChat"]),
                          "tenantId": st.just("tenant-1")})
    return st.one_of(
        maybe({"type": st.sampled_from(["message", "conversationUpdate", "invoke", "messageReaction", "typing"]),
               "id": st.text(max_size=8), "serviceUrl": st.just(service_url), "channelId": st.just("msteams"),
               "from": account, "recipient": account, "conversation": conversation,
               "text": st.sampled_from(["<at>Bob</at> kudos 3", "kudos <at>Bob</at> 3 thanks", "me", "help"]),
               "entities": st.lists(mention, max_size=2), "locale": st.sampled_from(["ja-JP", "en-US"]),
               "name": st.sampled_from(["composeExtension/fetchTask", "composeExtension/submitAction", "x"]),
               "value": maybe({"commandId": st.just("give_kudos"), "data": maybe({"principle": st.just("3")}),
                               "messagePayload": maybe({"id": st.just("m1"), "from": maybe(
                                   {"user": maybe({"id": st.just("aad-bob"), "displayName": st.just("Bob")})})})}),
               "channelData": maybe({"tenant": maybe({"id": st.just("tenant-1")}), "eventType": st.just("x")}),
               "membersAdded": st.lists(account, max_size=2)}),
        junk)


async def test_teams_answers_hostile_activities_without_5xx_or_tracebacks(served):
    @examples(800)
    @given(activity=activities(served.connector.url))
    def any_activity(activity):
        status = post(served, "/api/messages", json.dumps(activity).encode(), {"Content-Type": "application/json"},
                      "teams activity")
        assert status < 500

    @examples(100)
    @given(body=raw_bodies)
    def garbage(body):
        status = post(served, "/api/messages", body, {"Content-Type": "application/json"}, "teams garbage")
        assert status == 400

    await asyncio.to_thread(any_activity)
    await asyncio.to_thread(garbage)
    assert TRIED["teams activity", 400] and TRIED["teams activity", 201]  # both the refused and the served


def teardown_module():
    tried = sum(n for key, n in TRIED.items() if key != "slowest")
    fives = sum(n for key, n in TRIED.items() if key != "slowest" and key[1] == "5xx")
    print(f"\nhostile requests tried: {tried}, answered 5xx: {fives}, slowest answer: {TRIED['slowest']} ms")
    for key, n in sorted((k, v) for k, v in TRIED.items() if k != "slowest"):
        print(f"  {key[0]:22} {key[1]}: {n}")
