"""The tests' fake Slack Web API as a process of its own, so benchmarks don't share its CPU.

    python -m bench.fake_slack PORT     # prints "ready" once it listens
"""

from __future__ import annotations

import asyncio
import sys

from aiohttp import web

from tests.fakes.slack_api import FakeSlackApi


async def main(port: int) -> None:
    api = FakeSlackApi(users={f"U{n}": {"locale": "ja-JP"} for n in range(1000)} | {"U_BOB": {}})
    await api.start()
    # FakeSlackApi listens on an ephemeral port; put a fixed-port proxy-free listener in front of it.
    runner = api._runner
    await web.TCPSite(runner, "127.0.0.1", port).start()
    print("ready", flush=True)
    while True:
        await asyncio.sleep(3600)
        api.calls.clear()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
