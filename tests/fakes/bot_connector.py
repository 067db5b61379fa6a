"""A local Bot Connector: the ``serviceUrl`` of test activities. Records every activity Kodo sends,
creates 1:1 conversations, answers member look-ups and teams' channel lists, and can be told to
fail (429, 502…)."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass
from ssl import SSLContext

from aiohttp import web
from botframework.connector.auth import MicrosoftAppCredentials, PasswordServiceClientCredentialFactory


class NoCredentials(PasswordServiceClientCredentialFactory):
    """Checks the app id like the real factory but signs outgoing calls with nothing, so no test
    ever asks Entra ID for a token."""

    async def create_credentials(self, app_id, oauth_scope, login_endpoint, validate_authority):
        return MicrosoftAppCredentials.empty()


@dataclass
class Sent:
    conversation: str
    reply_to: str | None
    activity: dict
    size: int = 0  # bytes of the request body, as it came over the wire

    def texts(self) -> str:
        """Everything a person would read: the card's text blocks and facts, one per line."""
        out = []
        for attachment in self.activity.get("attachments") or []:
            for element in attachment["content"].get("body", []):
                if element["type"] == "TextBlock":
                    out.append(element["text"])
                out += [f"{f['title']}: {f['value']}" for f in element.get("facts", [])]
        return "\n".join(out)


class FakeBotConnector:
    def __init__(self):
        self.sent: list[Sent] = []
        self.updated: list[Sent] = []  # activities replaced (PUT), ``reply_to`` holding the replaced id
        self.created: list[dict] = []
        self.members: dict[str, dict] = {}  # object id -> member, for GET .../members/{id}
        # team id -> its standard channels ({"id", "name"}; the General channel's id is the team's
        # and it has no name), for GET /v3/teams/{id}/conversations. An unknown team: 404.
        self.teams: dict[str, list[dict]] = {}
        self.channel_lists = 0  # how often a channel list was asked for
        self.failures: list[tuple[int, str | None]] = []  # (status, Retry-After) for the next posts
        self.authorizations: list[str | None] = []  # the Authorization header of every post, in order
        self.delay = 0.0  # seconds each post and each new conversation takes, as across a network
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.url = ""

    async def start(self, ssl: SSLContext | None = None) -> "FakeBotConnector":
        """Serves on 127.0.0.1; with ``ssl``, over HTTPS (``tests.fakes.tls``)."""
        app = web.Application()
        app.router.add_post("/v3/conversations", self._create)
        app.router.add_post("/v3/conversations/{conversation}/activities", self._post)
        app.router.add_post("/v3/conversations/{conversation}/activities/{reply_to}", self._post)
        app.router.add_put("/v3/conversations/{conversation}/activities/{activity}", self._update)
        app.router.add_get("/v3/conversations/{conversation}/members/{member}", self._member)
        app.router.add_get("/v3/teams/{team}/conversations", self._channels)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0, ssl_context=ssl)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]
        self.url = f"{'https' if ssl else 'http'}://127.0.0.1:{self.port}/"
        return self

    async def stop(self) -> None:
        await self._runner.cleanup()

    def fail(self, status: int, times: int = 1, retry_after: str | None = None) -> None:
        self.failures += [(status, retry_after)] * times

    def take(self) -> list[Sent]:
        sent, self.sent = self.sent, []
        return sent

    async def _post(self, request: web.Request) -> web.Response:
        await asyncio.sleep(self.delay)
        if self.failures:
            status, wait = self.failures.pop(0)
            return web.json_response({"error": {"code": "Throttled", "message": "slow down"}}, status=status,
                                     headers={"Retry-After": wait} if wait else None)
        body = await request.read()
        self.authorizations.append(request.headers.get("Authorization"))
        self.sent.append(Sent(request.match_info["conversation"], request.match_info.get("reply_to"),
                              await request.json(), len(body)))
        return web.json_response({"id": f"sent-{next(self._ids)}"}, status=201)

    async def _update(self, request: web.Request) -> web.Response:
        body = await request.read()
        self.updated.append(Sent(request.match_info["conversation"], request.match_info["activity"],
                                 await request.json(), len(body)))
        return web.json_response({"id": request.match_info["activity"]})

    async def _create(self, request: web.Request) -> web.Response:
        await asyncio.sleep(self.delay)
        body = await request.json()
        self.created.append(body)
        return web.json_response({"id": f"a:dm-{body['members'][0]['id']}", "activityId": f"new-{next(self._ids)}"},
                                 status=201)

    async def _channels(self, request: web.Request) -> web.Response:
        self.channel_lists += 1
        channels = self.teams.get(request.match_info["team"])
        if channels is None:
            return web.json_response({"error": {"code": "NotFound", "message": "team not found"}}, status=404)
        return web.json_response({"conversations": channels})

    async def _member(self, request: web.Request) -> web.Response:
        member = self.members.get(request.match_info["member"])
        return web.json_response(member) if member else web.json_response({"error": {"code": "NotFound"}}, status=404)
