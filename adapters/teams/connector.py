"""Connector clients reused per service URL.

botbuilder's CloudAdapter asks its authentication for a fresh ``ConnectorFactory`` on every turn
and that factory builds a fresh ``ConnectorClient`` (credentials, msrest pipeline, retry policy:
about 9 ms of CPU) every time. Teams sends every conversation of a tenant through one service URL,
so one client per (app id, service URL, audience) serves all turns; the old BotFrameworkAdapter
cached them the same way. The user-token client (OAuth sign-in, which Kodo never uses) is built
per turn too, at the same cost; one per app id is enough.

msrest would also retry every 5xx on its own (three times, POST included) underneath Kodo's
``Backoff``; the cached clients leave retrying to ``Backoff`` alone, so one policy decides.

msrest also writes every body with ``json.dumps`` defaults: each Japanese character as a six-byte
``\\uXXXX`` escape, which doubles a Japanese card on the wire and pushed the largest roundup past
what Teams accepts. ``Utf8Json`` sends the same JSON as UTF-8 (three bytes a character) instead.
"""

from __future__ import annotations

import asyncio
import json

from botbuilder.schema import Activity
from botframework.connector.aio import ConnectorClient
from botframework.connector.auth import (AuthenticateRequestResult, BotFrameworkAuthentication, ClaimsIdentity,
                                         ConnectorFactory, UserTokenClient)
from msrest.pipeline.async_abc import AsyncHTTPPolicy


class Utf8Json(AsyncHTTPPolicy):
    """Re-encodes a JSON request body as compact UTF-8, with a Content-Length in bytes."""

    async def send(self, request, **kwargs):
        http = request.http_request
        if isinstance(http.data, str) and http.headers.get("Content-Type", "").startswith("application/json"):
            http.data = json.dumps(json.loads(http.data), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            http.headers["Content-Length"] = str(len(http.data))
        return await self.next.send(request, **kwargs)


def send_utf8(client: ConnectorClient) -> None:
    """Put ``Utf8Json`` first in the client's msrest pipeline (built by msrest, with no hook for it)."""
    policies = client.config.pipeline._impl_policies
    policy = Utf8Json()
    policy.next = policies[0] if policies else client.config.pipeline._sender
    policies.insert(0, policy)

from bot.cache import Lru

SIZE = 256


class ClientCache:
    """At most ``size`` clients (each holds an HTTP session and an msrest pipeline, ~50 KB): Teams
    uses a handful of service URLs, so legitimate traffic never evicts one, while activities naming
    thousands of made-up ``serviceUrl``s (possible only without token checks) cost a bounded amount.
    An evicted client's session is closed."""

    def __init__(self, size: int | None = None):
        self._clients = Lru(size or SIZE, on_evict=self._close_later)
        self._closing: set[asyncio.Task] = set()
        self.created = 0  # how many clients were ever built: the throughput tests read it

    async def get(self, key: tuple, build: ConnectorFactory, service_url: str, audience: str | None):
        client = self._clients.get(key)
        if client is None:
            client = await build.create(service_url, audience)
            client.config.retry_policy.retries = 0
            send_utf8(client)
            self.created += 1
            built, client = client, self._clients.get(key)  # another turn may have built one meanwhile
            if client is None:
                self._clients.put(key, built)
                client = built
            else:
                self._close_later(built)
        return client

    def __len__(self) -> int:
        return len(self._clients)

    def _close_later(self, client: ConnectorClient) -> None:
        task = asyncio.ensure_future(client.__aexit__(None, None, None))  # closes its HTTP session
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def close(self) -> None:
        for client in self._clients.values():
            self._close_later(client)
        self._clients = Lru(self._clients.size, on_evict=self._close_later)
        await asyncio.gather(*self._closing, return_exceptions=True)


class _CachingFactory(ConnectorFactory):
    def __init__(self, inner: ConnectorFactory, app_id: str, default_audience: str, cache: ClientCache):
        self._inner, self._app_id, self._default, self._cache = inner, app_id, default_audience, cache

    async def create(self, service_url: str, audience: str = None) -> ConnectorClient:
        audience = audience or self._default  # what botbuilder's factory would use for None
        return await self._cache.get((self._app_id, service_url, audience), self._inner, service_url, audience)


def _app_id(identity: ClaimsIdentity | None) -> str:
    """Incoming turns carry the app id as ``aud``, proactive ones as ``aud`` and ``appid``; anonymous
    turns (TEAMS_ALLOW_UNAUTHENTICATED) have neither, like proactive turns without an app id."""
    claims = identity.claims if identity else {}
    return claims.get("aud") or claims.get("appid") or ""


class CachingAuthentication(BotFrameworkAuthentication):
    """Delegates everything to botbuilder's authentication, except that connector factories share
    one ``ClientCache``."""

    def __init__(self, inner: BotFrameworkAuthentication, cache: ClientCache):
        self._inner, self.clients = inner, cache
        self._token_clients: dict[str, UserTokenClient] = {}

    async def authenticate_request(self, activity: Activity, auth_header: str) -> AuthenticateRequestResult:
        result = await self._inner.authenticate_request(activity, auth_header)
        result.connector_factory = self._caching(result.connector_factory, result.claims_identity)
        return result

    async def authenticate_streaming_request(self, auth_header: str, channel_id_header: str):
        return await self._inner.authenticate_streaming_request(auth_header, channel_id_header)

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        return self._caching(self._inner.create_connector_factory(claims_identity), claims_identity)

    def _caching(self, factory: ConnectorFactory, identity: ClaimsIdentity) -> ConnectorFactory:
        return _CachingFactory(factory, _app_id(identity), self._inner.get_originating_audience(), self.clients)

    async def create_user_token_client(self, claims_identity: ClaimsIdentity) -> UserTokenClient:
        app_id = _app_id(claims_identity)
        if app_id not in self._token_clients:
            self._token_clients[app_id] = await self._inner.create_user_token_client(claims_identity)
        return self._token_clients[app_id]

    def create_bot_framework_client(self):
        return self._inner.create_bot_framework_client()

    def get_originating_audience(self) -> str:
        return self._inner.get_originating_audience()

    async def authenticate_channel_request(self, auth_header: str) -> ClaimsIdentity:
        return await self._inner.authenticate_channel_request(auth_header)
