"""Socket Mode: Slack's events over a WebSocket Kodo opens, for workspaces with no public URL.

The socket lives as long as the aiohttp app (opened on startup, closed on cleanup), so
``kodo serve`` still answers ``/healthz`` and runs the scheduler beside it. Bolt acks each envelope
only after the listener has run, as over HTTP.
"""

from __future__ import annotations

from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient


class SocketMode:
    def __init__(self, bolt: AsyncApp, app_token: str, client: AsyncWebClient):
        self.handler = AsyncSocketModeHandler(bolt, app_token, web_client=client)
        # The WebSocket goes the way the Web API goes (``adapters.slack.client.web_client``: the proxy
        # NO_PROXY allows for Slack's host): slack_sdk would dial through HTTPS_PROXY whatever NO_PROXY says.
        self.handler.client.proxy = client.proxy

    async def start(self, _app: web.Application) -> None:
        await self.handler.connect_async()

    async def stop(self, _app: web.Application) -> None:
        await self.handler.close_async()
