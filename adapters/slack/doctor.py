"""``kodo doctor``'s Slack checks, asked of Slack itself: the token (``auth.test``), the scopes it was
granted (the ``x-oauth-scopes`` header Slack puts on every Web API answer), the pack's emoji
(``emoji.list``), every subscribed channel (``conversations.info``: there, not archived, Kodo in it),
and the Socket Mode app token (``apps.connections.open``). The scopes wanted are the manifest's own
list, so the doctor and ``kodo slack-manifest`` can never disagree."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters import network
from adapters.slack.client import FAILURES, web_client, why
from adapters.slack.manifest import SCOPES
from bot.doctor import Check, fail, ok, warn
from content.model import Pack

REINSTALL = "add them under OAuth & Permissions → Bot Token Scopes (or recreate the app from `kodo slack-manifest`) " \
            "and reinstall the app"


async def slack_checks(settings, pack: Pack, channels: list[str]) -> list[Check]:
    async with network.session() as session:
        client = web_client(settings.slack_bot_token, settings.slack_api_url, session)
        try:
            auth = await client.auth_test()
        except SlackApiError as exc:
            return [fail("slack token", f"auth.test refused SLACK_BOT_TOKEN ({why(exc)}): copy the Bot User OAuth "
                                        "Token (xoxb-…) from OAuth & Permissions")]
        except FAILURES as exc:
            return [fail("slack", f"cannot reach the Slack Web API at {settings.slack_api_url} ({why(exc)})")]
        checks = [ok("slack token", f"valid: bot @{auth.get('user')} in {auth.get('team') or auth.get('team_id')}"),
                  _scopes(auth.headers), await _emoji(client, pack)]
        checks += [await _channel(client, channel) for channel in channels]
        if settings.slack_app_token:
            checks.append(await _socket_mode(client, settings.slack_app_token))
    return checks


def _scopes(headers) -> Check:
    value = next((v for k, v in headers.items() if k.lower() == "x-oauth-scopes"), None)
    if value is None:
        return warn("slack scopes", "Slack did not say which scopes the token has (no x-oauth-scopes header)")
    granted = {scope.strip() for scope in value.split(",")}
    missing = [scope for scope in SCOPES if scope not in granted]
    if missing:
        return fail("slack scopes", f"missing {', '.join(missing)}: {REINSTALL}")
    return ok("slack scopes", f"all {len(SCOPES)} granted ({', '.join(SCOPES)})")


async def _emoji(client: AsyncWebClient, pack: Pack) -> Check:
    wanted = [pack.emoji_for(n) for n in range(1, pack.size + 1)]
    try:
        listed = (await client.emoji_list()).get("emoji") or {}
    except SlackApiError as exc:
        return fail("slack emoji", f"emoji.list refused ({why(exc)}): it needs the scope emoji:read")
    except FAILURES as exc:
        return fail("slack emoji", f"emoji.list failed ({why(exc)})")
    missing = [name for name in wanted if name not in listed]
    if missing:
        return fail("slack emoji", f"not uploaded: {', '.join(missing)}: add them as custom emoji (Customize "
                                   f"workspace → Emoji), images in {pack.folder}/emoji/")
    return ok("slack emoji", f"all {len(wanted)} uploaded ({wanted[0]} … {wanted[-1]})")


async def _channel(client: AsyncWebClient, channel: str) -> Check:
    what = f"slack channel {channel}"
    try:
        info = (await client.conversations_info(channel=channel)).get("channel") or {}
    except SlackApiError as exc:
        if why(exc) == "channel_not_found":
            return fail(what, "subscribed, but Slack has no such channel (or Kodo may not see it): "
                              "unsubscribe it or fix KODO_TIP_CHANNELS / KODO_ROUNDUP_CHANNELS")
        return fail(what, f"conversations.info refused ({why(exc)})")
    except FAILURES as exc:
        return fail(what, f"conversations.info failed ({why(exc)})")
    name = f"#{info.get('name')}" if info.get("name") else channel
    if info.get("is_archived"):
        return fail(what, f"{name} is archived: unsubscribe it")
    if not info.get("is_member"):
        return fail(what, f"Kodo is not in {name}: type /invite @Kodo there")
    return ok(what, f"{name}, Kodo is a member")


async def _socket_mode(client: AsyncWebClient, app_token: str) -> Check:
    try:
        await client.apps_connections_open(app_token=app_token)
    except SlackApiError as exc:
        return fail("slack socket mode", f"apps.connections.open refused SLACK_APP_TOKEN ({why(exc)}): create an "
                                         "app-level token (xapp-…) with connections:write")
    except FAILURES as exc:
        return fail("slack socket mode", f"apps.connections.open failed ({why(exc)})")
    return ok("slack socket mode", "SLACK_APP_TOKEN opens a connection")
