"""`kodo slack-manifest`, and `kodo serve` refusing half-set Slack credentials, run as a user would."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys

import aiohttp
import pytest
import yaml

from tests.fakes.slack_api import SIGNING_SECRET, FakeSlackApi, command_body, sign

URL = "https://YOUR-HOST/slack/events"


def clean_env(**env: str) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "MICROSOFT_", "KODO_", "TEAMS_"))}
    return {**inherited, **env}


def kodo(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True, timeout=60,
                          env=clean_env(**env))


def test_manifest_creates_a_working_http_app():
    run = kodo("slack-manifest", KODO_LOCALE="en")
    assert run.returncode == 0, run.stderr
    m = yaml.safe_load(run.stdout)
    features, settings = m["features"], m["settings"]
    commands = {c["command"]: c for c in features["slash_commands"]}
    assert set(commands) == {"/principle", "/kudos", "/kodo"}
    assert all(c["url"] == URL and c["description"] and c["usage_hint"] for c in commands.values())
    assert commands["/kudos"]["should_escape"] is True  # @mentions arrive as <@U…|name>
    shortcut, propose, feature = features["shortcuts"]
    assert (shortcut["type"], shortcut["callback_id"]) == ("message", "give_kudos")
    assert (propose["type"], propose["callback_id"], propose["name"]) == ("message", "propose_improvement",
                                                                          "Propose an improvement")
    assert (feature["type"], feature["callback_id"]) == ("message", "feature_episode")
    assert features["app_home"]["home_tab_enabled"] and features["app_home"]["messages_tab_enabled"]
    assert sorted(settings["event_subscriptions"]["bot_events"]) == [
        "app_home_opened", "channel_archive", "channel_deleted", "channel_left", "group_archive", "group_deleted",
        "group_left", "reaction_added", "reaction_removed", "team_join"]
    assert "users:read" in m["oauth_config"]["scopes"]["bot"]  # what team_join (the welcome) needs
    assert settings["event_subscriptions"]["request_url"] == URL
    assert settings["interactivity"] == {"is_enabled": True, "request_url": URL}
    assert settings["socket_mode_enabled"] is False
    assert sorted(m["oauth_config"]["scopes"]["bot"]) == ["channels:read", "chat:write", "commands", "emoji:read",
                                                          "groups:read", "im:read", "mpim:read", "reactions:read",
                                                          "users:read"]
    assert m["display_information"]["name"] == "Kodo"


def test_socket_mode_manifest_has_no_urls_and_speaks_kodo_locale(monkeypatch, capsys):
    from bot.cli import main

    monkeypatch.setenv("KODO_LOCALE", "ja")
    assert main(["slack-manifest", "--socket-mode"]) == 0
    out = capsys.readouterr().out
    assert "https://" not in out and "称賛を贈る" in out  # allow_unicode: readable Japanese
    m = yaml.safe_load(out)
    assert m["settings"]["socket_mode_enabled"] is True
    assert "request_url" not in m["settings"]["event_subscriptions"]
    assert all("url" not in c for c in m["features"]["slash_commands"])


def test_distribution_manifest_has_the_redirect_url_the_uninstall_events_and_org_deploy():
    run = kodo("slack-manifest", "--distribution", "--org-deploy", KODO_LOCALE="en")
    assert run.returncode == 0, run.stderr
    m = yaml.safe_load(run.stdout)
    assert m["oauth_config"]["redirect_urls"] == ["https://YOUR-HOST/slack/oauth_redirect"]
    assert m["oauth_config"]["scopes"]["bot"] == yaml.safe_load(kodo("slack-manifest").stdout)[
        "oauth_config"]["scopes"]["bot"]  # the same scopes: one app, one or many workspaces
    assert {"app_uninstalled", "tokens_revoked"} <= set(m["settings"]["event_subscriptions"]["bot_events"])
    assert m["settings"]["org_deploy_enabled"] is True and m["settings"]["socket_mode_enabled"] is False
    plain = yaml.safe_load(kodo("slack-manifest", "--distribution").stdout)
    assert plain["settings"]["org_deploy_enabled"] is False
    refused = kodo("slack-manifest", "--org-deploy")
    assert refused.returncode == 2 and "--distribution" in refused.stderr
    both = kodo("slack-manifest", "--distribution", "--socket-mode")
    assert both.returncode == 2


KEY = "a-test-secret-key-0123456789abcdefghijkl"
DISTRIBUTION = {"SLACK_CLIENT_ID": "1111.2222", "SLACK_CLIENT_SECRET": "client-secret-value",
                "SLACK_SIGNING_SECRET": "signing-secret-value"}


@pytest.mark.parametrize("env, says", [
    (DISTRIBUTION, "KODO_SECRET_KEY is missing"),
    ({**DISTRIBUTION, "KODO_SECRET_KEY": "short-secret-value"}, "at least 32 characters"),
    ({**DISTRIBUTION, "KODO_SECRET_KEY": KEY, "SLACK_BOT_TOKEN": "xoxb-secret-value"}, "SLACK_BOT_TOKEN is set beside"),
    ({**DISTRIBUTION, "KODO_SECRET_KEY": KEY, "SLACK_APP_TOKEN": "xapp-secret-value"}, "SLACK_APP_TOKEN is set beside"),
    ({"SLACK_CLIENT_ID": "1111.2222", "KODO_SECRET_KEY": KEY}, "SLACK_CLIENT_SECRET is missing"),
    ({**DISTRIBUTION, "KODO_SECRET_KEY": KEY, "KODO_TIP_CHANNELS": "C1"}, "subscribe channels in chat"),
])
def test_serve_refuses_distribution_without_what_it_needs_in_one_line(tmp_path, env, says):
    run = kodo("serve", DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/kodo.db", PORT="0", **env)
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 1 and len(lines) == 1 and says in lines[0], run.stderr
    assert "secret-value" not in run.stderr and KEY not in run.stderr


async def test_kodo_serve_in_distribution_sends_installers_to_slack(tmp_path):
    from tests.fakes.server import KodoServer

    env = {**DISTRIBUTION, "KODO_SECRET_KEY": KEY, "SLACK_API_URL": "https://slack-gov.example/api/",
           "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/kodo.db"}
    async with KodoServer(env) as server, aiohttp.ClientSession() as http:
        async with http.get(server.url + "/slack/install", allow_redirects=False) as start:
            assert start.status == 302
            assert start.headers["Location"].startswith("https://slack-gov.example/oauth/v2/authorize?")
            assert "client_id=1111.2222" in start.headers["Location"] and "slack-app-oauth-state" in start.cookies
        async with http.get(server.url + "/slack/oauth_redirect?code=x&state=forged", allow_redirects=False) as back:
            assert back.status == 400 and "Kodo を追加できませんでした" in await back.text()
    assert server.troubles() == []
    assert not any(secret in line for line in server.lines for secret in ("client-secret-value", KEY))


@pytest.mark.parametrize("env, missing", [({"SLACK_BOT_TOKEN": "xoxb-secret-value"}, "SLACK_SIGNING_SECRET"),
                                          ({"SLACK_SIGNING_SECRET": "secret-value"}, "SLACK_BOT_TOKEN")])
def test_serve_with_half_set_slack_credentials_fails_in_one_line(tmp_path, env, missing):
    run = kodo("serve", DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/kodo.db", PORT="0", **env)
    assert run.returncode != 0
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and missing in lines[0] and "Traceback" not in run.stderr
    assert "secret-value" not in run.stderr


async def test_kodo_serve_mounts_slack_next_to_healthz(tmp_path):
    """The real `kodo serve` process, pointed at a fake Slack, answers a signed slash command."""
    api = FakeSlackApi(users={"U_BOB": {"locale": "en-US"}})
    await api.start()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", "serve", stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
        env=clean_env(DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/kodo.db", HOST="127.0.0.1", PORT=str(port),
                      SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=api.url))
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(100):
                try:
                    async with http.get(f"http://127.0.0.1:{port}/healthz") as health:
                        assert (await health.json())["platforms"] == ["slack"]
                        break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.1)
            else:
                raise AssertionError(f"kodo serve did not start: {(await proc.stderr.read()).decode()[-2000:]}")
            body = command_body("/principle", "1", "U_BOB")
            async with http.post(f"http://127.0.0.1:{port}/slack/events", data=body,
                                 headers={"Content-Type": "application/x-www-form-urlencoded", **sign(body)}) as resp:
                assert resp.status == 200 and (await resp.json())["response_type"] == "ephemeral"
    finally:
        proc.send_signal(signal.SIGTERM)
        stderr = (await asyncio.wait_for(proc.communicate(), 30))[1].decode()
        await api.stop()
    assert proc.returncode == 0 and "Traceback" not in stderr
    assert "xoxb-test" not in stderr and SIGNING_SECRET not in stderr


def test_the_manifest_and_the_bolt_app_take_their_commands_from_the_features():
    from adapters.slack.app import COMMANDS
    from adapters.slack.manifest import manifest
    from bot.features import REGISTRY

    commands = manifest("en")["features"]["slash_commands"]
    assert [c["command"] for c in commands] == list(COMMANDS) == ["/principle", "/kudos", "/kodo"]
    [kodo] = [c for c in commands if c["command"] == "/kodo"]
    hinted = [part.split(" ")[0] for part in kodo["usage_hint"].split(" | ")]
    typed_after_kodo = [c.word for _, c in REGISTRY.commands() if not c.slash]
    assert hinted == typed_after_kodo + ["help"]  # every word a feature adds, and nothing else
    assert "subscribe tips|roundup|survey|awards [ja|en]" in kodo["usage_hint"]
