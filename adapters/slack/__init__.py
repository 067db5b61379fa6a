"""Kodo on Slack: ``mount`` plugs the Bolt app into ``kodo serve``'s one aiohttp application.

Over HTTP, Slack posts every event, command and interaction to ``POST /slack/events``. With
``SLACK_APP_TOKEN`` set, Kodo opens a Socket Mode WebSocket instead (no public URL needed) and the
route is not offered at all, so nothing can reach the bot around the socket. Over HTTP every request
passes ``inbound`` (signature on the raw bytes, then the outer shape) before Bolt sees it, and is
answered within ``ANSWER_WITHIN`` seconds whatever the database does (``failures``).

With ``SLACK_BOT_TOKEN`` Kodo serves one workspace with that token. With distribution
(``SLACK_CLIENT_ID``…) it serves every workspace that installs it through ``GET /slack/install``,
each request and each post with its own installation's token (``workspaces``, ``installs``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from adapters import network
from adapters.background import SHUTDOWN_GRACE
from adapters.slack.app import build
from adapters.slack.client import web_client
from adapters.slack.deliver import Delivery
from adapters.slack.failures import Failures
from adapters.slack.inbound import Malformed, envelope, verified
from adapters.slack.installs import Installs
from adapters.slack.listeners import Listeners
from adapters.slack.messages import MESSAGES
from adapters.slack.messenger import SlackMessenger
from adapters.slack.workspaces import Installations, OneWorkspace, Posts
from adapters.web import ANSWER_WITHIN, PLATFORMS, within
from bot.i18n import register
from storage.installations import SealedInstallationStore
from storage.sealing import SecretBox

register("adapters.slack", MESSAGES)  # Slack's own sentences join the catalogue
PATH = "/slack/events"
log = logging.getLogger(__name__)


@dataclass
class SlackPlatform:
    """What ``app[PLATFORMS]["slack"]`` holds: the scheduler's messenger, and the parts tests inspect."""

    bolt: AsyncApp
    messenger: SlackMessenger | Posts  # Posts: distribution, a messenger per installation
    delivery: Delivery
    socket_mode: bool
    failures: Failures
    secret: str = field(repr=False)
    workspaces: OneWorkspace | Installations | None = None

    def place_name(self, column: str, value: str) -> str | None:
        """For the dashboard's filters: what Slack already told Kodo this workspace or channel is called."""
        return self.workspaces.place_name(column, value) if self.workspaces else None

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


def workspaces_of(rt, session=None):
    """``OneWorkspace`` for SLACK_BOT_TOKEN; else ``Installations`` over the sealed installation store.
    ``session``: an aiohttp session from ``network.quiet_session`` (None: slack_sdk opens one per call)."""
    settings = rt.settings
    if not settings.slack_distribution:
        return OneWorkspace(web_client(settings.slack_bot_token, settings.slack_api_url, session))
    store = SealedInstallationStore(settings.slack_client_id, rt.engine, SecretBox(settings.secret_keys))
    return Installations(store, settings.slack_api_url, session)


async def mount(app: web.Application, rt) -> SlackPlatform:
    settings = rt.settings
    # Every Web API call names its proxy (``web_client``), and so does a response_url's POST
    # (``Delivery``): a session that read the environment again for each request (``trust_env``)
    # would cost every outbound call two worker-thread hops.
    session = network.quiet_session()
    workspaces, delivery = workspaces_of(rt, session), Delivery(rt.metrics)
    failures = Failures(workspaces, delivery, settings.locale)
    listeners = Listeners(rt.kodo, workspaces, delivery)
    installs = None if isinstance(workspaces, OneWorkspace) else Installs(workspaces.store, rt.engine, workspaces,
                                                                           rt.stores.audit.record)
    client = workspaces.client
    platform = SlackPlatform(build(settings, client, listeners, failures, installs), workspaces.posts, delivery,
                             bool(settings.slack_app_token), failures, settings.slack_signing_secret or "", workspaces)
    if installs is not None:
        installs.mount(app, platform.bolt.oauth_flow)
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
