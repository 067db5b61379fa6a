"""``kodo doctor`` as an admin runs it (a real process) against a local Slack Web API, a local Entra
ID token endpoint and a real database: every line starts with ok/warn/fail, a missing scope, a
missing emoji or a channel without Kodo fails by name, a complete setup passes, no secret is shown."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from adapters.slack.manifest import SCOPES
from bot.ports import Subscription
from tests.fakes.entra import FakeEntra
from tests.fakes.slack_api import FakeSlackApi

KODO = str(Path(sys.executable).parent / "kodo")
TOKEN, SIGNING, PASSWORD = "xoxb-doctor-secret-token", "doctor-signing-secret", "teams-app-secret-value"
APP_ID = "00000000-0000-0000-0000-00000000d0c0"
EMOJI = {f"kodo{n}": f"https://emoji.slack-edge.com/T1/kodo{n}/0123456789abcdef.png" for n in range(1, 11)}
CHANNELS = {"C-TIPS": {"name": "general", "is_member": True}, "C-ROUND": {"name": "kudos", "is_member": True}}


async def doctor(env: dict, cwd: Path) -> tuple[int, list[str], str]:
    """Runs ``kodo doctor`` without blocking the loop the fakes answer on."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("KODO_", "SLACK_", "MICROSOFT_"))}
    environment.pop("DATABASE_URL", None)
    process = await asyncio.create_subprocess_exec(KODO, "doctor", env={**environment, **env}, cwd=cwd,
                                                   stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode, out.decode().splitlines(), err.decode()


@pytest.fixture
async def slack():
    api = FakeSlackApi(emoji=dict(EMOJI, kodo_alias="alias:kodo1"), channels={k: dict(v) for k, v in CHANNELS.items()})
    await api.start()
    yield api
    await api.stop()


@pytest.fixture
async def entra():
    fake = await FakeEntra({APP_ID: PASSWORD}).start()
    yield fake
    await fake.stop()


@pytest.fixture
async def setup(tmp_path, slack, entra):
    """A database with one subscribed Slack channel, plus one channel from KODO_ROUNDUP_CHANNELS."""
    from storage.db import create_engine, migrate
    from storage.stores import open_stores

    url = f"sqlite+aiosqlite:///{tmp_path}/kodo.db"
    engine = create_engine(url)
    await migrate(engine)
    stores = open_stores(engine)
    await stores.subscriptions.subscribe(Subscription("slack", "C-TIPS", "tips", "ja"))
    await stores.close()
    await engine.dispose()
    return {"DATABASE_URL": url, "SLACK_BOT_TOKEN": TOKEN, "SLACK_SIGNING_SECRET": SIGNING,
            "SLACK_API_URL": slack.url, "KODO_ROUNDUP_CHANNELS": "C-ROUND", "MICROSOFT_APP_ID": APP_ID,
            "MICROSOFT_APP_PASSWORD": PASSWORD, "MICROSOFT_LOGIN_URL": entra.url}


def assert_well_formed(lines: list[str], err: str) -> None:
    assert lines and all(line.split(" ", 1)[0] in ("ok", "warn", "fail") for line in lines), lines
    text = "\n".join(lines) + err
    for secret in (TOKEN, SIGNING, PASSWORD):
        assert secret not in text
    assert "Traceback" not in text


def line(lines: list[str], what: str) -> str:
    [found] = [entry for entry in lines if entry.split(" ", 1)[1].lstrip().startswith(what + ":")]
    return found


async def test_a_complete_setup_passes(setup, tmp_path, slack, entra):
    code, lines, err = await doctor(setup, tmp_path)
    assert_well_formed(lines, err)
    assert code == 0, lines
    assert not [entry for entry in lines if entry.startswith("fail")]
    for what in ("content", "database", "database schema", "slack token", "slack scopes", "slack emoji",
                 "slack channel C-ROUND", "slack channel C-TIPS", "teams token", "time zone", "holidays"):
        assert line(lines, what).startswith("ok "), what
    assert "#general" in line(lines, "slack channel C-TIPS")
    assert [tenant for tenant, _ in entra.requests] == ["botframework.com"]  # a multi-tenant bot's tenant
    assert entra.requests[0][1]["scope"] == "https://api.botframework.com/.default"
    assert [c["channel"] for c in slack.sent("conversations.info")] == ["C-ROUND", "C-TIPS"]
    assert not slack.sent("chat.postMessage")  # a doctor only looks


async def test_a_missing_scope_fails_by_name(setup, tmp_path, slack):
    slack.scopes = [scope for scope in SCOPES if scope != "reactions:read"]
    code, lines, err = await doctor(setup, tmp_path)
    assert_well_formed(lines, err)
    assert code == 1
    scopes = line(lines, "slack scopes")
    assert scopes.startswith("fail") and "reinstall" in scopes
    assert scopes.split("missing ", 1)[1].split(": add", 1)[0] == "reactions:read"


async def test_without_emoji_read_the_scope_and_the_emoji_both_fail_by_name(setup, tmp_path, slack):
    slack.scopes = [scope for scope in SCOPES if scope != "emoji:read"]
    code, lines, err = await doctor(setup, tmp_path)
    assert code == 1 and "missing emoji:read" in line(lines, "slack scopes")
    assert line(lines, "slack emoji").startswith("fail") and "emoji:read" in line(lines, "slack emoji")


async def test_a_missing_emoji_fails_by_name(setup, tmp_path, slack):
    del slack.emoji["kodo7"]
    code, lines, err = await doctor(setup, tmp_path)
    assert_well_formed(lines, err)
    assert code == 1
    emoji = line(lines, "slack emoji")
    assert emoji.startswith("fail") and "kodo7" in emoji and "kodo1," not in emoji and "emoji/" in emoji


async def test_channels_that_are_gone_or_without_kodo_fail_by_name(setup, tmp_path, slack):
    slack.channels["C-TIPS"]["is_member"] = False
    del slack.channels["C-ROUND"]
    code, lines, err = await doctor(setup, tmp_path)
    assert_well_formed(lines, err)
    assert code == 1
    assert line(lines, "slack channel C-TIPS").startswith("fail") and "/invite @Kodo" in line(
        lines, "slack channel C-TIPS")
    assert line(lines, "slack channel C-ROUND").startswith("fail") and "no such channel" in line(
        lines, "slack channel C-ROUND")


async def test_a_revoked_token_and_a_wrong_teams_secret_fail_without_showing_them(setup, tmp_path, slack):
    slack.failing["auth.test"] = "invalid_auth"
    code, lines, err = await doctor({**setup, "MICROSOFT_APP_PASSWORD": "a-wrong-secret-value"}, tmp_path)
    assert_well_formed(lines, err)
    assert "a-wrong-secret-value" not in "\n".join(lines) + err
    assert code == 1
    assert line(lines, "slack token").startswith("fail") and "invalid_auth" in line(lines, "slack token")
    teams = line(lines, "teams token")
    assert teams.startswith("fail") and "invalid_client" in teams and "AADSTS7000215" in teams
    assert "Trace ID" not in teams


async def test_an_old_postgres_schema_fails_and_names_kodo_migrate(tmp_path, pg_admin):
    from tests.fakes.databases import fresh_postgres

    async with fresh_postgres(pg_admin) as url:
        code, lines, err = await doctor({"DATABASE_URL": url}, tmp_path)
    assert_well_formed(lines, err)
    assert code == 1 and "kodo migrate" in line(lines, "database schema")


async def test_a_setting_that_stops_kodo_is_a_failed_check(tmp_path):
    code, lines, err = await doctor({"KODO_TIMEZONE": "Mars/Olympus", "SLACK_BOT_TOKEN": TOKEN}, tmp_path)
    assert_well_formed(lines, err)
    assert code == 1 and lines == [line(lines, "configuration")] and "KODO_TIMEZONE" in lines[0]


async def test_half_set_slack_credentials_fail_by_name(tmp_path):
    code, lines, err = await doctor({"SLACK_BOT_TOKEN": TOKEN}, tmp_path)
    assert_well_formed(lines, err)
    assert code == 1 and "SLACK_SIGNING_SECRET is missing" in line(lines, "slack")
    assert not [entry for entry in lines if "platforms:" in entry]


async def test_without_a_database_file_nothing_is_created(tmp_path):
    code, lines, err = await doctor({}, tmp_path)
    assert_well_formed(lines, err)
    assert code == 0 and line(lines, "database").startswith("warn")
    assert not (tmp_path / "kodo.db").exists()


@pytest.mark.parametrize("closed, words", [((), "and no KODO_CLOSED_DAYS;"),
                                           (("2027-05-06",), "and 1 day in KODO_CLOSED_DAYS;"),
                                           (("2027-05-06", "2027-05-07"), "and 2 days in KODO_CLOSED_DAYS;")])
def test_the_holidays_line_reads_right_with_none_one_and_more_closed_days(closed, words):
    from datetime import date, datetime, timezone

    from bot.config import Settings
    from bot.doctor import calendar_checks

    settings = Settings(closed_days=frozenset(date.fromisoformat(d) for d in closed))
    [_, holidays] = calendar_checks(settings, datetime(2026, 11, 29, 3, tzinfo=timezone.utc))
    assert holidays.status == "ok" and words in holidays.line()
    assert "the year-end break (29 December to 3 January)" in holidays.line()


async def test_with_distribution_every_stored_installation_is_checked_with_its_own_token(tmp_path, slack):
    """One line per workspace: its sealed token opens with KODO_SECRET_KEY and Slack still accepts it;
    a revoked token and a token sealed with a key that is gone fail by workspace; subscribed channels
    are looked at with their own workspace's token."""
    from slack_sdk.oauth.installation_store import Installation

    from storage.db import create_engine, migrate
    from storage.installations import SealedInstallationStore
    from storage.sealing import SecretBox
    from storage.stores import open_stores
    from tests.fakes.slack_api import APP_ID as SLACK_APP, CLIENT_ID, Install

    key, gone = "the-doctor-test-key-0123456789abcdefghij", "a-key-that-is-gone-0123456789abcdefghij"
    url = f"sqlite+aiosqlite:///{tmp_path}/kodo.db"
    engine = create_engine(url)
    await migrate(engine)
    installs = {"T_A": Install("xoxb-a-doctor-token", "T_A", name="Bureau A"),
                "T_B": Install("xoxb-b-doctor-token", "T_B", name="Bureau B"),
                "T_OLD": Install("xoxb-old-doctor-token", "T_OLD", name="Old")}
    for team, install in installs.items():
        slack.prepare(f"code-{team}", install)
        box = SecretBox((gone if team == "T_OLD" else key,))
        await SealedInstallationStore(CLIENT_ID, engine, box).async_save(Installation(
            app_id=SLACK_APP, team_id=team, team_name=install.name, bot_token=install.token, bot_id="BKODO",
            bot_user_id="UKODO", bot_scopes=list(SCOPES), user_id="U_INSTALLER"))
    slack.revoked.add(installs["T_B"].token)
    stores = open_stores(engine)
    await stores.subscriptions.subscribe(Subscription("slack", "C-TIPS", "tips", "ja", "T_A"))
    await stores.subscriptions.subscribe(Subscription("slack", "C-GONE", "tips", "ja", "T_GONE"))
    await stores.close()
    await engine.dispose()
    env = {"DATABASE_URL": url, "SLACK_CLIENT_ID": CLIENT_ID, "SLACK_CLIENT_SECRET": "doctor-client-secret",
           "SLACK_SIGNING_SECRET": SIGNING, "KODO_SECRET_KEY": key, "SLACK_API_URL": slack.url}

    code, lines, err = await doctor(env, tmp_path)
    assert_well_formed(lines, err)
    assert code == 1
    assert line(lines, "slack workspace T_A (Bureau A)").startswith("ok ") and "all 9 granted" in line(
        lines, "slack workspace T_A (Bureau A)")
    assert "token_revoked" in line(lines, "slack workspace T_B (Bureau B)") and line(
        lines, "slack workspace T_B (Bureau B)").startswith("fail")
    old = line(lines, "slack workspace T_OLD (Old)")
    assert old.startswith("fail") and "KODO_SECRET_KEY" in old
    assert line(lines, "slack emoji T_A").startswith("ok ")
    assert line(lines, "slack channel C-TIPS").startswith("ok ")
    assert line(lines, "slack channel C-GONE").startswith("warn") and "not installed" in line(
        lines, "slack channel C-GONE")
    used = {call.token for call in slack.calls}
    assert used == {"xoxb-a-doctor-token", "xoxb-b-doctor-token"}  # the one that does not open is never sent
    text = "\n".join(lines) + err
    assert not any(secret in text for secret in ("xoxb-", key, gone, "doctor-client-secret"))
