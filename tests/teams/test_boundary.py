"""The contract's table for Teams: an activity that is not a JSON object, or lacks what Kodo needs,
gets 400 with one warning and no traceback; ids longer than their columns are refused the same way."""

from __future__ import annotations

import json
import logging

import pytest

from tests.teams.conftest import BOB, message, sqlite_only


def broken(url: str) -> dict:
    good = message(url, "kudos <at>Bob</at> 3 thanks", mentions=[BOB])
    without = lambda key: {k: v for k, v in good.items() if k != key}  # noqa: E731
    mention_as_string = {**good, "entities": [{"type": "mention", "text": "<at>Bob</at>", "mentioned": "29:bob"}]}
    return {
        "null": None, "an array": [good], "a string": "message", "a number": 3,
        "without from": without("from"),
        "without conversation.id": {**good, "conversation": {"conversationType": "channel"}},
        "without recipient": without("recipient"),
        "mentioned as a string": mention_as_string,
        "from.id of 141 characters": {**good, "from": {"id": "29:" + "a" * 138, "name": "A"}},
        "conversation id of 300 characters": {**good, "conversation": {"id": "19:" + "c" * 297}},
        "an invoke without value": {**good, "type": "invoke", "name": "composeExtension/submitAction"},
        "serviceUrl that is not a URL": {**good, "serviceUrl": "file:///etc/passwd"},
        "a message action whose author id has 200 characters": {
            **good, "type": "invoke", "name": "composeExtension/submitAction",
            "value": {"commandId": "give_kudos", "data": {"principle": "3"},
                      "messagePayload": {"id": "1", "from": {"user": {"id": "a" * 200, "displayName": "A"}}}}},
    }


@sqlite_only
@pytest.mark.parametrize("case", list(broken("http://x/")))
async def test_unusable_activities_get_400_and_one_warning(chat, caplog, case):
    response = await chat.client.post("/api/messages", data=json.dumps(broken(chat.connector.url)[case]),
                                      headers={"Content-Type": "application/json"})
    assert response.status == 400
    mine = [r for r in caplog.records if r.name.startswith("adapters")]
    assert len(mine) == 1 and mine[0].levelno == logging.WARNING and mine[0].exc_info is None
    assert [r async for r in chat.rt.stores.kudos.export()] == [] and chat.connector.take() == []
