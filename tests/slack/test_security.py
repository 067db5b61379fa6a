"""Only Slack gets in: every request must carry a valid, fresh signature over its exact body."""

from __future__ import annotations

import time

import pytest

from tests.fakes.slack_api import event_body, reaction, sign

BODY = event_body(reaction("reaction_added", "U_ALICE", "kodo3", author="U_BOB"))


def forged(case: str) -> tuple[str, dict]:
    match case:
        case "bad signature":
            return BODY, sign(BODY, secret="not-the-secret")
        case "tampered body":
            return BODY.replace("kodo3", "kodo4"), sign(BODY)
        case "timestamp 301 s old":
            return BODY, sign(BODY, timestamp=int(time.time()) - 301)
        case "missing headers":
            return BODY, {}
        case "missing signature":
            return BODY, {k: v for k, v in sign(BODY).items() if k != "X-Slack-Signature"}
    raise AssertionError(case)


@pytest.mark.parametrize("case", ["bad signature", "tampered body", "timestamp 301 s old", "missing headers",
                                  "missing signature"])
async def test_forged_requests_get_401_and_change_nothing(slack, case):
    body, headers = forged(case)
    async with slack.http.post(slack.base + "/slack/events", data=body.encode(),
                               headers={"Content-Type": "application/json", **headers}) as resp:
        assert resp.status == 401
    await slack.settle()
    assert await slack.kudos() == []
    assert slack.api.calls == []  # not even auth.test: nothing reached a listener


async def test_a_fresh_signature_299_s_old_is_accepted(slack):
    headers = sign(BODY, timestamp=int(time.time()) - 299)
    async with slack.http.post(slack.base + "/slack/events", data=BODY.encode(),
                               headers={"Content-Type": "application/json", **headers}) as resp:
        assert resp.status == 200
    assert len(await slack.kudos()) == 1


async def test_url_verification_challenge_is_answered(slack):
    answer = await slack.send('{"token":"legacy","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",'
                              '"type":"url_verification"}', "application/json")
    assert answer.status == 200 and answer.json == {"challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}
