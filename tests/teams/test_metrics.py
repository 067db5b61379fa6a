"""Teams activities, as Teams posts them, counted on ``GET /metrics``: route, outcome, no person."""

from __future__ import annotations

from tests.scrape import scrape
from tests.teams.conftest import ALICE, BOB, CHANNEL, TENANT, sqlite_only


@sqlite_only
async def test_teams_activities_are_counted_without_naming_anyone(chat):
    await chat.say("kudos <at>Bob</at> 3 made the form work for everyone", mentions=[BOB])
    await chat.say("kudos <at>Alice</at> 3 me", mentions=[ALICE])
    chat.connector.fail(500)  # the next reply does not get through: the turn apologises instead
    await chat.say("principle 3")
    status, _ = await chat.post({"type": "message", "text": "no service url"})
    assert status == 400

    page = await scrape(str(chat.client.make_url("/metrics")))

    assert page.value("kodo_http_requests_total", route="/api/messages", status="201") == 3
    assert page.value("kodo_http_requests_total", route="/api/messages", status="400") == 1
    assert page.value("kodo_kudos_recorded_total", platform="teams", source="command", outcome="created") == 1
    assert page.value("kodo_kudos_refused_total", platform="teams", source="command", reason="self") == 1
    assert page.value("kodo_posts_total", platform="teams", kind="channel", outcome="sent") == 1
    assert page.value("kodo_posts_total", platform="teams", kind="direct", outcome="sent") == 1
    assert page.value("kodo_posts_total", platform="teams", kind="private", outcome="failed") == 1
    for private in ("alice", "bob", "Alice", "Bob", CHANNEL, TENANT, "19:", "29:", "form work"):
        assert private not in page.text, private
