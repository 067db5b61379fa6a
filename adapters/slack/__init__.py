"""Kodo on Slack: ``mount`` plugs the Bolt app into ``kodo serve``'s one aiohttp application.

Over HTTP, Slack posts every event, command and interaction to ``POST /slack/events``. With
``SLACK_APP_TOKEN`` set, Kodo opens a Socket Mode WebSocket instead (no public URL needed) and the
route is not offered at all, so nothing can reach the bot around the socket.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import ClientSession, web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

from adapters.slack.app import build
from adapters.slack.client import web_client
from adapters.slack.deliver import Delivery
from adapters.slack.directory import SlackDirectory
from adapters.slack.listeners import Listeners
from adapters.slack.messenger import SlackMessenger
from adapters.web import PLATFORMS

PATH = "/slack/events"
SHUTDOWN_GRACE = 5.0


@dataclass
class SlackPlatform:
    """What ``app[PLATFORMS]["slack"]`` holds: the scheduler's messenger, and the parts tests inspect."""

    bolt: AsyncApp
    messenger: SlackMessenger
    delivery: Delivery
    socket_mode: bool

    async def handle(self, request: web.Request) -> web.Response:
        return await to_aiohttp_response(await self.bolt.async_dispatch(await to_bolt_request(request)))


async def mount(app: web.Application, rt) -> SlackPlatform:
    settings = rt.settings
    session = ClientSession()
    client = web_client(settings.slack_bot_token, settings.slack_api_url, session)
    directory, delivery = SlackDirectory(client), Delivery(client, rt.metrics)
    platform = SlackPlatform(build(settings, client, Listeners(rt.kodo, directory, delivery)),
                             SlackMessenger(client, directory=directory), delivery, bool(settings.slack_app_token))
    if platform.socket_mode:
        from adapters.slack.socket import SocketMode

        socket = SocketMode(platform.bolt, settings.slack_app_token, client)
        app.on_startup.append(socket.start)
        app.on_cleanup.append(socket.stop)
    else:
        app.router.add_post(PATH, platform.handle)

    async def close(_app: web.Application) -> None:
        await delivery.close(SHUTDOWN_GRACE)
        await session.close()

    app.on_cleanup.append(close)
    app[PLATFORMS]["slack"] = platform
    return platform
