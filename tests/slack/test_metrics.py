"""What an operator's Prometheus reads after real, signed Slack traffic: the counts moved, with
labels that name routes and outcomes, never a person, a channel or a secret."""

from __future__ import annotations

from tests.fakes.slack_api import SIGNING_SECRET, event_body, reaction
from tests.scrape import scrape


async def test_slack_traffic_is_counted_by_route_status_and_outcome(slack):
    on = lambda n: f"1700000000.00010{n}"  # noqa: E731 - a message per kudos
    await slack.event(reaction("reaction_added", "U_ALICE", "kodo3", "U_BOB", ts=on(1)), event_id="Ev1")
    await slack.event(reaction("reaction_added", "U_ALICE", "kodo3", "U_BOB", ts=on(1)), event_id="Ev2")  # again
    await slack.event(reaction("reaction_added", "U_ALICE", "kodo4", "U_ALICE", ts=on(2)), event_id="Ev3")  # own
    await slack.event(reaction("reaction_added", "U_ALICE", "kodo5", "U_ROBOT", ts=on(3)), event_id="Ev4")  # bot
    await slack.event(reaction("reaction_removed", "U_ALICE", "kodo3", "U_BOB", ts=on(1)), event_id="Ev5")
    await slack.event(reaction("reaction_added", "U_ALICE", "kodo3", "U_BOB", ts=on(1)), event_id="Ev6")  # back
    await slack.command("U_CAROL", "/kudos", "<@U_BOB> 2 thanks for the clear notice", channel="C9")
    await slack.command("U_CAROL", "/kudos", "<@U_CAROL> 1")  # to oneself: the answer rides in the ack
    slack.api.failing["chat.postMessage"] = "channel_not_found"
    await slack.command("U_CAROL", "/kudos", "<@U_BOB> 1 from a channel Kodo is not in", channel="C8")
    forged = event_body(reaction("reaction_added", "U_ALICE", "kodo6", "U_BOB"), "Ev7")
    async with slack.http.post(slack.base + "/slack/events", data=forged.encode(), headers={
            "Content-Type": "application/json", "X-Slack-Request-Timestamp": "1", "X-Slack-Signature": "v0=0"}) as r:
        assert r.status == 401
    async with slack.http.get(slack.base + "/users/U_ALICE") as r:  # a path with an id no route serves
        assert r.status == 404

    page = await scrape(slack.base + "/metrics")

    assert page.value("kodo_http_requests_total", route="/slack/events", status="200") == 9
    assert page.value("kodo_http_requests_total", route="/slack/events", status="401") == 1
    assert page.value("kodo_http_requests_total", route="unmatched", status="404") == 1
    assert page.value("kodo_http_request_duration_seconds_count", route="/slack/events") == 10
    recorded = dict(platform="slack", source="reaction")
    assert page.value("kodo_kudos_recorded_total", **recorded, outcome="created") == 1
    assert page.value("kodo_kudos_recorded_total", **recorded, outcome="restored") == 1
    assert page.value("kodo_kudos_recorded_total", platform="slack", source="command", outcome="created") == 2
    assert page.value("kodo_kudos_refused_total", **recorded, reason="duplicate") == 1
    assert page.value("kodo_kudos_refused_total", **recorded, reason="self") == 1
    assert page.value("kodo_kudos_refused_total", **recorded, reason="bot") == 1
    assert page.value("kodo_kudos_refused_total", platform="slack", source="command", reason="self") == 1
    assert page.value("kodo_kudos_revoked_total", platform="slack") == 1
    # the announcement in C9 and the DMs to Bob went out; after Slack started refusing, the last pair failed
    assert page.value("kodo_posts_total", platform="slack", kind="channel", outcome="sent") == 1
    assert page.value("kodo_posts_total", platform="slack", kind="direct", outcome="sent") >= 1
    assert page.value("kodo_posts_total", platform="slack", kind="channel", outcome="failed") == 1
    assert page.value("kodo_posts_total", platform="slack", kind="direct", outcome="failed") == 1
    # the database was timed: the group commit of each kudos, and the reads around it
    assert page.value("kodo_db_statement_duration_seconds_count", statement="commit") >= 4
    assert page.value("kodo_db_statement_duration_seconds_count", statement="select") >= 1
    for private in ("U_ALICE", "U_BOB", "U_CAROL", "U_ROBOT", "C1", "C8", "C9", "1700000000", "xoxb-test",
                    SIGNING_SECRET, "thanks"):
        assert private not in page.text, private


async def test_the_database_is_timed_on_sqlite_and_postgresql(slack_db):
    await slack_db.event(reaction("reaction_added", "U_ALICE", "kodo3", "U_BOB"))
    page = await scrape(slack_db.base + "/metrics")
    timed = lambda kind: page.value("kodo_db_statement_duration_seconds_count", statement=kind)  # noqa: E731
    assert timed("select") >= 1  # the giver's settings
    assert timed("insert") + timed("commit") >= 1  # the kudos: a timed INSERT, or SQLite's group commit
    assert page.value("kodo_db_statement_duration_seconds_sum", statement="select") > 0
