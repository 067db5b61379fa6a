"""Microsoft Teams: ``POST /api/messages`` on the one aiohttp app, and a Messenger for the scheduler.

Mounted when MICROSOFT_APP_ID is set (every request's token checked) or, for emulators and tests
only, when TEAMS_ALLOW_UNAUTHENTICATED=1 (nothing checked; a warning says so at start). Otherwise
there is no route and Teams gets 404.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from http import HTTPStatus

from aiohttp import web
from botbuilder.core import InvokeResponse, serializer_helper
from botbuilder.core.bot_adapter import BotAdapter
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ActivityEventNames, ActivityTypes
from botbuilder.schema.teams import MessagingExtensionActionResponse, TaskModuleMessageResponse

from adapters import network
from adapters.web import ANSWER_WITHIN, PLATFORMS, why_not, within
from bot.i18n import pick, register, t
from bot.replies import Paragraph, Reply
from storage.conversations import ConversationStore
from storage.people import PeopleStore
from storage.db import unavailable

from .auth import Gate, Unauthorized, botframework_authentication
from .bot import CARD_ACTION, NOTE_ANSWER, KodoTeamsBot
from .inbound import Invalid, check
from .messages import MESSAGES
from .connector import CachingAuthentication, ClientCache
from .messenger import Backoff, TeamsMessenger, connector_failed, describe
from .render import NameBook, message

register("adapters.teams", MESSAGES)  # Teams' own sentences join the catalogue
log = logging.getLogger(__name__)
ROUTE = "/api/messages"
INVOKE_RESPONSE_KEY = BotAdapter._INVOKE_RESPONSE_KEY
PROACTIVE = (ActivityEventNames.continue_conversation, ActivityEventNames.create_conversation)


@dataclass
class Teams:
    """What ``app[PLATFORMS]["teams"]`` holds: the scheduler posts through ``messenger``."""

    messenger: TeamsMessenger
    bot: KodoTeamsBot
    adapter: CloudAdapter
    gate: Gate
    clients: ClientCache

    def place_name(self, column: str, value: str) -> str | None:
        """For the dashboard's filters: a standard channel's name, when Teams listed it."""
        return self.bot.channels.place_name(column, value)


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
    network.share_ca_bundle()  # botbuilder's clients use requests, which reads only REQUESTS_CA_BUNDLE
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
    await teams.bot.welcomes.close()
    teams.gate.close()
    await teams.clients.close()


def _handler(teams: Teams):
    async def messages(request: web.Request) -> web.Response:
        if teams.gate.required and not request.headers.get("Authorization"):
            log.warning("teams: rejected a request to %s: no Authorization header", ROUTE)
            return web.Response(status=401)
        if "application/json" not in request.headers.get("Content-Type", ""):
            return web.Response(status=415)
        try:
            data = json.loads(await request.read())
            check(data)
            activity = Activity().deserialize(data)
        except (ValueError, RecursionError, Invalid) as exc:
            log.warning("teams: refused a request to %s: %s", ROUTE, exc if isinstance(exc, Invalid) else "not JSON")
            return web.Response(status=400)
        except Exception as exc:  # noqa: BLE001 - msrest found a type it could not read
            log.warning("teams: refused a request to %s: not an activity (%s)", ROUTE, type(exc).__name__)
            return web.Response(status=400)
        try:
            authenticated = await teams.gate.check(activity, request.headers.get("Authorization"))
        except Unauthorized as exc:
            log.warning("teams: rejected a request to %s: %s", ROUTE, exc)
            return web.Response(status=401)
        response = await teams.adapter.process_activity(authenticated, activity, _bounded(teams.bot.on_turn))
        if response and response.status == HTTPStatus.NOT_IMPLEMENTED:  # an invoke Kodo has no handler for
            log.warning("teams: ignored an invoke Kodo does not handle")
            return web.Response(status=404)
        if response:  # an invoke's answer; Teams handlers hand back plain dicts, msrest models need serialising
            body = serializer_helper(response.body) if hasattr(response.body, "serialize") else response.body
            return web.json_response(body, status=response.status)
        return web.Response(status=201)
    return messages


def _bounded(on_turn):
    """A turn that waits for the database longer than ``ANSWER_WITHIN`` ends as an apology (below)."""
    async def turn(context):
        await within(on_turn(context), ANSWER_WITHIN)
    return turn


def _apology(kodo, names: NameBook):
    """A failure inside a turn is Kodo's, not the caller's: log it, say sorry, answer normally. When
    the database is unreachable the person is asked to try again in a moment, and the log gets one
    line. A proactive turn has no one to apologise to: its caller (scheduler, direct message) gets
    the error."""
    async def on_error(turn, error: Exception) -> None:
        if turn.activity.name in PROACTIVE:
            raise error
        refused = connector_failed(error)
        down = not refused and unavailable(error)
        if refused:
            log.warning("teams: %s not answered: the Bot Connector failed (%s)", turn.activity.type, describe(error))
        elif down:
            log.warning("teams: %s not handled: %s", turn.activity.type, why_not(error))
        else:
            log.error("teams: turn failed", exc_info=(type(error), error, error.__traceback__))
        lang = pick(turn.activity.locale, kodo.settings.locale)
        text = t("error.unavailable" if down else "error.internal", lang)
        if turn.activity.type == ActivityTypes.invoke:  # the answer rides in the invoke's response
            body = {"statusCode": 200, "type": NOTE_ANSWER, "value": text} if turn.activity.name == CARD_ACTION \
                else MessagingExtensionActionResponse(task=TaskModuleMessageResponse(value=text))
            turn.turn_state[INVOKE_RESPONSE_KEY] = Activity(type=ActivityTypes.invoke_response,
                                                            value=InvokeResponse(status=200, body=body))
            return
        if refused:
            return  # the apology would go the same way
        try:
            await turn.send_activity(message(Reply.of(Paragraph(text)), names, lang))
        except Exception as exc:  # noqa: BLE001 - the apology is best effort
            log.warning("teams: could not send the apology (%s)", describe(exc))
    return on_error
