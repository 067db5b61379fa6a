"""Slack retries events and may deliver them late or twice, to any replica: a reaction's adds and
removals count in the order they happened (their own ``event_ts``), never in the order they arrive."""

from __future__ import annotations

from bot.i18n import t
from bot.replies import mention
from tests.fakes.slack_api import reaction


def added(event_ts: str) -> dict:
    return reaction("reaction_added", "U_ALICE", "kodo3", author="U_BOB", event_ts=event_ts)


def removed(event_ts: str) -> dict:
    return reaction("reaction_removed", "U_ALICE", "kodo3", author="U_BOB", event_ts=event_ts)


async def standing(slack) -> bool:
    [row] = await slack.kudos()
    return row.revoked_at is None


async def test_a_redelivered_or_older_event_never_undoes_a_later_one(slack_db):
    slack = slack_db
    assert (await slack.event(added("1700000001.000100"), event_id="EvAdd1")).status == 200
    await slack.event(removed("1700000002.000100"), event_id="EvRemove1")
    assert not await standing(slack)
    revoked_notes = len(slack.api.sent("chat.postEphemeral"))

    # The same add delivered again (a retry, or a replay of the signed body): still revoked.
    answer = await slack.event(added("1700000001.000100"), event_id="EvAdd1", retry=1)
    assert answer.status == 200 and not await standing(slack)
    # Another add that happened before the removal, arriving only now: still revoked.
    await slack.event(added("1700000001.900000"), event_id="EvAdd0")
    assert not await standing(slack)
    assert len(slack.api.sent("chat.postMessage")) == 1  # Bob's DM for the first add, nothing since

    # Added again after the removal: the kudos stands again.
    await slack.event(added("1700000003.000000"), event_id="EvAdd2")
    assert await standing(slack)
    # A removal older than that add, arriving late, and the first removal redelivered: no revoke.
    await slack.event(removed("1700000002.500000"), event_id="EvRemoveLate")
    await slack.event(removed("1700000002.000100"), event_id="EvRemove1", retry=2)
    assert await standing(slack)
    assert len(slack.api.sent("chat.postEphemeral")) == revoked_notes  # nobody was told "revoked" again


async def test_a_removal_delivered_after_the_next_add_does_not_revoke(slack_db):
    """Added, removed, added again; Slack's first try of the removal failed and its retry comes last."""
    slack = slack_db
    await slack.event(added("1700000001.000000"), event_id="EvAdd1")
    await slack.event(added("1700000003.000000"), event_id="EvAdd2")  # the kudos already stands: no change
    await slack.event(removed("1700000002.000000"), event_id="EvRemove1", retry=1)
    assert await standing(slack)
    await slack.event(removed("1700000004.000000"), event_id="EvRemove2")
    assert not await standing(slack)
    assert slack.api.sent("chat.postEphemeral")[-1]["text"] == t("kudos.revoked", "ja", receiver=mention("U_BOB"),
                                                                 number=3)


async def test_an_add_delivered_after_a_later_removal_of_a_revoked_kudos_does_not_restore(slack_db):
    """Removed (t2), then added (t3) and removed (t4), the add's delivery coming last."""
    slack = slack_db
    await slack.event(added("1700000001.000000"), event_id="EvAdd1")
    await slack.event(removed("1700000002.000000"), event_id="EvRemove1")
    await slack.event(removed("1700000004.000000"), event_id="EvRemove2")  # already revoked: no change
    await slack.event(added("1700000003.000000"), event_id="EvAdd2", retry=1)
    assert not await standing(slack)


async def test_the_same_event_id_reaching_another_replica_counts_once(slack_db):
    """Two replicas share the database. Add and removal carry the same time here, so only the
    event's id can tell that the add arriving at the second replica was handled already."""
    from tests.slack.conftest import slack_world

    slack = slack_db
    await slack.event(added("1700000001.000000"), event_id="EvAdd1")
    await slack.event(removed("1700000001.000000"), event_id="EvRemove1")
    async with slack_world(slack.rt.settings.database_url) as other:
        answer = await other.event(added("1700000001.000000"), event_id="EvAdd1", retry=1)
        assert answer.status == 200 and not await standing(other)
        await other.event(added("1700000001.000000"), event_id="EvAdd2")  # a new event: it counts
        assert await standing(other)


async def test_an_add_whose_first_delivery_failed_stays_out_when_its_removal_came_first(slack_db):
    """The add's first delivery failed (say the database was away) and Slack retries it after the
    removal was handled: the kudos is on record as revoked, and a later add brings it back."""
    slack = slack_db
    await slack.event(removed("1700000002.000000"), event_id="EvRemove1")
    await slack.event(added("1700000001.000000"), event_id="EvAdd1", retry=1)
    [row] = await slack.kudos()
    assert (row.giver, row.receiver, row.principle, row.source) == ("U_ALICE", "U_BOB", 3, "reaction")
    assert row.revoked_at is not None and slack.api.posted() == []
    await slack.event(added("1700000003.000000"), event_id="EvAdd2")
    assert await standing(slack)


async def test_removing_a_reaction_that_could_never_count_stores_nothing(slack):
    for author in ("U_ALICE", "U_ROBOT"):  # her own message; a bot's
        await slack.event(reaction("reaction_removed", "U_ALICE", "kodo3", author=author), event_id=f"Ev{author}")
    assert await slack.kudos() == []
