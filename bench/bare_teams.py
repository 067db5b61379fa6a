"""The baseline: botbuilder's echo bot, served the way the botbuilder samples serve it.

    python -m bench.bare_teams PORT     # prints "ready" once it listens on 127.0.0.1:PORT

An ``ActivityHandler`` that echoes the text, ``CloudAdapter`` with
``ConfigurationBotFrameworkAuthentication`` and an empty app id (no token check, no outgoing
credentials), ``aiohttp_error_middleware``: the framework's own cost of one turn and one reply.
"""

from __future__ import annotations

import sys

from aiohttp import web
from botbuilder.core import ActivityHandler, MessageFactory, TurnContext
from botbuilder.core.integration import aiohttp_error_middleware
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication


class DefaultConfig:
    APP_ID = ""
    APP_PASSWORD = ""
    APP_TYPE = "MultiTenant"
    APP_TENANTID = ""


class EchoBot(ActivityHandler):
    async def on_message_activity(self, turn_context: TurnContext):
        await turn_context.send_activity(MessageFactory.text(turn_context.activity.text))


def build() -> web.Application:
    adapter = CloudAdapter(ConfigurationBotFrameworkAuthentication(DefaultConfig()))
    bot = EchoBot()

    async def messages(request: web.Request) -> web.Response:
        return await adapter.process(request, bot)

    app = web.Application(middlewares=[aiohttp_error_middleware])
    app.router.add_post("/api/messages", messages)
    return app


if __name__ == "__main__":
    web.run_app(build(), host="127.0.0.1", port=int(sys.argv[1]), access_log=None,
                print=lambda *_: print("ready", flush=True))
