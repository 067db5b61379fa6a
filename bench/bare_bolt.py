"""The baseline: a bare Bolt ``AsyncApp`` that only acknowledges, served by aiohttp.

    python -m bench.bare_bolt PORT SLACK_API_URL
"""

from __future__ import annotations

import re
import sys

from aiohttp import web
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from tests.fakes.slack_api import SIGNING_SECRET


def build(api_url: str) -> AsyncApp:
    app = AsyncApp(signing_secret=SIGNING_SECRET, client=AsyncWebClient(token="xoxb-bench", base_url=api_url))

    async def ack_only(ack) -> None:
        await ack()

    async def nothing() -> None:
        return None

    for command in ("/principle", "/kudos", "/kodo"):
        app.command(command)(ack_only)
    app.event("reaction_added")(nothing)
    app.block_action(re.compile(".+"))(ack_only)
    return app


if __name__ == "__main__":
    port, api_url = int(sys.argv[1]), sys.argv[2]
    web.run_app(build(api_url).web_app(path="/slack/events"), host="127.0.0.1", port=port, access_log=None,
                print=lambda *_: print("ready", flush=True))
