"""The audit log: every admin action and every action on personal data, written with the action
itself, read back by ``kodo audit``. Conversations through the console's core, and the CLI as an
administrator runs it, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import json
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from bot.audit import line
from bot.ports import AuditEntry, Subscription, TOMBSTONE_PREFIX
from tests.fakes.conversation import Conversation
from tests.test_cli import kodo as run_kodo
from tests.test_storage import kudos

REASON = "締切前に丁寧なレビューをしてくれた"


async def entries(stores) -> list[AuditEntry]:
    return [e async for e in stores.audit.audit_entries()]


async def test_subscriptions_are_recorded_with_who_where_and_what(kodo, stores):
    chat = Conversation(kodo, "alice")
    assert "管理者だけ" in await chat.type("/kodo subscribe tips")
    assert await entries(stores) == []  # refused: nothing happened, nothing to record

    await chat.type("/as admin", "/kodo subscribe tips en", "/kodo unsubscribe tips")
    subscribed, unsubscribed = await entries(stores)
    assert (subscribed.platform, subscribed.actor, subscribed.action, subscribed.target, subscribed.detail) == (
        "console", "admin", "subscribe", "#general", {"kind": "tips", "locale": "en"})
    assert (unsubscribed.actor, unsubscribed.action, unsubscribed.target, unsubscribed.detail) == (
        "admin", "unsubscribe", "#general", {"kind": "tips"})
    assert subscribed.at <= unsubscribed.at and subscribed.at.tzinfo is not None


async def test_forget_me_is_recorded_under_the_tombstone_never_the_person(kodo, stores):
    """On a SQLite file this runs beside the group-commit writer, which wrote the kudos."""
    chat = Conversation(kodo, "bob")
    await chat.type("いつもありがとう", "/as admin", "/kodo subscribe roundup", "/as alice", "/react 1 kodo2",
                    f"/kudos @bob 4 {REASON}")
    await chat.type("/as admin", "/kodo forget-me")
    [subscribed, forgot] = await entries(stores)
    tombstone = forgot.actor
    assert tombstone.startswith(TOMBSTONE_PREFIX) and forgot.action == "forget-me" and forgot.target is None
    assert subscribed.actor == tombstone  # the admin's earlier entry names the tombstone too
    await chat.type("/as alice", "/kodo forget-me")
    forgot_alice = (await entries(stores))[-1]
    givers = {r.giver for r in [r async for r in stores.kudos.export()]}
    assert givers == {forgot_alice.actor} and forgot_alice.detail == {"kudos": 2}
    stored = json.dumps([e.__dict__ for e in await entries(stores)], default=str, ensure_ascii=False)
    assert "alice" not in stored and "admin" not in stored and REASON not in stored


async def test_forget_me_while_the_group_commit_writer_is_busy(stores):
    """Kudos keep arriving for others while one person erases themselves: all of them are stored,
    and the person is gone from every row that existed when they asked."""
    await stores.kudos.add_kudos(kudos(giver="alice", receiver="bob", message="C1:0"), 0)
    others = [stores.kudos.add_kudos(kudos(giver=f"U{n}", receiver="bob", message=f"C1:{n}"), 0) for n in range(1, 60)]
    results = await asyncio.gather(stores.me.forget_user("slack", "alice"), *others)
    assert results[0] == {"kudos": 1}
    rows = [r async for r in stores.kudos.export()]
    assert len(rows) == 60 and "alice" not in {r.giver for r in rows}
    [forgot] = await entries(stores)
    assert forgot.actor == rows[0].giver


async def test_a_failed_action_leaves_no_audit_entry_and_a_failed_entry_no_action(stores):
    entry = AuditEntry("slack", "U_BOSS", "subscribe", "C1", {"kind": "tips"})
    with pytest.raises(sa.exc.IntegrityError):  # a subscription without a language: the schema refuses it
        await stores.subscriptions.subscribe(Subscription("slack", "C1", "tips", None), audit=entry)
    assert await entries(stores) == []
    unwritable = AuditEntry("slack", None, "subscribe", "C1", {"kind": "tips"})  # an entry needs an actor
    with pytest.raises(sa.exc.IntegrityError):
        await stores.subscriptions.subscribe(Subscription("slack", "C1", "tips", "ja"), audit=unwritable)
    assert await stores.subscriptions.subscriptions("tips") == [] and await entries(stores) == []


async def test_the_api_hook_records_and_since_filters(stores):
    await stores.audit.record("web", "dashboard-user", "dashboard-sign-in", detail={"via": "token"}, workspace="T1")
    [signed_in] = await entries(stores)
    assert (signed_in.platform, signed_in.workspace, signed_in.actor, signed_in.detail) == (
        "web", "T1", "dashboard-user", {"via": "token"})
    assert [e async for e in stores.audit.audit_entries(datetime(2999, 1, 1, tzinfo=timezone.utc))] == []


def test_a_line_is_time_in_the_zone_who_and_what_with_control_characters_escaped():
    entry = AuditEntry("console", "eve\x1b[2J\nforged", "subscribe", "#general", {"kind": "tips", "locale": "ja"},
                       at=datetime(2026, 11, 29, 0, 30, tzinfo=timezone.utc))
    assert line(entry, ZoneInfo("Asia/Tokyo")) == (
        "2026-11-29 09:30:00 JST  console:eve\\x1b[2J\\nforged  subscribe #general  kind=tips locale=ja")


# ---- the command line ---------------------------------------------------------------------------

@pytest.fixture
def database(db_url, tmp_path):
    """``DATABASE_URL`` for the CLI: SQLite migrates by itself, PostgreSQL is migrated first."""
    env = {"DATABASE_URL": db_url, "KODO_ADMINS": "admin"}
    if not db_url.startswith("sqlite"):
        assert run_kodo("migrate", env=env).returncode == 0
    return env


def test_kodo_audit_shows_subscriptions_exports_and_forget_me(database, tmp_path):
    script = "/kodo subscribe tips en\n/kodo subscribe roundup\nthanks\n/kodo forget-me\n"
    assert run_kodo("console", "--user", "admin", stdin=script, env=database, cwd=tmp_path).returncode == 0
    exported = run_kodo("export", "--format", "json", "--since", "2026-01-01", env=database, cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr

    as_json = run_kodo("audit", "--format", "json", env=database, cwd=tmp_path)
    assert as_json.returncode == 0, as_json.stderr
    log = json.loads(as_json.stdout)
    assert [e["action"] for e in log] == ["subscribe", "subscribe", "forget-me", "export"]
    tombstone = log[2]["actor"]
    assert tombstone.startswith(TOMBSTONE_PREFIX) and {e["actor"] for e in log[:3]} == {tombstone}
    assert log[0]["target"] == "#general" and log[0]["detail"] == {"kind": "tips", "locale": "en"}
    assert (log[3]["platform"], log[3]["detail"]) == ("cli", {"format": "json", "since": "2026-01-01"})
    assert datetime.fromisoformat(log[0]["at"]).utcoffset().total_seconds() == 9 * 3600  # KODO_TIMEZONE
    assert "admin" not in as_json.stdout

    as_text = run_kodo("audit", env={**database, "KODO_TIMEZONE": "UTC"}, cwd=tmp_path)
    lines = as_text.stdout.splitlines()
    assert as_text.returncode == 0 and len(lines) == 4
    assert datetime.strptime(lines[0][:19], "%Y-%m-%d %H:%M:%S") and lines[0][19:].startswith(" UTC  ")
    assert f"console:{tombstone}  subscribe #general  kind=tips locale=en" in lines[0]
    assert lines[3].endswith("export  format=json since=2026-01-01")

    run_kodo("export", env=database, cwd=tmp_path)
    assert run_kodo("audit", env=database, cwd=tmp_path).stdout.splitlines()[-1].endswith("export  format=csv")

    after_today = date.fromordinal(date.today().toordinal() + 2).isoformat()
    later = run_kodo("audit", "--since", after_today, "--format", "json", env=database, cwd=tmp_path)
    assert later.returncode == 0 and json.loads(later.stdout) == []
