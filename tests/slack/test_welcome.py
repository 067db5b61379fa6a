"""The welcome on Slack: signed ``team_join`` events into the real Bolt app. A person gets one
direct message in their language; a redelivery, a second event or a second replica sends nothing
more; bots never, guests only with ``KODO_WELCOME_GUESTS=on``; a refused DM is one log line. A
burst of 200 joins is welcomed exactly once each, with Slack's 429 and ``Retry-After`` honoured."""

from __future__ import annotations

from collections import defaultdict

from tests.fakes.slack_api import event_body
from tests.slack.conftest import slack_world
from tests.slack.test_choices import valid


def team_join(user: str, locale: str | None = "en-US", **flags) -> dict:
    """A ``team_join`` event as Slack sends it (the user object of users.info)."""
    person = {"id": user, "team_id": "T1", "name": user.lower(), "deleted": False, "is_bot": False,
              "is_app_user": False, "is_restricted": False, "is_ultra_restricted": False,
              "profile": {"real_name": user.title(), "display_name": ""}, **flags}
    if locale:
        person["locale"] = locale
    return {"type": "team_join", "user": person, "event_ts": "1700000000.000100"}


def dms(slack, user: str) -> list[dict]:
    return [p for p in slack.api.sent("chat.postMessage") if p["channel"] == user]


async def test_a_newcomer_gets_one_direct_message_in_their_language(slack, tokyo):
    assert (await slack.event(team_join("U_NEW", "en-US"), "Ev1")).status == 200
    [dm] = dms(slack, "U_NEW")
    assert dm["text"].startswith("■ Welcome!") and tokyo.name["en"] in dm["text"]
    blocks = valid(dm["blocks"])
    [actions] = [b for b in blocks if b["type"] == "actions"]
    assert [b["value"] for b in actions["elements"]] == ["tip", "quiz"]
    assert ":kodo3:" not in dm["text"] and "/principle 3" in dm["text"]  # Slack's own words

    assert (await slack.event(team_join("U_NEW", "en-US"), "Ev1", retry=1)).status == 200  # Slack's retry
    assert (await slack.event(team_join("U_NEW", "en-US"), "Ev2")).status == 200  # another event, same person
    assert len(dms(slack, "U_NEW")) == 1

    await slack.event(team_join("U_NIHON", "ja-JP"), "Ev3")
    [ja] = dms(slack, "U_NIHON")
    assert ja["text"].startswith("■ ようこそ！") and tokyo.name["ja"] in ja["text"]


async def test_bots_and_guests_are_not_welcomed_unless_guests_are_on(slack, tmp_path):
    await slack.event(team_join("U_BOT", is_bot=True), "Ev1")
    await slack.event(team_join("U_APP", is_app_user=True), "Ev2")
    await slack.event(team_join("U_GUEST", is_restricted=True), "Ev3")
    await slack.event(team_join("U_SINGLE", is_ultra_restricted=True), "Ev4")
    await slack.event(team_join("U_GONE", deleted=True), "Ev5")
    assert slack.api.sent("chat.postMessage") == []
    async with slack_world(f"sqlite+aiosqlite:///{tmp_path}/guests.db",
                           options={"KODO_WELCOME_GUESTS": True}) as guests:
        await guests.event(team_join("U_GUEST", is_restricted=True), "Ev3")
        await guests.event(team_join("U_BOT", is_bot=True), "Ev1")
        assert [p["channel"] for p in guests.api.sent("chat.postMessage")] == ["U_GUEST"]


async def test_welcome_off_sends_nothing(tmp_path):
    async with slack_world(f"sqlite+aiosqlite:///{tmp_path}/off.db", options={"KODO_WELCOME": False}) as slack:
        assert (await slack.event(team_join("U_NEW"), "Ev1")).status == 200
        assert slack.api.sent("chat.postMessage") == []


async def test_a_refused_direct_message_is_one_log_line(slack, caplog):
    slack.api.failing["chat.postMessage"] = "cannot_dm_bot"
    assert (await slack.event(team_join("U_NEW"), "Ev1")).status == 200
    lines = [r for r in caplog.records if "could not deliver" in r.getMessage()]
    assert len(lines) == 1 and "cannot_dm_bot" in lines[0].getMessage() and "Traceback" not in caplog.text


async def test_two_replicas_hearing_of_one_person_welcome_them_once(slack_db, db_url):
    """The same database, a second Kodo serving beside the first (the event delivered to each)."""
    async with slack_world(db_url, api=slack_db.api) as other:
        await slack_db.event(team_join("U_NEW"), "Ev1")
        await other.event(team_join("U_NEW"), "Ev1")
    assert len(dms(slack_db, "U_NEW")) == 1


async def test_a_burst_of_200_joins_is_welcomed_exactly_once_each_within_slacks_rate_limits(slack):
    """An intake joining on 1 April: Slack answers the first 80 posts with 429 and ``Retry-After: 1``;
    each is sent again no sooner than Slack asked, and nobody is dropped or welcomed twice."""
    slack.api.rate_limited["chat.postMessage"] = 80
    people = [f"U_NEW{n:03d}" for n in range(200)]
    retried = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    for n, person in enumerate(people):  # as fast as Slack sends them, without waiting for the DMs
        assert (await slack.send(event_body(team_join(person), f"Ev{n}"), "application/json")).status == 200
    for n, person in enumerate(people[:50]):  # some delivered again: nothing more
        assert (await slack.send(event_body(team_join(person), f"Ev{n}"), "application/json", retried)).status == 200
    await slack.settle()
    calls = defaultdict(list)
    for call in slack.api.calls:
        if call.method == "chat.postMessage":
            calls[call.params["channel"]].append(call)
    assert sorted(calls) == people
    assert sum(1 for c in slack.api.calls if c.method == "chat.postMessage" and c.status == 429) == 80
    for person, tries in calls.items():
        assert [c.status for c in tries][-1:] == [200] and [c.status for c in tries].count(200) == 1, person
        for refused, then in zip(tries, tries[1:]):
            assert refused.status == 429 and then.at - refused.at >= 1.0, person  # Retry-After honoured
