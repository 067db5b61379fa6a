"""Microsoft Teams: ``POST /api/messages`` on the one aiohttp app, and a Messenger for the scheduler.

Mounted when MICROSOFT_APP_ID is set (every request's token checked) or, for emulators and tests
only, when TEAMS_ALLOW_UNAUTHENTICATED=1 (nothing checked; a warning says so at start). Otherwise
there is no route and Teams gets 404.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiohttp import web
from botbuilder.core import serializer_helper
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ActivityEventNames

from adapters.web import PLATFORMS
from bot.i18n import pick, t
from bot.replies import Paragraph, Reply
from storage.conversations import ConversationStore
from storage.people import PeopleStore

from .auth import Gate, Unauthorized, botframework_authentication
from .bot import KodoTeamsBot
from .connector import CachingAuthentication, ClientCache
from .messenger import Backoff, TeamsMessenger
from .render import NameBook, message

log = logging.getLogger(__name__)
ROUTE = "/api/messages"
PROACTIVE = (ActivityEventNames.continue_conversation, ActivityEventNames.create_conversation)


@dataclass
class Teams:
    """What ``app[PLATFORMS]["teams"]`` holds: the scheduler posts through ``messenger``."""

    messenger: TeamsMessenger
    bot: KodoTeamsBot
    adapter: CloudAdapter
    gate: Gate
    clients: ClientCache


async def mount(app: web.Application, rt, credentials=None) -> Teams | None:
    """``credentials`` replaces the factory of outgoing credentials (tests: no calls to Entra ID)."""
    settings = rt.settings
    if not settings.teams_enabled:  # botbuilder with no app id would accept anything: never by accident
        log.info("Teams is off: set MICROSOFT_APP_ID to enable it")
        return None
    if not settings.microsoft_app_id:
        log.warning("TEAMS_ALLOW_UNAUTHENTICATED=1: /api/messages accepts activities WITHOUT checking any token. "
                    "Use this only with a local emulator or in tests, never in production.")
    teams = build(rt, credentials)
    app.router.add_post(ROUTE, _handler(teams))
    app.on_cleanup.append(lambda _app: _close(teams))
    app[PLATFORMS]["teams"] = teams
    return teams


def build(rt, credentials=None) -> Teams:
    """Everything Teams needs, without a route: ``mount`` serves it, ``kodo tip --post`` posts with it."""
    settings = rt.settings
    clients = ClientCache()
    authentication = CachingAuthentication(botframework_authentication(settings, credentials), clients)
    adapter = CloudAdapter(authentication)
    names, backoff = NameBook(people=PeopleStore(rt.engine, "teams")), Backoff()
    conversations = ConversationStore(rt.engine)
    messenger = TeamsMessenger(adapter, conversations, names, settings.microsoft_app_id or "", backoff, rt.metrics)
    bot = KodoTeamsBot(rt.kodo, conversations, messenger, names, backoff, rt.metrics)
    teams = Teams(messenger, bot, adapter, Gate(authentication, required=bool(settings.microsoft_app_id)), clients)
    adapter.on_turn_error = _apology(rt.kodo, names)
    return teams


async def _close(teams: Teams) -> None:
    teams.gate.close()


def _handler(teams: Teams):
    async def messages(request: web.Request) -> web.Response:
        if "application/json" not in request.headers.get("Content-Type", ""):
            return web.Response(status=415)
        try:
            activity = Activity().deserialize(await request.json())
        except Exception:  # noqa: BLE001 - not JSON, or not an activity
            return web.Response(status=400)
        if not activity.type or not activity.service_url:
            return web.Response(status=400)
        try:
            authenticated = await teams.gate.check(activity, request.headers.get("Authorization"))
        except Unauthorized as exc:
            log.warning("teams: rejected a request to %s: %s", ROUTE, exc)
            return web.Response(status=401)
        response = await teams.adapter.process_activity(authenticated, activity, teams.bot.on_turn)
        if response:  # an invoke's answer; Teams handlers hand back plain dicts, msrest models need serialising
            body = serializer_helper(response.body) if hasattr(response.body, "serialize") else response.body
            return web.json_response(body, status=response.status)
        return web.Response(status=201)
    return messages


def _apology(kodo, names: NameBook):
    """A failure inside a turn is Kodo's, not the caller's: log it, say sorry, answer normally.
    A proactive turn has no one to apologise to: its caller (scheduler, direct message) gets the error."""
    async def on_error(turn, error: Exception) -> None:
        if turn.activity.name in PROACTIVE:
            raise error
        log.error("teams: turn failed", exc_info=(type(error), error, error.__traceback__))
        try:
            lang = pick(turn.activity.locale, kodo.settings.locale)
            await turn.send_activity(message(Reply.of(Paragraph(t("error.internal", lang))), names, lang))
        except Exception:  # noqa: BLE001 - the apology is best effort
            log.warning("teams: could not send the apology")
    return on_error
