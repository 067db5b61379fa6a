"""``kodo doctor``'s Teams check: do MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD obtain a token?

It asks Microsoft Entra ID for one exactly as botbuilder's ``MicrosoftAppCredentials`` does before
every reply (the OAuth client-credentials grant, scope ``https://api.botframework.com/.default``, the
``botframework.com`` tenant for a multi-tenant app, the app's own for a single-tenant one), so a wrong
secret shows up here instead of at the first reply. ``MICROSOFT_LOGIN_URL`` points the question
elsewhere (tests). The token itself is thrown away.
"""

from __future__ import annotations

import asyncio

from aiohttp import ClientError, ClientTimeout
from botframework.connector.auth import AuthenticationConstants

from adapters import network
from adapters.teams.auth import _app_type
from bot.config import ConfigError
from bot.doctor import Check, fail, ok, warn

TIMEOUT = ClientTimeout(total=15)


async def teams_checks(settings) -> list[Check]:
    if not settings.microsoft_app_id:
        return [warn("teams", "TEAMS_ALLOW_UNAUTHENTICATED=1: /api/messages checks no token; never in production")]
    try:
        app_type = _app_type(settings)
    except ConfigError as exc:
        return [fail("teams", str(exc))]
    if app_type == "UserAssignedMSI":
        return [warn("teams token", "a managed identity gets its token only inside Azure: not checked here")]
    tenant = settings.microsoft_app_tenant_id if app_type == "SingleTenant" else \
        AuthenticationConstants.DEFAULT_CHANNEL_AUTH_TENANT
    url = f"{settings.microsoft_login_url}{tenant}/oauth2/v2.0/token"
    form = {"grant_type": "client_credentials", "client_id": settings.microsoft_app_id,
            "client_secret": settings.microsoft_app_password or "",
            "scope": f"{AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE}/.default"}
    try:
        async with network.session(timeout=TIMEOUT) as session, session.post(url, data=form) as response:
            body = await response.json(content_type=None)
    except (ClientError, asyncio.TimeoutError, ValueError) as exc:
        return [fail("teams token", f"cannot ask {settings.microsoft_login_url} for a token ({type(exc).__name__})")]
    if isinstance(body, dict) and body.get("access_token"):
        return [ok("teams token", f"Entra ID issued a token to app {settings.microsoft_app_id} ({app_type})")]
    error = body.get("error", "error") if isinstance(body, dict) else "error"
    described = (body.get("error_description") or "").splitlines()[0][:200] if isinstance(body, dict) else ""
    return [fail("teams token", f"Entra ID refused MICROSOFT_APP_ID / MICROSOFT_APP_PASSWORD: {error}"
                                + (f" ({described})" if described else ""))]
