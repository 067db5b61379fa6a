"""A local Slack: the Web API Kodo calls, the Socket Mode WebSocket it connects to, and a signer.

Tests point ``SLACK_API_URL`` at ``FakeSlackApi.url`` and read back every call Kodo made (with the
token it carried), so they assert on what was posted instead of on internals. Nothing here talks
to slack.com. For distribution it is also Slack's side of OAuth: the consent page
(``/oauth/v2/authorize``, which sends the browser back with the code of the install a test
prepared with ``prepare``), ``oauth.v2.access`` (each code once, with the app's credentials) and
an ``auth.test`` that knows each installed token's workspace; and it takes the posts Bolt makes to
a command's ``response_url``.

    api = FakeSlackApi(users={"U_BOB": {}})
    await api.start()
    ...
    assert api.sent("chat.postMessage")[0]["channel"] == "C1"
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import itertools
import json
import time
from dataclasses import dataclass, field
from ssl import SSLContext
from urllib.parse import urlencode

from aiohttp import WSMsgType, web

from adapters.slack.manifest import SCOPES

BOT_USER = "UKODO"
RESPONSE = "response_url"  # the pseudo-method under which posts to a response_url are recorded
SIGNING_SECRET = "test-signing-secret"
TEAM = "T1"
CLIENT_ID, CLIENT_SECRET, APP_ID = "1111.2222", "test-client-secret", "A0KODO"


def conversation(channel: str, **fields) -> dict:
    """A conversation object as conversations.info returns it (docs.slack.dev, "Conversation
    object"): a public channel of the workspace unless ``fields`` say otherwise; ``D…`` ids are DMs."""
    if channel.startswith("D"):
        return {"id": channel, "created": 1449252889, "is_im": True, "is_org_shared": False,
                "user": "U_ALICE", "is_user_deleted": False, "priority": 0, "context_team_id": TEAM, **fields}
    return {"id": channel, "name": channel.lower(), "is_channel": True, "is_group": False, "is_im": False,
            "is_mpim": False, "is_private": False, "created": 1449252889, "is_archived": False, "is_general": False,
            "unlinked": 0, "name_normalized": channel.lower(), "is_shared": False, "is_frozen": False,
            "is_org_shared": False, "is_pending_ext_shared": False, "pending_shared": [], "context_team_id": TEAM,
            "updated": 1689965803820, "parent_conversation": None, "creator": "U_ALICE", "is_ext_shared": False,
            "shared_team_ids": [TEAM], "pending_connected_team_ids": [], "is_member": True, **fields}


# What a channel of each kind looks like to conversations.info, for tests of where words may go.
PRIVATE = {"is_private": True, "is_group": True}
GROUP_DM = {"is_channel": False, "is_group": True, "is_mpim": True, "is_private": True}
CONNECT = {"is_shared": True, "is_ext_shared": True, "shared_team_ids": [TEAM, "T_PARTNER"]}


@dataclass
class Call:
    method: str
    params: dict
    status: int
    at: float  # loop time the call arrived, for pacing checks
    token: str | None = None  # the token it carried (Authorization: Bearer, or a ``token`` parameter)


@dataclass(frozen=True)
class Install:
    """What the person approves on Slack's consent page: Kodo in a workspace, or (``org_wide``) in a
    whole Enterprise Grid organisation, and the bot token Slack then hands out."""

    token: str
    team: str | None
    enterprise: str | None = None
    org_wide: bool = False
    name: str = "Test workspace"
    installer: str = "U_INSTALLER"

    def access(self) -> dict:
        """``oauth.v2.access``'s answer (docs.slack.dev, "oauth.v2.access": workspace and org-wide)."""
        return {"ok": True, "access_token": self.token, "token_type": "bot", "scope": ",".join(SCOPES),
                "bot_user_id": BOT_USER, "app_id": APP_ID,
                "team": None if self.org_wide else {"id": self.team, "name": self.name},
                "enterprise": {"id": self.enterprise, "name": self.name} if self.enterprise else None,
                "authed_user": {"id": self.installer}, "is_enterprise_install": self.org_wide}

    def identity(self) -> dict:
        """``auth.test``'s answer for its token."""
        return {"ok": True, "user_id": BOT_USER, "bot_id": "BKODO", "user": "kodo", "team": self.name,
                "team_id": self.team, "enterprise_id": self.enterprise, "is_enterprise_install": self.org_wide,
                "url": f"https://{(self.team or self.enterprise or 'x').lower()}.slack.com/"}


@dataclass
class FakeSlackApi:
    users: dict[str, dict] = field(default_factory=dict)  # id -> users.info fields (is_bot, is_admin, locale...)
    rate_limited: dict[str, int] = field(default_factory=dict)  # method -> how many first calls get 429
    rate_limited_channels: dict[str, int] = field(default_factory=dict)  # channel -> how many posts get 429
    failing: dict[str, str] = field(default_factory=dict)  # method -> Slack error code to answer with
    # method -> a whole answer to give as it is (200): a shape Slack's docs do not promise, say
    answers: dict[str, dict] = field(default_factory=dict)
    delays: dict[str, float] = field(default_factory=dict)  # method -> seconds to wait before answering
    holds: dict[str, asyncio.Event] = field(default_factory=dict)  # method -> answer only once the event is set
    envelopes: list[dict] = field(default_factory=list)  # what the Socket Mode server sends after hello
    scopes: list[str] = field(default_factory=lambda: list(SCOPES))  # granted to the bot token
    emoji: dict[str, str] = field(default_factory=dict)  # custom emoji: name -> image URL or "alias:NAME"
    # conversations.info: channel -> fields over a public channel of the workspace (``conversation``).
    conversations: dict[str, dict] = field(default_factory=dict)
    # When given, the only channels that exist (id -> fields); any other is channel_not_found.
    channels: dict[str, dict] | None = None
    installs: dict[str, Install] = field(default_factory=dict)  # code -> what approving it installs
    revoked: set[str] = field(default_factory=set)  # tokens Slack no longer accepts
    team_name: str | None = None  # auth.test's "team": the workspace's name, when a test wants one

    def __post_init__(self) -> None:
        self.calls: list[Call] = []
        self.acks: list[dict] = []
        self.responses: list[dict] = []  # what was posted to response_urls
        self.approve: str | None = None  # the code the consent page hands out next
        self.redirect_url = ""  # where the consent page sends the browser back (the app's redirect URL)
        self._used: set[str] = set()
        self._ts = itertools.count(1)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.url = ""

    # ---- lifecycle ----------------------------------------------------------------------------

    async def start(self, ssl: SSLContext | None = None) -> str:
        """Serves on 127.0.0.1; with ``ssl``, over HTTPS (``tests.fakes.tls``)."""
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/hooks/{hook}", self._hook)
        app.router.add_get("/socket", self._socket)
        app.router.add_get("/oauth/v2/authorize", self._consent)
        app.router.add_post("/response/{id}", self._response)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0, ssl_context=ssl)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.port = port
        self.url = f"{'https' if ssl else 'http'}://{host}:{port}/api/"
        return self.url

    async def stop(self) -> None:
        for event in self.holds.values():
            event.set()
        if self._runner is not None:
            await self._runner.cleanup()

    # ---- what tests read ----------------------------------------------------------------------

    def sent(self, method: str) -> list[dict]:
        """Params of the calls to ``method`` that Slack accepted (200), in order."""
        return [c.params for c in self.calls if c.method == method and c.status == 200]

    def prepare(self, code: str, install: Install) -> None:
        """The consent page will hand out ``code``, which ``oauth.v2.access`` exchanges for ``install``."""
        self.installs[code], self.approve = install, code

    def tokens_used(self, *methods: str) -> set[str | None]:
        """The tokens Kodo's calls carried (to ``methods``, or to any method)."""
        return {c.token for c in self.calls if not methods or c.method in methods}

    def attempts(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def posted(self) -> list[dict]:
        """Every message that reached a person: channel posts, DMs and ephemerals (through the Web
        API or a response_url)."""
        return [c.params for c in self.calls if c.status == 200 and c.method in ("chat.postMessage",
                                                                                    "chat.postEphemeral", RESPONSE)]

    def hook(self, name: str = "1") -> str:
        """A ``response_url`` for a payload: what is posted there is recorded as a ``RESPONSE`` call."""
        return self.url.replace("/api/", f"/hooks/{name}")

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[dict]:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(self.sent(method)) >= count), timeout)
        return self.sent(method)

    async def wait_for_ack(self, envelope_id: str, timeout: float = 5.0) -> dict:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(
                lambda: any(a.get("envelope_id") == envelope_id for a in self.acks)), timeout)
        return next(a for a in self.acks if a.get("envelope_id") == envelope_id)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # ---- the Web API --------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params: dict = dict(request.query)
        if request.content_type == "application/json":
            params.update(await request.json())
        elif request.can_read_body:
            params.update(await request.post())
        if method in self.delays:
            await asyncio.sleep(self.delays[method])
        if method in self.holds:
            await self.holds[method].wait()
        bearer = request.headers.get("Authorization", "")
        token = bearer[7:] if bearer.startswith("Bearer ") else params.get("token")
        if token in self.revoked:
            status, body, headers = 200, {"ok": False, "error": "token_revoked"}, {}
        elif method == "oauth.v2.access":
            status, body, headers = self._access(bearer, params.get("code"))
        else:
            status, body, headers = self._answer(method, params, token)
        if status == 200 and body.get("error") not in ("invalid_auth", "token_revoked", "invalid_client_id"):
            # Slack names the token's scopes on every answer, and those a method accepts.
            headers = {**headers, "x-oauth-scopes": ",".join(self.scopes),
                       "x-accepted-oauth-scopes": ",".join(NEEDS.get(method, ()))}
        self.calls.append(Call(method, params, status, asyncio.get_running_loop().time(), token))
        await self._notify()
        return web.json_response(body, status=status, headers=headers)

    def _access(self, authorization: str, code: str | None) -> tuple[int, dict, dict]:
        """``oauth.v2.access``: the app's credentials (HTTP Basic), and a code handed out once."""
        expected = "Basic " + base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
        if authorization != expected:
            return 200, {"ok": False, "error": "invalid_client_id"}, {}
        if code not in self.installs or code in self._used:
            return 200, {"ok": False, "error": "invalid_code"}, {}
        self._used.add(code)
        return 200, self.installs[code].access(), {}

    def _identity(self, token: str | None) -> dict:
        """auth.test: an installed token's own workspace; any other token is the single workspace's."""
        for install in self.installs.values():
            if install.token == token:
                return install.identity()
        if self.installs:
            return {"ok": False, "error": "invalid_auth"}
        return {"ok": True, "user_id": BOT_USER, "bot_id": "BKODO", "team_id": TEAM, "user": "kodo",
                "url": "https://kodo-test.slack.com/", **({"team": self.team_name} if self.team_name else {})}

    async def _consent(self, request: web.Request) -> web.Response:
        """Slack's consent page, approved at once: back to the app with the prepared code and its state."""
        state = request.query.get("state", "")
        target = f"{self.redirect_url}?{urlencode({'code': self.approve or '', 'state': state})}"
        return web.Response(status=302, headers={"Location": target})

    async def _response(self, request: web.Request) -> web.Response:
        self.responses.append(await request.json())
        await self._notify()
        return web.json_response({"ok": True})

    def _answer(self, method: str, params: dict, token: str | None = None) -> tuple[int, dict, dict]:
        channel = params.get("channel", "")
        if self.rate_limited.get(method, 0) > 0 or self.rate_limited_channels.get(channel, 0) > 0:
            if self.rate_limited.get(method, 0) > 0:
                self.rate_limited[method] -= 1
            else:
                self.rate_limited_channels[channel] -= 1
            return 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "1"}
        if method in self.failing:
            return 200, {"ok": False, "error": self.failing[method]}, {}
        if method in self.answers:
            return 200, self.answers[method], {}
        ts = f"{int(time.time())}.{next(self._ts):06d}"
        needed = [scope for scope in NEEDS.get(method, ()) if scope in self.scopes]
        if NEEDS.get(method) and not needed:
            return 200, {"ok": False, "error": "missing_scope", "needed": ",".join(NEEDS[method]),
                         "provided": ",".join(self.scopes)}, {}
        match method:
            case "conversations.info":
                if self.channels is not None and channel not in self.channels:
                    return 200, {"ok": False, "error": "channel_not_found"}, {}
                fields = {**self.conversations.get(channel, {}), **(self.channels or {}).get(channel, {})}
                return 200, {"ok": True, "channel": conversation(channel, **fields)}, {}
            case "auth.test":
                return 200, self._identity(token), {}
            case "users.info":
                user = params.get("user")
                if user == BOT_USER:
                    return 200, {"ok": True, "user": {"id": user, "is_bot": True}}, {}
                if user not in self.users:
                    return 200, {"ok": False, "error": "user_not_found"}, {}
                return 200, {"ok": True, "user": {"id": user, "is_bot": False, **self.users[user]}}, {}
            case "users.list":  # a page of members at a time, ``limit`` each, as Slack pages them
                start, limit = int(params.get("cursor") or 0), int(params.get("limit") or 100)
                people = list(self.users.items())
                members = [{"id": user, "is_bot": False, "deleted": False, **facts}
                           for user, facts in people[start:start + limit]]
                more = str(start + limit) if start + limit < len(people) else ""
                return 200, {"ok": True, "members": members, "response_metadata": {"next_cursor": more}}, {}
            case "chat.postMessage":
                return 200, {"ok": True, "channel": params.get("channel"), "ts": ts}, {}
            case "chat.update":
                return 200, {"ok": True, "channel": params.get("channel"), "ts": params.get("ts")}, {}
            case "chat.postEphemeral":
                return 200, {"ok": True, "message_ts": ts}, {}
            case "views.open" | "views.publish":
                return 200, {"ok": True, "view": {"id": f"V{next(self._ts)}"}}, {}
            case "emoji.list":
                return 200, {"ok": True, "emoji": dict(self.emoji), "cache_ts": f"{int(time.time())}.000000"}, {}
            case "apps.connections.open":
                return 200, {"ok": True, "url": self.url.replace("http", "ws", 1).replace("/api/", "/socket")}, {}
        return 200, {"ok": False, "error": "unknown_method"}, {}

    async def _hook(self, request: web.Request) -> web.Response:
        """A ``response_url``: Slack answers ``ok`` as text and shows the message to the person."""
        params = {**await request.json(), "hook": request.match_info["hook"]}
        self.calls.append(Call(RESPONSE, params, 200, asyncio.get_running_loop().time()))
        await self._notify()
        return web.Response(text="ok")

    # ---- Socket Mode --------------------------------------------------------------------------

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1})
        for envelope in self.envelopes:
            await ws.send_json(envelope)
        async for msg in ws:
            if msg.type == WSMsgType.TEXT:
                self.acks.append(json.loads(msg.data))
                await self._notify()
        return ws


# Scopes a method accepts (any one of them), as Slack's method pages list them; missing_scope otherwise.
NEEDS = {"emoji.list": ("emoji:read",), "conversations.info": ("channels:read", "groups:read", "im:read", "mpim:read"),
         "chat.postMessage": ("chat:write",), "chat.update": ("chat:write",), "users.info": ("users:read",),
         "users.list": ("users:read",)}


# ---- signing: what Slack does to every HTTP request it sends --------------------------------

def sign(body: str, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def command_body(command: str, text: str, user: str, channel: str = "C1", trigger_id: str = "T.1", team: str = TEAM,
                 enterprise: str | None = None, org_wide: bool = False,
                 response_url: str = "https://hooks.slack.invalid/commands/1") -> str:
    """A slash command as Slack posts it; in an Enterprise Grid it names the organisation too."""
    grid = {"enterprise_id": enterprise, "is_enterprise_install": str(org_wide).lower()} if enterprise else {}
    return urlencode({
        "token": "legacy", "team_id": team, "channel_id": channel, "channel_name": "general", "user_id": user,
        "user_name": user.lower(), "command": command, "text": text, "trigger_id": trigger_id,
        "response_url": response_url, "api_app_id": "A1", **grid,
    })


def event_body(event: dict, event_id: str = "Ev1", team: str = TEAM, enterprise: str | None = None,
               org_wide: bool = False) -> str:
    """An Events API envelope. ``team`` is the workspace the event happened in; ``authorizations``
    names the installation it is delivered to (the organisation alone for an org-wide install)."""
    authorization = {"enterprise_id": enterprise, "team_id": None if org_wide else team, "user_id": BOT_USER,
                     "is_bot": True, "is_enterprise_install": org_wide}
    return json.dumps({
        "token": "legacy", "team_id": team, "enterprise_id": enterprise, "api_app_id": "A1",
        "type": "event_callback", "event_id": event_id, "event_time": int(time.time()), "event": event,
        "authorizations": [authorization],
    })


def reaction(kind: str, user: str, emoji: str, author: str | None, channel: str = "C1",
             ts: str = "1700000000.000100", event_ts: str = "1700000001.000200") -> dict:
    event = {"type": kind, "user": user, "reaction": emoji, "item": {"type": "message", "channel": channel, "ts": ts},
             "event_ts": event_ts}
    if author is not None:
        event["item_user"] = author
    return event


def block_actions(user: str, action_id: str, *, value: str | None = None, selected: str | None = None,
                  channel: str | None = "C1", ts: str | None = "1700000000.000100", ephemeral: bool = False,
                  response_url: str | None = None, view: str | None = None,
                  trigger_id: str = "13345224609.8534564800") -> dict:
    """A ``block_actions`` payload as Slack sends it for a button (``value``) or a static_select
    (``selected``) in a message (ephemeral or not) or, with ``view``, in App Home."""
    action = {"action_id": action_id, "block_id": "b1", "action_ts": "1700000002.000300"}
    if selected is not None:
        action |= {"type": "static_select", "selected_option": {
            "text": {"type": "plain_text", "text": selected, "emoji": True}, "value": selected}}
    else:
        action |= {"type": "button", "value": value, "text": {"type": "plain_text", "text": "x", "emoji": True}}
    if view:
        container = {"type": "view", "view_id": view}
    else:
        container = {"type": "message", "message_ts": ts, "channel_id": channel, "is_ephemeral": ephemeral}
    payload = {"type": "block_actions", "user": {"id": user, "username": user.lower(), "team_id": TEAM},
               "api_app_id": "A1", "token": "legacy", "container": container, "trigger_id": trigger_id,
               "team": {"id": TEAM, "domain": "kodo-test"}, "enterprise": None, "is_enterprise_install": False,
               "actions": [action], "state": {"values": {}}}
    if channel and not view:
        payload["channel"] = {"id": channel, "name": channel.lower()}
    if response_url:
        payload["response_url"] = response_url
    return payload


def interactive_body(payload: dict) -> str:
    return urlencode({"payload": json.dumps(payload)})
