"""A small round-robin HTTP proxy on 127.0.0.1, as a load balancer in front of replicas would be.

    python -m bench.round_robin PORT BACKEND_PORT...    # prints "ready" once it listens

Each request goes, whole, to the next backend in turn (method, path, headers, body: a Slack
signature still matches), over kept-alive connections; the answer comes back as the backend gave it.
"""

from __future__ import annotations

import itertools
import sys

from aiohttp import ClientSession, TCPConnector, web

HOP_BY_HOP = {"host", "content-length", "connection", "keep-alive", "transfer-encoding", "upgrade"}


def build(backends: list[str]) -> web.Application:
    turn = itertools.cycle(backends)
    app = web.Application(client_max_size=4 * 1024 * 1024)

    async def open_session(app: web.Application):
        app["session"] = ClientSession(connector=TCPConnector(limit=0), auto_decompress=False)
        yield
        await app["session"].close()

    async def forward(request: web.Request) -> web.Response:
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        async with request.app["session"].request(request.method, next(turn) + request.path_qs, data=body,
                                                  headers=headers, allow_redirects=False) as answer:
            content = await answer.read()
            kept = {k: v for k, v in answer.headers.items() if k.lower() not in HOP_BY_HOP}
            return web.Response(status=answer.status, body=content, headers=kept)

    app.cleanup_ctx.append(open_session)
    app.router.add_route("*", "/{tail:.*}", forward)
    return app


if __name__ == "__main__":
    port, backends = int(sys.argv[1]), [f"http://127.0.0.1:{p}" for p in sys.argv[2:]]
    web.run_app(build(backends), host="127.0.0.1", port=port, access_log=None,
                print=lambda *_: print("ready", flush=True))
