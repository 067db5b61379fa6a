"""Slack distribution: Bolt's OAuth flow on ``kodo serve``, and what an install or uninstall changes.

``GET /slack/install`` sends the person straight to Slack's consent page (Slack shows it in their
language) with a one-use ``state`` (kept in the database, so any replica may receive the redirect)
and the same value in a cookie; ``GET /slack/oauth_redirect`` is Bolt's callback, which checks both,
exchanges the code (``oauth.v2.access``) and saves the installation through the sealed
installation store. The pages the person sees at the end are Kodo's own, Japanese first.

An install is written to the audit log. ``app_uninstalled`` and a ``tokens_revoked`` that takes
Kodo's bot token delete the installation's tokens (Bolt's own revocation listeners), end its
channels' subscriptions (Slack has taken Kodo out of them) and are audited; its kudos stay until an
admin runs ``kodo workspace remove``.
"""

from __future__ import annotations

import logging
from html import escape

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.listener.async_builtins import AsyncTokenRevocationListeners
from slack_bolt.oauth.async_callback_options import AsyncCallbackOptions, AsyncFailureArgs, AsyncSuccessArgs
from slack_bolt.oauth.async_oauth_flow import AsyncOAuthFlow
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.response import BoltResponse

from adapters.slack import payloads
from adapters.slack.manifest import INSTALL_PATH, REDIRECT_PATH, SCOPES
from adapters.web import why_not
from bot.i18n import t
from bot.ports import AuditEntry
from storage.installations import TooManyStates, state_store
from storage.workspaces import stop_posts

log = logging.getLogger(__name__)
EXPIRED = ("invalid_browser", "invalid_state")  # Bolt's reasons for a state that is not this browser's, or used


def oauth_settings(settings, store, engine, installs: "Installs") -> AsyncOAuthSettings:
    """Bolt's OAuth settings: Kodo's scopes, its database for installations and states, its pages.
    The consent page is on the same host as the Web API (``SLACK_API_URL``: GovSlack, tests)."""
    authorize_url = settings.slack_api_url.removesuffix("/").removesuffix("/api") + "/oauth/v2/authorize"
    return AsyncOAuthSettings(
        client_id=settings.slack_client_id, client_secret=settings.slack_client_secret, scopes=list(SCOPES),
        user_scopes=[], install_path=INSTALL_PATH, redirect_uri_path=REDIRECT_PATH,
        install_page_rendering_enabled=False, authorization_url=authorize_url,
        installation_store=store, installation_store_bot_only=True, state_store=state_store(engine),
        callback_options=AsyncCallbackOptions(success=installs.succeeded, failure=installs.failed), logger=log)


class Installs:
    def __init__(self, store, engine, workspaces, audit):
        """``store``: the installation store; ``audit``: the Kodo store's ``record``."""
        self.store, self.engine, self.workspaces, self.audit = store, engine, workspaces, audit
        self.revocations = AsyncTokenRevocationListeners(store)
        self.flow: AsyncOAuthFlow | None = None  # set once Bolt has built it (``mount``)

    def mount(self, app: web.Application, flow: AsyncOAuthFlow) -> None:
        self.flow = flow
        app.router.add_get(INSTALL_PATH, self.install)
        app.router.add_get(REDIRECT_PATH, self.redirect)

    # ---- the two routes ------------------------------------------------------------------------

    async def install(self, request: web.Request) -> web.Response:
        return await self._run(request, self.flow.handle_installation)

    async def redirect(self, request: web.Request) -> web.Response:
        return await self._run(request, self.flow.handle_callback)

    async def _run(self, request: web.Request, step) -> web.Response:
        """Bolt's step, answered as a page; a database that cannot be reached is a 503 page, never a traceback."""
        try:
            return await to_aiohttp_response(await step(await to_bolt_request(request)))
        except TooManyStates as exc:
            log.warning("slack: install link refused for now: %s", exc)
            return await to_aiohttp_response(_page(503, "slack.install.failed.title", "slack.install.busy",
                                                   again=False))
        except Exception as exc:  # noqa: BLE001 - the state or the installation could not be stored or read
            log.warning("slack: install step %s not completed: %s", request.path, why_not(exc))
            return await to_aiohttp_response(_page(503, "slack.install.failed.title", "slack.install.failed"))

    # ---- Bolt's callbacks ----------------------------------------------------------------------

    async def succeeded(self, args: AsyncSuccessArgs) -> BoltResponse:
        i = args.installation
        name = (i.enterprise_name if i.is_enterprise_install else i.team_name) or i.team_id or i.enterprise_id
        await self.audit("slack", i.user_id or "slack", "install", target=_target(i.enterprise_id, i.team_id,
                         i.is_enterprise_install), workspace=i.team_id,
                         detail={"organisation": i.enterprise_id, "org_wide": bool(i.is_enterprise_install)})
        log.info("slack: installed in %s", _target(i.enterprise_id, i.team_id, i.is_enterprise_install))
        response = _page(200, "slack.install.done.title", "slack.install.done", "slack.install.next", name=name,
                         again=False)
        response.headers["Set-Cookie"] = [args.settings.state_utils.build_set_cookie_for_deletion()]
        return response

    async def failed(self, args: AsyncFailureArgs) -> BoltResponse:
        log.warning("slack: an installation did not complete (%s)", args.reason)
        why = ("slack.install.cancelled" if args.reason == "access_denied"
               else "slack.install.expired" if args.reason in EXPIRED else "slack.install.failed")
        return _page(args.suggested_status_code, "slack.install.failed.title", why)

    # ---- uninstalls ----------------------------------------------------------------------------

    async def uninstalled(self, context) -> None:
        await self.revocations.handle_app_uninstalled_events(context)
        await self._gone(context, "uninstall")

    async def tokens_revoked(self, event: dict, context) -> None:
        revoked = payloads.read(payloads.TokensRevoked, event, "tokens_revoked event")
        if revoked is None:
            return
        await self.revocations.handle_tokens_revoked_events(revoked.model_dump(), context)
        if revoked.tokens.bot:
            await self._gone(context, "tokens_revoked")

    async def _gone(self, context, action: str) -> None:
        """Kodo can no longer act in the installation: this process forgets its token, its channels
        stop receiving posts, and the audit log says so."""
        enterprise, team, org_wide = context.enterprise_id, context.team_id, bool(context.is_enterprise_install)
        self.workspaces.forget(enterprise, team, org_wide)
        target = _target(enterprise, team, org_wide)
        ended = await stop_posts(self.engine, enterprise, team, org_wide, AuditEntry(
            "slack", "slack", action, target, {"organisation": enterprise, "org_wide": org_wide}, team))
        log.info("slack: %s in %s: its tokens are deleted and %d subscriptions ended", action, target, ended)

    def not_installed(self) -> str:
        """What a person in a workspace without Kodo reads (Bolt cannot know their language: both)."""
        return "\n".join(t("slack.not_installed", lang) for lang in ("ja", "en"))


def _target(enterprise: str | None, team: str | None, org_wide: bool) -> str:
    return (enterprise if org_wide else team) or enterprise or "?"


def _page(status: int, title: str, *lines: str, again: bool = True, **values) -> BoltResponse:
    """A small page in Japanese, then English; nothing loaded from anywhere."""
    sections = []
    for lang in ("ja", "en"):
        words = {k: escape(str(v)) for k, v in values.items()}
        body = "".join(f"<p>{t(key, lang, **words)}</p>" for key in lines)
        if again:
            link = f'<a href="{INSTALL_PATH}">{t("slack.install.link", lang)}</a>'
            body += f"<p>{t('slack.install.again', lang, link=link)}</p>"
        sections.append(f'<section lang="{lang}"><h1>{t(title, lang)}</h1>{body}</section>')
    html = ('<!doctype html><html lang="ja"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{t(title, 'ja')} / {t(title, 'en')}</title>"
            "<style>body{font-family:sans-serif;max-width:40em;margin:3em auto;padding:0 1em;line-height:1.7}"
            "section+section{border-top:1px solid #ccc;margin-top:2em}</style></head>"
            f"<body>{''.join(sections)}</body></html>")
    return BoltResponse(status=status, body=html, headers={
        "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer",
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"})
