"""A local Microsoft Entra ID token endpoint (``POST /{tenant}/oauth2/v2.0/token``), answering the
client-credentials grant as Entra does: a bearer token for a known app id and secret, ``invalid_client``
(401, AADSTS7000215) for a wrong secret, ``unauthorized_client`` (400, AADSTS700016) for an unknown app.
Tests point ``MICROSOFT_LOGIN_URL`` at ``url``; nothing here talks to Microsoft. It also answers the
OpenID Connect discovery msal makes first, so botbuilder's own token request can reach it."""

from __future__ import annotations

from ssl import SSLContext

from aiohttp import web

TRACE = "\r\nTrace ID: 00000000-0000-0000-0000-000000000000\r\nCorrelation ID: 00000000-0000-0000-0000-000000000000"


class FakeEntra:
    def __init__(self, apps: dict[str, str]):
        self.apps = apps  # app id -> client secret
        self.requests: list[tuple[str, dict]] = []  # (tenant, form) of every token request
        self.url = ""
        self._runner: web.AppRunner | None = None

    async def start(self, ssl: SSLContext | None = None) -> "FakeEntra":
        """Serves on 127.0.0.1; with ``ssl``, over HTTPS (``tests.fakes.tls``)."""
        app = web.Application()
        app.router.add_post("/{tenant}/oauth2/v2.0/token", self._token)
        app.router.add_get("/{tenant}/v2.0/.well-known/openid-configuration", self._discovery)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0, ssl_context=ssl)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.port = port
        self.url = f"{'https' if ssl else 'http'}://{host}:{port}/"
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _discovery(self, request: web.Request) -> web.Response:
        """What msal asks first (OpenID Connect discovery), naming this server as the caller knows it."""
        self.requests.append((request.match_info["tenant"], {}))
        here = f"{request.scheme}://{request.host}/{request.match_info['tenant']}"
        return web.json_response({"authorization_endpoint": f"{here}/oauth2/v2.0/authorize",
                                  "token_endpoint": f"{here}/oauth2/v2.0/token", "issuer": f"{here}/v2.0"})

    async def _token(self, request: web.Request) -> web.Response:
        form = dict(await request.post())
        self.requests.append((request.match_info["tenant"], form))
        client = form.get("client_id", "")
        if form.get("grant_type") != "client_credentials" or not form.get("scope", "").endswith("/.default"):
            return web.json_response({"error": "invalid_request", "error_description": "AADSTS900144" + TRACE},
                                     status=400)
        if client not in self.apps:
            return web.json_response({"error": "unauthorized_client", "error_codes": [700016], "error_description":
                                      f"AADSTS700016: Application with identifier '{client}' was not found in the "
                                      f"directory '{request.match_info['tenant']}'." + TRACE}, status=400)
        if form.get("client_secret") != self.apps[client]:
            return web.json_response({"error": "invalid_client", "error_codes": [7000215], "error_description":
                                      "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent "
                                      "in the request is the client secret value, not the client secret ID, for a "
                                      f"secret added to app '{client}'." + TRACE}, status=401)
        return web.json_response({"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599,
                                  "access_token": "eyJ0eXAiOiJKV1QifQ.e30.fake"})
