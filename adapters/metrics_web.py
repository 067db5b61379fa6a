"""``GET /metrics`` on ``kodo serve``, and the middleware that counts every request the app answers.

Requests are counted by the route's template (``/slack/events``, or ``unmatched`` for any path no
route answers), never the path itself, so a scanner trying ten thousand paths adds one series, not
ten thousand, and no id in a path becomes a label. With ``KODO_METRICS_PORT`` the page is served on
that port only (bound to ``HOST``) and the main app answers 404 for it, so the page can stay inside
the cluster while the main port faces Slack and Teams.
"""

from __future__ import annotations

import asyncio
from time import perf_counter

from aiohttp import web

from adapters.logs import ServerLog
from adapters.metrics import Metrics

PATH = "/metrics"
UNMATCHED = "unmatched"
METRICS = web.AppKey("metrics", Metrics)


def install(app: web.Application, metrics: Metrics, host: str, port: int | None, page: bool = True) -> None:
    """Count ``app``'s requests, and offer the page on ``app`` or, with ``port``, on a server of its
    own that starts and stops with ``app``; without ``page``, nowhere (``kodo dashboard``)."""
    app[METRICS] = metrics
    app.middlewares.append(_counting(metrics))
    if not page:
        return
    if port is None:
        app.router.add_get(PATH, _page(metrics))
        return
    alone = web.Application(handler_args={"logger": ServerLog()})
    alone.router.add_get(PATH, _page(metrics))
    runner = web.AppRunner(alone, access_log=None)

    async def start(_app: web.Application) -> None:
        from adapters.web import listen

        await runner.setup()
        await listen(runner, host, port, "set KODO_METRICS_PORT to a free port, or leave it unset to serve "
                                         "/metrics on the main port")

    async def stop(_app: web.Application) -> None:
        await runner.cleanup()

    app.on_startup.append(start)
    app.on_cleanup.append(stop)


def _counting(metrics: Metrics):
    @web.middleware
    async def middleware(request: web.Request, handler):
        began, status = perf_counter(), 500
        try:
            response = await handler(request)
            status = response.status
            return response
        except web.HTTPException as exc:
            status = exc.status
            raise
        except asyncio.CancelledError:
            status = 499  # the caller went away: not an error of Kodo's
            raise
        finally:
            resource = request.match_info.route.resource
            metrics.answered(resource.canonical if resource is not None else UNMATCHED, status,
                             perf_counter() - began)
    return middleware


def _page(metrics: Metrics):
    async def page(_request: web.Request) -> web.Response:
        body, content_type = metrics.page()
        return web.Response(body=body, headers={"Content-Type": content_type})
    return page
