"""The tests' fake Bot Connector as a process of its own, so the replies it receives don't cost the
server under test any CPU.

    python -m bench.fake_connector PORT     # prints "ready" once it listens on 127.0.0.1:PORT

Every line read on stdin asks for the replies received since the last one: it answers with one JSON
line, ``{"replies": n, "reply_to": [activity ids answered, ...], "empty": replies without text}``.
"""

from __future__ import annotations

import asyncio
import json
import sys

from aiohttp import web

from tests.fakes.bot_connector import FakeBotConnector


def report(connector: FakeBotConnector) -> str:
    sent = connector.take()
    empty = sum(1 for s in sent if not (s.activity.get("text") or s.activity.get("attachments")))
    return json.dumps({"replies": len(sent), "reply_to": [s.reply_to for s in sent], "empty": empty})


async def main(port: int) -> None:
    connector = await FakeBotConnector().start()
    await web.TCPSite(connector._runner, "127.0.0.1", port).start()  # a known port beside the ephemeral one
    print("ready", flush=True)
    loop = asyncio.get_running_loop()
    while await loop.run_in_executor(None, sys.stdin.readline):
        print(report(connector), flush=True)
    await connector.stop()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
