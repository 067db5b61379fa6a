"""Kodo on Slack: ``mount`` plugs the Bolt app into ``kodo serve``'s one aiohttp application.

Over HTTP, Slack posts every event, command and interaction to ``POST /slack/events``. With
``SLACK_APP_TOKEN`` set, Kodo opens a Socket Mode WebSocket instead (no public URL needed) and the
route is not offered at all, so nothing can reach the bot around the socket. Over HTTP every request
passes ``inbound`` (signature on the raw bytes, then the outer shape) before Bolt sees it, and is
answered within ``ANSWER_WITHIN`` seconds whatever the database does (``failures``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from adapters import network
from adapters.slack.app import build
from adapters.slack.client import web_client
from adapters.slack.deliver import Delivery
from adapters.slack.directory import SlackDirectory
from adapters.slack.failures import Failures
from adapters.slack.inbound import Malformed, envelope, verified
from adapters.slack.listeners import Listeners
from adapters.slack.messages import MESSAGES
from adapters.slack.messenger import SlackMessenger
from adapters.web import ANSWER_WITHIN, PLATFORMS, within
from bot.i18n import register

register("adapters.slack", MESSAGES)  # Slack's own sentences join the catalogue
PATH = "/slack/events"
SHUTDOWN_GRACE = 5.0
log = logging.getLogger(__name__)


@dataclass
class SlackPlatform:
    """What ``app[PLATFORMS]["slack"]`` holds: the scheduler's messenger, and the parts tests inspect."""

    bolt: AsyncApp
    messenger: SlackMessenger
    delivery: Delivery
    socket_mode: bool
    failures: Failures
    secret: str = field(repr=False)

    def place_name(self, column: str, value: str) -> str | None:
        """For the dashboard's filters: what Slack already told Kodo this workspace or channel is called."""
        return self.messenger.directory.place_name(column, value)

    async def handle(self, request: web.Request) -> web.Response:
        raw = await request.read()
        headers = request.headers
        if not verified(raw, headers.get("X-Slack-Request-Timestamp"), headers.get("X-Slack-Signature"), self.secret):
            log.info("slack: refused a request without a valid signature (%d bytes)", len(raw))
            return web.Response(status=401)
        try:
            signed = envelope(raw, headers.get("Content-Type", ""))
        except Malformed as exc:
            log.warning("slack: ignored a signed request: %s", exc)
            return web.Response(status=200)
        try:
            # The body goes to Bolt as the door parsed it, not as text for Bolt to decode and parse
            # again. Bolt takes a parsed body only in its "socket_mode", whose one other effect is to
            # skip Bolt's own signature check: this request's signature is proven above, on its bytes.
            bolt_request = AsyncBoltRequest(body=signed.body, query=request.query_string, headers=headers,
                                            mode="socket_mode")  # type: ignore[arg-type]
            response = await within(self.bolt.async_dispatch(bolt_request), ANSWER_WITHIN)
        except TimeoutError as exc:
            response = self.failures.answer(signed.kind, signed.body, exc)
        except Exception as exc:  # noqa: BLE001 - Bolt's own parsing choked on a signed but odd shape
            log.warning("slack: ignored a signed %s request of an unexpected shape (%s)", signed.kind.value,
                        type(exc).__name__)
            return web.Response(status=200)
        return await to_aiohttp_response(response)


async def mount(app: web.Application, rt) -> SlackPlatform:
    settings = rt.settings
    session = network.session()
    client = web_client(settings.slack_bot_token, settings.slack_api_url, session)
    directory, delivery = SlackDirectory(client), Delivery(client, rt.metrics)
    failures = Failures(directory, delivery, settings.locale)
    platform = SlackPlatform(build(settings, client, Listeners(rt.kodo, directory, delivery), failures),
                             SlackMessenger(client, directory=directory), delivery, bool(settings.slack_app_token),
                             failures, settings.slack_signing_secret or "")
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
