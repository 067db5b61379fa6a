"""Connector clients reused per service URL.

botbuilder's CloudAdapter asks its authentication for a fresh ``ConnectorFactory`` on every turn
and that factory builds a fresh ``ConnectorClient`` (credentials, msrest pipeline, retry policy:
about 9 ms of CPU) every time. Teams sends every conversation of a tenant through one service URL,
so one client per (app id, service URL, audience) serves all turns; the old BotFrameworkAdapter
cached them the same way. The user-token client (OAuth sign-in, which Kodo never uses) is built
per turn too, at the same cost; one per app id is enough.

msrest would also retry every 5xx on its own (three times, POST included) underneath Kodo's
``Backoff``; the cached clients' transport never retries, so ``Backoff`` alone decides.

msrest also writes every body with ``json.dumps`` defaults: each Japanese character as a six-byte
``\\uXXXX`` escape, which doubles a Japanese card on the wire and pushed the largest roundup past
what Teams accepts. The transport sends the same JSON as UTF-8 (three bytes a character) instead.

msrest sends through ``requests`` on a worker thread (a thread hop and a ``requests`` session per
reply: about half of a turn's CPU), and botbuilder's credentials fetch Entra ID's token with
blocking ``requests`` on the event loop. The cached clients send through ``Transport`` instead: one
aiohttp session for every client (``adapters.network.quiet_session``: ``HTTPS_PROXY``, ``NO_PROXY`` and
the CA bundle as for every other call, the proxy looked up once per host), with the Authorization header from ``Tokens``, which asks the
client's own credentials for it off the event loop and renews it in the background.
"""

from __future__ import annotations

import asyncio
import json
import math
import time
from types import SimpleNamespace

from aiohttp import ClientSession, ClientTimeout
from botbuilder.schema import Activity
from botframework.connector.aio import ConnectorClient
from botframework.connector.auth import (AuthenticateRequestResult, BotFrameworkAuthentication, ClaimsIdentity,
                                         ConnectorFactory, UserTokenClient)
from msrest.pipeline import AsyncPipeline, Response
from msrest.pipeline.async_abc import AsyncHTTPSender
from msrest.pipeline.universal import RawDeserializer
from msrest.universal_http.async_abc import AsyncClientResponse
from multidict import CIMultiDict

from adapters import network
from bot.cache import Lru

from .serializer import QuickSerializer

SIZE = 256


class Tokens:
    """The Authorization header a client's credentials give, asked for off the event loop (msal and
    the managed identity endpoint answer through blocking ``requests``). A header is used for at most
    ``KEEP`` seconds after it was fetched, and renewed in the background after ``RENEW``: msal hands
    out a token with at least five minutes of life left, renewing it itself when less is left, so a
    header kept four minutes is never stale. Credentials without an app id give no header."""

    RENEW, KEEP = 120.0, 240.0

    def __init__(self, credentials, clock=time.monotonic):
        self.credentials, self.clock = credentials, clock
        self._header: str | None = None
        self._fetched = -math.inf
        self._fetching: asyncio.Future | None = None

    async def header(self) -> str | None:
        age = self.clock() - self._fetched
        if age < self.RENEW:
            return self._header
        if age < self.KEEP:  # still good: renew it while it is used
            self._fetch()
            return self._header
        return await asyncio.shield(self._fetch())

    async def renew(self) -> str | None:
        """After a 401: whatever the credentials give now."""
        self._fetched = -math.inf
        return await asyncio.shield(self._fetch())

    def _fetch(self) -> asyncio.Future:
        if self._fetching is None:  # one request for the token at a time, whoever waits for it
            self._fetching = asyncio.ensure_future(self._ask())
            self._fetching.add_done_callback(self._fetched_one)
        return self._fetching

    async def _ask(self) -> str | None:
        started = self.clock()
        header = await asyncio.to_thread(self._signed)
        self._header, self._fetched = header, started
        return header

    def _fetched_one(self, future: asyncio.Future) -> None:
        self._fetching = None
        if not future.cancelled():
            future.exception()  # a failed renewal is raised to whoever awaited it, or dropped

    def _signed(self) -> str | None:
        signed = _Signed()
        self.credentials.signed_session(signed)  # the msrest interface every credentials class has
        return signed.headers.get("Authorization")


class _Signed:
    """What ``signed_session`` writes the header into, in place of a ``requests.Session``."""

    def __init__(self):
        self.headers: dict[str, str] = {}


class _Answer(AsyncClientResponse):
    """An aiohttp answer, read whole, as msrest's deserialisers and exceptions read responses. An
    error's ``response`` is its ``internal_response``: the status and headers ``Backoff`` reads."""

    def __init__(self, request, status: int, reason: str | None, headers, body: bytes):
        headers = CIMultiDict(headers)
        super().__init__(request, SimpleNamespace(status_code=status, reason=reason, headers=headers))
        self.status_code, self.reason, self.headers, self._body = status, reason, headers, body

    def body(self) -> bytes:
        return self._body

    def raise_for_status(self) -> None:
        if self.status_code >= 400:
            raise ConnectionError(f"the Bot Connector answered {self.status_code} {self.reason or ''}".rstrip())

    def stream_download(self, chunk_size=None, callback=None):
        raise NotImplementedError("the Bot Connector's answers are read whole")


class Transport(AsyncHTTPSender):
    """The end of a cached client's msrest pipeline: the request on the shared aiohttp session, its
    JSON body as compact UTF-8, its token from ``Tokens``; after a 401, once more with a renewed one
    (as msrest's credentials policy does)."""

    def __init__(self, session: ClientSession, tokens: Tokens, timeout: float):
        self.session, self.tokens, self.timeout = session, tokens, ClientTimeout(total=timeout)
        self._proxies = network.Proxies()  # per scheme and host: the proxy, and the headers for it

    async def __aexit__(self, *exc_details):  # the session is shared: ``ClientCache`` closes it
        return None

    async def send(self, request, **config) -> Response:
        http = request.http_request
        headers, data = dict(http.headers), http.data
        if isinstance(data, str) and headers.get("Content-Type", "").startswith("application/json"):
            data = json.dumps(json.loads(data), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            headers["Content-Length"] = str(len(data))
        authorization = await self.tokens.header()
        answer = await self._send(http, headers, data, authorization)
        if answer.status_code == 401 and authorization:
            answer = await self._send(http, headers, data, await self.tokens.renew())
        return Response(request, answer)

    async def _send(self, http, headers: dict, data, authorization: str | None) -> _Answer:
        if authorization:
            headers["Authorization"] = authorization
        else:
            headers.pop("Authorization", None)
        proxy, proxy_headers = self._proxies(http.url)
        async with self.session.request(http.method, http.url, headers=headers, data=data, timeout=self.timeout,
                                        proxy=proxy, proxy_headers=proxy_headers) as response:
            body = await response.read()
        return _Answer(http, response.status, response.reason, response.headers, body)


def send_through(client: ConnectorClient, session: ClientSession) -> None:
    """Replace the client's msrest pipeline (``requests`` on a worker thread) by one ending in
    ``Transport``; msrest still builds the requests (their bodies written by ``QuickSerializer``)
    and reads the answers."""
    config = client.config
    client._serialize = client.conversations._serialize = QuickSerializer(client._serialize.dependencies)
    policies = [config.user_agent_policy, RawDeserializer(), config.http_logger_policy]
    tokens = Tokens(config.credentials)
    config.pipeline = AsyncPipeline(policies, Transport(session, tokens, config.connection.timeout))


class ClientCache:
    """At most ``size`` clients (each holds an HTTP session and an msrest pipeline, ~50 KB): Teams
    uses a handful of service URLs, so legitimate traffic never evicts one, while activities naming
    thousands of made-up ``serviceUrl``s (possible only without token checks) cost a bounded amount.
    An evicted client's session is closed."""

    def __init__(self, size: int | None = None):
        self._clients = Lru(size or SIZE, on_evict=self._close_later)
        self._closing: set[asyncio.Task] = set()
        self._session: ClientSession | None = None  # every client's, made on the first call
        self.created = 0  # how many clients were ever built: the throughput tests read it

    async def get(self, key: tuple, build: ConnectorFactory, service_url: str, audience: str | None):
        client = self._clients.get(key)
        if client is None:
            client = await build.create(service_url, audience)
            if self._session is None or self._session.closed:
                self._session = network.quiet_session()
            send_through(client, self._session)
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
        if self._session is not None:
            await self._session.close()


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
