"""Who may post to ``/api/messages``.

botbuilder validates the Bot Framework JWT (issuer, audience = our app id, expiry, signing key from
the OpenID metadata, the ``serviceurl`` claim, the channel's endorsement of the key), but reports
some forgeries as 500 (an unknown key id is an ``IndexError``, a missing header an
``AttributeError``) and fetches the metadata with blocking ``requests``. So the check runs on an
event loop of its own thread, where a slow metadata server stalls only other token checks, and
every failure of it becomes ``Unauthorized``.
"""

from __future__ import annotations

import asyncio
import threading
from types import SimpleNamespace

from botbuilder.integration.aiohttp import ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity, CallerIdConstants
from botframework.connector.auth import (AuthenticateRequestResult, AuthenticationConstants,
                                         BotFrameworkAuthentication, ServiceClientCredentialsFactory)

from bot.config import ConfigError

APP_TYPES = {name.lower(): name for name in ("MultiTenant", "SingleTenant", "UserAssignedMSI")}
CHECK_TIMEOUT = 20.0  # seconds; the metadata fetch has no timeout of its own


class Unauthorized(Exception):
    """The request did not prove it comes from the Bot Framework; the message is safe to log."""


def botframework_authentication(settings, credentials: ServiceClientCredentialsFactory | None = None
                                ) -> BotFrameworkAuthentication:
    """Public-cloud settings, spelled out so MICROSOFT_OPENID_METADATA_URL can replace the one that
    names the signing keys (sovereign clouds, tests)."""
    app_type = _app_type(settings)
    c = AuthenticationConstants
    config = SimpleNamespace(
        APP_ID=settings.microsoft_app_id or "",
        APP_PASSWORD=settings.microsoft_app_password or "",
        APP_TYPE=app_type,
        APP_TENANTID=settings.microsoft_app_tenant_id,
        TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL=(settings.microsoft_openid_metadata_url
                                                 or c.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL),
        TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL=c.TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL,
        TO_BOT_FROM_CHANNEL_TOKEN_ISSUER=c.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER,
        TO_CHANNEL_FROM_BOT_LOGIN_URL=c.TO_CHANNEL_FROM_BOT_LOGIN_URL_PREFIX,
        TO_CHANNEL_FROM_BOT_OAUTH_SCOPE=c.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE,
        OAUTH_URL=c.OAUTH_URL,
        CALLER_ID=CallerIdConstants.public_azure_channel,
        VALIDATE_AUTHORITY=True,
    )
    return ConfigurationBotFrameworkAuthentication(config, credentials_factory=credentials)


def _app_type(settings) -> str:
    """botbuilder reports a half-configured app as a bare ``Exception`` at start, or not at all until
    the first reply fails; Kodo names the missing variable instead."""
    app_type = APP_TYPES.get((settings.microsoft_app_type or "MultiTenant").lower())
    if app_type is None:
        raise ConfigError(f"MICROSOFT_APP_TYPE must be one of {', '.join(APP_TYPES.values())}, "
                          f"not {settings.microsoft_app_type!r}")
    if not settings.microsoft_app_id:
        return app_type
    if app_type != "UserAssignedMSI" and not settings.microsoft_app_password:
        raise ConfigError("MICROSOFT_APP_PASSWORD is missing: Teams needs the app's client secret to reply")
    if app_type != "MultiTenant" and not settings.microsoft_app_tenant_id:
        raise ConfigError(f"MICROSOFT_APP_TENANT_ID is missing: MICROSOFT_APP_TYPE={app_type} needs it")
    return app_type


class Gate:
    """Checks each request's token off the server's event loop. With ``required=False``
    (TEAMS_ALLOW_UNAUTHENTICATED=1) every request passes as anonymous, whatever header it carries,
    on the server's loop: with no token to check, botbuilder fetches nothing."""

    def __init__(self, authentication: BotFrameworkAuthentication, required: bool, timeout: float = CHECK_TIMEOUT):
        self.authentication, self.required, self.timeout = authentication, required, timeout
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="kodo-teams-auth", daemon=True)
        self._thread.start()

    async def check(self, activity: Activity, header: str | None) -> AuthenticateRequestResult:
        if self.required and not header:
            raise Unauthorized("no Authorization header")
        if not self.required:  # nothing is fetched or verified: no need to leave the server's loop
            return await self.authentication.authenticate_request(activity, None)
        step = self.authentication.authenticate_request(activity, header)
        future = asyncio.run_coroutine_threadsafe(step, self._loop)
        try:
            result = await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except asyncio.TimeoutError:
            raise Unauthorized(f"token check took longer than {self.timeout:.0f}s (OpenID metadata unreachable?)") \
                from None
        except Exception as exc:  # noqa: BLE001 - whatever botbuilder raises here means "not proven"
            raise Unauthorized(f"{type(exc).__name__}: {exc}"[:200]) from None
        claims = result.claims_identity.claims if result.claims_identity else {}
        if self.required and not isinstance(claims.get("exp"), (int, float)):
            raise Unauthorized("the token has no expiry (exp)")  # PyJWT checks exp only when present
        return result

    def close(self) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=2)
        if not self._thread.is_alive():  # still inside a metadata fetch: the daemon thread dies with us
            self._loop.close()
