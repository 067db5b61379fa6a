"""Memory against many distinct Teams ``serviceUrl``s: what a flood of made-up service URLs costs.

    python -m bench.teams_service_urls                    # 5000 distinct service URLs
    python -m bench.teams_service_urls --urls 1000 --concurrency 8

Kodo keeps one connector client per service URL (each an msrest pipeline and an HTTP session). Teams
itself uses a handful, but without token checks (TEAMS_ALLOW_UNAUTHENTICATED=1, which this runs
with) anyone can name any, so the clients live in a bounded LRU (``adapters.teams.connector``). This
posts one "help" in a 1:1 chat per distinct service URL to the real ``kodo serve`` (SQLite), all
answered by one catch-all fake connector on 127.0.0.1, and reads the server's RSS from /proc before
and after. Issue 10 measured 140 MB growing to 384 MB for 5,000 URLs before the LRU.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
from pathlib import Path

import aiohttp
from aiohttp import web

from bench.common import table
from bench.serving import free_port, kodo_command, kodo_env, peak_rss_mb, rss_mb, started, tail, wait_healthy
from tests.teams.conftest import message


async def catch_all() -> tuple[web.AppRunner, str]:
    """A Bot Connector under every path: each service URL is this server plus a path of its own."""
    async def answer(_request: web.Request) -> web.Response:
        return web.json_response({"id": "sent"}, status=201)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", answer)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner, f"http://127.0.0.1:{port}/"


async def post_all(url: str, bodies: list[bytes], concurrency: int) -> dict[int, int]:
    statuses: dict[int, int] = {}
    queue = iter(bodies)
    async with aiohttp.ClientSession() as http:
        async def worker():
            for body in queue:
                async with http.post(url, data=body, headers={"Content-Type": "application/json"}) as resp:
                    statuses[resp.status] = statuses.get(resp.status, 0) + 1
        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return statuses


def bodies(base: str, count: int, offset: int = 0) -> list[bytes]:
    return [json.dumps(message(f"{base}region-{offset + i}/", "help", personal=True,
                               activity_id=f"act-{offset + i}")).encode() for i in range(count)]


async def main(args) -> None:
    runner, base = await catch_all()
    with tempfile.TemporaryDirectory() as tmp:
        port, log = free_port(), Path(tmp) / "kodo.log"
        env = kodo_env(port, Path(tmp) / "kodo.db", TEAMS_ALLOW_UNAUTHENTICATED="1")
        with started(kodo_command() + ["serve"], env=env, log=log) as server:
            await asyncio.to_thread(wait_healthy, server, port)
            url = f"http://127.0.0.1:{port}/api/messages"
            await post_all(url, bodies(base, 50, offset=10**6), args.concurrency)  # warm up: imports, caches
            before = rss_mb(server.pid)
            statuses = await post_all(url, bodies(base, args.urls), args.concurrency)
            after, peak = rss_mb(server.pid), peak_rss_mb(server.pid)
            if server.poll() is not None:
                raise SystemExit(f"kodo serve died:\n{tail(log)}")
    await runner.cleanup()
    print(table(["distinct serviceUrls", "answers", "RSS before (MB)", "RSS after (MB)", "peak (MB)"],
                [[args.urls, ", ".join(f"{n}×{s}" for s, n in sorted(statuses.items())), f"{before:.0f}",
                  f"{after:.0f}", f"{peak:.0f}"]]))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--urls", type=int, default=5000, help="distinct service URLs (default 5000)")
    parser.add_argument("--concurrency", type=int, default=16)
    asyncio.run(main(parser.parse_args()))
