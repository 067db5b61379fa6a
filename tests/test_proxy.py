"""Behind a city's proxy: with ``HTTPS_PROXY`` naming a local CONNECT proxy and the CA that signs the
fakes' certificate named by ``SSL_CERT_FILE`` or by ``REQUESTS_CA_BUNDLE`` alone, every kind of call
Kodo makes reaches Slack's and Microsoft's real host names through the proxy, over TLS: the Slack Web
API (the adapter's client), the OpenID metadata and keys behind a Teams token check, Entra ID's token
and the Bot Connector behind a Teams reply, and ``kodo doctor``'s Slack and Teams checks. With
``NO_PROXY`` naming a host, calls to it go straight there.

The proxy routes those names to the local fakes only, and name lookups other than 127.0.0.1 fail in
these tests, so a call that went around the proxy fails here instead of reaching the internet.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass, replace

import pytest
from aiohttp.test_utils import TestClient, TestServer
from botframework.connector.auth import JwtTokenExtractor

from bot.config import Settings
from bot.replies import Paragraph, Reply
from bot.wiring import runtime
from content.loader import load
from tests.fakes.background import BackgroundLoop
from tests.fakes.bot_connector import FakeBotConnector
from tests.fakes.entra import FakeEntra
from tests.fakes.openid import OpenIdServer, new_key
from tests.fakes.proxy import ConnectProxy
from tests.fakes.slack_api import RESPONSE, FakeSlackApi
from tests.fakes.tls import authority
from tests.teams.conftest import APP_ID, message

PASSWORD = "teams-secret-behind-the-proxy"
ENTRA_TOKEN = "Bearer eyJ0eXAiOiJKV1QifQ.e30.fake"  # what FakeEntra issues
EMOJI = {f"kodo{n}": f"https://emoji.slack-edge.com/T1/kodo{n}/0.png" for n in range(1, 11)}
PUBLIC = {"slack.com:443", "login.botframework.com:443", "login.microsoftonline.com:443", "smba.trafficmanager.net:443"}
ENVIRONMENT = ("HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR",
               "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass
class Network:
    proxy: ConnectProxy
    slack: FakeSlackApi
    entra: FakeEntra
    connector: FakeBotConnector
    openid: OpenIdServer
    lookups: list[str]  # names looked up other than loopback: each would have been a call around the proxy
    settings: Settings
    ca_file: str

    def trust(self, monkeypatch, variable: str) -> None:
        """Name the test's CA in ``variable`` (``SSL_CERT_FILE`` or ``REQUESTS_CA_BUNDLE``) alone."""
        monkeypatch.setenv(variable, self.ca_file)

    def direct(self) -> Settings:
        """Settings naming every fake by 127.0.0.1 (for NO_PROXY); msal's Entra ID stays by name."""
        return replace(self.settings, slack_api_url=self.slack.url, microsoft_login_url=self.entra.url,
                       microsoft_openid_metadata_url=self.openid.url)


@pytest.fixture
async def background():
    """botbuilder fetches its Entra ID token with blocking requests on the event loop: the proxy and
    the token endpoint answer from a loop of their own."""
    with BackgroundLoop() as loop:
        yield loop


@pytest.fixture
async def network(tmp_path, monkeypatch, background):
    ca = authority(tmp_path)
    tls = ca.server_context()
    slack = FakeSlackApi(users={"U_BOB": {}}, emoji=dict(EMOJI))
    await slack.start(tls)
    entra = await background.run(FakeEntra({APP_ID: PASSWORD}).start(tls))
    connector = await FakeBotConnector().start(tls)
    openid = OpenIdServer(new_key(), ssl=tls).__enter__()
    proxy = await background.run(ConnectProxy({"slack.com:443": ("127.0.0.1", slack.port),
                                               "hooks.slack.com:443": ("127.0.0.1", slack.port),
                                               "login.microsoftonline.com:443": ("127.0.0.1", entra.port),
                                               "login.botframework.com:443": ("127.0.0.1", openid.port),
                                               "smba.trafficmanager.net:443": ("127.0.0.1", connector.port)}).start())
    for name in ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.setenv("HTTPS_PROXY", proxy.url)
    lookups: list[str] = []
    resolve = socket.getaddrinfo

    def offline(host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in LOOPBACK:
            lookups.append(name)
            raise socket.gaierror(socket.EAI_NONAME, f"this test is offline: {name}")
        return resolve(host, *args, **kwargs)
    monkeypatch.setattr(socket, "getaddrinfo", offline)
    JwtTokenExtractor.metadataCache.clear()
    settings = Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/kodo.db", slack_bot_token="xoxb-proxy",
                        slack_signing_secret="proxy-signing-secret", microsoft_app_id=APP_ID,
                        microsoft_app_password=PASSWORD)
    try:
        yield Network(proxy, slack, entra, connector, openid, lookups, settings, str(ca.ca_file))
    finally:
        JwtTokenExtractor.metadataCache.clear()
        await background.run(proxy.stop())
        openid.__exit__(None, None, None)
        await connector.stop()
        await background.run(entra.stop())
        await slack.stop()


BUNDLES = pytest.mark.parametrize("bundle", ["SSL_CERT_FILE", "REQUESTS_CA_BUNDLE"])


async def post_to_slack(settings: Settings) -> None:
    """A post as the scheduler makes it, through the Slack adapter as ``kodo serve`` mounts it."""
    from adapters.slack import mount
    from adapters.web import create_app

    async with runtime(settings) as rt:
        app = create_app(rt)
        platform = await mount(app, rt)
        try:
            await platform.messenger.post("C1", Reply.of(Paragraph("Today's principle")), "en")
        finally:
            await app.cleanup()


async def teams_turn(network: Network, settings: Settings, service_url: str) -> int:
    """An activity with a real token into ``/api/messages``; Kodo's reply needs a token of its own."""
    from adapters.teams import mount
    from adapters.web import create_app

    async with runtime(settings) as rt:
        app = create_app(rt)
        await mount(app, rt)  # with the app's real credentials: botbuilder asks Entra ID itself
        async with TestClient(TestServer(app, host="127.0.0.1")) as client:
            activity = message(service_url, "help", personal=True)
            token = network.openid.token(APP_ID, service_url)
            response = await client.post("/api/messages", json=activity, headers={"Authorization": f"Bearer {token}"})
            return response.status


async def doctor(settings: Settings) -> list[str]:
    from adapters.slack.doctor import slack_checks
    from adapters.teams.doctor import teams_checks

    checks = await slack_checks(settings, load("tokyo"), ["C1"]) + await teams_checks(settings)
    return [check.line() for check in checks]


@BUNDLES
async def test_the_slack_web_api_is_called_through_the_proxy(network, monkeypatch, bundle):
    network.trust(monkeypatch, bundle)
    await post_to_slack(network.settings)
    assert [p["channel"] for p in network.slack.sent("chat.postMessage")] == ["C1"]
    assert set(network.proxy.tunnels) == {"slack.com:443"} and network.lookups == []


async def test_an_answer_through_a_response_url_goes_through_the_proxy(network, monkeypatch):
    """A press's private answer is a POST to its ``response_url`` on Slack's hooks host: the adapter's
    session reads no environment itself, so the proxy is named for that host too."""
    from adapters.slack import mount
    from adapters.web import create_app

    network.trust(monkeypatch, "SSL_CERT_FILE")
    async with runtime(network.settings) as rt:
        app = create_app(rt)
        platform = await mount(app, rt)
        try:
            await platform.delivery.respond(platform.workspaces.client, "https://hooks.slack.com/hooks/T1",
                                            Reply.of(Paragraph("Thanks for answering")))
        finally:
            await app.cleanup()
    assert [r["hook"] for r in network.slack.sent(RESPONSE)] == ["T1"]
    assert set(network.proxy.tunnels) == {"hooks.slack.com:443"} and network.lookups == []


@BUNDLES
async def test_a_teams_token_check_and_reply_go_through_the_proxy(network, monkeypatch, bundle):
    network.trust(monkeypatch, bundle)
    assert await teams_turn(network, network.settings, "https://smba.trafficmanager.net/") == 201
    assert network.openid.fetches >= 2  # the metadata and its keys, fetched through the tunnel
    assert [s.conversation for s in network.connector.sent] == ["a:personal-29:alice"]
    assert network.connector.authorizations == [ENTRA_TOKEN]  # botbuilder's own token request got through
    assert set(network.proxy.tunnels) == {"login.botframework.com:443", "login.microsoftonline.com:443",
                                          "smba.trafficmanager.net:443"} and network.lookups == []


@BUNDLES
async def test_kodo_doctor_asks_slack_and_entra_id_through_the_proxy(network, monkeypatch, bundle):
    network.trust(monkeypatch, bundle)
    lines = await doctor(network.settings)
    assert all(line.startswith("ok") for line in lines), lines
    assert set(network.proxy.tunnels) == {"slack.com:443", "login.microsoftonline.com:443"}
    assert network.lookups == []


async def test_hosts_named_in_no_proxy_are_called_directly(network, monkeypatch):
    network.trust(monkeypatch, "SSL_CERT_FILE")
    monkeypatch.setenv("NO_PROXY", "localhost,127.0.0.1")
    settings = network.direct()
    await post_to_slack(settings)
    assert await teams_turn(network, settings, network.connector.url) == 201
    lines = await doctor(settings)
    assert all(line.startswith("ok") for line in lines), lines
    assert network.slack.sent("chat.postMessage") and network.connector.sent and network.openid.fetches >= 2
    assert len([tenant for tenant, form in network.entra.requests if form]) == 2  # doctor's and botbuilder's
    # Only botbuilder's Entra ID, which has no setting of its own, is still asked by name: through the proxy.
    assert set(network.proxy.tunnels) == {"login.microsoftonline.com:443"} and network.lookups == []


async def test_without_the_bundle_the_fakes_are_strangers(network):
    """The check that makes the others mean something: the fakes' certificate is trusted only through
    the bundle, so a call that ignored it would fail."""
    lines = await doctor(network.settings)
    assert [line.split(":")[0] for line in lines] == ["fail slack", "fail teams token"], lines
