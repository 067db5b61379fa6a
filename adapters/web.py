"""The one aiohttp application of ``kodo serve``: ``/healthz`` here; Slack and Teams mount their routes."""

from __future__ import annotations

import asyncio
import logging

from aiohttp import web

log = logging.getLogger(__name__)
HEALTH_TIMEOUT = 2.0

RUNTIME = web.AppKey("runtime", object)
PLATFORMS = web.AppKey("platforms", dict)


def create_app(runtime) -> web.Application:
    app = web.Application()
    app[RUNTIME] = runtime
    app[PLATFORMS] = {}
    app.router.add_get("/healthz", healthz)
    return app


async def healthz(request: web.Request) -> web.Response:
    """200 while the database answers, 503 otherwise. Names what is enabled, never a secret."""
    runtime = request.app[RUNTIME]
    body = {"status": "ok", "content": runtime.pack.id, "platforms": sorted(request.app[PLATFORMS])}
    try:
        await asyncio.wait_for(runtime.store.ping(), HEALTH_TIMEOUT)
        body["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means "not healthy", and says which kind
        log.warning("health check: database unavailable: %s", type(exc).__name__)
        return web.json_response({**body, "status": "unavailable", "database": type(exc).__name__}, status=503)
    return web.json_response(body)
