"""The one aiohttp application of ``kodo serve``: ``/`` and ``/healthz`` here; Slack, Teams and the dashboard
mount their routes."""

from __future__ import annotations

import asyncio
import errno
import gc
import logging
from typing import Awaitable, Callable

from aiohttp import web

from adapters.home import home
from adapters.metrics_web import install as install_metrics
from adapters.logs import ServerLog, request_ids

log = logging.getLogger(__name__)
HEALTH_TIMEOUT = 1.5  # /healthz answers within 2 s, whatever the database does
# Slack gives up on a request after 3 s; Kodo answers every chat request within this, database or not.
ANSWER_WITHIN = 2.0


class Late(TimeoutError):
    """Kodo stopped waiting (for the database, usually; a slow platform API looks the same)."""


def why_not(error: BaseException) -> str:
    """For the one log line about a request Kodo could not serve: what it knows, without a traceback."""
    return str(error) if isinstance(error, Late) else f"the database is unavailable ({type(error).__name__})"


async def within(work: Awaitable, seconds: float):
    """``work``'s result, or ``TimeoutError`` after ``seconds``, without waiting for ``work`` to wind down:
    a query cancelled on a dead connection may take its driver seconds more (asyncpg opens a second
    connection to cancel it), and the person is answered now. The cancelled work ends in the background."""
    loop = asyncio.get_running_loop()
    task = asyncio.ensure_future(work)
    woken = loop.create_future()  # by the work's end or the deadline, whichever comes first
    task.add_done_callback(lambda _: woken.done() or woken.set_result(None))
    deadline = loop.call_later(seconds, lambda: woken.done() or woken.set_result(None))
    try:  # the same as asyncio.wait(timeout=...), without its sets, callbacks and cleanup per request
        await woken
    finally:
        deadline.cancel()
    if not task.done():
        task.cancel()
        task.add_done_callback(lambda t: t.cancelled() or t.exception())  # retrieved: no "never retrieved"
        raise Late(f"no answer within {seconds:g} s")
    return task.result()

class PortInUse(OSError):
    """Another program listens on ``host:port``: the message names them and the setting that moves Kodo."""

    def __init__(self, host: str, port: int, fix: str):
        super().__init__(errno.EADDRINUSE, f"port {port} on {host} is already in use: {fix}")


async def listen(runner: web.AppRunner, host: str, port: int, fix: str) -> None:
    """Start serving ``runner`` on ``host:port``; a taken port is ``PortInUse`` naming ``fix``."""
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise PortInUse(host, port, fix) from None
        raise


RUNTIME = web.AppKey("runtime", object)
PLATFORMS = web.AppKey("platforms", dict)


def create_app(runtime, metrics_page: bool = True) -> web.Application:
    """``metrics_page``: ``GET /metrics`` here or on ``KODO_METRICS_PORT`` (``kodo serve``), or nowhere."""
    app = web.Application(middlewares=[request_ids], handler_args={"logger": ServerLog()})
    app[RUNTIME] = runtime
    app[PLATFORMS] = {}
    app.router.add_get("/", home)
    app.router.add_get("/healthz", healthz)
    install_metrics(app, runtime.metrics, runtime.settings.host, runtime.settings.metrics_port, page=metrics_page)
    return app


async def healthz(request: web.Request) -> web.Response:
    """200 while the database answers, 503 otherwise. Names what is enabled, never a secret."""
    runtime = request.app[RUNTIME]
    body = {"status": "ok", "content": runtime.pack.id, "platforms": sorted(request.app[PLATFORMS])}
    try:
        await within(runtime.stores.ping(), HEALTH_TIMEOUT)
        body["database"] = "ok"
    except Exception as exc:  # noqa: BLE001 - any failure means "not healthy", and says which kind
        log.warning("health check: database unavailable: %s", type(exc).__name__)
        return web.json_response({**body, "status": "unavailable", "database": type(exc).__name__}, status=503)
    return web.json_response(body)


async def run_until_stopped(app: web.Application, host: str, port: int, fix: str,
                            listening: Callable[[], None] = lambda: None) -> None:
    """Serve ``app`` until SIGTERM or SIGINT, then shut down cleanly (replies in flight, scheduler).
    ``fix``: how to choose another port when this one is taken; ``listening``: called once it answers."""
    import signal

    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    gc.freeze()  # everything built so far lives as long as the process: keep full collections off it
    try:
        await listen(runner, host, port, fix)
        listening()
        runtime = app[RUNTIME]
        log.info("listening on %s:%s (content %s, platforms: %s)", host, port, runtime.pack.id,
                 ", ".join(sorted(app[PLATFORMS])) or "none")
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()
    finally:
        await runner.cleanup()
