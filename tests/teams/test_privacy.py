"""Where a reason may travel in Teams: kudos in standard channels of two teams, a channel the
team's channel list does not name (private or shared), a group chat and a 1:1 chat, sent as Teams
sends them; then the Friday roundup posted by the scheduler. A standard channel's words may go to
the standard channels of the same team, nowhere else; everything else stays where it was said."""

from __future__ import annotations

import pytest

from bot.wiring import scheduler_deps
from scheduler import jobs
from tests.teams.conftest import ADMIN, ALICE, BOB, CHANNEL, TEAM, message

OTHER = "19:other@thread.tacv2"  # another standard channel of the same team
SECRET = "19:secret@thread.tacv2"  # in the team, but not on its channel list: private or shared
TEAM_B, B_CHANNEL = "19:team-b@thread.tacv2", "19:b-general@thread.tacv2"
GROUP = "19:group-chat@thread.v2"


def group_chat(service_url: str, text: str, user: dict) -> dict:
    activity = message(service_url, text, user, conversation=GROUP, mentions=[BOB])
    activity["conversation"] = {"id": GROUP, "conversationType": "groupChat", "tenantId": activity["conversation"]
                                ["tenantId"], "isGroup": True}
    activity["channelData"] = {"tenant": activity["channelData"]["tenant"]}
    return activity


@pytest.fixture
async def roundups(chat, clock):
    chat.connector.teams[TEAM].append({"id": OTHER, "name": "Other"})
    chat.connector.teams[TEAM_B] = [{"id": B_CHANNEL}]
    url = chat.connector.url
    givers = iter([ALICE, ADMIN] * 4)  # within the daily limit
    for where, activity in {
        "in-channel": lambda who, text: message(url, text, who, mentions=[BOB]),
        "in-other": lambda who, text: message(url, text, who, mentions=[BOB], conversation=OTHER),
        "in-secret": lambda who, text: message(url, text, who, mentions=[BOB], conversation=SECRET),
        "in-team-b": lambda who, text: message(url, text, who, mentions=[BOB], conversation=B_CHANNEL, team=TEAM_B),
        "in-group": lambda who, text: group_chat(url, text, who),
        "in-personal": lambda who, text: message(url, text, who, mentions=[BOB], personal=True),
    }.items():
        status, _ = await chat.post(activity(next(givers), f"kudos <at>Bob</at> 6 said {where}"))
        assert status == 201
    stored = {row.reason: row.visibility async for row in chat.rt.stores.kudos.export()}
    assert stored == {"said in-channel": "public", "said in-other": "public", "said in-secret": "private",
                      "said in-team-b": "public", "said in-group": "group", "said in-personal": "direct"}
    for conversation, team in ((CHANNEL, TEAM), (SECRET, TEAM), (B_CHANNEL, TEAM_B)):
        status, _ = await chat.post(message(url, "kodo subscribe roundup en", ADMIN, conversation=conversation,
                                            team=team))
        assert status == 201
    chat.connector.take()
    clock.set("2026-11-27T17:00:00+09:00")
    outcomes = await jobs.run(scheduler_deps(chat.rt, {"teams": chat.teams.messenger}), clock.now())
    assert {o.status for o in outcomes} == {"sent"}
    posts = {s.conversation: s.texts() for s in chat.connector.take()}
    return {channel: {where for where in ("channel", "other", "secret", "team-b", "group", "personal")
                      if f"said in-{where}" in text} | ({"#counts"} if "6 kudos in all" in text else set())
            for channel, text in posts.items()}


async def test_a_standard_channel_shows_its_teams_standard_channels_words_only(roundups):
    assert roundups[CHANNEL] == {"#counts", "channel", "other"}


async def test_another_team_sees_its_own_words_only(roundups):
    assert roundups[B_CHANNEL] == {"#counts", "team-b"}


async def test_a_channel_not_on_the_list_sees_only_its_own_words(roundups):
    assert roundups[SECRET] == {"#counts", "secret"}


async def test_the_channel_list_is_asked_once_per_team(chat, roundups):
    assert chat.connector.channel_lists == 2


async def test_a_team_whose_channel_list_cannot_be_read_counts_as_private(chat):
    del chat.connector.teams[TEAM]  # the connector answers 404
    for text in ("kudos <at>Bob</at> 6 one", "kudos <at>Bob</at> 6 two"):
        status, _ = await chat.post(message(chat.connector.url, text, ALICE, mentions=[BOB]))
        assert status == 201
    assert [row.visibility async for row in chat.rt.stores.kudos.export()] == ["private", "private"]
    assert chat.connector.channel_lists == 1  # asked once, not on every message


async def test_the_dashboard_may_call_a_standard_channel_by_the_name_teams_listed(chat, roundups):
    """Names for the dashboard's filters: a standard channel's, as listed; not the private one, not
    the General channel (listed without a name), and never a tenant's (Kodo is not told them)."""
    assert chat.teams.place_name("channel", OTHER) == "Other"
    assert chat.teams.place_name("channel", SECRET) is None and chat.teams.place_name("channel", B_CHANNEL) is None
    assert chat.teams.place_name("workspace", TEAM) is None
